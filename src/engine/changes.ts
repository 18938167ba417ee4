// What moved between two answers for the same site: between a scan and its rescore (rules or weights
// changed), or between consecutive scans in a domain's history (the site changed).
import type { ScanResult } from '../scan/scanner.js';
import type { VerdictBand } from './types.js';

export interface FindingChange {
  rule: string;
  signal: string;
  points: number;
}

export interface VerdictChanges {
  score: { from: number; to: number };
  /** Null when the band stayed. */
  band: { from: VerdictBand; to: VerdictBand } | null;
  added: FindingChange[];
  removed: FindingChange[];
  moved: { rule: string; signal: string; from: number; to: number }[];
}

export interface SiteChanges extends VerdictChanges {
  /** The main page's bytes differ (SHA-256 of the raw page), or one of the two has no page kept. */
  page: { from: string | null; to: string | null } | null;
  indicators: { added: string[]; removed: string[] };
  redirects: { from: string[]; to: string[] } | null;
  whois: { field: string; from: unknown; to: unknown }[];
}

type Answer = Pick<ScanResult, 'score' | 'band' | 'findings'>;

const key = (f: { rule: string; signal: string }) => `${f.rule}/${f.signal}`;

export function verdictChanges(before: Answer, after: Answer): VerdictChanges {
  const old = new Map(before.findings.map((f) => [key(f), f]));
  const now = new Map(after.findings.map((f) => [key(f), f]));
  const pick = ({ rule, signal, points }: FindingChange) => ({ rule, signal, points });
  return {
    score: { from: before.score, to: after.score },
    band: before.band === after.band ? null : { from: before.band, to: after.band },
    added: [...now.values()].filter((f) => !old.has(key(f))).map(pick),
    removed: [...old.values()].filter((f) => !now.has(key(f))).map(pick),
    moved: [...now.values()].flatMap((f) => {
      const was = old.get(key(f));
      return was && was.points !== f.points ? [{ rule: f.rule, signal: f.signal, from: was.points, to: f.points }] : [];
    }),
  };
}

/** SHA-256 of the main (or provided) page's raw bytes, as the evidence kept it; null when no page was kept. */
export const mainPageHash = (r: Pick<ScanResult, 'evidence'>): string | null => r.evidence?.records.find((e) => e.role === 'main' || e.role === 'provided')?.sha256 ?? null;
const identifiers = (r: ScanResult) => Object.entries(r.indicators ?? {}).flatMap(([kind, values]) => (values as string[]).map((v) => `${kind}:${v}`));
const WHOIS_FIELDS = ['registrar', 'createdAt', 'privacy', 'source'] as const;

export function siteChanges(older: ScanResult, newer: ScanResult): SiteChanges {
  const [pageFrom, pageTo] = [mainPageHash(older), mainPageHash(newer)];
  const [idsFrom, idsTo] = [new Set(identifiers(older)), new Set(identifiers(newer))];
  const [hopsFrom, hopsTo] = [older.fetch.redirects.map((r) => r.url), newer.fetch.redirects.map((r) => r.url)];
  return {
    ...verdictChanges(older, newer),
    page: pageFrom === pageTo ? null : { from: pageFrom, to: pageTo },
    indicators: { added: [...idsTo].filter((i) => !idsFrom.has(i)), removed: [...idsFrom].filter((i) => !idsTo.has(i)) },
    redirects: hopsFrom.join('\n') === hopsTo.join('\n') ? null : { from: hopsFrom, to: hopsTo },
    whois: WHOIS_FIELDS.flatMap((field) => {
      const [from, to] = [older.domainInfo?.[field] ?? null, newer.domainInfo?.[field] ?? null];
      return from === to ? [] : [{ field, from, to }];
    }),
  };
}
