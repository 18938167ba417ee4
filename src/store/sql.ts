// One SQL interface over the embedded store (PGlite: real Postgres in-process, files under the data dir)
// and a real Postgres server (DATABASE_URL). The same SQL runs on both.
import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

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

export async function openPostgres(url: string): Promise<SqlClient> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // Fail at start-up, not on the first scan, when the server is unreachable.
  await pool.query('select 1');
  return {
    kind: 'postgres',
    query: (sql, params) => pool.query(sql, params as unknown[]) as never,
    close: () => pool.end(),
  };
}
