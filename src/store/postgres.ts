// The store on a real Postgres server (DATABASE_URL), built to ride out the server's faults: a connection the
// server ends (restart, failover, idle timeout, pg_terminate_backend) is dropped and replaced, never fatal;
// every connect and every statement has a deadline (a silent server or a locked table cannot hold a scan);
// faults surface as StoreUnavailableError (503 + Retry-After), and the pool reconnects when the server is back.
import pg from 'pg';
import { StoreUnavailableError } from '../errors.js';
import type { SqlClient, SqlQuery } from './sql.js';
import { skippedByOnlyIf } from './statement.js';

export interface PostgresOptions {
  /** Time to open a connection, up to the server's ready-for-query (a port that accepts and never answers). */
  connectTimeoutMs: number;
  /** Time one statement may take, lock waits included: enforced by the server and, for a silent server, the client. */
  queryTimeoutMs: number;
  maxConnections?: number;
  /** Told about connections the server ended while idle (they are replaced on demand). */
  onConnectionLost?: (err: Error) => void;
}

/** The URL as it may be shown in a log or message: the password never is. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable URL)';
  }
}

// Errors that mean "the connection is gone", after which the same statement on a fresh connection may succeed:
// 57P01-57P02 the server ended the session, class 08 connection exceptions, socket errors, pg's own messages.
const LOST_CODES = new Set(['57P01', '57P02', 'ECONNRESET', 'EPIPE']);
const LOST_MESSAGES = /Connection terminated|not queryable|terminating connection/i;
// Errors that mean "the server cannot serve now": refused, unreachable, starting up, full, too slow.
const UNAVAILABLE_CODES = new Set(['57P03', '53300', '57014', '55P03', 'ECONNREFUSED', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const UNAVAILABLE_MESSAGES = /timeout|timed out/i;

type PgError = Error & { code?: string };
const LOST_CONNECTION_ATTEMPTS = 4;

function isConnectionLost(err: PgError): boolean {
  // "Connection terminated due to connection timeout" is a server that did not answer, not one that dropped us:
  // asking it again would only wait once more.
  if (UNAVAILABLE_MESSAGES.test(err.message)) return false;
  return (err.code !== undefined && (LOST_CODES.has(err.code) || err.code.startsWith('08'))) || LOST_MESSAGES.test(err.message);
}

function isUnavailable(err: PgError): boolean {
  return isConnectionLost(err) || (err.code !== undefined && UNAVAILABLE_CODES.has(err.code)) || UNAVAILABLE_MESSAGES.test(err.message);
}

function describe(err: PgError): string {
  if (err.code === '57014') return 'a statement took longer than the query timeout (a lock or an overloaded server)';
  if (err.code === '55P03') return 'a lock could not be taken in time';
  const code = err.code && !err.message.includes(err.code) ? ` (${err.code})` : '';
  return `${err.message || 'connection failed'}${code}`;
}

export async function openPostgres(url: string, options: PostgresOptions): Promise<SqlClient> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs,
    // The server cancels a statement stuck on a lock; the client gives up on a server that went silent.
    statement_timeout: options.queryTimeoutMs,
    query_timeout: options.queryTimeoutMs + 1_000,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    application_name: new URL(url).searchParams.get('application_name') ?? 'scamscore',
  });
  // Without a listener, an idle connection ended by the server would be an uncaught 'error' that ends the
  // process; the pool has already discarded that client.
  pool.on('error', (err) => options.onConnectionLost?.(err));

  /** Runs `attempt`, again on a fresh connection when the one it had was lost (statements here are idempotent).
   *  More than once: when the server ends every backend at once the pool may still hand out an idle
   *  connection whose end it has not yet heard of. */
  async function withRetry<T>(attempt: () => Promise<T>): Promise<T> {
    for (let n = 1; ; n++) {
      try {
        return await attempt();
      } catch (err) {
        const e = err as PgError;
        if (!isConnectionLost(e) || n >= LOST_CONNECTION_ATTEMPTS) throw asStoreError(e);
        await new Promise((r) => setTimeout(r, 20 * n));
      }
    }
  }

  const query = <T>(sql: string, params?: unknown[]) => withRetry(async () => (await pool.query(sql, params)) as unknown as { rows: T[] });

  async function transaction<T>(work: (tx: SqlQuery) => Promise<T>): Promise<T> {
    return withRetry(async () => {
      const client = await pool.connect();
      let broken: Error | undefined;
      // A checked-out client has no pool listener: a connection the server ends mid-transaction would be an
      // uncaught 'error' that ends the process. The statement in flight fails and is retried instead.
      const onError = (err: Error) => {
        broken = err;
      };
      client.on('error', onError);
      try {
        await client.query('begin');
        const result = await work({ query: async (sql, params) => (await client.query(sql, params)) as never });
        await client.query('commit');
        return result;
      } catch (err) {
        broken = err as Error;
        await client.query('rollback').catch(() => {});
        throw err;
      } finally {
        client.off('error', onError);
        // A connection lost mid-transaction is not handed to the next caller.
        client.release(broken && isConnectionLost(broken as PgError) ? broken : undefined);
      }
    });
  }

  try {
    await query('select 1');
  } catch (err) {
    await pool.end().catch(() => {});
    const cause = err instanceof StoreUnavailableError && err.cause instanceof Error ? err.cause : (err as Error);
    throw new StoreUnavailableError(`cannot open the database at DATABASE_URL (${redactUrl(url)}): ${describe(cause)}`, { cause: err });
  }
  return {
    kind: 'postgres',
    query: (sql, params) => query(sql, params),
    transaction,
    batch: (statements) =>
      transaction(async (tx) => {
        const results: (Record<string, unknown>[] | null)[] = [];
        for (const st of statements) results.push(skippedByOnlyIf(st, results) ? null : (await tx.query(st.sql, st.params)).rows);
        return results;
      }),
    close: () => pool.end(),
  };
}

function asStoreError(err: PgError): Error {
  if (err instanceof StoreUnavailableError || !isUnavailable(err)) return err;
  return new StoreUnavailableError(`the database is unavailable: ${describe(err)}`, { cause: err });
}
