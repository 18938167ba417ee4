// What the store knows about a scan's site, gathered as facts before the memory rules run: earlier scans of
// the domain, other domains that carried the same identifiers or template (with their latest band and any
// analyst verdict), hotline reports, and the analyst's standing verdict and rule appeals for this domain.
import { fingerprintBands, hammingDistance, TEMPLATE_MATCH_BITS } from '../analysis/fingerprint.js';
import type { IndicatorKindName, MemoryFacts, RelatedDomain, RelatedLink, VerdictBand } from '../engine/types.js';
import { indicatorKeys, type Casework } from './casework.js';
import { domainStats, iso } from './scan-store.js';
import type { SqlQuery } from './sql.js';

export interface RecallQuery {
  domain: string | null;
  /** The submitted and final URLs: reports may name either. */
  urls: string[];
  indicators: { kind: IndicatorKindName; value: string }[];
  fingerprint: string | null;
  reading: MemoryFacts['reading'];
  /** A rescore leaves out the scan it rescores. */
  excludeScanId?: string;
}

export type Recall = (query: RecallQuery) => Promise<MemoryFacts>;

/** Reports count within this window (the police's own line: 3 reports in 3 months). */
export const REPORT_WINDOW_DAYS = 90;
/** Related domains shown per answer, most severe first; the rest are a query away (/v1/indicators). */
const MAX_RELATED = 20;
/** Rows read per question, so an identifier on ten thousand pages (a bank's number) cannot slow a scan. */
const MAX_ROWS = 500;

const SEVERITY: Record<VerdictBand, number> = { critical: 4, high: 3, medium: 2, low: 1, unknown: 0 };

export function createRecall(sql: SqlQuery, casework: Pick<Casework, 'reportsFor' | 'standingFor' | 'verdictsFor'>): Recall {
  async function sharedIndicators(q: RecallQuery, domain: string | null, exclude: string | null) {
    if (q.indicators.length === 0) return [];
    const { rows } = await sql.query<{ kind: string; value: string; domain: string; scan_id: string; seen_at: Date | string }>(
      `select kind, value, domain, scan_id, seen_at from indicators
        where (kind, value) in (select * from unnest($1::text[], $2::text[]))
          and domain is not null and ($3::text is null or domain <> $3) and ($4::uuid is null or scan_id <> $4::uuid)
        order by seen_at desc limit ${MAX_ROWS}`,
      [q.indicators.map((i) => i.kind), q.indicators.map((i) => i.value), domain, exclude],
    );
    return rows.map((r) => ({
      domain: r.domain,
      link: { via: 'indicator', kind: r.kind as IndicatorKindName, value: r.value, scanId: r.scan_id, seenAt: iso(r.seen_at) } as RelatedLink,
    }));
  }

  async function sharedTemplate(fingerprint: string | null, domain: string | null, exclude: string | null) {
    if (!fingerprint) return [];
    const bands = fingerprintBands(fingerprint);
    const { rows } = await sql.query<{ domain: string; scan_id: string; seen_at: Date | string; simhash: string }>(
      `select domain, scan_id, seen_at, simhash from fingerprints
        where (band0 = $1 or band1 = $2 or band2 = $3 or band3 = $4)
          and domain is not null and ($5::text is null or domain <> $5) and ($6::uuid is null or scan_id <> $6::uuid)
        order by seen_at desc limit ${MAX_ROWS}`,
      [...bands, domain, exclude],
    );
    return rows.flatMap((r) => {
      const distance = hammingDistance(fingerprint, r.simhash);
      if (distance > TEMPLATE_MATCH_BITS) return [];
      return [{ domain: r.domain, link: { via: 'template', distance, scanId: r.scan_id, seenAt: iso(r.seen_at) } as RelatedLink }];
    });
  }

  async function related(q: RecallQuery, domain: string | null, exclude: string | null): Promise<RelatedDomain[]> {
    const links = [...(await sharedIndicators(q, domain, exclude)), ...(await sharedTemplate(q.fingerprint, domain, exclude))];
    if (links.length === 0) return [];
    const byDomain = new Map<string, RelatedLink[]>();
    for (const { domain: d, link } of links) {
      const list = byDomain.get(d) ?? [];
      // One link per identifier or template per domain: the newest (rows come newest first).
      const key = link.via === 'indicator' ? `${link.kind}:${link.value}` : 'template';
      if (!list.some((l) => (l.via === 'indicator' ? `${l.kind}:${l.value}` : 'template') === key)) list.push(link);
      byDomain.set(d, list);
    }
    const domains = [...byDomain.keys()];
    const { rows } = await sql.query<{ domain: string; band: VerdictBand; score: number; scanned_at: Date | string }>(
      `select distinct on (domain) domain, band, score, scanned_at from scans
        where domain = any($1::text[]) and ($2::uuid is null or id <> $2::uuid)
        order by domain, scanned_at desc`,
      [domains, exclude],
    );
    const verdicts = await casework.verdictsFor(domains);
    const out: RelatedDomain[] = rows.map((r) => ({
      domain: r.domain,
      band: r.band,
      score: r.score,
      lastScanAt: iso(r.scanned_at),
      analystVerdict: verdicts.get(r.domain) ?? null,
      links: byDomain.get(r.domain)!,
    }));
    const weight = (r: RelatedDomain) => (r.analystVerdict === 'scam' ? 10 : 0) + SEVERITY[r.band];
    return out.sort((a, b) => weight(b) - weight(a) || b.lastScanAt.localeCompare(a.lastScanAt)).slice(0, MAX_RELATED);
  }

  return async (asked) => {
    const q = { ...asked, indicators: indicatorKeys(asked.indicators) };
    const exclude = q.excludeScanId ?? null;
    const [history, linked, reports, standing] = await Promise.all([
      q.domain ? domainStats(sql, q.domain, exclude) : { firstSeen: null, lastSeen: null, scans: 0 },
      related(q, q.domain, exclude),
      casework.reportsFor({ domain: q.domain, urls: q.urls, indicators: q.indicators }, REPORT_WINDOW_DAYS),
      q.domain ? casework.standingFor(q.domain) : { verdict: null, suppressions: [] },
    ]);
    return { reading: q.reading, seen: history, related: linked, reports, verdict: standing.verdict, suppressions: standing.suppressions };
  };
}

