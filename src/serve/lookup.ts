// GET /v1/lookup answers from what is known and never fetches: the latest verdict for the exact URL, else for
// its host, else for its registrable domain, with how long that verdict holds. Answers are cached
// (verdict-cache.ts) pre-serialised; a stored scan or an analyst's verdict drops the answers it could change.
// With scan=if-missing an unknown URL is scanned in the background through the scan service (and its admission).
import { LRUCache } from 'lru-cache';
import { getDomain } from 'tldts';
import type { Logger } from 'pino';
import type { AnalystVerdict, VerdictBand } from '../engine/types.js';
import { ScamscoreError } from '../errors.js';
import type { ScanResult, Scanner } from '../scan/scanner.js';
import { standingVerdictJoin, standingVerdictOf, type StandingVerdictColumns } from '../store/casework.js';
import { iso } from '../store/scan-store.js';
import type { SqlQuery } from '../store/sql.js';
import { verdictExpiry, type ReachedBy } from './expiry.js';
import { hashesUnder, prefixNumber } from './hash-index.js';
import type { Metrics } from './metrics.js';
import type { ScanService } from './scan-service.js';
import type { VerdictCache } from './verdict-cache.js';

export type LookupMatch = 'url' | 'host' | 'domain';

export interface LookupAnswer {
  url: string;
  matched: LookupMatch;
  scanId: string;
  scannedAt: string;
  score: number;
  band: VerdictBand;
  complete: boolean;
  analystVerdict: AnalystVerdict | null;
  expiresAt: string;
  reachedBy: ReachedBy;
  stale: boolean;
}

/** Nothing is known about the URL, its host or its domain (404). */
export class NotKnownError extends ScamscoreError {
  constructor(url: string) {
    super('NOT_KNOWN', 404, `nothing is known about ${url}, its host or its domain: POST /v1/scans to scan it, or ask again with scan=if-missing`);
  }
}

/** A known answer as the JSON text sent, and whether it is past its expiry. */
export type Served = { body: string; stale: boolean };

export interface Lookups {
  /** The known answer for a URL as JSON, or null when nothing is known. Throws for a URL the scanner refuses. */
  lookup(url: string): Promise<Served | null>;
  /** Starts (or joins) a scan of the URL in the background; throws the admission's 503 when it is refused at once. */
  /** `requestedBy`: the API key's owner, recorded with the scan. */
  scanInBackground(url: string, requestedBy?: string | null): Promise<{ target: string }>;
  /** The answer of POST /v1/lookup/hashes as JSON text: every known full hash under these 4-byte prefixes. */
  hashes(prefixes: readonly Uint8Array[]): Promise<string>;
  /** A scan was stored: drop cached answers of its URL, host and domain. */
  scanStored(scan: Pick<ScanResult, 'url' | 'finalUrl' | 'domain'>): Promise<void>;
  /** An analyst's verdict on a registrable domain was recorded or withdrawn. */
  verdictChanged(domain: string): Promise<void>;
  readonly cache: VerdictCache;
  close(): Promise<void>;
}

// As the scans table keeps it (URL.hostname: IPv6 in brackets).
const hostOf = (url: string) => new URL(url).hostname;
/** Cache group of a host: its registrable domain, or the host itself (an IP address, a public suffix). */
export const lookupGroup = (host: string) => getDomain(host) ?? host;

/** How long a failed background scan is reported to pollers before a new request may start another. */
const FAILURE_MEMORY_MS = 60_000;

type Row = {
  rank: number;
  id: string;
  score: number;
  band: VerdictBand;
  complete: boolean | null;
  scanned_at: Date | string;
} & StandingVerdictColumns;

/** Cache group of the hash-prefix answers ('#' is never in a host name). */
const HASHES_GROUP = '#hashes';

const MATCHES: LookupMatch[] = ['url', 'host', 'domain'];

