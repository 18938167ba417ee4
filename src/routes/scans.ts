// POST /v1/scans scores a URL (or HTML the caller already has); GET /v1/scans/:id reopens a stored answer,
// /evidence exports what the scan saw as a WARC file, /rescore judges it again by today's rules.
import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EvidenceGoneError, NotFoundError } from '../errors.js';
import { rescoreResult, scanResult } from '../http/schemas.js';
import { MAX_URL_LENGTH } from '../scan/url-policy.js';
import { createStoredAnswers } from '../serve/stored-answers.js';
import { evidenceWarcChunks, WARC_CONTENT_TYPE, warcFilename } from '../store/warc.js';

export const MAX_HTML_BYTES = 2_000_000;
/** Memory for recently read answers (a scan's answer is a few KB to a few hundred KB). */
const RECENT_ANSWERS_BYTES = 16 * 2 ** 20;

const scanRequest = z
  .object({
    url: z
      .string({ error: 'url is required and must be a string' })
      .trim()
      .min(1, 'url must not be empty')
      .max(MAX_URL_LENGTH, `url must be at most ${MAX_URL_LENGTH} characters`),
    html: z.string().max(MAX_HTML_BYTES, `html must be at most ${MAX_HTML_BYTES} characters`).optional(),
  })
  .strict();

export const scanRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/v1/scans', { config: { scope: 'scan' }, schema: { body: scanRequest, response: { 200: scanResult } } }, async (request) => {
    return app.scans.submit(request.body, request.caller?.owner ?? null);
  });

  const scanId = { params: z.object({ id: z.string().uuid('id must be a scan id (a UUID)') }) };

  const answers = createStoredAnswers(app.store, { maxBytes: RECENT_ANSWERS_BYTES });
  // The schema documents the answer; the stored JSON is sent as bytes, which Fastify does not serialise again.
  app.get('/v1/scans/:id', { config: { scope: 'scan' }, schema: { ...scanId, response: { 200: scanResult } } }, async (request, reply) => {
    const answer = await answers.get(request.params.id);
    if (!answer) throw new NotFoundError(`no scan with id ${request.params.id}`);
    return reply.type('application/json; charset=utf-8').send(answer);
  });

  app.get('/v1/scans/:id/evidence', { config: { scope: 'scan' }, schema: scanId }, async (request, reply) => {
    const { id } = request.params;
    const answer = await app.store.get(id);
    if (!answer) throw new NotFoundError(`no scan with id ${id}`);
    const evidence = await app.store.evidence?.load(id);
    if (!evidence) throw new EvidenceGoneError(`scan ${id} has no stored evidence: it was made before evidence was kept`);
    // Built whole before the first byte is sent: a blob that fails its hash check is a problem answer, not a cut file.
    const chunks: Uint8Array[] = [];
    for await (const chunk of evidenceWarcChunks({ scanId: id, answer, manifest: evidence.manifest, blob: evidence.blob, software: `scamscore (ruleset ${app.ruleset.version})` })) chunks.push(chunk);
    const body = Buffer.concat(chunks);
    return reply
      .type(WARC_CONTENT_TYPE)
      .header('content-disposition', `attachment; filename="${warcFilename(id)}"`)
      .header('digest', `sha-256=${createHash('sha256').update(body).digest('base64')}`)
      .send(body);
  });

  app.post('/v1/scans/:id/rescore', { config: { scope: 'scan' }, schema: { ...scanId, response: { 200: rescoreResult } } }, async (request) => app.rescore(request.params.id));
};
