// A list run as a batch on a running service: POST /v1/batches, progress from the batch's event stream
// (polling GET /v1/batches/:id if the stream breaks), then the results and each scan's full answer, so the
// printout and the exit status are the ones an in-process run gives.
import pLimit from 'p-limit';
import type { VerdictBand } from '../engine/types.js';
import type { ScanResult } from '../scan/scanner.js';
import { CliError, EXIT } from './exit-codes.js';
import type { InputRow } from './input.js';
import { inInputOrder, type ListSink } from './list-run.js';
import type { Entry } from './output.js';

export interface RemoteOptions {
  server: string;
  key: string | null;
  /** Full answers fetched at once. */
  concurrency: number;
  name?: string;
  /** Longest Retry-After the client waits out on a GET before giving up (exit 75). */
  maxRetryWaitMs?: number;
}

interface Problem {
  status: number;
  code?: string;
  title?: string;
  detail?: string;
  invalid?: { line: number; url: string; code: string; detail: string }[];
}

interface Progress {
  id: string;
  total: number;
  done: number;
  counts: Record<VerdictBand, number>;
  errors: number;
  finishedAt: string | null;
}

interface ResultRow {
  line: number;
  url: string;
  status: 'pending' | 'done' | 'failed' | 'invalid';
  scanId: string | null;
  band: VerdictBand | null;
  error: { code: string; detail: string } | null;
}

const MAX_503_WAITS = 5;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The exit code and message for a problem answer: who must act (the key's owner, the operator, nobody). */
export function problemError(p: Problem, what: string): CliError {
  const said = p.detail ?? p.title ?? `HTTP ${p.status}`;
  const code = p.code ? ` (${p.code})` : '';
  if (p.status === 401) return new CliError(`${what}: the service refused the request: ${said}${code}; pass an API key with --key or SCAMSCORE_API_KEY`, EXIT.noPerm);
  if (p.status === 403) return new CliError(`${what}: the key may not do this: ${said}${code}`, EXIT.noPerm);
  if (p.status === 429) return new CliError(`${what}: rate limited: ${said}${code}`, EXIT.tempFail);
  if (p.status === 503) return new CliError(`${what}: the service is unavailable: ${said}${code}; try again later`, EXIT.unavailable);
  if (p.status >= 500) return new CliError(`${what}: the service failed: ${said}${code}`, EXIT.unavailable);
  return new CliError(`${what}: ${said}${code}`, EXIT.usage);
}

export function createApi(opts: RemoteOptions, note: (m: string) => void) {
  const base = opts.server.replace(/\/+$/, '');
  const maxWait = opts.maxRetryWaitMs ?? 120_000;
  const headers = (extra: Record<string, string> = {}) => ({ ...(opts.key ? { authorization: `Bearer ${opts.key}` } : {}), ...extra });

  async function send(method: string, path: string, init: { body?: string; accept?: string; signal?: AbortSignal } = {}): Promise<Response> {
    try {
      return await fetch(base + path, {
        method,
        headers: headers({ ...(init.body ? { 'content-type': 'application/json' } : {}), ...(init.accept ? { accept: init.accept } : {}) }),
        body: init.body,
        signal: init.signal,
      });
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      throw new CliError(`cannot reach the service at ${base}: ${cause?.code ?? cause?.message ?? (err as Error).message}`, EXIT.unavailable);
    }
  }

  async function problemOf(res: Response): Promise<Problem> {
    const text = await res.text();
    try {
      return { status: res.status, ...(JSON.parse(text) as object) };
    } catch {
      return { status: res.status, detail: text.slice(0, 200) || res.statusText };
    }
  }

  /**
   * A GET that waits out a 429 or a 503 that says when to come back (Retry-After): the batch already runs on
   * the service, and giving up on a busy moment would waste it. A 503 is waited out a few times only.
   */
  async function get(path: string, what: string, accept?: string): Promise<Response> {
    for (let unavailable = 0; ; ) {
      const res = await send('GET', path, { accept });
      if (res.ok) return res;
      const problem = await problemOf(res);
      const retry = Number(res.headers.get('retry-after') ?? NaN);
      const waitable = (res.status === 429 || (res.status === 503 && ++unavailable <= MAX_503_WAITS)) && Number.isFinite(retry) && retry * 1000 <= maxWait;
      if (waitable) {
        note(`${res.status === 429 ? 'rate limited by' : 'busy:'} the service (${problem.detail ?? res.statusText}); waiting ${retry} s`);
        await sleep(Math.max(retry, 1) * 1000);
        continue;
      }
      throw problemError(problem, what);
    }
  }
  return { base, send, get, problemOf };
}

function parseSse(buffer: string): { events: { event: string; data: string }[]; rest: string } {
  const events: { event: string; data: string }[] = [];
  const blocks = buffer.split(/\r?\n\r?\n/);
  const rest = blocks.pop() ?? '';
  for (const block of blocks) {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    if (data.length) events.push({ event, data: data.join('\n') });
  }
  return { events, rest };
}

export async function scanRemotely(rows: InputRow[], opts: RemoteOptions, sink: ListSink): Promise<void> {
  const api = createApi(opts, (m) => sink.note(m));
  const posted = await api.send('POST', '/v1/batches', { body: JSON.stringify({ urls: rows.map((r) => r.url), ...(opts.name ? { name: opts.name } : {}) }) });
  if (posted.status === 422) {
    // No row is scannable: the same per-URL errors an in-process run prints.
    const problem = await api.problemOf(posted);
    if (problem.code === 'NO_VALID_URLS' && problem.invalid?.length) {
      const byLine = new Map(problem.invalid.map((i) => [i.line, i]));
      for (const [i, row] of rows.entries()) {
        const bad = byLine.get(i + 1);
        if (bad) sink.entry({ url: row.url, result: null, error: { code: bad.code, detail: bad.detail } });
      }
      return;
    }
    throw problemError(problem, 'POST /v1/batches');
  }
  if (posted.status !== 202) throw problemError(await api.problemOf(posted), 'POST /v1/batches');
  const batch = (await posted.json()) as { id: string; total: number };

  await follow(api, batch.id, sink);

  const res = await api.get(`/v1/batches/${batch.id}/results`, 'GET results', 'application/x-ndjson');
  const results = (await res.text())
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as ResultRow)
    .sort((a, b) => a.line - b.line);
  const emit = inInputOrder(results.length, (e) => sink.entry(e));
  const limit = pLimit(opts.concurrency);
  await Promise.all(
    results.map((row, index) =>
      limit(async () => {
        // The JSON list's positions are 1-based lines: the URL exactly as the list gave it.
        const url = rows[row.line - 1]?.url ?? row.url;
        if (row.status !== 'done' || !row.scanId) {
          emit(index, { url, result: null, error: row.error ?? { code: 'NOT_FINISHED', detail: `the batch item is ${row.status}` } });
          return;
        }
        const scan = await api.get(`/v1/scans/${row.scanId}`, `GET /v1/scans/${row.scanId}`);
        emit(index, { url, result: (await scan.json()) as ScanResult, error: null });
      }),
    ),
  );
}

