// Batches as the API and the worker use them: create (normalise, drop duplicates, keep invalid rows as
// finished items with their error, store, queue), read progress and results, watch changes, and run the
// queue — in this process without Redis, in `scamscore worker` processes with it.
import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import { BadInputError, ScamscoreError } from '../errors.js';
import type { Scanner } from '../scan/scanner.js';
import type { BatchItem, BatchProgress, BatchRow, BatchStore, NewItem } from '../store/batches.js';
import type { Casework } from '../store/casework.js';
import type { SqlClient } from '../store/sql.js';
import { createBatchStore } from '../store/batches.js';
import { createFreshVerdicts } from './batch-freshness.js';
import { bullConsumer, bullQueue, inProcessQueue, type BatchConsumer, type BatchQueue, type QueueTuning } from './batch-queue.js';
import { createBatchRunner, memoryHostGate, redisHostGate, type BatchJob, type BatchRunner, type HostGate } from './batch-runner.js';
import type { Metrics } from './metrics.js';
import { openRedis } from './redis.js';
import type { ScanService } from './scan-service.js';

export const MAX_BATCH_URLS = 10_000;

export interface BatchInputRow {
  line: number;
  url: string;
}

export interface InvalidRow {
  line: number;
  url: string;
  code: string;
  detail: string;
}

export interface CreatedBatch {
  batch: BatchRow;
  /** Distinct URLs queued for a scan (or a fresh stored verdict). */
  queued: number;
  invalid: InvalidRow[];
}

export interface BatchOptions extends QueueTuning {
  hostGapMs: number;
  redisUrl: string | null;
  redisPrefix: string;
  /** Event streams: a heartbeat comment this often; progress read from the store this often. */
  events: { heartbeatMs: number; pollMs: number };
}

export interface Batches {
  readonly mode: 'in-process' | 'redis';
  readonly store: BatchStore;
  readonly events: BatchOptions['events'];
  create(input: { name: string | null; rows: BatchInputRow[]; createdBy: string | null }): Promise<CreatedBatch>;
  progress(id: string): Promise<BatchProgress | null>;
  items(id: string): AsyncGenerator<BatchItem>;
  /** Calls `listener` when an item of the batch finishes in this process; returns the unsubscribe. */
  watch(id: string, listener: () => void): () => void;
  /** Watchers subscribed now (event streams still open): lets a test see a stream end when its client left. */
  watching(): number;
  /** The API's start: put pending items back on the queue; without Redis, also run them here. */
  start(): Promise<void>;
  /** A worker process's start (Redis only): run jobs until close(). */
  consume(): Promise<BatchConsumer>;
  close(): Promise<void>;
}

export class NoValidUrlsError extends ScamscoreError {
  readonly invalid: InvalidRow[];
  constructor(invalid: InvalidRow[]) {
    const first = invalid[0];
    super(
      'NO_VALID_URLS',
      422,
      `none of the ${invalid.length} rows is a URL that can be scanned` + (first ? ` (line ${first.line}: ${first.detail})` : ''),
    );
    this.invalid = invalid;
  }
  override extensions() {
    return { invalid: this.invalid.slice(0, 100) };
  }
}

export class BatchQueueUnavailableError extends ScamscoreError {
  constructor(cause: unknown) {
    super('BATCH_QUEUE_UNAVAILABLE', 503, 'the batch queue cannot be reached; the batch was not accepted', { cause, retryAfterSeconds: 5 });
  }
}

/**
 * Queue order: one URL of each host in turn. A job waiting for its host's next turn holds a worker slot, so a
 * list that names one site many times in a row would otherwise fill every slot with waits while other hosts idle.
 */
export function interleaveByHost(jobs: (BatchJob & { host: string })[]): BatchJob[] {
  const byHost = new Map<string, BatchJob[]>();
  for (const { host, ...job } of jobs) {
    const list = byHost.get(host);
    if (list) list.push(job);
    else byHost.set(host, [job]);
  }
  const lists = [...byHost.values()];
  const out: BatchJob[] = [];
  for (let round = 0; out.length < jobs.length; round++) for (const list of lists) if (round < list.length) out.push(list[round]!);
  return out;
}

