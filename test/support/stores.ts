// The two stores a store contract test runs against: the embedded one, and a scratch database on the test
// Postgres (null when there is none). Each comes with `done`, which closes it and drops what it made.
import { openPostgres } from '../../src/store/postgres.js';
import { openPglite, type SqlClient } from '../../src/store/sql.js';
import { createScratchDatabase, startTestPostgres } from './postgres.js';

export interface OpenedStore {
  sql: SqlClient;
  done: () => Promise<void>;
}

export async function openEmbeddedStore(): Promise<OpenedStore> {
  const sql = await openPglite(null);
  return { sql, done: () => sql.close() };
}

export async function openScratchPostgres(): Promise<OpenedStore | null> {
  const server = await startTestPostgres();
  if (!server) return null;
  const db = await createScratchDatabase(server.url);
  const sql = await openPostgres(db.url, { connectTimeoutMs: 5_000, queryTimeoutMs: 5_000 });
  return {
    sql,
    async done() {
      await sql.close();
      await db.drop();
      await server.stop();
    },
  };
}
