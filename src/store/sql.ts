// One SQL interface over the embedded store (PGlite: real Postgres in-process, files under the data dir)
// and a real Postgres server (DATABASE_URL, postgres.ts). The same SQL runs on both.
import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';

export interface SqlClient {
  query<T extends Record<string, unknown> = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  close(): Promise<void>;
  readonly kind: 'pglite' | 'postgres';
}

/** dataDir null = in memory (tests). */
export async function openPglite(dataDir: string | null): Promise<SqlClient> {
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir ?? undefined);
  return {
    kind: 'pglite',
    async query(sql, params) {
      const r = await db.query(sql, params);
      return { rows: r.rows as never[] };
    },
    close: () => db.close(),
  };
}
