// The PGlite thread keeps each statement prepared (src/store/pglite-prepared.ts): its answers must be PGlite's
// own query()'s, row for row, across the types the store uses, after schema changes and after errors.
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preparedQueries, type PreparedQueries } from '../../src/store/pglite-prepared.js';
import { openPglite, type SqlClient } from '../../src/store/sql.js';

describe('prepared statements beside PGlite query()', () => {
  let db: PGlite;
  let prepared: PreparedQueries;
  beforeAll(async () => {
    db = await PGlite.create();
    prepared = preparedQueries(db);
    await db.query(`create table t (id int primary key, note text, data bytea, at timestamptz, doc jsonb, tags text[], n bigint, ok boolean)`);
    await db.query(`insert into t values (1, '현금화', '\\x0001fa', '2026-12-01T00:00:00Z', '{"a": [1, "b"]}', '{x,y}', 9007199254740993, true), (2, null, null, null, null, null, null, null)`);
  });
  afterAll(async () => db?.close());

  const run = (sql: string, params?: unknown[]) => db._runExclusiveQuery(() => prepared.run(sql, params));

  const statements: [string, unknown[]][] = [
    ['select * from t order by id', []],
    ['select * from t where id = $1', [1]],
    ['select id, note from t where note = any($1::text[]) or at < $2', [['현금화'], new Date('2027-01-01T00:00:00Z')]],
    [`select doc->'a' as a, $1::jsonb as j, $2::int + 1 as k, $3::uuid as u from t order by id`, [JSON.stringify({ k: [1] }), '41', null]],
    ['select count(*) as n, sum(n) as s from t where ($1::text is null or note = $1)', [null]],
    ['select data from t where data = $1', [Buffer.from([0, 1, 250])]],
  ];

  it('answers every statement as query() does, the first time and when run again', async () => {
    for (const [sql, params] of statements) {
      const expected = (await db.query(sql, params)).rows;
      expect(await run(sql, params)).toEqual(expected);
      expect(await run(sql, params)).toEqual(expected);
    }
  });

  it('sees a column added after a `select *` was prepared', async () => {
    const before = await run('select * from t where id = $1', [1]);
    expect(before[0]).not.toHaveProperty('extra');
    await run(`alter table t add column extra text default 'e'`, []);
    expect((await run('select * from t where id = $1', [1]))[0]).toMatchObject({ id: 1, extra: 'e' });
  });

  it("keeps a failed statement's code, and the statement still runs afterwards", async () => {
    const err = await run('insert into t (id) values ($1)', [1]).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: '23505' });
    expect(await run('insert into t (id) values ($1) returning id', [3])).toEqual([{ id: 3 }]);
  });
});

describe('prepared statements through the PGlite thread, in and out of transactions', () => {
  let sql: SqlClient;
  beforeAll(async () => {
    sql = await openPglite(null);
    await sql.query('create table c (id int primary key, n int not null)');
  });
  afterAll(async () => sql?.close());

  it('runs the same statement in a transaction that rolls back and outside it, each seeing its own writes', async () => {
    const insert = 'insert into c (id, n) values ($1, $2)';
    const count = 'select count(*)::int as n from c';
    await sql.query(insert, [1, 1]);
    await expect(
      sql.transaction(async (tx) => {
        await tx.query(insert, [2, 2]);
        expect((await tx.query(count)).rows).toEqual([{ n: 2 }]);
        await tx.query(insert, [1, 3]);
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect((await sql.query(count)).rows).toEqual([{ n: 1 }]);
    await sql.transaction(async (tx) => tx.query(insert, [2, 2]));
    expect((await sql.query(count)).rows).toEqual([{ n: 2 }]);
  });
});