export function createBatches(deps: {
  sql: SqlClient;
  scanner: Pick<Scanner, 'target'>;
  scans: ScanService;
  casework: Pick<Casework, 'standingFor'>;
  metrics: Metrics;
  options: BatchOptions;
  log?: Logger;
}): Batches {
  const { options, log } = deps;
  const store = createBatchStore(deps.sql);
  const events = new EventEmitter();
  events.setMaxListeners(0);
  // The shared schedule is opened on the first scan, so an API that only queues holds no connection for it.
  let gateRedis: ReturnType<typeof openRedis> | null = null;
  let shared: HostGate | null = null;
  const gate: HostGate = options.redisUrl
    ? {
        reserve: (host) => {
          shared ??= redisHostGate((gateRedis = openRedis(options.redisUrl!, log ? { log } : {})), options.redisPrefix, options.hostGapMs);
          return shared.reserve(host);
        },
      }
    : memoryHostGate(options.hostGapMs);
  const runner: BatchRunner = createBatchRunner({
    store,
    scans: deps.scans,
    fresh: createFreshVerdicts({ casework: deps.casework }),
    gate,
    onChange: (batchId) => events.emit(batchId),
  });
  // The API's queue: BullMQ's producer with Redis, the in-process runner without. Built on first use, so a
  // process that never touches batches (the CLI's rescore) opens no queue.
  let queue: BatchQueue | null = null;
  const queueOf = () =>
    (queue ??= options.redisUrl ? bullQueue(options.redisUrl, options.redisPrefix, options, log) : inProcessQueue(runner, options, log));
  const consumers: BatchConsumer[] = [];
  deps.metrics.watchQueue('batches', () => (queue ? queue.depth().catch(() => 0) : 0));

  function normalise(rows: BatchInputRow[]): { items: NewItem[]; invalid: InvalidRow[]; duplicates: number } {
    const items: NewItem[] = [];
    const invalid: InvalidRow[] = [];
    const seen = new Set<string>();
    let duplicates = 0;
    for (const { line, url: raw } of rows) {
      const url = raw.trim();
      let target: string;
      try {
        if (url === '') throw new BadInputError('the URL is empty');
        const t = deps.scanner.target(url);
        // The fragment never reaches the server: two URLs that differ only there are one page.
        t.hash = '';
        target = t.toString();
      } catch (err) {
        if (!(err instanceof ScamscoreError)) throw err;
        const row = { line, url, code: err.code, detail: err.message };
        invalid.push(row);
        items.push({ line, url, target: null, error: { code: err.code, detail: err.message } });
        continue;
      }
      if (seen.has(target)) {
        duplicates++;
        continue;
      }
      seen.add(target);
      items.push({ line, url, target });
    }
    return { items, invalid, duplicates };
  }

  return {
    get mode() {
      return options.redisUrl ? ('redis' as const) : ('in-process' as const);
    },
    store,
    events: options.events,
    async create({ name, rows, createdBy }) {
      const { items, invalid, duplicates } = normalise(rows);
      name = name?.trim() || null;
      const queued = items.length - invalid.length;
      if (queued === 0) throw new NoValidUrlsError(invalid);
      const batch = await store.create({ name, items, duplicates, createdBy });
      const jobs = interleaveByHost(items.flatMap((item, seq) => (item.target === null ? [] : [{ batchId: batch.id, seq, host: new URL(item.target).hostname }])));
      try {
        await queueOf().enqueue(jobs);
      } catch (err) {
        // Not accepted is better than accepted and never run: the jobs that did get in find no item and do nothing.
        await store.remove(batch.id).catch(() => {});
        throw new BatchQueueUnavailableError(err);
      }
      return { batch, queued, invalid };
    },
    progress: (id) => store.progress(id),
    items: (id) => store.items(id),
    watch(id, listener) {
      events.on(id, listener);
      return () => events.off(id, listener);
    },
    watching: () => events.eventNames().reduce((n, name) => n + events.listenerCount(name), 0),
    async start() {
      const pending = await store.pending();
      if (pending.length) {
        log?.info({ items: pending.length }, 'unfinished batch items put back on the queue');
        await queueOf().enqueue(pending);
      }
    },
    async consume() {
      if (!options.redisUrl) throw new Error('a batch worker needs REDIS_URL: without it the API runs batches itself');
      // Items whose jobs were lost (a Redis flushed or restored) are queued again; queued ones are not duplicated.
      const pending = await store.pending();
      if (pending.length) await queueOf().enqueue(pending);
      const consumer = bullConsumer(options.redisUrl, options.redisPrefix, runner, options, log);
      consumers.push(consumer);
      return consumer;
    },
    async close() {
      await Promise.all(consumers.map((c) => c.close()));
      await queue?.close();
      gateRedis?.disconnect();
    },
  };
}