export function createLookups(deps: {
  sql: SqlQuery;
  scanner: Pick<Scanner, 'target'>;
  scans: ScanService;
  cache: VerdictCache;
  metrics: Metrics;
  log?: Logger;
  now?: () => number;
}): Lookups {
  const now = deps.now ?? Date.now;
  const failures = new Map<string, { error: unknown; timer: NodeJS.Timeout }>();
  // Bumped by every invalidation: an answer read from the store while one happened may be older than it, so it is not cached.
  let invalidations = 0;

  async function fromStore(target: string, host: string, domain: string | null): Promise<Omit<LookupAnswer, 'stale'> | null> {
    // One round trip: the newest scan of each match kind, the most specific first, with the standing analyst verdict.
    const { rows } = await deps.sql.query<Row>(
      `select m.rank, m.id, m.score, m.band, m.complete, m.scanned_at, av.*
         from (
           (select 1 as rank, id, domain, score, band, (result->>'complete')::boolean as complete, scanned_at from scans
             where url = $1 order by scanned_at desc limit 1)
           union all
           (select 2, id, domain, score, band, (result->>'complete')::boolean, scanned_at from scans
             where host = $2 order by scanned_at desc limit 1)
           union all
           (select 3, id, domain, score, band, (result->>'complete')::boolean, scanned_at from scans
             where $3::text is not null and domain = $3::text order by scanned_at desc limit 1)
         ) m
         ${standingVerdictJoin('coalesce(m.domain, $3::text)')}
        order by m.rank limit 1`,
      [target, host, domain],
    );
    const r = rows[0];
    if (!r) return null;
    const scannedAt = iso(r.scanned_at);
    const analystVerdict = standingVerdictOf(r);
    // Scans stored before `complete` existed were complete reads.
    const complete = r.complete ?? true;
    return {
      url: target,
      matched: MATCHES[r.rank - 1]!,
      scanId: r.id,
      scannedAt,
      score: r.score,
      band: r.band,
      complete,
      analystVerdict,
      ...verdictExpiry({ scannedAt, band: r.band, complete }, analystVerdict),
    };
  }

  // Parsing, the scanner's URL policy and the Public Suffix List cost more than a cache hit itself: a browser
  // extension asks about the same few URLs again and again. Refused URLs are not kept (they throw).
  const normalised = new LRUCache<string, { target: string; host: string; group: string }>({ max: 10_000 });
  function normalise(url: string) {
    let n = normalised.get(url);
    if (!n) {
      const target = deps.scanner.target(url).toString();
      const host = hostOf(target);
      n = { target, host, group: lookupGroup(host) };
      normalised.set(url, n);
    }
    return n;
  }

  const served = (body: string, expiresAtMs: number): Served => {
    const stale = expiresAtMs <= now();
    // The cached text ends with '}' and has no `stale`: appending it keeps the hot path free of JSON work.
    return { body: `${body.slice(0, -1)},"stale":${stale}}`, stale };
  };

  // Every scan and analyst verdict drops the whole hash-prefix cache: which prefixes an analyst's verdict on a
  // domain touches is not known without the store, and reads outnumber writes by far.
  async function invalidate(groups: string[]) {
    invalidations++;
    await deps.cache.invalidate([...new Set([...groups, HASHES_GROUP])]);
  }

  return {
    cache: deps.cache,
    async lookup(url) {
      const { target, host, group } = normalise(url);
      const cached = await deps.cache.get(group, target);
      if (cached) {
        if (cached.body === null) {
          deps.metrics.cacheRequests.inc({ result: 'hit' });
          return null;
        }
        const answer = served(cached.body, cached.expiresAtMs!);
        deps.metrics.cacheRequests.inc({ result: answer.stale ? 'stale' : 'hit' });
        return answer;
      }
      deps.metrics.cacheRequests.inc({ result: 'miss' });
      const seen = invalidations;
      const found = await fromStore(target, host, getDomain(host));
      const entry = found
        ? { body: JSON.stringify(found), expiresAtMs: Date.parse(found.expiresAt) }
        : { body: null, expiresAtMs: null };
      if (seen === invalidations) await deps.cache.set(group, target, entry);
      return entry.body === null ? null : served(entry.body, entry.expiresAtMs!);
    },

    async scanInBackground(url, requestedBy = null) {
      const target = deps.scanner.target(url).toString();
      const failed = failures.get(target);
      if (failed) {
        clearTimeout(failed.timer);
        failures.delete(target);
        throw failed.error;
      }
      let refused: unknown = null;
      const running = deps.scans.submit({ url: target }, requestedBy);
      running.catch((error: unknown) => {
        refused = error;
        if (error instanceof ScamscoreError && (error.code === 'SCAN_QUEUE_FULL' || error.code === 'OVERLOADED')) return;
        deps.log?.warn({ err: (error as Error).message }, 'background scan for a lookup failed');
        const timer = setTimeout(() => failures.delete(target), FAILURE_MEMORY_MS).unref();
        failures.set(target, { error, timer });
      });
      // An admission refusal (queue full) rejects at once: let it settle so the caller hears it now, not at the next poll.
      await new Promise((resolve) => setImmediate(resolve));
      if (refused) {
        const timer = failures.get(target)?.timer;
        if (timer) clearTimeout(timer);
        failures.delete(target);
        throw refused;
      }
      return { target };
    },

    async hashes(prefixes) {
      const numbers = [...new Set(prefixes.map(prefixNumber))];
      const cached = await Promise.all(numbers.map((n) => deps.cache.get(HASHES_GROUP, String(n))));
      const missing = numbers.filter((_, i) => !cached[i]);
      for (const c of cached) deps.metrics.cacheRequests.inc({ result: c ? 'hit' : 'miss' });
      // Each prefix's entries are kept as JSON text without brackets, so an answer is their concatenation.
      const parts = cached.map((c) => c?.body ?? '').filter(Boolean);
      if (missing.length) {
        const seen = invalidations;
        const found = await hashesUnder(deps.sql, missing);
        for (const n of missing) {
          const text = found
            .filter((h) => h.prefix === n)
            .map(({ prefix: _prefix, ...answer }) => JSON.stringify(answer))
            .join(',');
          if (text) parts.push(text);
          if (seen === invalidations) await deps.cache.set(HASHES_GROUP, String(n), { body: text, expiresAtMs: null });
        }
      }
      return `{"hashes":[${parts.join(',')}]}`;
    },

    async scanStored(scan) {
      const groups = [lookupGroup(hostOf(scan.url)), lookupGroup(hostOf(scan.finalUrl))];
      if (scan.domain) groups.push(scan.domain);
      await invalidate(groups);
    },

    verdictChanged: (domain) => invalidate([domain]),

    async close() {
      for (const f of failures.values()) clearTimeout(f.timer);
      failures.clear();
      await deps.cache.close();
    },
  };
}
