// API keys in the store: the SQL only. A key is `ssk_<id>_<secret>`; the row keeps the id (shown in lists and
// logs), a SHA-256 of the whole key, the owner, the scopes and when it was created and revoked. The secret is
// never stored, so a leaked database does not leak working keys.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { BadInputError, NotFoundError } from '../errors.js';
import { SCOPES, type Scope } from '../serve/scopes.js';
import type { SqlClient } from './sql.js';

export interface ApiKeyRecord {
  id: string;
  owner: string;
  scopes: Scope[];
  createdAt: string;
  revokedAt: string | null;
}

export interface ApiKeyStore {
  /** Makes a key; the returned `key` is the only time the secret exists outside the caller's hands. */
  create(input: { owner: string; scopes: readonly string[] }): Promise<ApiKeyRecord & { key: string }>;
  list(): Promise<ApiKeyRecord[]>;
  /** Marks the key revoked (idempotent: revoking twice keeps the first time); NotFoundError for an unknown id. */
  revoke(id: string): Promise<ApiKeyRecord>;
  /** The record whose id and hash match the key, revoked or not; null when none does. */
  find(id: string, keySha256: string): Promise<ApiKeyRecord | null>;
  /** Whether any key was ever made (revoked ones count): without one, the service may run open (serve/auth.ts).
   *  Revoking the last key must not silently reopen the service. */
  anyKeys(): Promise<boolean>;
}

const KEY_PATTERN = /^ssk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** The id part of a well-formed key, or null. */
export function keyId(key: string): string | null {
  return KEY_PATTERN.exec(key)?.[1] ?? null;
}

export function parseScopes(scopes: readonly string[]): Scope[] {
  const out = new Set<Scope>();
  for (const raw of scopes) {
    const s = raw.trim();
    if (!s) continue;
    if (!(SCOPES as readonly string[]).includes(s)) throw new BadInputError(`unknown scope "${s}"; scopes are ${SCOPES.join(', ')}`);
    out.add(s as Scope);
  }
  if (out.size === 0) throw new BadInputError(`a key needs at least one scope (${SCOPES.join(', ')})`);
  return SCOPES.filter((s) => out.has(s));
}

interface Row extends Record<string, unknown> {
  id: string;
  owner: string;
  scopes: string;
  created_at: unknown;
  revoked_at: unknown;
}

const iso = (v: unknown): string => (v instanceof Date ? v : new Date(String(v))).toISOString();

function recordOf(r: Row): ApiKeyRecord {
  return {
    id: r.id,
    owner: r.owner,
    scopes: r.scopes.split(',').filter(Boolean) as Scope[],
    createdAt: iso(r.created_at),
    revokedAt: r.revoked_at === null || r.revoked_at === undefined ? null : iso(r.revoked_at),
  };
}

export function createApiKeyStore(sql: SqlClient, opts: { now?: () => number } = {}): ApiKeyStore {
  const now = opts.now ?? Date.now;
  return {
    async create(input) {
      const owner = input.owner.trim();
      if (!owner) throw new BadInputError('a key needs an owner (--owner NAME)');
      if (owner.length > 200) throw new BadInputError('owner must be at most 200 characters');
      const scopes = parseScopes(input.scopes);
      const id = randomBytes(6).toString('hex');
      // 256 bits of randomness: the hash needs no salt or slow KDF, since nobody can guess such a key.
      const key = `ssk_${id}_${randomBytes(32).toString('base64url')}`;
      const createdAt = new Date(now()).toISOString();
      await sql.query(`insert into api_keys (id, key_sha256, owner, scopes, created_at) values ($1, $2, $3, $4, $5)`, [
        id,
        hashKey(key),
        owner,
        scopes.join(','),
        createdAt,
      ]);
      return { id, key, owner, scopes, createdAt, revokedAt: null };
    },
    async list() {
      const { rows } = await sql.query<Row>(`select id, owner, scopes, created_at, revoked_at from api_keys order by created_at, id`);
      return rows.map(recordOf);
    },
    async revoke(id) {
      const { rows } = await sql.query<Row>(
        `update api_keys set revoked_at = coalesce(revoked_at, $2) where id = $1 returning id, owner, scopes, created_at, revoked_at`,
        [id, new Date(now()).toISOString()],
      );
      if (!rows[0]) throw new NotFoundError(`no API key with id ${id}`);
      return recordOf(rows[0]);
    },
    async find(id, keySha256) {
      const { rows } = await sql.query<Row & { key_sha256: string }>(
        `select id, key_sha256, owner, scopes, created_at, revoked_at from api_keys where id = $1`,
        [id],
      );
      const row = rows[0];
      // The id is public; the hash is what proves the key, compared in constant time.
      if (!row || row.key_sha256.length !== keySha256.length || !timingSafeEqual(Buffer.from(row.key_sha256), Buffer.from(keySha256))) return null;
      return recordOf(row);
    },
    async anyKeys() {
      const { rows } = await sql.query<{ active: boolean }>(`select exists (select 1 from api_keys) as active`);
      return Boolean(rows[0]?.active);
    },
  };
}
