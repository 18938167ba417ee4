// An analyst's word on a domain: a verdict (scam or legitimate), appeals that set one rule aside for the domain,
// their withdrawal, and the audit trail of all of it. With an API key the audit names the key's owner (and `by`,
// when given, as the person acting under it); on an open local install `by` is required and is all there is.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BadInputError } from '../errors.js';
import { auditTrail, domainSuppression, domainVerdict, withdrawnSuppression, withdrawnVerdict } from '../http/schemas.js';
import { actorOf } from '../serve/auth.js';
import type { Caller } from '../serve/keys.js';
import { registrableDomain, type Casework } from '../store/casework.js';

declare module 'fastify' {
  interface FastifyInstance {
    casework: Casework;
  }
}

const by = z
  .string({ error: 'by is required: the analyst\'s name' })
  .trim()
  .min(1, 'by must not be empty')
  .max(200, 'by must be at most 200 characters')
  .optional();

/** The audit's actor: the key's owner, or on open installs the body's `by`, which is then required. */
function actor(caller: Caller | null, given: string | undefined): string {
  const named = actorOf(caller, given);
  if (!named) throw new BadInputError("by is required: the analyst's name (or call with an API key, whose owner is recorded)");
  return named;
}
const reason = z.string({ error: 'reason is required and must be a string' }).trim().min(1, 'reason must not be empty').max(2_000, 'reason must be at most 2000 characters');

/** The registrable domain, as answers key domains: www.cash.example and cash.example are one case. */
const domainParam = z.object({
  domain: z
    .string()
    .max(253, 'domain must be at most 253 characters')
    .transform((d, ctx) => {
      try {
        return registrableDomain(d);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message });
        return z.NEVER;
      }
    }),
});

const withIdParams = domainParam.extend({ id: z.string().uuid('id must be a UUID') });

const verdictRequest = z
  .object({
    verdict: z.enum(['scam', 'legitimate'], { error: 'verdict is required and must be "scam" or "legitimate"' }),
    reason,
    by,
  })
  .strict();

const suppressionRequest = z
  .object({
    rule: z.string({ error: 'rule is required: the id of the rule to set aside' }).trim().min(1, 'rule must not be empty').max(100),
    reason,
    by,
  })
  .strict();

const withdrawRequest = z.object({ by, reason }, { error: 'a JSON body {reason} (and {by} without an API key) is required' }).strict();

export const verdictRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/v1/domains/:domain/verdict', { config: { scope: 'report' }, schema: { params: domainParam, body: verdictRequest, response: { 201: domainVerdict } } }, async (request, reply) => {
    const verdict = await app.casework.recordVerdict({ domain: request.params.domain, ...request.body, by: actor(request.caller, request.body.by) });
    return reply.status(201).send(verdict);
  });

  app.delete('/v1/domains/:domain/verdict/:id', { config: { scope: 'report' }, schema: { params: withIdParams, body: withdrawRequest, response: { 200: withdrawnVerdict } } }, async (request) => {
    return app.casework.withdrawVerdict(request.params.id, { ...request.body, by: actor(request.caller, request.body.by), domain: request.params.domain });
  });

  app.post('/v1/domains/:domain/suppressions', { config: { scope: 'report' }, schema: { params: domainParam, body: suppressionRequest, response: { 201: domainSuppression } } }, async (request, reply) => {
    const suppression = await app.casework.suppressRule({ domain: request.params.domain, ...request.body, by: actor(request.caller, request.body.by) });
    return reply.status(201).send(suppression);
  });

  app.delete('/v1/domains/:domain/suppressions/:id', { config: { scope: 'report' }, schema: { params: withIdParams, body: withdrawRequest, response: { 200: withdrawnSuppression } } }, async (request) => {
    return app.casework.withdrawSuppression(request.params.id, { ...request.body, by: actor(request.caller, request.body.by), domain: request.params.domain });
  });

  app.get('/v1/domains/:domain/audit', { config: { scope: 'admin' }, schema: { params: domainParam, response: { 200: auditTrail } } }, async (request) => {
    const [standing, entries] = await Promise.all([app.casework.standingFor(request.params.domain), app.casework.auditFor(request.params.domain)]);
    return { domain: request.params.domain, ...standing, entries };
  });
};
