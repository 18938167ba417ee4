// Domain facts for the scanner: WHOIS, cached and single-flight, so a hundred scans of one domain make one
// WHOIS query and a registry's rate limit is not spent on repeats. Never throws: a failure is a reason a
// person can read, which the scan reports as "unavailable".
import { LRUCache } from 'lru-cache';
import type { DomainFacts } from '../engine/types.js';
import { createSingleFlight } from '../single-flight.js';
import { createAddressPolicy } from './address-policy.js';
import { ageDaysAt, parseWhoisRecord, toAsciiDomain, whoisLookup, WhoisError } from './whois.js';

export type DomainFactsResult = { ok: true; facts: DomainFacts } | { ok: false; reason: string };

export interface DomainFactsOptions {
  /** 'host:port' every query goes to (SCAMSCORE_WHOIS_SERVER), or null = the registry's server. */
  whoisServer: string | null;
  /** DNS servers referral hosts are resolved with (SCAMSCORE_DNS_SERVERS); default [] = the system resolver. */
  dnsServers?: string[];
  /** CIDRs a referral may point into despite the private-address block (SCAMSCORE_ALLOW_PRIVATE); default []. */
  allowPrivate?: string[];
  timeoutMs?: number;
  cacheSize?: number;
  /** How long a record is kept. */
  ttlMs?: number;
  /** How long "no record" is kept: short, because scam domains are registered days before use. */
  noRecordTtlMs?: number;
  /** How long a failure (timeout, refused) is kept: long enough not to hammer a struggling server. */
  failureTtlMs?: number;
  now?: () => number;
}

export interface DomainFactsService {
  lookup(domain: string, signal?: AbortSignal): Promise<DomainFactsResult>;
}

const DEFAULTS = {
  timeoutMs: 5_000,
  cacheSize: 10_000,
  ttlMs: 6 * 60 * 60_000,
  noRecordTtlMs: 30 * 60_000,
  failureTtlMs: 60_000,
};

export function createDomainFactsService(options: DomainFactsOptions): DomainFactsService {
  // Every field set once here, so the code below never asks "was this given?".
  const opts = {
    whoisServer: options.whoisServer,
    dnsServers: options.dnsServers ?? [],
    allowPrivate: options.allowPrivate ?? [],
    timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
    cacheSize: options.cacheSize ?? DEFAULTS.cacheSize,
    ttlMs: options.ttlMs ?? DEFAULTS.ttlMs,
    noRecordTtlMs: options.noRecordTtlMs ?? Math.min(options.ttlMs ?? DEFAULTS.ttlMs, DEFAULTS.noRecordTtlMs),
    failureTtlMs: options.failureTtlMs ?? DEFAULTS.failureTtlMs,
    now: options.now ?? Date.now,
  };
  // Built once here only to refuse a malformed allow-list at start-up rather than on the first referral.
  createAddressPolicy(opts.allowPrivate);
  const cache = new LRUCache<string, DomainFactsResult>({
    max: opts.cacheSize,
    ttl: opts.ttlMs,
    // An injected clock drives expiry too, so tests can step past a TTL without sleeping; lru-cache would
    // otherwise reuse its last reading of the clock for up to ttlResolution ms.
    ...(options.now ? { perf: { now: options.now }, ttlResolution: 0 } : {}),
  });
  const inFlight = createSingleFlight<DomainFactsResult>();

  /** The one shared query for a domain. It carries no caller's signal: only its own deadline ends it. */
  async function query(ascii: string): Promise<DomainFactsResult> {
    let result: DomainFactsResult;
    let ttl: number;
    try {
      const answer = await whoisLookup(ascii, {
        server: opts.whoisServer,
        timeoutMs: opts.timeoutMs,
        dnsServers: opts.dnsServers,
        allowPrivate: opts.allowPrivate,
      });
      const facts = parseWhoisRecord(ascii, answer.record, answer.server, opts.now());
      // A refused referral is why there is no record; say so, or the reader blames the registry.
      const noRecord = `WHOIS has no record for ${ascii}${answer.referral ? ` (${answer.referral})` : ''}`;
      result = facts ? { ok: true, facts } : { ok: false, reason: noRecord };
      ttl = facts ? opts.ttlMs : opts.noRecordTtlMs;
    } catch (e) {
      result = { ok: false, reason: e instanceof WhoisError ? e.message : `WHOIS lookup failed: ${String(e)}` };
      ttl = opts.failureTtlMs;
    }
    if (ttl > 0) cache.set(ascii, result, { ttl });
    return result;
  }

  const shared = (ascii: string) => inFlight.run(ascii, () => query(ascii));

  return {
    async lookup(domain, signal) {
      const ascii = toAsciiDomain(domain);
      if (!ascii) return { ok: false, reason: `not a valid domain name: ${JSON.stringify(domain)}` };
      const cached = cache.get(ascii);
      if (cached) return fresh(cached, opts.now());
      if (signal?.aborted) return cancelled();
      // The caller stops waiting on abort; the shared query runs on for everyone else and fills the cache.
      return fresh(await untilAborted(shared(ascii), signal), opts.now());
    },
  };
}

/** Age moves on while a record sits in the cache. */
function fresh(result: DomainFactsResult, now: number): DomainFactsResult {
  if (!result.ok) return result;
  return { ok: true, facts: { ...result.facts, ageDays: ageDaysAt(result.facts.createdAt, now) } };
}

const cancelled = (): DomainFactsResult => ({ ok: false, reason: 'WHOIS lookup was cancelled' });

function untilAborted(work: Promise<DomainFactsResult>, signal: AbortSignal | undefined): Promise<DomainFactsResult> {
  if (!signal) return work;
  return new Promise((resolve) => {
    const onAbort = () => resolve(cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
    // `query` never rejects, so resolving on its result is enough.
    void work.then((r) => {
      signal.removeEventListener('abort', onAbort);
      resolve(r);
    });
  });
}
