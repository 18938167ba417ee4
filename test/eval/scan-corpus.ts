// Shared by `npm run eval` (corpus-eval.ts) and `npm run fit` (fit-weights.ts): scans every site of a
// labeled corpus folder once, in-process, through loopback stand-ins (web, DNS, WHOIS), and the figures
// both print (band shares, AUC).
import { loadConfig } from '../../src/config.js';
import type { ScanResult } from '../../src/scan/scanner.js';
import { createScanning } from '../../src/services.js';
import { readCorpus, serveCorpus, type CorpusSite } from '../support/corpus.js';

export interface CorpusAnswer {
  site: CorpusSite;
  body: ScanResult | null;
  error?: string;
  ms: number;
}

/** Scans the sites of the corpus at `dir` (absolute) one after another, in corpus order. */
export async function scanCorpus(dir: string): Promise<CorpusAnswer[]> {
  const sites = readCorpus(dir);
  const served = await serveCorpus(dir, sites, { SCAMSCORE_SCAN_TIMEOUT_MS: '15000' });
  const scanning = createScanning(loadConfig(served.env));
  const results: CorpusAnswer[] = [];
  try {
    for (const site of sites) {
      const t = performance.now();
      try {
        results.push({ site, body: (await scanning.scanner.scan({ url: served.urlOf(site) })).result, ms: performance.now() - t });
      } catch (err) {
        results.push({ site, body: null, error: (err as Error).message, ms: performance.now() - t });
      }
    }
  } finally {
    await scanning.close();
    await served.close();
  }
  return results;
}

export const BANDS = ['low', 'medium', 'high', 'critical'] as const;
export type Band = (typeof BANDS)[number];

/** Index of a band in BANDS: low 0, medium 1, high 2, critical 3. */
export const bandRank = (band: string) => BANDS.indexOf(band as Band);

/** ROC AUC of scores: the chance a random positive scores above a random negative (ties count half). */
export function aucOf(positives: readonly number[], negatives: readonly number[]): number {
  let sum = 0;
  for (const p of positives) for (const n of negatives) sum += p > n ? 1 : p === n ? 0.5 : 0;
  return positives.length && negatives.length ? sum / (positives.length * negatives.length) : NaN;
}

/** Share of xs for which f holds; NaN for none. */
export const frac = <T>(xs: readonly T[], f: (x: T) => boolean) => (xs.length ? xs.filter(f).length / xs.length : NaN);

export const fmt = (x: number) => (Number.isNaN(x) ? 'n/a' : x.toFixed(2));

export interface Scored {
  label: CorpusSite['label'];
  score: number;
  /** bandRank of the score's band. */
  rank: number;
}

/** The eval's figures for scored pages: promo at medium+, scam at high+, legit at high+ / medium+, AUCs. */
export function figures(xs: readonly Scored[]) {
  const by = (label: string) => xs.filter((x) => x.label === label);
  const [scam, promo, legit] = [by('scam'), by('promo'), by('legit')];
  const scores = (ys: readonly Scored[]) => ys.map((y) => y.score);
  return {
    recall_scam: frac(scam, (r) => r.rank >= 2),
    fpr_legit: frac(legit, (r) => r.rank >= 2),
    soft_fpr_legit: frac(legit, (r) => r.rank >= 1),
    promo_flagged: frac(promo, (r) => r.rank >= 1),
    auc: aucOf(scores([...scam, ...promo]), scores(legit)),
    // Promotion against legitimate pages, operators left out.
    auc_promo_legit: aucOf(scores(promo), scores(legit)),
  };
}
