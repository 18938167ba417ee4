// The embedded store's own thread: PGlite runs Postgres in WebAssembly synchronously, so in the main thread
// every statement (a scan's save with its evidence blobs above all) stalled the event loop that answers
// everyone else. Here it runs beside it; sql.ts speaks to it by messages.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { preparedQueries } from './pglite-prepared.js';
import { loadTemplate, unpackTemplate } from './pglite-template.js';
import type { PgliteRequest, PgliteReply, PgliteStart } from './pglite-protocol.js';
import { skippedByOnlyIf } from './statement.js';

const start = workerData as PgliteStart;
const port = parentPort!;

/** An error as plain data: the class does not cross threads, its code (23505...) and message must. */
function asData(err: unknown) {
  const e = err as Error & Record<string, unknown>;
  return { ...Object.fromEntries(Object.entries(e).filter(([, v]) => typeof v === 'string' || typeof v === 'number')), name: e.name, message: e.message ?? String(err) };
}

const reply = (message: PgliteReply) => port.postMessage(message);

async function open(): Promise<PGlite> {
  const fresh = !start.dataDir || !start.dataDirExists;
  const template = fresh ? await loadTemplate(start.template) : null;
  if (start.dataDir && template) unpackTemplate(template, start.dataDir);
  return PGlite.create(start.dataDir ?? undefined, {
    startParams: [...PGlite.defaultStartParams, ...start.settings.flatMap((s) => ['-c', s])],
    ...(!start.dataDir && template ? { loadDataDir: new Blob([template]) } : {}),
  });
}

// Opening failed: the error goes back as the answer to the start, and sql.ts ends this thread.
const db = await open().catch((err: unknown) => {
  reply({ id: 0, error: asData(err) });
  return null;
});

const prepared = preparedQueries(db!);

/** Open transactions, by the id of the request that began them; each ends when its `end` arrives. */
const open_ = new Map<number, { tx: Transaction; end: (commit: boolean) => void; done: Promise<unknown> }>();
const ROLLBACK = Symbol('rollback');

async function handle(m: PgliteRequest): Promise<void> {
  switch (m.op) {
    case 'query': {
      let rows;
      // Locked as PGlite's own query() locks: a statement outside a transaction waits for the open one to end.
      if (m.tx === undefined) {
        rows = await db!._runExclusiveTransaction(() =>
          db!._runExclusiveQuery(async () => {
            const r = await prepared.run(m.sql, m.params);
            await db!.syncToFs();
            return r;
          }),
        );
      } else {
        if (!open_.has(m.tx)) throw new Error(`transaction ${m.tx} is not open`);
        rows = await db!._runExclusiveQuery(() => prepared.run(m.sql, m.params));
      }
      return reply({ id: m.id, rows });
    }
    case 'batch': {
      // The whole transaction in one message: no round trip to the main thread while it holds the store.
      const results: (Record<string, unknown>[] | null)[] = [];
      await db!.transaction(async () => {
        for (const st of m.statements) {
          results.push(skippedByOnlyIf(st, results) ? null : await db!._runExclusiveQuery(() => prepared.run(st.sql, st.params)));
        }
      });
      return reply({ id: m.id, results });
    }
    case 'begin': {
      let began!: () => void;
      const ready = new Promise<void>((resolve) => (began = resolve));
      // Held open until its `end` arrives: PGlite commits when the callback resolves, rolls back when it rejects.
      const done: Promise<unknown> = db!.transaction(
        (tx) =>
          new Promise<void>((resolve, reject) => {
            open_.set(m.id, { tx, end: (commit) => (commit ? resolve() : reject(ROLLBACK)), done });
            began();
          }),
      );
      // A transaction that could not begin fails here, before `ready`.
      await Promise.race([ready, done]);
      return reply({ id: m.id, rows: [] });
    }
    case 'end': {
      const t = open_.get(m.tx);
      if (!t) throw new Error(`transaction ${m.tx} is not open`);
      open_.delete(m.tx);
      t.end(m.commit);
      try {
        await t.done;
      } catch (err) {
        if (err !== ROLLBACK) throw err;
      }
      return reply({ id: m.id, rows: [] });
    }
    case 'close':
      await db!.close();
      reply({ id: m.id, rows: [] });
      port.close();
  }
}

if (db) {
  port.on('message', (m: PgliteRequest) => {
    handle(m).catch((err: unknown) => reply({ id: m.id, error: asData(err) }));
  });
  reply({ id: 0, rows: [] });
}
