// Counting what the scanner learns about the network (fetch failures by kind, domain lookups without an answer)
// by wrapping the functions it is given: the scanner and the rules stay free of metrics.
import type { DomainFactsResult } from '../scan/domain-facts.js';
import type { FetchOutcome } from '../scan/safe-fetch.js';
import type { Metrics } from './metrics.js';

type FetchPage = (url: URL, opts: { signal: AbortSignal }) => Promise<FetchOutcome>;
type LookupDomain = (domain: string, signal?: AbortSignal) => Promise<DomainFactsResult>;

export function countingFetch(metrics: Metrics, fetchPage: FetchPage): FetchPage {
  return async (url, opts) => {
    let outcome: FetchOutcome;
    try {
      outcome = await fetchPage(url, opts);
    } catch (err) {
      metrics.fetchErrors.inc({ kind: (err as { code?: string }).code ?? 'FAILED' });
      throw err;
    }
    if (!outcome.ok) metrics.fetchErrors.inc({ kind: outcome.error?.code ?? 'FAILED' });
    return outcome;
  };
}

/** The reasons domain-facts.ts gives are sentences; the label needs a small fixed set. */
export function domainErrorKind(reason: string): string {
  if (/has no record/i.test(reason)) return 'no-record';
  if (/cancelled/i.test(reason)) return 'cancelled';
  if (/not a valid domain/i.test(reason)) return 'invalid-domain';
  if (/time(d)?[ -]?out|deadline/i.test(reason)) return 'timeout';
  if (/refus/i.test(reason)) return 'refused';
  return 'failed';
}

export function countingLookup(metrics: Metrics, lookup: LookupDomain): LookupDomain {
  return async (domain, signal) => {
    const result = await lookup(domain, signal);
    if (!result.ok) metrics.whoisErrors.inc({ kind: domainErrorKind(result.reason) });
    return result;
  };
}
