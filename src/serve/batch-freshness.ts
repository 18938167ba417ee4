// "Is there a verdict on this URL still fresh enough to hand out instead of scanning again?" — one function,
// so the lookup cache can later answer it instead of the store. Freshness is verdictExpiry's, the same
// lifetimes the lookups use; the analyst verdict that counts is the one standing now, not the one the scan saw.
import type { VerdictBand } from '../engine/types.js';
import type { Casework } from '../store/casework.js';
import type { LatestScan } from '../store/batches.js';
import { isStale, verdictExpiry } from './expiry.js';

export interface FreshVerdict {
  scanId: string;
  score: number;
  band: VerdictBand;
  scannedAt: string;
  expiresAt: string;
}

/** Judges the latest stored scan of a URL (BatchStore reads it with the batch item, in the same round trip). */
export type FreshVerdicts = (scan: LatestScan | null) => Promise<FreshVerdict | null>;

export function createFreshVerdicts(deps: { casework: Pick<Casework, 'standingFor'>; now?: () => number }): FreshVerdicts {
  const now = deps.now ?? Date.now;
  return async (scan) => {
    if (!scan) return null;
    const analyst = scan.domain ? (await deps.casework.standingFor(scan.domain)).verdict : null;
    const expiry = verdictExpiry(scan, analyst);
    if (isStale(expiry, now())) return null;
    return { scanId: scan.id, score: scan.score, band: scan.band, scannedAt: scan.scannedAt, expiresAt: expiry.expiresAt };
  };
}
