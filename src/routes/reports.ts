// Hotline reports: POST /v1/reports records one, GET /v1/reports/:id reopens it whole, DELETE removes it.
// A report may carry a victim's personal data (note, amount lost, reporter): only GET by id returns it, the POST
// answer echoes what was reported about (the target), never who or what they lost.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotFoundError } from '../errors.js';
import { actorOf } from '../serve/auth.js';
import { MAX_URL_LENGTH } from '../scan/url-policy.js';
import { INDICATOR_KINDS, REPORT_KINDS, type Casework } from '../store/casework.js';

declare module 'fastify' {
  interface FastifyInstance {
    casework: Casework;
  }
}

const MAX_NOTE = 4_000;
/** A trillion won: more is a typo, and bigint keeps the column safe either way. */
const MAX_AMOUNT = 1_000_000_000_000;

const indicator = z
  .object({
    kind: z.enum(INDICATOR_KINDS, { error: `target.indicator.kind must be one of ${INDICATOR_KINDS.join(', ')}` }),
    value: z.string({ error: 'target.indicator.value is required and must be a string' }).trim().min(1, 'target.indicator.value must not be empty').max(300),
  })
  .strict();

const target = z
  .object({
    url: z.string({ error: 'target.url must be a string' }).trim().min(1, 'target.url must not be empty').max(MAX_URL_LENGTH).optional(),
    domain: z.string({ error: 'target.domain must be a string' }).trim().min(1, 'target.domain must not be empty').max(253).optional(),
    indicator: indicator.optional(),
  }, { error: 'target is required: an object with one of url, domain or indicator' })
  .strict()
  .refine((t) => [t.url, t.domain, t.indicator].filter((x) => x !== undefined).length === 1, {
    message: 'target must name exactly one of url, domain or indicator ({kind, value})',
  });

const reportRequest = z
  .object({
    target,
    kind: z.enum(REPORT_KINDS, { error: `kind is required and must be one of ${REPORT_KINDS.join(', ')}` }),
    channel: z
      .string({ error: 'channel must be a string' })
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9][a-z0-9._-]{0,39}$/, 'channel must be a short word such as "hotline", "web" or "extension"')
      .nullish(),
    note: z.string({ error: 'note must be a string' }).max(MAX_NOTE, `note must be at most ${MAX_NOTE} characters`).nullish(),
    amountLost: z
      .number({ error: 'amountLost must be a number of won' })
      .int('amountLost must be a whole number of won')
      .min(0, 'amountLost must be 0 or more')
      .max(MAX_AMOUNT, `amountLost must be at most ${MAX_AMOUNT}`)
      .nullish(),
    reporter: z.string({ error: 'reporter must be a string' }).max(200, 'reporter must be at most 200 characters').nullish(),
  })
  .strict();

const reportTarget = z.union([
  z.object({ url: z.string() }),
  z.object({ domain: z.string() }),
  z.object({ indicator: z.object({ kind: z.enum(INDICATOR_KINDS), value: z.string() }) }),
]);

/** What a POST answers: the serializer strips anything else, so personal fields cannot slip into it. */
const reportSummary = z.object({
  id: z.string(),
  target: reportTarget,
  domain: z.string().nullable(),
  kind: z.enum(REPORT_KINDS),
  channel: z.string().nullable(),
  createdAt: z.string(),
});

const reportFull = reportSummary.extend({
  note: z.string().nullable(),
  amountLost: z.number().nullable(),
  reporter: z.string().nullable(),
});

const idParams = z.object({ id: z.string().uuid('id must be a report id (a UUID)') });

const deleteRequest = z
  .object({
    by: z.string({ error: 'by must be a string' }).trim().min(1, 'by must not be empty').max(200).optional(),
    reason: z.string({ error: 'reason must be a string' }).trim().max(2_000).optional(),
  })
  .strict()
  .nullish();

export const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/v1/reports', { config: { scope: 'report' }, schema: { body: reportRequest, response: { 201: reportSummary } } }, async (request, reply) => {
    const b = request.body;
    const t = b.target;
    const report = await app.casework.addReport({
      target: t.url !== undefined ? { url: t.url } : t.domain !== undefined ? { domain: t.domain } : { indicator: t.indicator! },
      kind: b.kind,
      channel: b.channel ?? null,
      note: b.note ?? null,
      amountLost: b.amountLost ?? null,
      reporter: b.reporter ?? null,
      actor: actorOf(request.caller, null) ?? 'api',
    });
    return reply.status(201).header('location', `/v1/reports/${report.id}`).send(report);
  });

  app.get('/v1/reports/:id', { config: { scope: 'report' }, schema: { params: idParams, response: { 200: reportFull } } }, async (request, reply) => {
    const report = await app.casework.getReport(request.params.id);
    if (!report) throw new NotFoundError(`no report with id ${request.params.id}`);
    // Personal data: no shared cache keeps a copy.
    void reply.header('cache-control', 'no-store');
    return report;
  });

  // Erasing a victim's data is an administrator's act. With a key the audit names its owner; on an open local
  // install `by` is the caller's word, optional so that a plain DELETE works (the entry then says "api").
  app.delete('/v1/reports/:id', { config: { scope: 'admin' }, schema: { params: idParams, body: deleteRequest } }, async (request, reply) => {
    await app.casework.deleteReport(request.params.id, actorOf(request.caller, request.body?.by) ?? 'api', request.body?.reason ?? null);
    return reply.status(204).send();
  });
};
