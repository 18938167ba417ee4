// Verdict lifetimes: per band, shorter for a partial scan, longest for an analyst's verdict counted from the later
// of the scan and the verdict; stale exactly at expiresAt.
import { describe, expect, it } from 'vitest';
import type { AnalystVerdict, VerdictBand } from '../../src/engine/types.js';
import { ANALYST_LIFETIME_MS, INCOMPLETE_LIFETIME_MS, isStale, LIFETIME_MS, verdictExpiry } from '../../src/serve/expiry.js';

const H = 3_600_000;
const D = 24 * H;
const scannedAt = '2026-03-01T00:00:00.000Z';
const at = (ms: number) => new Date(Date.parse(scannedAt) + ms).toISOString();
const analyst = (when: string): AnalystVerdict => ({ id: 'v1', verdict: 'scam', reason: 'reports', by: 'kim', at: when });

describe('verdictExpiry', () => {
  it.each<[VerdictBand, number]>([
    ['critical', 7 * D],
    ['high', 7 * D],
    ['medium', 2 * D],
    ['low', 1 * D],
    ['unknown', 1 * H],
  ])('a complete %s scan holds for its band lifetime', (band, ms) => {
    expect(LIFETIME_MS[band]).toBe(ms);
    expect(verdictExpiry({ scannedAt, band, complete: true }, null)).toEqual({ expiresAt: at(ms), reachedBy: 'scan' });
  });

  it.each<[VerdictBand, number]>([
    ['critical', 6 * H],
    ['low', 6 * H],
    ['unknown', 1 * H],
  ])('a partial %s scan holds at most %i ms', (band, ms) => {
    expect(verdictExpiry({ scannedAt, band, complete: false }, null)).toEqual({ expiresAt: at(ms), reachedBy: 'partial-scan' });
    expect(ms).toBeLessThanOrEqual(INCOMPLETE_LIFETIME_MS);
  });

  it('an analyst verdict holds 30 days from the later of the scan and the verdict, whatever the band', () => {
    expect(verdictExpiry({ scannedAt, band: 'unknown', complete: false }, analyst(at(5 * D)))).toEqual({ expiresAt: at(5 * D + ANALYST_LIFETIME_MS), reachedBy: 'analyst' });
    expect(verdictExpiry({ scannedAt, band: 'low', complete: true }, analyst(at(-10 * D)))).toEqual({ expiresAt: at(30 * D), reachedBy: 'analyst' });
  });

  it('is stale from expiresAt on, not before', () => {
    const e = verdictExpiry({ scannedAt, band: 'low', complete: true }, null);
    expect(isStale(e, Date.parse(e.expiresAt) - 1)).toBe(false);
    expect(isStale(e, Date.parse(e.expiresAt))).toBe(true);
  });
});
