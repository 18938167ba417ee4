// Verifying API keys cheaply: each answer from the store (a valid key, an unknown one, a revoked one, whether any
// key exists) is kept in-process for a few seconds. That bounds how long a revocation made by another process
// (the CLI, another replica) takes to be seen, while a busy key costs one SHA-256 and a map lookup.
import { LRUCache } from 'lru-cache';
import { hashKey, keyId, type ApiKeyStore } from '../store/api-keys.js';
import type { Scope } from './scopes.js';

export interface Caller {
  keyId: string;
  owner: string;
  scopes: Scope[];
}

export type KeyCheck = { ok: true; caller: Caller } | { ok: false; reason: 'invalid' | 'revoked' };

export interface KeyVerifier {
  verify(key: string): Promise<KeyCheck>;
  /** Whether any key was ever made, revoked ones included (cached like verify). */
  anyKeys(): Promise<boolean>;
}

/** How long a store answer is trusted; also the longest a revocation takes to reach every process. */
export const KEY_CACHE_MS = 5_000;

export function createKeyVerifier(store: ApiKeyStore, opts: { ttlMs?: number; now?: () => number } = {}): KeyVerifier {
  const ttl = opts.ttlMs ?? KEY_CACHE_MS;
  const now = opts.now ?? Date.now;
  // Keyed by the key's hash, not the key: a heap dump shows no usable secrets. Bounded, so a flood of made-up
  // keys cannot grow it.
  const checks = new LRUCache<string, KeyCheck>({
    max: 10_000,
    ttl,
    // An injected clock drives expiry too (tests step past the TTL instead of sleeping).
    ...(opts.now ? { perf: { now: opts.now }, ttlResolution: 0 } : {}),
  });
  const inFlight = new Map<string, Promise<KeyCheck>>();
  let active: { value: boolean; until: number } | null = null;
  let activeFlight: Promise<boolean> | null = null;

  return {
    async verify(key) {
      const id = keyId(key);
      if (!id) return { ok: false, reason: 'invalid' };
      const hash = hashKey(key);
      const cached = checks.get(hash);
      if (cached) return cached;
      let flight = inFlight.get(hash);
      if (!flight) {
        flight = store
          .find(id, hash)
          .then((record): KeyCheck => {
            const check: KeyCheck = !record
              ? { ok: false, reason: 'invalid' }
              : record.revokedAt
                ? { ok: false, reason: 'revoked' }
                : { ok: true, caller: { keyId: record.id, owner: record.owner, scopes: record.scopes } };
            checks.set(hash, check);
            return check;
          })
          .finally(() => inFlight.delete(hash));
        inFlight.set(hash, flight);
      }
      return flight;
    },
    async anyKeys() {
      if (active && active.until > now()) return active.value;
      activeFlight ??= store
        .anyKeys()
        .then(
          (value) => {
            active = { value, until: now() + ttl };
            return value;
          },
          // A store that cannot answer leaves the last answer standing: whether any key exists seldom changes,
          // and failing every scoped request on it turned a store outage into refused scans the service could
          // still run and hand back unsaved.
          (err: unknown) => {
            if (active) return active.value;
            throw err;
          },
        )
        .finally(() => (activeFlight = null));
      return activeFlight;
    },
  };
}
