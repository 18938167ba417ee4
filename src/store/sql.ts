// One SQL interface over the embedded store (PGlite: real Postgres in-process, files under the data dir)
// and a real Postgres server (DATABASE_URL, postgres.ts). The same SQL runs on both.
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { loadTemplate, unpackTemplate } from './pglite-template.js';

export interface SqlQuery {
  query<T extends Record<string, unknown> = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
}

export interface SqlClient extends SqlQuery {
  /** Runs `work` in one transaction: all of its writes land, or none (a crash mid-way leaves nothing half-written). */
  transaction<T>(work: (tx: SqlQuery) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  readonly kind: 'pglite' | 'postgres';
}

// PGlite starts Postgres with shared_buffers = 128MB and its other defaults, all inside WebAssembly memory
// that only grows: these keep the embedded store near 150-250 MB. Given at every start, they apply to data
// dirs made by older versions too.
const SMALL_MEMORY_SETTINGS = ['shared_buffers=16MB', 'max_connections=5', 'maintenance_work_mem=8MB', 'temp_buffers=2MB', 'wal_buffers=512kB'];

/**
 * dataDir null = in memory (tests). A fresh data dir is unpacked from the template (pglite-template.ts), so
 * initdb never runs in this process; `template` names another template file (tests).
 */
export async function openPglite(dataDir: string | null, options: { template?: string } = {}): Promise<SqlClient> {
  const fresh = !dataDir || !fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  const template = fresh ? await loadTemplate(options.template) : null;
  if (dataDir && template) unpackTemplate(template, dataDir);
  const db = await PGlite.create(dataDir ?? undefined, {
    startParams: [...PGlite.defaultStartParams, ...SMALL_MEMORY_SETTINGS.flatMap((s) => ['-c', s])],
    ...(!dataDir && template ? { loadDataDir: new Blob([template]) } : {}),
  });
  return {
    kind: 'pglite',
    async query(sql, params) {
      const r = await db.query(sql, params);
      return { rows: r.rows as never[] };
    },
    transaction: (work) =>
      db.transaction((tx) =>
        work({
          async query(sql, params) {
            const r = await tx.query(sql, params);
            return { rows: r.rows as never[] };
          },
        }),
      ),
    close: () => db.close(),
  };
}
