// Scans, kept so a hotline can reopen an answer by id, a journalist can follow a domain over time and an
// identifier across domains. A scan is written in one transaction with its evidence, identifiers and template:
// an answered scan is in the store whole or, after a crash before the commit, not at all.
import { fingerprintBands } from '../analysis/fingerprint.js';
import { indicatorList } from '../analysis/indicators.js';
import { mainPageHash } from '../engine/changes.js';
import type { IndicatorKindName, VerdictBand } from '../engine/types.js';
import type { ScanResult } from '../scan/scanner.js';
import { hashIndexArrays, VERDICT_HASH_UPSERT } from '../serve/hash-index.js';
import { indicatorKeys } from './casework.js';
import { isEvidenceSwept, type EvidenceStore, type PlannedEvidence } from './evidence.js';
import { migrate } from './migrations.js';
import type { SqlClient, SqlQuery, Statement } from './sql.js';

/** One scan as a history lists it: enough to draw the score over time, the full answer a GET away. */
export interface ScanRow {
  id: string;
  url: string;
  host: string | null;
  domain: string | null;
  score: number;
  band: VerdictBand;
  scannedAt: string;
}

export interface IndicatorSighting {
  domain: string;
  scanId: string;
  url: string;
  band: VerdictBand;
  score: number;
  seenAt: string;
}

export interface ScanStore {
  /** `requestedBy`: the API key's owner who asked for the scan (null on an open install). */
  /**
   * `alsoWrite`'s statements run last in the scan's transaction (a batch finishes its item there), unless the
   * scan was stored already; only those it issues before its first await (they are sent with the transaction).
   */
  save(result: ScanResult, evidence?: PlannedEvidence, requestedBy?: string | null, alsoWrite?: (tx: SqlQuery) => Promise<void>): Promise<void>;
  get(id: string): Promise<ScanResult | null>;
  /** The stored answer as JSON text, not parsed: what GET /v1/scans/:id sends as it is. */
  answerText(id: string): Promise<string | null>;
  /** Who asked for a stored scan (an API key's owner, `batch <id>`), kept beside the answer and not in it. */
  requestedBy(id: string): Promise<string | null>;
  /** Answers of the registrable domain (or, for a host that is not one, of that host), newest first. */
  history(name: string, opts: { limit: number; before?: string }): Promise<ScanResult[]>;
  domainStats(domain: string): Promise<{ firstSeen: string | null; lastSeen: string | null; scans: number }>;
  /** Scans that carried an identifier, newest first. */
  sightings(kind: IndicatorKindName, value: string, limit: number): Promise<IndicatorSighting[]>;
  /** Ids of scans stored since a date, oldest first (the CLI's rescore). */
  idsSince(since: string, limit: number): Promise<string[]>;
  readonly evidence: EvidenceStore | null;
  close(): Promise<void>;
}

export const iso = (v: Date | string) => (v instanceof Date ? v : new Date(v)).toISOString();
const parsed = (v: ScanResult | string) => (typeof v === 'string' ? (JSON.parse(v) as ScanResult) : v);

/** First and last scan of a domain (or of a host that has none) and how many; `exclude` leaves out one scan (a rescore's own). */
export async function domainStats(sql: SqlQuery, domain: string, exclude: string | null = null) {
  const { rows } = await sql.query<{ first: Date | string | null; last: Date | string | null; n: number | string }>(
    `select min(scanned_at) as first, max(scanned_at) as last, count(*) as n from scans
      where (domain = $1 or host = $1) and ($2::uuid is null or id <> $2::uuid)`,
    [domain, exclude],
  );
  const row = rows[0]!;
  return { firstSeen: row.first && iso(row.first), lastSeen: row.last && iso(row.last), scans: Number(row.n) };
}

/** What alsoWrite was told when the scan was stored already: its statements did not run. */
const NOT_RUN = Symbol('not run');

/**
 * Runs `alsoWrite` against a SqlQuery that only collects its statements: those it issues before its first
 * await go with the scan's batch, and each is answered with its rows once the batch has run. One issued later
 * could not be in the transaction and is refused. When the scan was stored already they did not run: alsoWrite
 * is told by a rejection that save() swallows, as if it had not been called.
 */
function queueStatements(alsoWrite: (tx: SqlQuery) => Promise<void>) {
  const calls: { statement: Statement; resolve: (r: { rows: never[] }) => void; reject: (err: unknown) => void }[] = [];
  let collecting = true;
  const tx: SqlQuery = {
    query: (sql, params) =>
      collecting
        ? new Promise((resolve, reject) => calls.push({ statement: { sql, params }, resolve: resolve as never, reject }))
        : Promise.reject(new Error(`a statement issued after an await cannot join the scan's transaction: ${sql}`)),
  };
  const done = alsoWrite(tx).catch((err: unknown) => {
    if (err !== NOT_RUN) throw err;
  });
  collecting = false;
  // Kept from being an unhandled rejection while the batch runs; save() awaits it after.
  done.catch(() => {});
  return {
    statements: calls.map((c) => c.statement),
    answer(results: (Record<string, unknown>[] | null)[]) {
      calls.forEach((c, i) => (results[i] ? c.resolve({ rows: results[i] as never[] }) : c.reject(NOT_RUN)));
    },
    fail(err: unknown) {
      for (const c of calls) c.reject(err);
    },
    done,
  };
}

