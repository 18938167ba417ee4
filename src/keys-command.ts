// `scamscore keys create|list|revoke`: API keys are managed from the machine that holds the store, never over
// the API. The key is printed once, at creation; the store keeps only its hash.
import { parseArgs } from 'node:util';
import type { Config } from './config.js';
import { ScamscoreError } from './errors.js';
import { SCOPES } from './serve/scopes.js';
import { createApiKeyStore, type ApiKeyRecord, type ApiKeyStore } from './store/api-keys.js';
import { migrate } from './store/migrations.js';
import { openPostgres } from './store/postgres.js';
import { openPglite } from './store/sql.js';

export const KEYS_USAGE = `usage: scamscore keys create --owner NAME --scopes ${SCOPES.join(',')} [--json]
       scamscore keys list [--json]
       scamscore keys revoke <id> [--json]
create prints the new key once: store it now, it cannot be shown again. A revoked key stops working in every
process within 5 s. Keys live in the server's store (SCAMSCORE_DATA_DIR or DATABASE_URL); with the embedded
store, stop the server first (one process at a time may open its files).`;

export interface KeysIo {
  out(line: string): void;
  err(line: string): void;
}

function line(r: ApiKeyRecord): string {
  return `${r.id}  ${r.owner}  ${r.scopes.join(',')}  created ${r.createdAt}${r.revokedAt ? `  REVOKED ${r.revokedAt}` : ''}`;
}

/** What the CLI runs, on a store already open: tests call it with the service's own store. Returns the exit code. */
export async function keysCommand(argv: string[], store: ApiKeyStore, io: KeysIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { owner: { type: 'string' }, scopes: { type: 'string' }, json: { type: 'boolean', default: false } },
    });
  } catch (err) {
    io.err(`${(err as Error).message}\n\n${KEYS_USAGE}`);
    return 64;
  }
  const { values, positionals } = parsed;
  const [action, ...rest] = positionals;
  try {
    if (action === 'create' && rest.length === 0 && values.owner && values.scopes) {
      const created = await store.create({ owner: values.owner, scopes: values.scopes.split(',') });
      if (values.json) io.out(JSON.stringify(created));
      else {
        io.out(created.key);
        io.err(`key ${created.id} for ${created.owner} (${created.scopes.join(', ')}): shown once, store it now`);
      }
      return 0;
    }
    if (action === 'list' && rest.length === 0) {
      const keys = await store.list();
      for (const k of keys) io.out(values.json ? JSON.stringify(k) : line(k));
      return 0;
    }
    if (action === 'revoke' && rest.length === 1) {
      const revoked = await store.revoke(rest[0]!);
      io.out(values.json ? JSON.stringify(revoked) : line(revoked));
      return 0;
    }
  } catch (err) {
    if (!(err instanceof ScamscoreError)) throw err;
    io.err(err.message);
    return err.status === 404 ? 1 : 64;
  }
  io.err(KEYS_USAGE);
  return 64;
}

/** The CLI's entry: opens the server's store (migrating it, so keys can be made before the first start). */
export async function runKeys(argv: string[], config: Config, io: KeysIo): Promise<number> {
  const sql = config.databaseUrl
    ? await openPostgres(config.databaseUrl, { connectTimeoutMs: config.dbConnectTimeoutMs, queryTimeoutMs: config.dbQueryTimeoutMs })
    : await openPglite(config.dataDir);
  try {
    await migrate(sql);
    return await keysCommand(argv, createApiKeyStore(sql), io);
  } finally {
    await sql.close();
  }
}
