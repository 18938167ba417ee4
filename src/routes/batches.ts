// Batches over HTTP: POST /v1/batches (JSON or CSV) → 202; GET /v1/batches/:id progress; /results as JSON
// lines or CSV; /events as server-sent events. Everything else is src/serve/batch-*.ts.
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { NotFoundError, ScamscoreError } from '../errors.js';
import { rowsFromCsv } from '../serve/batch-csv.js';
import { MAX_BATCH_URLS, type BatchInputRow } from '../serve/batch-service.js';
import type { BatchItem, BatchProgress } from '../store/batches.js';

/** 10,000 URLs of 1.6 KB on average; a body past it is refused with 413 before it is parsed. */
export const MAX_BATCH_BYTES = 16 * 1024 * 1024;

export class BatchTooLargeError extends ScamscoreError {
  constructor(count: number) {
    super('BATCH_TOO_LARGE', 413, `the batch has ${count} URLs; at most ${MAX_BATCH_URLS} are accepted in one batch`);
  }
}

const BANDS = ['low', 'medium', 'high', 'critical', 'unknown'] as const;

const batchRequest = z
  .object({
    urls: z
      .array(z.string({ error: 'each entry of urls must be a string' }), { error: 'urls is required: a list of URLs' })
      .min(1, 'urls must list at least one URL')
      .max(MAX_BATCH_URLS, `urls may list at most ${MAX_BATCH_URLS} URLs`),
    name: z.string({ error: 'name must be a string' }).trim().max(200, 'name must be at most 200 characters').optional(),
  })
  .strict();

const createQuery = z.object({ name: z.string().trim().max(200, 'name must be at most 200 characters').optional() });
const idParams = z.object({ id: z.string().uuid('id must be a batch id (a UUID)') });

const invalidRow = z.object({ line: z.number(), url: z.string(), code: z.string(), detail: z.string() });

const links = z.object({ self: z.string(), results: z.string(), events: z.string() });

const accepted = z.object({
  id: z.string(),
  name: z.string().nullable(),
  status: z.enum(['queued', 'running', 'done']),
  total: z.number().describe('items: distinct URLs plus invalid rows'),
  queued: z.number().describe('distinct valid URLs to scan or answer from a fresh stored verdict'),
  duplicates: z.number().describe('rows dropped because their URL was already in the batch'),
  invalid: z.array(invalidRow).describe('rows that are not URLs the service scans; they are items with status "invalid"'),
  createdAt: z.string(),
  links,
});

const progress = z.object({
  id: z.string(),
  name: z.string().nullable(),
  status: z.enum(['queued', 'running', 'done']),
  total: z.number(),
  done: z.number().describe('items finished: scanned, answered from a fresh verdict, failed or invalid'),
  pending: z.number(),
  counts: z.object({ low: z.number(), medium: z.number(), high: z.number(), critical: z.number(), unknown: z.number() }),
  reused: z.number().describe('items answered from a fresh stored verdict instead of a new scan'),
  errors: z.number().describe('items that failed or were invalid'),
  duplicates: z.number(),
  createdBy: z.string().nullable().optional().describe("the API key's owner who posted the batch; null on an open install"),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  links,
});

const resultRow = z.object({
  line: z.number(),
  url: z.string(),
  target: z.string().nullable(),
  status: z.enum(['pending', 'done', 'failed', 'invalid']),
  scanId: z.string().nullable(),
  score: z.number().nullable(),
  band: z.enum(BANDS).nullable(),
  reused: z.boolean(),
  error: z.object({ code: z.string(), detail: z.string() }).nullable(),
});

const CSV_COLUMNS = ['line', 'url', 'target', 'status', 'scan_id', 'score', 'band', 'reused', 'error_code', 'error_detail'];

const linksOf = (id: string) => ({ self: `/v1/batches/${id}`, results: `/v1/batches/${id}/results`, events: `/v1/batches/${id}/events` });