export async function createScanStore(sql: SqlClient, opts: { evidence?: EvidenceStore | null } = {}): Promise<ScanStore> {
  await migrate(sql);
  const evidence = opts.evidence ?? null;
  return {
    evidence,
    async save(r, planned, requestedBy = null, alsoWrite) {
      // Everything that needs no lock is done before the transaction (identifiers, hashes, JSON, which blobs
      // are new and their compression); the transaction then goes to the store as one batch of statements, so
      // the store is never held waiting for this thread between them.
      // The first statement stores the scan and what it is found by (its identifiers, its template, the
      // hash-prefix index's expressions, which then point at it unless a newer scan holds them). Idempotent, so
      // a transaction retried after a dropped connection cannot fail on its own first attempt; the rest is
      // written only with a new scan row (`onlyIf: 0`).
      const found = indicatorKeys(indicatorList(r.indicators));
      const scan: Statement = {
        sql: `with scan as (
             insert into scans (id, url, domain, host, score, band, scanned_at, page_sha256, result, requested_by)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) on conflict (id) do nothing returning id),
           found as (
             insert into indicators (kind, value, scan_id, domain, seen_at)
             select kind, value, scan.id, $3, $7::timestamptz from scan, unnest($11::text[], $12::text[]) as t (kind, value)
             on conflict do nothing),
           template as (
             insert into fingerprints (scan_id, domain, seen_at, simhash, band0, band1, band2, band3)
             select scan.id, $3, $7::timestamptz, $13, $14::integer, $15::integer, $16::integer, $17::integer from scan where $13::text is not null
             on conflict do nothing),
           hashes as (
             insert into verdict_hashes (hash, kind, prefix, scan_id, domain, band, score, complete, scanned_at)
             select t.hash, t.kind, t.prefix, scan.id, $3, $6, $5, $21::boolean, $7::timestamptz from scan, unnest($18::text[], $19::text[], $20::integer[]) as t (hash, kind, prefix)
             ${VERDICT_HASH_UPSERT})
           select id from scan`,
        params: [
          r.id, r.url, r.domain, new URL(r.finalUrl).hostname, r.score, r.band, r.scannedAt, mainPageHash(r), JSON.stringify(r), requestedBy,
          found.map((i) => i.kind), found.map((i) => i.value),
          r.template ?? null, ...(r.template ? fingerprintBands(r.template) : [null, null, null, null]),
          ...hashIndexArrays(r), r.complete,
        ],
      };
      const meta = { rulesetVersion: r.rulesetVersion, weights: r.weights };
      const queued = alsoWrite ? queueStatements(alsoWrite) : null;
      try {
        for (let lookup = true; ; lookup = false) {
          const written = planned && evidence ? await evidence.statements(r.id, planned, meta, { lookup }) : [];
          const statements = [scan, ...written, ...(queued?.statements ?? [])].map((st, i) => (i === 0 ? st : { ...st, onlyIf: 0 }));
          try {
            const results = await sql.batch(statements);
            queued?.answer(results.slice(1 + written.length));
            break;
          } catch (err) {
            // A blob found stored was swept before the batch ran: nothing landed; again with every blob compressed.
            if (lookup && isEvidenceSwept(err)) continue;
            throw err;
          }
        }
      } catch (err) {
        queued?.fail(err);
        throw err;
      }
      await queued?.done;
    },
    async get(id) {
      const { rows } = await sql.query<{ result: ScanResult | string }>(`select result from scans where id = $1`, [id]);
      return rows[0] ? parsed(rows[0].result) : null;
    },
    async answerText(id) {
      const { rows } = await sql.query<{ result: string }>(`select result::text as result from scans where id = $1`, [id]);
      return rows[0]?.result ?? null;
    },
    async requestedBy(id) {
      const { rows } = await sql.query<{ requested_by: string | null }>(`select requested_by from scans where id = $1`, [id]);
      return rows[0]?.requested_by ?? null;
    },
    async history(name, { limit, before }) {
      const { rows } = await sql.query<{ result: ScanResult | string }>(
        `select result from scans where (domain = $1 or host = $1) and ($2::timestamptz is null or scanned_at < $2::timestamptz)
         order by scanned_at desc, id limit $3`,
        [name, before ?? null, limit],
      );
      return rows.map((r) => parsed(r.result));
    },
    domainStats: (domain) => domainStats(sql, domain),
    async sightings(kind, value, limit) {
      const { rows } = await sql.query<{ domain: string; scan_id: string; url: string; band: VerdictBand; score: number; seen_at: Date | string }>(
        `select i.domain, i.scan_id, s.url, s.band, s.score, i.seen_at from indicators i join scans s on s.id = i.scan_id
          where i.kind = $1 and i.value = $2 order by i.seen_at desc limit $3`,
        [kind, value, limit],
      );
      return rows.map((r) => ({ domain: r.domain, scanId: r.scan_id, url: r.url, band: r.band, score: r.score, seenAt: iso(r.seen_at) }));
    },
    async idsSince(since, limit) {
      const { rows } = await sql.query<{ id: string }>(`select id from scans where scanned_at >= $1::timestamptz order by scanned_at, id limit $2`, [since, limit]);
      return rows.map((r) => r.id);
    },
    close: () => sql.close(),
  };
}
