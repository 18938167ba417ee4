// Domain facts for the scanner: RDAP where the TLD's registry has a server (most gTLDs), WHOIS otherwise or
// when RDAP fails or gives no creation date; the facts say which answered (`source`). Cached and
// single-flight, so a hundred scans of one domain make one query and a registry's rate limit is not spent on
// repeats. Never throws: a failure is a reason a person can read, which the scan reports as "unavailable".
// Each result keeps the reply it was read from (`capture`), cached with it, so a scan's evidence holds it.
import { LRUCache } from 'lru-cache';
import type { DomainFacts } from '../engine/types.js';
import { createSingleFlight } from '../single-flight.js';
import { createAddressPolicy } from './address-policy.js';
import type { CapturedDomain } from './capture.js';
import type { JsonClient } from './json-request.js';
import { parseRdapDomain, rdapLookup } from './rdap.js';
import type { RdapBootstrap } from './rdap-bootstrap.js';
import { ageDaysAt, parseWhoisRecord, toAsciiDomain, whoisLookup, WhoisError } from './whois.js';

/**
 * `capture` is the reply the result was read from: RDAP's when it gave the facts, else WHOIS's when a WHOIS
 * server answered (record or not), else RDAP's when it answered without facts (404, no date); absent when
 * no server answered.
 */
export type DomainFactsResult =
  | { ok: true; facts: DomainFacts; capture?: CapturedDomain }
  | { ok: false; reason: string; capture?: CapturedDomain };

export interface DomainFactsOptions {
  /** 'host:port' every query goes to (SCAMSCORE_WHOIS_SERVER), or null = the registry's server. */
  whoisServer: string | null;
  /** DNS servers referral hosts are resolved with (SCAMSCORE_DNS_SERVERS); default [] = the system resolver. */
  dnsServers?: string[];
  /** CIDRs a referral may point into despite the private-address block (SCAMSCORE_ALLOW_PRIVATE); default []. */
  allowPrivate?: string[];
  timeoutMs?: number;
  /** RDAP first for TLDs the bootstrap maps (SCAMSCORE_RDAP=auto); null or absent = WHOIS only. */
  rdap?: { client: JsonClient; bootstrap: RdapBootstrap; timeoutMs?: number } | null;
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
  // Shorter than WHOIS's: a WHOIS query must still fit in the scan's deadline after an RDAP server that stalls.
  rdapTimeoutMs: 4_000,
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
    rdap: options.rdap ? { ...options.rdap, timeoutMs: options.rdap.timeoutMs ?? DEFAULTS.rdapTimeoutMs } : null,
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

  /**
   * RDAP's facts, or why there are none (no server for the TLD: null); the caller then asks WHOIS. `capture`
   * is the reply when the server answered.
   */
  async function fromRdap(
    ascii: string,
  ): Promise<{ facts: DomainFacts; capture: CapturedDomain } | { why: string | null; capture?: CapturedDomain }> {
    const base = opts.rdap?.bootstrap.baseFor(ascii);
    if (!opts.rdap || !base) return { why: null };
    try {
      const answer = await rdapLookup(ascii, base, { client: opts.rdap.client, timeoutMs: opts.rdap.timeoutMs });
      const capture: CapturedDomain = { domain: ascii, source: 'rdap', server: answer.url, raw: answer.text };
      // A 404 is asked again over WHOIS too: a registrar's WHOIS may know a domain the registry's RDAP lags on.
      if (!answer.found) return { why: `RDAP has no record at ${answer.url}`, capture };
      const facts = parseRdapDomain(ascii, answer.object, answer.url, opts.now());
      return facts ? { facts, capture } : { why: `RDAP gave no registration date at ${answer.url}`, capture };
    } catch (e) {
      return { why: e instanceof Error ? e.message : `RDAP lookup failed: ${String(e)}` };
    }
  }

  /** The one shared query for a domain. It carries no caller's signal: only its own deadline ends it. */
  async function query(ascii: string): Promise<DomainFactsResult> {
    const rdap = await fromRdap(ascii);
    const { result, ttl } =
      'facts' in rdap
        ? { result: { ok: true, facts: rdap.facts, capture: rdap.capture } as const, ttl: opts.ttlMs }
        : await fromWhois(ascii, rdap.why, rdap.capture);
    if (ttl > 0) cache.set(ascii, result, { ttl });
    return result;
  }

  async function fromWhois(
    ascii: string,
    rdapWhy: string | null,
    rdapCapture: CapturedDomain | undefined,
  ): Promise<{ result: DomainFactsResult; ttl: number }> {
    // What RDAP said is kept in a WHOIS failure's reason: the reader sees both sources were tried.
    const also = rdapWhy ? `; ${rdapWhy}` : '';
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
      // The reply the record was read from: the last server's, after referrals.
      const capture: CapturedDomain = { domain: ascii, source: 'whois', server: answer.server, raw: answer.text };
      // A refused referral is why there is no record; say so, or the reader blames the registry.
      const noRecord = `WHOIS has no record for ${ascii}${answer.referral ? ` (${answer.referral})` : ''}`;
      result = facts ? { ok: true, facts, capture } : { ok: false, reason: noRecord + also, capture };
      ttl = facts ? opts.ttlMs : opts.noRecordTtlMs;
    } catch (e) {
      const reason = (e instanceof WhoisError ? e.message : `WHOIS lookup failed: ${String(e)}`) + also;
      // No WHOIS reply: RDAP's answer (a 404, a record without a date), if it gave one, is the evidence.
      result = rdapCapture ? { ok: false, reason, capture: rdapCapture } : { ok: false, reason };
      ttl = opts.failureTtlMs;
    }
    return { result, ttl };
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
  return { ...result, facts: { ...result.facts, ageDays: ageDaysAt(result.facts.createdAt, now) } };
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