function progressView(p: BatchProgress): z.infer<typeof progress> {
  const status = p.finishedAt ? 'done' : p.done > p.invalid ? 'running' : 'queued';
  return {
    id: p.id,
    name: p.name,
    status,
    total: p.total,
    done: p.done,
    pending: p.pending,
    counts: p.counts,
    reused: p.reused,
    errors: p.failed + p.invalid,
    duplicates: p.duplicates,
    createdBy: p.createdBy,
    createdAt: p.createdAt,
    finishedAt: p.finishedAt,
    links: linksOf(p.id),
  };
}

const rowOf = (i: BatchItem): z.infer<typeof resultRow> => ({
  line: i.line,
  url: i.url,
  target: i.target,
  status: i.status,
  scanId: i.scanId,
  score: i.score,
  band: i.band,
  reused: i.reused,
  error: i.errorCode ? { code: i.errorCode, detail: i.errorDetail ?? '' } : null,
});

function wantsCsv(format: 'csv' | 'ndjson' | undefined, accept = ''): boolean {
  if (format) return format === 'csv';
  return /\btext\/csv\b/i.test(accept) && !/\bapplication\/x-ndjson\b/i.test(accept);
}

export const batchRoutes: FastifyPluginAsyncZod = async (app) => {
  // CSV rows keep their line numbers beside the body the schema validates (urls only).
  const csvLines = new WeakMap<FastifyRequest, BatchInputRow[]>();
  // Scoped to this plugin: text/csv is accepted here and nowhere else.
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: MAX_BATCH_BYTES }, (request, body, done) => {
    try {
      const rows = rowsFromCsv(body as string);
      if (rows.length > MAX_BATCH_URLS) throw new BatchTooLargeError(rows.length);
      csvLines.set(request, rows);
      done(null, { urls: rows.map((r) => r.url) });
    } catch (err) {
      done(err as Error, undefined);
    }
  });

  app.post(
    '/v1/batches',
    {
      bodyLimit: MAX_BATCH_BYTES,
      config: { scope: 'batch' },
      schema: {
        summary: 'Submit a batch of up to 10,000 URLs',
        description:
          'JSON as below, or a CSV upload (`Content-Type: text/csv`: the column named `url`, or the only column; `?name=` names the batch). ' +
          'Rows that are not URLs the service scans are kept as items with status `invalid` and listed in `invalid`; duplicates are dropped. ' +
          '413 BATCH_TOO_LARGE past 10,000 rows, 400 BAD_CSV for a CSV that cannot be parsed, 422 NO_VALID_URLS when no row can be scanned, ' +
          '503 BATCH_QUEUE_UNAVAILABLE when the queue cannot take the jobs.',
        body: batchRequest,
        querystring: createQuery,
        response: { 202: accepted },
      },
      // Too many URLs is a 413 (like a body too large), not a validation 400.
      preValidation: async (request) => {
        const urls = (request.body as { urls?: unknown } | null)?.urls;
        if (Array.isArray(urls) && urls.length > MAX_BATCH_URLS) throw new BatchTooLargeError(urls.length);
      },
    },
    async (request, reply) => {
      const rows = csvLines.get(request) ?? request.body.urls.map((url, i) => ({ line: i + 1, url }));
      const name = request.body.name ?? request.query.name ?? null;
      const { batch, queued, invalid } = await app.batches.create({ name, rows, createdBy: request.caller?.owner ?? null });
      return reply
        .status(202)
        .header('location', `/v1/batches/${batch.id}`)
        .send({
          id: batch.id,
          name: batch.name,
          status: batch.finishedAt ? 'done' : 'queued',
          total: batch.total,
          queued,
          duplicates: batch.duplicates,
          invalid,
          createdAt: batch.createdAt,
          links: linksOf(batch.id),
        });
    },
  );

  app.get('/v1/batches/:id', { config: { scope: 'batch' }, schema: { summary: 'Progress of a batch', params: idParams, response: { 200: progress } } }, async (request) => {
    const p = await app.batches.progress(request.params.id);
    if (!p) throw new NotFoundError(`no batch with id ${request.params.id}`);
    return progressView(p);
  });

  app.get(
    '/v1/batches/:id/results',
    {
      config: { scope: 'batch' },
      // 200 describes one line of the JSON-lines answer (or one CSV row); the body is streamed, not serialised.
      schema: {
        summary: 'Results of a batch, one row per item',
        description: 'JSON lines (`application/x-ndjson`, the default; each line is the object below) or CSV (`Accept: text/csv` or `?format=csv`).',
        params: idParams,
        querystring: z.object({ format: z.enum(['ndjson', 'csv']).optional() }),
        response: { 200: resultRow },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const batch = await app.batches.store.get(id);
      if (!batch) throw new NotFoundError(`no batch with id ${id}`);
      const csv = wantsCsv(request.query.format, request.headers.accept);
      const items = app.batches.items(id);
      void reply.header('cache-control', batch.finishedAt ? 'private, max-age=60' : 'no-store');
      if (csv) {
        const rows = Readable.from(
          (async function* () {
            for await (const i of items)
              yield [i.line, i.url, i.target ?? '', i.status, i.scanId ?? '', i.score ?? '', i.band ?? '', i.reused, i.errorCode ?? '', i.errorDetail ?? ''];
          })(),
        );
        const out = rows.pipe(stringify({ header: true, columns: CSV_COLUMNS, cast: { boolean: (b) => (b ? 'true' : 'false') } }));
        rows.on('error', (err) => out.destroy(err));
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="batch-${id}.csv"`)
          .send(out as never);
      }
      const lines = Readable.from(
        (async function* () {
          for await (const i of items) yield `${JSON.stringify(rowOf(i))}\n`;
        })(),
      );
      return reply.type('application/x-ndjson; charset=utf-8').send(lines as never);
    },
  );

  // Open event streams, ended when the app closes: a stream never ends by itself before its batch does, and a
  // shutdown waits for every connection.
  const streams = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of [...streams]) end();
  });

  // 200 describes the data of each event (the progress answer); the body is a text/event-stream written by hand.
  app.get(
    '/v1/batches/:id/events',
    {
      exposeHeadRoute: false,
      config: { scope: 'batch' },
      schema: {
        summary: 'Progress of a batch as server-sent events',
        description: '`text/event-stream`: a `progress` event (data: the object below) at each change, a final `done` event, then the end; `: heartbeat` comments in between.',
        params: idParams,
        response: { 200: progress },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const first = await app.batches.progress(id);
      if (!first) throw new NotFoundError(`no batch with id ${id}`);
      const { heartbeatMs: batchHeartbeatMs, pollMs: batchPollMs } = app.batches.events;
      reply.hijack();
      const res: ServerResponse = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        // Proxies that buffer (nginx) would hold the events back.
        'x-accel-buffering': 'no',
      });
      let last = '';
      let eventId = 0;
      let ended = false;
      let reading = false;
      let again = false;

      const end = () => {
        if (ended) return;
        ended = true;
        clearInterval(heartbeat);
        clearInterval(poll);
        unwatch();
        streams.delete(end);
        if (!res.writableEnded) res.end();
      };
      const send = (p: BatchProgress) => {
        if (ended) return;
        const view = progressView(p);
        const data = JSON.stringify(view);
        const done = view.status === 'done';
        if (data !== last) {
          last = data;
          res.write(`id: ${++eventId}\nevent: ${done ? 'done' : 'progress'}\ndata: ${data}\n\n`);
        }
        if (done) end();
      };
      // One read at a time; changes that arrive during a read are folded into one more read after it.
      const refresh = async () => {
        if (ended) return;
        if (reading) {
          again = true;
          return;
        }
        reading = true;
        try {
          do {
            again = false;
            const p = await app.batches.progress(id);
            if (p) send(p);
            else end();
          } while (again && !ended);
        } catch (err) {
          request.log.warn({ err: (err as Error).message, batch: id }, 'batch progress could not be read; the stream will try again');
        } finally {
          reading = false;
        }
      };

      // Changes made in this process arrive at once; those of worker processes are read every poll interval.
      const unwatch = app.batches.watch(id, () => void refresh());
      const heartbeat = setInterval(() => {
        if (!ended) res.write(': heartbeat\n\n');
      }, batchHeartbeatMs);
      const poll = setInterval(() => void refresh(), batchPollMs);
      streams.add(end);
      res.on('close', end);
      res.write(`retry: ${Math.max(1_000, batchPollMs)}\n\n`);
      send(first);
    },
  );
};
