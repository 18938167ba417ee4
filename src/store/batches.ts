// Batches in the SQL store: a batch row and one item per distinct target URL. State lives here, not in the
// queue, so a batch outlives restarts of the API and of the workers, and a job that runs twice finds its item
// already finished. Every finishing write is guarded by `status = 'pending'`: an item is finished once.
import { randomUUID } from 'node:crypto';
import type { VerdictBand } from '../engine/types.js';
import { iso } from './scan-store.js';
import type { SqlClient, SqlQuery } from './sql.js';

export type ItemStatus = 'pending' | 'done' | 'failed' | 'invalid';

export interface NewItem {
  /** Where the URL was in the input: 1-based line of the CSV, or 1-based position in the JSON list. */
  line: number;
  url: string;
  /** The normalised URL to scan; null for an input row that is not a URL we scan. */
  target: string | null;
  /** For an invalid row: why. */
  error?: { code: string; detail: string };
}

export interface BatchItem {
  batchId: string;
  seq: number;
  line: number;
  url: string;
  target: string | null;
  status: ItemStatus;
  scanId: string | null;
  score: number | null;
  band: VerdictBand | null;
  reused: boolean;
  errorCode: string | null;
  errorDetail: string | null;
  finishedAt: string | null;
}

export interface BatchRow {
  id: string;
  name: string | null;
  total: number;
  duplicates: number;
  /** The API key's owner who posted it; null on an open install. */
  createdBy: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface BatchProgress extends BatchRow {
  done: number;
  pending: number;
  reused: number;
  failed: number;
  invalid: number;
  counts: Record<VerdictBand, number>;
}

export type ItemOutcome =
  | { status: 'done'; scanId: string; score: number; band: VerdictBand; reused: boolean }
  | { status: 'failed'; code: string; detail: string };

/** The latest stored scan of a URL, as the fresh-verdict check needs it. */
export interface LatestScan {
  id: string;
  url: string;
  domain: string | null;
  score: number;
  band: VerdictBand;
  scannedAt: string;
  complete: boolean;
}

export interface BatchStore {
  create(input: { name: string | null; items: NewItem[]; duplicates: number; createdBy: string | null }): Promise<BatchRow>;
  get(id: string): Promise<BatchRow | null>;
  progress(id: string): Promise<BatchProgress | null>;
  item(batchId: string, seq: number): Promise<BatchItem | null>;
  /** An item and the latest stored scan of its target, in one round trip: what a batch job reads first. */
  itemToRun(batchId: string, seq: number): Promise<{ item: BatchItem; latest: LatestScan | null } | null>;
  /** Items of a batch in input order, a page at a time (a 10,000-row batch is never held whole). */
  items(batchId: string, pageSize?: number): AsyncGenerator<BatchItem>;
  /** Pending items of unfinished batches: what a starting API or worker puts back on the queue. */
  pending(limit?: number): Promise<{ batchId: string; seq: number }[]>;
  pendingOf(batchId: string): Promise<{ batchId: string; seq: number }[]>;
  /**
   * Finishes a pending item, inside `tx` when given (the one storing its scan): `finished` false when it was
   * already finished. The same statement finishes the batch when this was its last pending item (`batchDone`):
   * of concurrent finishers exactly one does, and only once its transaction commits.
   */
  finish(batchId: string, seq: number, outcome: ItemOutcome, tx?: SqlQuery): Promise<{ finished: boolean; batchDone: boolean }>;
  /** Removes a batch whose jobs could not be queued. */
  remove(id: string): Promise<void>;
  latestScan(url: string): Promise<LatestScan | null>;
}

type Ts = Date | string;
const isoOrNull = (v: Ts | null) => (v === null ? null : iso(v));

interface ItemSqlRow {
  batch_id: string;
  seq: number;
  line: number;
  url: string;
  target: string | null;
  status: ItemStatus;
  scan_id: string | null;
  score: number | null;
  band: VerdictBand | null;
  reused: boolean;
  error_code: string | null;
  error_detail: string | null;
  finished_at: Ts | null;
  [k: string]: unknown;
}

const itemOf = (r: ItemSqlRow): BatchItem => ({
  batchId: r.batch_id,
  seq: r.seq,
  line: r.line,
  url: r.url,
  target: r.target,
  status: r.status,
  scanId: r.scan_id,
  score: r.score,
  band: r.band,
  reused: r.reused,
  errorCode: r.error_code,
  errorDetail: r.error_detail,
  finishedAt: isoOrNull(r.finished_at),
});

interface BatchSqlRow {
  id: string;
  name: string | null;
  total: number;
  duplicates: number;
  created_by: string | null;
  created_at: Ts;
  finished_at: Ts | null;
  [k: string]: unknown;
}

const batchOf = (r: BatchSqlRow): BatchRow => ({
  id: r.id,
  name: r.name,
  total: r.total,
  duplicates: r.duplicates,
  createdBy: r.created_by,
  createdAt: iso(r.created_at),
  finishedAt: isoOrNull(r.finished_at),
});

interface LatestSqlRow {
  id: string;
  url: string;
  domain: string | null;
  score: number;
  band: VerdictBand;
  scanned_at: Ts;
  complete: boolean | null;
  [k: string]: unknown;
}

const LATEST_COLUMNS = `id, url, domain, score, band, scanned_at, (result->>'complete')::boolean as complete`;

// Answers stored before `complete` existed are treated as partial: they are trusted for the shorter time.
const latestOf = (r: LatestSqlRow): LatestScan => ({
  id: r.id,
  url: r.url,
  domain: r.domain,
  score: r.score,
  band: r.band,
  scannedAt: iso(r.scanned_at),
  complete: r.complete ?? false,
});

const ITEM_COLUMNS = `batch_id, seq, line, url, target, status, scan_id, score, band, reused, error_code, error_detail, finished_at`;

export function createBatchStore(sql: SqlClient, opts: { now?: () => Date } = {}): BatchStore {
  const now = opts.now ?? (() => new Date());

  async function get(id: string): Promise<BatchRow | null> {
    const { rows } = await sql.query<BatchSqlRow>(`select id, name, total, duplicates, created_by, created_at, finished_at from batches where id = $1`, [id]);
    return rows[0] ? batchOf(rows[0]) : null;
  }

  return {
    async create({ name, items, duplicates, createdBy }) {
      const id = randomUUID();
      const createdAt = now();
      const at = createdAt.toISOString();
      // Invalid rows are finished at birth: they count as done (with an error) from the start.
      const allInvalid = items.every((i) => i.target === null);
      await sql.transaction(async (tx) => {
        await tx.query(`insert into batches (id, name, total, duplicates, created_by, created_at, finished_at, pending) values ($1, $2, $3, $4, $5, $6, $7, $8)`, [
          id,
          name,
          items.length,
          duplicates,
          createdBy,
          at,
          allInvalid ? at : null,
          items.filter((i) => i.target !== null).length,
        ]);
        // One statement for the whole batch (up to 10,000 rows): arrays unnested server-side.
        await tx.query(
          `insert into batch_items (batch_id, seq, line, url, target, status, error_code, error_detail, finished_at)
           select $1::uuid, t.seq, t.line, t.url, t.target, t.status, t.code, t.detail,
                  case when t.status = 'pending' then null else $8::timestamptz end
             from unnest($2::int[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $9::text[])
                  as t (seq, line, url, target, status, code, detail)`,
          [
            id,
            items.map((_, seq) => seq),
            items.map((i) => i.line),
            items.map((i) => i.url),
            items.map((i) => i.target),
            items.map((i) => (i.target === null ? 'invalid' : 'pending')),
            items.map((i) => i.error?.code ?? null),
            at,
            items.map((i) => i.error?.detail ?? null),
          ],
        );
      });
      return { id, name, total: items.length, duplicates, createdBy, createdAt: at, finishedAt: allInvalid ? at : null };
    },

    get,

    async progress(id) {
      const batch = await get(id);
      if (!batch) return null;
      const { rows } = await sql.query<{ status: ItemStatus; band: VerdictBand | null; n: number | string; reused: number | string }>(
        `select status, band, count(*) as n, count(*) filter (where reused) as reused from batch_items where batch_id = $1 group by status, band`,
        [id],
      );
      const counts: Record<VerdictBand, number> = { low: 0, medium: 0, high: 0, critical: 0, unknown: 0 };
      const p = { done: 0, pending: 0, reused: 0, failed: 0, invalid: 0 };
      for (const r of rows) {
        const n = Number(r.n);
        p.reused += Number(r.reused);
        if (r.status === 'pending') p.pending += n;
        else p.done += n;
        if (r.status === 'failed') p.failed += n;
        if (r.status === 'invalid') p.invalid += n;
        if (r.status === 'done' && r.band) counts[r.band] += n;
      }
      return { ...batch, ...p, counts };
    },

    async item(batchId, seq) {
      const { rows } = await sql.query<ItemSqlRow>(`select ${ITEM_COLUMNS} from batch_items where batch_id = $1 and seq = $2`, [batchId, seq]);
      return rows[0] ? itemOf(rows[0]) : null;
    },

    async itemToRun(batchId, seq) {
      const { rows } = await sql.query<ItemSqlRow & { latest: LatestSqlRow | string | null }>(
        `select i.*, (select to_jsonb(s) from (select ${LATEST_COLUMNS} from scans where url = i.target order by scanned_at desc limit 1) s) as latest
           from batch_items i where i.batch_id = $1 and i.seq = $2`,
        [batchId, seq],
      );
      const r = rows[0];
      if (!r) return null;
      const latest = typeof r.latest === 'string' ? (JSON.parse(r.latest) as LatestSqlRow) : r.latest;
      return { item: itemOf(r), latest: latest ? latestOf(latest) : null };
    },

    async *items(batchId, pageSize = 1_000) {
      let after = -1;
      for (;;) {
        const { rows } = await sql.query<ItemSqlRow>(
          `select ${ITEM_COLUMNS} from batch_items where batch_id = $1 and seq > $2 order by seq limit $3`,
          [batchId, after, pageSize],
        );
        for (const r of rows) yield itemOf(r);
        if (rows.length < pageSize) return;
        after = rows[rows.length - 1]!.seq;
      }
    },

    async pending(limit = 100_000) {
      const { rows } = await sql.query<{ batch_id: string; seq: number }>(
        `select i.batch_id, i.seq from batch_items i join batches b on b.id = i.batch_id
          where i.status = 'pending' and b.finished_at is null order by b.created_at, i.batch_id, i.seq limit $1`,
        [limit],
      );
      return rows.map((r) => ({ batchId: r.batch_id, seq: r.seq }));
    },

    async pendingOf(batchId) {
      const { rows } = await sql.query<{ seq: number }>(`select seq from batch_items where batch_id = $1 and status = 'pending' order by seq`, [batchId]);
      return rows.map((r) => ({ batchId, seq: r.seq }));
    },

    async finish(batchId, seq, outcome, tx = sql) {
      const at = now().toISOString();
      const set =
        outcome.status === 'done'
          ? { sql: `status = 'done', scan_id = $4, score = $5, band = $6, reused = $7`, params: [outcome.scanId, outcome.score, outcome.band, outcome.reused] }
          : { sql: `status = 'failed', error_code = $4, error_detail = $5`, params: [outcome.code, outcome.detail] };
      // The item, then its batch's count: a concurrent finisher's update of the batch row waits for this
      // transaction and then counts down from what it committed, so one finisher alone sees the last item go.
      const { rows } = await tx.query<{ items: number; last: boolean | null }>(
        `with item as (
           update batch_items set ${set.sql}, finished_at = $3 where batch_id = $1 and seq = $2 and status = 'pending' returning batch_id),
         batch as (
           update batches set pending = pending - 1, finished_at = case when pending = 1 then coalesce(finished_at, $3::timestamptz) else finished_at end
            where id = (select batch_id from item) returning pending)
         select (select count(*) from item)::int as items, (select pending = 0 from batch) as last`,
        [batchId, seq, at, ...set.params],
      );
      return { finished: rows[0]!.items > 0, batchDone: rows[0]!.last === true };
    },

    async remove(id) {
      await sql.query(`delete from batches where id = $1`, [id]);
    },

    async latestScan(url) {
      const { rows } = await sql.query<LatestSqlRow>(`select ${LATEST_COLUMNS} from scans where url = $1 order by scanned_at desc limit 1`, [url]);
      return rows[0] ? latestOf(rows[0]) : null;
    },
  };
}
