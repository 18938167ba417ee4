// Schema changes run at start on both stores: a store written before migrations existed opens with its scans
// intact, a second run changes nothing, and processes starting together against one Postgres (API replicas
// and workers) take turns instead of applying a migration twice.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate } from '../../src/store/migrations.js';
import { openPostgres } from '../../src/store/postgres.js';
import { createScanStore } from '../../src/store/scan-store.js';
import { openPglite, type SqlClient } from '../../src/store/sql.js';
import { createScratchDatabase, startTestPostgres } from '../support/postgres.js';

const names = MIGRATIONS.map((m) => m.name);
const pg = await startTestPostgres();
afterAll(() => pg?.stop());

/** What the versions before migrations wrote: one table of answers, no migration log. */
async function writeOldStore(sql: SqlClient, id: string) {
  await sql.query(`create table scans (id uuid primary key, url text not null, domain text, score integer not null,
                     band text not null, scanned_at timestamptz not null, result jsonb not null)`);
  await sql.query(`create index scans_domain_scanned_at on scans (domain, scanned_at desc)`);
  const answer = { id, url: 'https://old-cash.example/', finalUrl: 'https://old-cash.example/', domain: 'old-cash.example', scannedAt: '2026-10-01T00:00:00.000Z', score: 81, band: 'high', summary: { en: '옛 답', ko: '옛 답' } };
  await sql.query(`insert into scans values ($1, $2, $3, $4, $5, $6, $7)`, [id, answer.url, answer.domain, 81, 'high', answer.scannedAt, JSON.stringify(answer)]);
}

function contract(name: string, open: () => Promise<{ sql: () => Promise<SqlClient>; done(): Promise<void> } | null>) {
  describe(name, () => {
    it('opens a store written before migrations with its scans, and a second run applies nothing', async (ctx) => {
      const db = await open();
      if (!db) return ctx.skip();
      const id = randomUUID();
      const sql = await db.sql();
      try {
        await writeOldStore(sql, id);
        const store = await createScanStore(sql);
        const old = await store.get(id);
        expect(old).toMatchObject({ id, score: 81, band: 'high', summary: { ko: '옛 답' } });
        expect((await store.history('old-cash.example', { limit: 5 })).map((s) => s.id)).toEqual([id]);
        const logged = await sql.query<{ name: string }>(`select name from schema_migrations order by name`);
        expect(logged.rows.map((r) => r.name)).toEqual(names);
        expect(await migrate(sql)).toEqual([]);
      } finally {
        await sql.close();
        await db.done();
      }
    });

    it('lets processes that start together take turns: each migration applied and logged once', async (ctx) => {
      const db = await open();
      if (!db) return ctx.skip();
      const clients = await Promise.all([db.sql(), db.sql(), db.sql()]);
      try {
        const applied = await Promise.all(clients.map((c) => migrate(c)));
        // One of them did the work, the others found the schema current.
        expect(applied.map((a) => a.length).sort((a, b) => a - b)).toEqual([0, 0, names.length]);
        const logged = await clients[0]!.query<{ name: string; n: number }>(`select name, count(*)::int as n from schema_migrations group by name order by name`);
        expect(logged.rows).toEqual(names.map((name) => ({ name, n: 1 })));
      } finally {
        await Promise.all(clients.map((c) => c.close()));
        await db.done();
      }
    });
  });
}

// PGlite: one process owns its files, so "together" is three migrate calls on one client.
contract('migrations on PGlite', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scamscore-migrate-'));
  const sql = await openPglite(dir);
  let closed = false;
  const shared: SqlClient = { ...sql, kind: sql.kind, query: sql.query.bind(sql), transaction: sql.transaction.bind(sql), close: async () => {} };
  return {
    sql: async () => shared,
    async done() {
      if (!closed) await sql.close();
      closed = true;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
});

contract('migrations on Postgres', async () => {
  if (!pg) return null;
  const scratch = await createScratchDatabase(pg.url);
  return { sql: () => openPostgres(scratch.url, { connectTimeoutMs: 5_000, queryTimeoutMs: 10_000 }), done: () => scratch.drop() };
});
