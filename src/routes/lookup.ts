// GET /v1/lookup: what is known about a URL, never fetching (optionally scanning in the background when nothing
// is); POST /v1/lookup/hashes: the hash-prefix lookup of the Safe Browsing model, which never sees the URL.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotKnownError } from '../serve/lookup.js';
import { MAX_URL_LENGTH } from '../scan/url-policy.js';

declare module 'fastify' {
  interface FastifyInstance {
    lookups: import('../serve/lookup.js').Lookups;
  }
}

/** Prefixes one request may ask about: a URL has at most 30 expressions, so this is a page of a few dozen URLs. */
export const MAX_PREFIXES = 1_000;
/** Prefixes a GET may carry: a browser's URL stays short (a client sends at most 30 for one URL). */
export const MAX_GET_PREFIXES = 64;

const band = z.enum(['low', 'medium', 'high', 'critical', 'unknown']);
const reachedBy = z.enum(['analyst', 'scan', 'partial-scan']);

const lookupQuery = z.object({
  url: z
    .string({ error: 'url is required: the URL to look up' })
    .trim()
    .min(1, 'url must not be empty')
    .max(MAX_URL_LENGTH, `url must be at most ${MAX_URL_LENGTH} characters`),
  scan: z.enum(['if-missing'], { error: 'scan must be "if-missing" when given' }).optional(),
});

export const lookupAnswer = z.object({
  url: z.string().describe('the URL as the scanner normalises it'),
  matched: z.enum(['url', 'host', 'domain']).describe('what the verdict was found for: this exact URL, its host, or its registrable domain'),
  scanId: z.string().uuid(),
  scannedAt: z.string(),
  score: z.number().int(),
  band,
  complete: z.boolean(),
  analystVerdict: z.object({ id: z.string(), verdict: z.enum(['scam', 'legitimate']), reason: z.string(), by: z.string(), at: z.string() }).nullable(),
  expiresAt: z.string(),
  reachedBy,
  stale: z.boolean().describe('true when past expiresAt: scan again for a current verdict'),
});

const scanning = z.object({
  status: z.literal('scanning'),
  url: z.string(),
  location: z.string().describe('poll this until it answers 200'),
});

const problem = z.object({ type: z.string(), title: z.string(), status: z.number(), detail: z.string(), code: z.string().optional() }).passthrough();

const base64Prefix = z
  .string()
  .regex(/^[A-Za-z0-9+/]{5}[AQgw]==$/, 'each prefix must be 4 bytes in base64 (8 characters)')
  .transform((s) => Buffer.from(s, 'base64'));

const hashesRequest = z
  .object({
    prefixes: z
      .array(base64Prefix, { error: 'prefixes is required: an array of base64 4-byte hash prefixes' })
      .min(1, 'prefixes must not be empty')
      .max(MAX_PREFIXES, `at most ${MAX_PREFIXES} prefixes per request`),
  })
  .strict();

export const hashesAnswer = z.object({
  hashes: z.array(
    z.object({
      hash: z.string().describe('full SHA-256 of the expression, base64'),
      kind: z.enum(['url', 'host', 'domain']).describe('what the expression names: a scanned URL, its host, or its registrable domain'),
      band,
      score: z.number().int(),
      scannedAt: z.string(),
      expiresAt: z.string(),
      reachedBy,
      analystVerdict: z.enum(['scam', 'legitimate']).nullable(),
    }),
  ),
});

export const lookupRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/lookup',
    {
      config: { scope: 'lookup' },
      schema: { querystring: lookupQuery, response: { 200: lookupAnswer, 202: scanning, 400: problem, 404: problem, 422: problem, 503: problem } },
    },
    async (request, reply) => {
      const { url, scan } = request.query;
      const known = await app.lookups.lookup(url);
      // Pre-serialised: a string with a JSON content type is sent as it is.
      if (known) return reply.type('application/json; charset=utf-8').send(known.body as never);
      if (scan !== 'if-missing') throw new NotKnownError(url);
      const { target } = await app.lookups.scanInBackground(url, request.caller?.owner ?? null);
      const location = `/v1/lookup?url=${encodeURIComponent(target)}&scan=if-missing`;
      return reply.status(202).header('location', location).header('retry-after', '2').send({ status: 'scanning', url: target, location });
    },
  );

  app.post(
    '/v1/lookup/hashes',
    { config: { scope: 'lookup' }, schema: { body: hashesRequest, response: { 200: hashesAnswer, 400: problem } } },
    async (request, reply) => reply.type('application/json; charset=utf-8').send((await app.lookups.hashes(request.body.prefixes)) as never),
  );

  // The same question as a GET (as Web Risk's hashes.search asks it): no body to send or parse, and an answer
  // HTTP caches may keep. Prefixes are URL-encoded base64, `prefix` repeated.
  app.get(
    '/v1/lookup/hashes',
    {
      config: { scope: 'lookup' },
      schema: {
        querystring: z
          .object({
            prefix: z.union([
              base64Prefix.transform((b) => [b]),
              z.array(base64Prefix).min(1).max(MAX_GET_PREFIXES, `at most ${MAX_GET_PREFIXES} prefixes in a GET; POST for more`),
            ]),
          })
          .strict(),
        response: { 200: hashesAnswer, 400: problem },
      },
    },
    async (request, reply) => reply.type('application/json; charset=utf-8').send((await app.lookups.hashes(request.query.prefix)) as never),
  );
};
