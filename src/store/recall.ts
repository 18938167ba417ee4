// What the store knows about a scan's site, gathered as facts before the memory rules run: earlier scans of
// the domain, other domains that carried the same identifiers or template (with their latest band and any
// analyst verdict), hotline reports, and the analyst's standing verdict and rule appeals for this domain.
import { fingerprintBands, TEMPLATE_MATCH_BITS } from '../analysis/fingerprint.js';
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

// Related domains in one statement, so a scan of one of two hundred mirrors reads twenty rows, not the five
// hundred links and a hundred domains behind them (the store's thread was a batch's bottleneck). Links: the
// newest rows naming one of the scan's identifiers, and the newest sharing a fingerprint band whose simhash is
// within TEMPLATE_MATCH_BITS; one link per identifier or template per domain, the newest; the domain's latest
// scan and standing analyst verdict; the most severe domains first.
const RELATED_SQL = `
with shared as (
  select kind, value, domain, scan_id, seen_at from indicators
   where (kind, value) in (select * from unnest($1::text[], $2::text[]))
     and domain is not null and ($3::text is null or domain <> $3) and ($4::uuid is null or scan_id <> $4::uuid)
   order by seen_at desc limit ${MAX_ROWS}
), candidates as (
  select domain, scan_id, seen_at, simhash from fingerprints
   where $5::text is not null and (band0 = $6::int or band1 = $7::int or band2 = $8::int or band3 = $9::int)
     and domain is not null and ($3::text is null or domain <> $3) and ($4::uuid is null or scan_id <> $4::uuid)
   order by seen_at desc limit ${MAX_ROWS}
), links as (
  select domain, 'indicator' as via, kind, value, null::int as distance, scan_id, seen_at from shared
  union all
  select * from (
    select domain, 'template', null::text, null::text, bit_count(('x' || simhash)::bit(64) # ('x' || $5::text)::bit(64))::int, scan_id, seen_at
      from candidates) c(domain, via, kind, value, distance, scan_id, seen_at)
   where distance <= ${TEMPLATE_MATCH_BITS}
), verdicts as (
  -- The standing verdicts of all the linked domains in one read (a lookup per domain cost more than the rest).
  select distinct on (domain) domain, verdict from analyst_verdicts
   where withdrawn_at is null and domain in (select domain from links)
   order by domain, created_at desc
), top as (
  -- The domains to show first (each one's latest scan and standing verdict), then the links of those alone.
  select l.domain, s.band, s.score, s.scanned_at, v.verdict,
         (case when v.verdict = 'scam' then 10 else 0 end)
         + (case s.band ${Object.entries(SEVERITY).map(([band, n]) => `when '${band}' then ${n}`).join(' ')} else 0 end) as weight
    from (select distinct domain from links) l
    join lateral (select band, score, scanned_at from scans
                   where domain = l.domain and ($4::uuid is null or id <> $4::uuid) order by scanned_at desc limit 1) s on true
    left join verdicts v on v.domain = l.domain
   order by weight desc, s.scanned_at desc
   limit ${MAX_RELATED}
), newest as (
  -- The shown domains' links, the newest per identifier or template, aggregated in one pass.
  select domain, jsonb_agg(jsonb_build_array(via, kind, value, distance, scan_id, floor(extract(epoch from seen_at) * 1000))
                           order by via = 'template', seen_at desc, kind, value) as links
    from (select distinct on (domain, via, kind, value) * from links
           where domain in (select domain from top) order by domain, via, kind, value, seen_at desc) n
   group by domain
)
select t.domain, t.band, t.score, t.scanned_at, t.verdict, n.links
  from top t left join newest n on n.domain = t.domain
 order by t.weight desc, t.scanned_at desc`;

/** A link as the statement aggregates it: via, kind, value, distance, scan id, seen at (epoch ms). */
type LinkRow = [via: 'indicator' | 'template', kind: IndicatorKindName | null, value: string | null, distance: number | null, scanId: string, seenAtMs: number];

const linkOf = ([via, kind, value, distance, scanId, seenAtMs]: LinkRow): RelatedLink => {
  const seenAt = new Date(seenAtMs).toISOString();
  return via === 'indicator' ? { via, kind: kind!, value: value!, scanId, seenAt } : { via, distance: distance!, scanId, seenAt };
};

export function createRecall(sql: SqlQuery, casework: Pick<Casework, 'reportsFor' | 'standingFor'>): Recall {
  async function related(q: RecallQuery, domain: string | null, exclude: string | null): Promise<RelatedDomain[]> {
    if (q.indicators.length === 0 && !q.fingerprint) return [];
    const bands = q.fingerprint ? fingerprintBands(q.fingerprint) : [null, null, null, null];
    const { rows } = await sql.query<{ domain: string; band: VerdictBand; score: number; scanned_at: Date | string; verdict: 'scam' | 'legitimate' | null; links: LinkRow[] }>(
      RELATED_SQL,
      [q.indicators.map((i) => i.kind), q.indicators.map((i) => i.value), domain, exclude, q.fingerprint, ...bands],
    );
    return rows.map((r) => ({
      domain: r.domain,
      band: r.band,
      score: r.score,
      lastScanAt: iso(r.scanned_at),
      analystVerdict: r.verdict ?? null,
      links: r.links.map(linkOf),
    }));
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

