// Prepared statements for the PGlite thread. PGlite's query() parses and plans its SQL again every time and
// makes six calls into WebAssembly for it (parse, describe, bind, describe, execute, sync); the store runs the
// same few dozen statements over and over. Here each SQL text is parsed once into a named statement, and a run
// is one call: bind, describe, execute and sync in one buffer. Postgres keeps the statement's plan (custom
// plans first, a generic one once it proves no worse) and replans by itself when the schema changes.
import { parse, protocol, type PGlite } from '@electric-sql/pglite';

const { serialize } = protocol;

/** Statements kept at most: the store's own SQL is far fewer; the cap bounds one that builds SQL text. */
const MAX_STATEMENTS = 500;

interface Prepared {
  name: string;
  /** Parameter type oids, as Postgres inferred them: what picks each value's serializer. */
  types: number[];
}

const concat = (parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

// syncToFs: PGlite's query() does not sync per protocol message either; the caller syncs (or the commit does).
const QUIET = { syncToFs: false } as const;

export interface PreparedQueries {
  /**
   * Runs `sql` with `params`, as PGlite's query() would and with the same rows, parsers and serializers. The
   * caller holds PGlite's locks: the query lock, and outside a transaction the transaction lock as well.
   */
  run(sql: string, params: unknown[] | undefined): Promise<Record<string, unknown>[]>;
}

/** Statements worth keeping: reads and writes. Anything else (DDL above all) runs unnamed and drops every kept one. */
const REUSABLE = /^\s*(select|insert|update|delete|with)\b/i;

export function preparedQueries(db: PGlite): PreparedQueries {
  const statements = new Map<string, Prepared>();
  let nextName = 1;

  async function parseStatement(name: string, sql: string): Promise<Prepared> {
    const { messages } = await db.execProtocol(concat([serialize.parse({ name, text: sql }), serialize.describe({ type: 'S', name }), serialize.sync()]), QUIET);
    return { name, types: parse.parseDescribeStatementResults(messages) };
  }

  async function forget(names: string[]) {
    if (names.length) await db.execProtocol(concat([...names.map((name) => serialize.close({ type: 'S', name })), serialize.sync()]), QUIET);
  }

  async function prepare(sql: string): Promise<Prepared> {
    const known = statements.get(sql);
    if (known) {
      // Most recently used last: the oldest is the one dropped when the cap is reached.
      statements.delete(sql);
      statements.set(sql, known);
      return known;
    }
    const prepared = await parseStatement(`s${nextName++}`, sql);
    statements.set(sql, prepared);
    if (statements.size > MAX_STATEMENTS) {
      const [oldSql, old] = statements.entries().next().value!;
      statements.delete(oldSql);
      await forget([old.name]);
    }
    return prepared;
  }

  async function run(sql: string, params: unknown[]) {
    const reusable = REUSABLE.test(sql);
    // A schema change (one session: every change comes through here) may change what a kept `select *`
    // returns, which Postgres refuses ("cached plan must not change result type"): they are parsed anew.
    if (!reusable) {
      const names = [...statements.values()].map((p) => p.name);
      statements.clear();
      await forget(names);
    }
    const { name, types } = reusable ? await prepare(sql) : await parseStatement('', sql);
    // As PGlite's query() serializes: by the parameter's type, else the value's own text.
    const values = params.map((v, i) => {
      if (v === null || v === undefined) return null;
      const serializer = db.serializers[types[i]!];
      return serializer ? serializer(v) : String(v);
    });
    const { messages } = await db.execProtocol(
      concat([serialize.bind({ statement: name, values: values as string[] }), serialize.describe({ type: 'P' }), serialize.execute({}), serialize.sync()]),
      QUIET,
    );
    return parse.parseResults(messages, db.parsers)[0]?.rows ?? [];
  }

  return {
    run: (sql, params = []) =>
      // PGlite's query() names the statement in its errors too.
      run(sql, params).catch((err: unknown) => {
        throw Object.assign(err as Error, { query: sql });
      }),
  };
}
