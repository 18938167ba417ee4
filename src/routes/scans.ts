// POST /v1/scans scores a URL (or HTML the caller already has); GET /v1/scans/:id reopens a stored answer.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotFoundError } from '../errors.js';
import { MAX_URL_LENGTH } from '../scan/url-policy.js';

export const MAX_HTML_BYTES = 2_000_000;

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
  app.post('/v1/scans', { schema: { body: scanRequest } }, async (request) => {
    return app.scans.submit(request.body);
  });

  app.get('/v1/scans/:id', { schema: { params: z.object({ id: z.string().uuid('id must be a scan id (a UUID)') }) } }, async (request) => {
    const result = await app.store.get(request.params.id);
    if (!result) throw new NotFoundError(`no scan with id ${request.params.id}`);
    return result;
  });
};
