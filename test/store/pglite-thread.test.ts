// The embedded store runs in a thread of its own (src/store/pglite-worker.ts): what crosses the thread boundary.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../src/errors.js';
import { openPglite, type SqlClient } from '../../src/store/sql.js';

describe('PGlite in its own thread', () => {
  let sql: SqlClient;
  beforeAll(async () => {
    sql = await openPglite(null);
    await sql.query('create table t (id int primary key, note text, data bytea, at timestamptz)');
  });
  afterAll(async () => sql?.close());

  it('carries parameters and rows of every kind the store uses (bytes, dates, text)', async () => {
    const bytes = Buffer.from([0, 1, 2, 250]);
    await sql.query('insert into t values ($1, $2, $3, $4)', [1, '현금화', bytes, new Date('2026-12-01T00:00:00Z')]);
    const { rows } = await sql.query<{ id: number; note: string; data: Uint8Array; at: Date }>('select * from t where id = 1');
    expect(rows[0]!.note).toBe('현금화');
    expect(Buffer.from(rows[0]!.data)).toEqual(bytes);
    expect(rows[0]!.at.toISOString()).toBe('2026-12-01T00:00:00.000Z');
  });

  it('commits a transaction whole and rolls one back whole when its work throws', async () => {
    await sql.transaction(async (tx) => {
      await tx.query(`insert into t (id, note) values (2, 'a')`);
      await tx.query(`insert into t (id, note) values (3, 'b')`);
    });
    await expect(
      sql.transaction(async (tx) => {
        await tx.query(`insert into t (id, note) values (4, 'c')`);
        throw new Error('the work failed');
      }),
    ).rejects.toThrow('the work failed');
    const { rows } = await sql.query<{ id: number }>('select id from t where id > 1 order by id');
    expect(rows.map((r) => r.id)).toEqual([2, 3]);
  });

  it("keeps a failed statement's Postgres code and message", async () => {
    const err = await sql.query(`insert into t (id) values (2)`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).toMatchObject({ code: '23505', message: expect.stringMatching(/duplicate key/) });
  });
});

describe('a store whose thread has ended', () => {
  it('answers StoreUnavailableError (503), not a hang', async () => {
    const sql = await openPglite(null);
    await sql.close();
    await expect(sql.query('select 1')).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});
