// How long a verdict may be served from memory before it should be scanned again (lookups, batches). Risky
// bands last longer than clean ones: a cash-out site rarely turns honest, while a clean page can be turned
// into a broker's page overnight. A page that could not be read is retried soon. An analyst's verdict is a
// person's judgement and lives longest, counted from when it was recorded.
import type { AnalystVerdict, VerdictBand } from '../engine/types.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export const LIFETIME_MS: Record<VerdictBand, number> = {
  critical: 7 * DAY_MS,
  high: 7 * DAY_MS,
  medium: 2 * DAY_MS,
  low: 1 * DAY_MS,
  unknown: 1 * HOUR_MS,
};
/** A scan that could not read everything (complete: false) is not trusted for long whatever its band. */
export const INCOMPLETE_LIFETIME_MS = 6 * HOUR_MS;
export const ANALYST_LIFETIME_MS = 30 * DAY_MS;

export type ReachedBy = 'analyst' | 'scan' | 'partial-scan';

export interface Expiry {
  expiresAt: string;
  reachedBy: ReachedBy;
}

export function verdictExpiry(scan: { scannedAt: string; band: VerdictBand; complete: boolean }, analyst: AnalystVerdict | null): Expiry {
  if (analyst) return { expiresAt: new Date(Math.max(Date.parse(analyst.at), Date.parse(scan.scannedAt)) + ANALYST_LIFETIME_MS).toISOString(), reachedBy: 'analyst' };
  const lifetime = scan.complete ? LIFETIME_MS[scan.band] : Math.min(INCOMPLETE_LIFETIME_MS, LIFETIME_MS[scan.band]);
  return { expiresAt: new Date(Date.parse(scan.scannedAt) + lifetime).toISOString(), reachedBy: scan.complete ? 'scan' : 'partial-scan' };
}

export const isStale = (e: Expiry, now = Date.now()) => Date.parse(e.expiresAt) <= now;