const tallyOf = (p: Progress) => ({ done: p.done, total: p.total, counts: p.counts, errors: p.errors });

/** Until the batch is done: events as they come, or a poll a second when the stream cannot be had or breaks. */
async function follow(api: ReturnType<typeof createApi>, id: string, sink: ListSink): Promise<void> {
  try {
    const res = await api.send('GET', `/v1/batches/${id}/events`, { accept: 'text/event-stream' });
    if (res.ok && res.body) {
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const chunk of res.body) {
        const parsed = parseSse(buffer + decoder.decode(chunk as Uint8Array, { stream: true }));
        buffer = parsed.rest;
        for (const ev of parsed.events) {
          if (ev.event !== 'progress' && ev.event !== 'done') continue;
          const p = JSON.parse(ev.data) as Progress;
          sink.tally(tallyOf(p));
          if (ev.event === 'done' || p.finishedAt) return;
        }
      }
    } else if (!res.ok && [401, 403].includes(res.status)) {
      throw problemError(await api.problemOf(res), `GET /v1/batches/${id}/events`);
    }
  } catch (err) {
    if (err instanceof CliError && err.exitCode === EXIT.noPerm) throw err;
    // A broken stream is not a failed batch: fall through to polling.
  }
  for (;;) {
    const p = (await (await api.get(`/v1/batches/${id}`, `GET /v1/batches/${id}`)).json()) as Progress;
    sink.tally(tallyOf(p));
    if (p.finishedAt) return;
    await sleep(1000);
  }
}
