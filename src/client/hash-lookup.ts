// Privacy-preserving lookups for a browser extension (or any client), on the Safe Browsing model: the URL is
// canonicalised and split into host-suffix/path-prefix expressions here, each is hashed with SHA-256, and only
// the first 4 bytes of each hash leave the client. The service answers every full hash it knows under those
// prefixes; the client matches full hashes locally. The service learns a few prefixes shared by many URLs,
// never the URL. Dependency-free: WebCrypto (crypto.subtle) and fetch, as in browsers and Node 20.
//
//   import { createHashLookupClient } from './hash-lookup.js';
//   const client = createHashLookupClient({ baseUrl: 'https://scamscore.example', apiKey: '…' });
//   const verdict = await client.check('https://paymoney-cash.top/apply?id=7');
//   // null, or { matched: 'url' | 'host' | 'domain', band, score, expiresAt, … }
import { canonicalize, exactExpression, lookupExpressions } from './canonical.js';

export type HashMatchKind = 'url' | 'host' | 'domain';

/** One full hash the service knows (POST /v1/lookup/hashes). */
export interface KnownHash {
  hash: string;
  kind: HashMatchKind;
  band: 'low' | 'medium' | 'high' | 'critical' | 'unknown';
  score: number;
  scannedAt: string;
  expiresAt: string;
  reachedBy: 'analyst' | 'scan' | 'partial-scan';
  analystVerdict: 'scam' | 'legitimate' | null;
}

export interface HashMatch extends Omit<KnownHash, 'hash' | 'kind'> {
  /** What matched: this exact URL, its host, or its registrable domain. */
  matched: HashMatchKind;
  /** The expression (host/path) whose hash matched; it never left the client. */
  expression: string;
  /** True when past expiresAt. */
  stale: boolean;
}

export interface HashLookupOptions {
  /** Where the service is, e.g. https://scamscore.example (no trailing slash needed). */
  baseUrl: string;
  /** Sent as the x-api-key header when given. */
  apiKey?: string;
  /** Extra request headers (another authentication scheme, a user agent). */
  headers?: Record<string, string>;
  fetch?: typeof globalThis.fetch;
  now?: () => number;
}

const SPECIFICITY: Record<HashMatchKind, number> = { url: 3, host: 2, domain: 1 };

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

/** SHA-256 of each expression (as bytes: expressions are ASCII after canonicalisation), base64. */
export async function hashExpressions(expressions: readonly string[]): Promise<{ expression: string; hash: Uint8Array }[]> {
  return Promise.all(
    expressions.map(async (expression) => {
      const bytes = Uint8Array.from(expression, (c) => c.charCodeAt(0));
      return { expression, hash: new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)) };
    }),
  );
}

/**
 * The most specific verdict the service holds for this URL, or null, matched as GET /v1/lookup matches: a 'url'
 * hash counts only for the exact expression of the URL (a verdict on one page says nothing of the pages below
 * it), a 'host' hash only on the URL's own host, a 'domain' hash for the domain and every host under it.
 * Throws for a URL that cannot be canonicalised and when the service answers with an error.
 */
export function createHashLookupClient(options: HashLookupOptions) {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const now = options.now ?? Date.now;
  const endpoint = `${options.baseUrl.replace(/\/+$/, '')}/v1/lookup/hashes`;

  return {
    async check(url: string): Promise<HashMatch | null> {
      const canonical = canonicalize(url);
      const exact = exactExpression(canonical);
      const hashed = await hashExpressions(lookupExpressions(canonical));
      const byHash = new Map(hashed.map((h) => [toBase64(h.hash), h.expression]));
      const prefixes = [...new Set(hashed.map((h) => toBase64(h.hash.subarray(0, 4))))];
      // A GET (at most 30 prefixes for one URL): nothing to parse on the service, and cacheable on the way.
      const query = prefixes.map((p) => `prefix=${encodeURIComponent(p)}`).join('&');
      const response = await doFetch(`${endpoint}?${query}`, {
        method: 'GET',
        headers: { ...(options.apiKey ? { 'x-api-key': options.apiKey } : {}), ...options.headers },
      });
      if (!response.ok) throw new Error(`hash lookup failed: HTTP ${response.status} ${await response.text()}`);
      const { hashes } = (await response.json()) as { hashes: KnownHash[] };
      let best: HashMatch | null = null;
      for (const known of hashes) {
        const expression = byHash.get(known.hash);
        if (expression === undefined) continue;
        if (known.kind === 'url' && expression !== exact) continue;
        if (known.kind === 'host' && !expression.startsWith(`${canonical.host}/`)) continue;
        if (best && SPECIFICITY[best.matched] >= SPECIFICITY[known.kind]) continue;
        const { hash: _hash, kind, ...verdict } = known;
        best = { ...verdict, matched: kind, expression, stale: Date.parse(known.expiresAt) <= now() };
      }
      return best;
    },
  };
}
