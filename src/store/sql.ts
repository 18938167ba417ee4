// One SQL interface over the embedded store (PGlite: real Postgres in-process, files under the data dir)
// and a real Postgres server (DATABASE_URL, postgres.ts). The same SQL runs on both.
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { StoreUnavailableError } from '../errors.js';
import type { PgliteReply, PgliteRequest, PgliteStart } from './pglite-protocol.js';
import type { Statement } from './statement.js';

export interface SqlQuery {
  query<T extends Record<string, unknown> = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
}

export type { Statement } from './statement.js';

export interface SqlClient extends SqlQuery {
  /**
   * Runs `statements` back to back in one transaction (all land or none) and gives each one's rows, null for
   * one skipped by its `onlyIf`. The embedded store gets them in one message: no round trip to the caller while
   * the transaction holds its only connection.
   */
  batch(statements: Statement[]): Promise<(Record<string, unknown>[] | null)[]>;
  /** Runs `work` in one transaction: all of its writes land, or none (a crash mid-way leaves nothing half-written). */
  transaction<T>(work: (tx: SqlQuery) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  readonly kind: 'pglite' | 'postgres';
}

// PGlite starts Postgres with shared_buffers = 128MB and its other defaults, all inside WebAssembly memory
// that only grows: these keep the embedded store near 150-250 MB. Given at every start, they apply to data
// dirs made by older versions too.
const SMALL_MEMORY_SETTINGS = ['shared_buffers=16MB', 'max_connections=5', 'maintenance_work_mem=8MB', 'temp_buffers=2MB', 'wal_buffers=512kB'];
// Each statement is planned once (pglite-prepared.ts keeps it prepared) and that plan reused. Left to choose,
// Postgres plans the statements with optional parameters (`$3 is null or ...`: recall's related domains above
// all) afresh at every run, because the plan made knowing the values looks cheaper; in WebAssembly that
// planning cost more than the run itself (related domains: ~3.6 ms a scan, ~2.5 ms with its one plan).
const PLANNING_SETTINGS = ['plan_cache_mode=force_generic_plan'];

// From the TypeScript sources (tests, tsx) the thread needs the tsx loader; from dist it is plain JS.
const fromSource = import.meta.url.endsWith('.ts');
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * dataDir null = in memory (tests). A fresh data dir is unpacked from the template (pglite-template.ts), so
 * initdb never runs in this process; `template` names another template file (tests). PGlite runs in a thread
 * of its own (pglite-worker.ts): its statements are synchronous WebAssembly that would stall the event loop.
 */
export async function openPglite(dataDir: string | null, options: { template?: string } = {}): Promise<SqlClient> {
  const start: PgliteStart = {
    dataDir,
    dataDirExists: !!dataDir && fs.existsSync(path.join(dataDir, 'PG_VERSION')),
    template: options.template,
    settings: [...SMALL_MEMORY_SETTINGS, ...PLANNING_SETTINGS],
  };
  const entry = new URL(`./pglite-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url);
  // From the sources the thread registers the tsx loader before it imports its TypeScript entry.
  const worker = fromSource
    ? new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`, { eval: true, workerData: start })
    : new Worker(entry, { workerData: start });
  const pending = new Map<number, { resolve: (rows: never) => void; reject: (err: Error) => void }>();
  let nextId = 1;
  let gone: Error | null = null;
  // The thread keeps the process alive only while a statement is waiting for it (a CLI run ends when done).
  const keepAlive = () => (pending.size ? worker.ref() : worker.unref());

  const opened = new Promise<void>((resolve, reject) => pending.set(0, { resolve: () => resolve(), reject }));
  worker.on('message', (m: PgliteReply) => {
    const call = pending.get(m.id);
    if (!call) return;
    pending.delete(m.id);
    keepAlive();
    if ('error' in m) call.reject(Object.assign(new Error(m.error.message), m.error));
    else call.resolve(('results' in m ? m.results : m.rows) as never);
  });
  const fail = (err: Error) => {
    gone ??= new StoreUnavailableError(`the embedded store stopped: ${err.message}`, { cause: err });
    for (const call of pending.values()) call.reject(gone);
    pending.clear();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`its thread exited (${code})`)));

  function call<R = Record<string, unknown>[]>(request: DistributiveOmit<PgliteRequest, 'id'>): Promise<R> {
    if (gone) return Promise.reject(gone);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      keepAlive();
      worker.postMessage({ ...request, id });
    });
  }
  const query = (tx?: number) => async (sql: string, params?: unknown[]) => ({ rows: (await call({ op: 'query', sql, params, tx })) as never[] });

  try {
    await opened;
  } catch (err) {
    await worker.terminate();
    throw err;
  }
  keepAlive();
  return {
    kind: 'pglite',
    query: query(),
    batch: (statements) => call<(Record<string, unknown>[] | null)[]>({ op: 'batch', statements: statements.map((s) => ({ sql: s.sql, params: s.params, onlyIf: s.onlyIf })) }),
    async transaction(work) {
      // A transaction is named by the id of the request that began it.
      const tx = nextId;
      await call({ op: 'begin' });
      let result;
      try {
        result = await work({ query: query(tx) });
      } catch (err) {
        await call({ op: 'end', tx, commit: false }).catch(() => {});
        throw err;
      }
      await call({ op: 'end', tx, commit: true });
      return result;
    },
    async close() {
      // The database's own close is what keeps the data; the thread's teardown after it (tens of milliseconds,
      // freeing the WASM heap) is not waited for, as a shutdown's hard deadline would count it.
      if (!gone) await call({ op: 'close' });
      fail(new Error('it was closed'));
      void worker.terminate();
    },
  };
}
