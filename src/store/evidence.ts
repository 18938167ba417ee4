// Evidence: the raw bytes a scan saw (page bodies, WHOIS text, RDAP JSON) and a manifest of everything else it
// saw (response chains, headers, addresses, the facts the rules were given, timings), so an answer can be
// shown to hold up later and exported as WARC (warc.ts). Bytes are content-addressed by the SHA-256 of the raw
// bytes and stored once however many scans saw them, brotli-compressed; a scan's evidence is capped in size
// and kept for a retention period, and whatever is not kept is named in the summary, never silently missing.
import { createHash, webcrypto } from 'node:crypto';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { CapturedDomain, CapturedPage, ScanCapture } from '../scan/capture.js';
import { ScamscoreError } from '../errors.js';
import type { SqlClient, SqlQuery, Statement } from './sql.js';

const brotliCompress = promisify(zlib.brotliCompress);
const brotliDecompress = promisify(zlib.brotliDecompress);

export type EvidenceRole = 'main' | 'linked' | 'provided' | 'whois' | 'rdap';
export type DropReason = 'size-cap' | 'retention';

/** A piece of raw evidence that is kept: sha256 is the hex SHA-256 of the raw bytes (WARC-Payload-Digest in the export). */
export interface EvidenceRecord {
  role: EvidenceRole;
  /** The page's URL; for a domain reply, the RDAP URL asked or whois://host:port/domain. */
  url: string;
  sha256: string;
  bytes: number;
}

/** A piece of raw evidence that was seen but not kept: its hash still says what it was. */
export interface EvidenceDrop {
  role: EvidenceRole;
  url: string;
  sha256: string;
  bytes: number;
  reason: DropReason;
}

/** Goes into the scan answer as `evidence`. */
export interface EvidenceSummary {
  records: EvidenceRecord[];
  dropped: EvidenceDrop[];
  /** Raw (uncompressed) bytes kept, each distinct blob counted once. */
  totalBytes: number;
  /** When retention drops the raw bytes (ISO); null = kept without limit. */
  retainedUntil: string | null;
}

/** Where a Buffer (or raw domain text) was in the capture: its hash and size, and why the bytes are gone if they are. */
export interface BlobRef {
  sha256: string;
  bytes: number;
  dropped?: DropReason;
}

export type StoredPage = Omit<CapturedPage, 'body'> & { body: BlobRef | null };
export type StoredDomain = Omit<CapturedDomain, 'raw'> & { raw: BlobRef | null };
/** ScanCapture with every byte string replaced by a reference to its blob. */
export type StoredCapture = Omit<ScanCapture, 'pages' | 'domains'> & { pages: StoredPage[]; domains: StoredDomain[] };

export interface StoredManifest {
  scannedAt: string;
  capture: StoredCapture;
  summary: EvidenceSummary;
  rulesetVersion: string;
  weights: string;
}

export interface PlannedEvidence {
  summary: EvidenceSummary;
  /** The manifest without the ruleset version and weights, which write() adds. */
  manifest: Omit<StoredManifest, 'rulesetVersion' | 'weights'>;
  /** The bytes to store, by hex SHA-256. */
  blobs: Map<string, Buffer>;
}

export interface LoadedEvidence {
  manifest: StoredManifest;
  /** The raw bytes of one of this scan's blobs, decompressed and checked against their hash; null when not kept. */
  blob(sha256: string): Promise<Buffer | null>;
  purgedAt: string | null;
}

export interface EvidenceStore {
  /**
   * The statements that store a planned scan's evidence (idempotent), ready to go in a batch after the scan's row
   * (SqlClient.batch; the row is their foreign key): which blobs are stored is asked and the new ones compressed
   * now, outside the transaction. Should a blob found here be swept before the batch runs, the batch fails with
   * EvidenceSweptError and nothing lands; `lookup: false` (the retry) compresses every blob and cannot fail so.
   */
  statements(scanId: string, planned: PlannedEvidence, meta: { rulesetVersion: string; weights: string }, opts?: { lookup?: boolean }): Promise<Statement[]>;
  load(scanId: string): Promise<LoadedEvidence | null>;
  /** Drops the raw bytes of scans older than the retention period; no-op without one. */
  purgeExpired(): Promise<{ scans: number; blobs: number }>;
  /** Stored bytes attributable to a scan: its blobs as stored (compressed, shared ones counted whole), the part of
   *  them no other scan uses (what dropping this scan's evidence would free) and its manifest. */
  bytesForScan(scanId: string): Promise<{ blobs: number; blobBytes: number; ownBlobBytes: number; manifestBytes: number }>;
}

/** The message of the error a batch fails with when a blob it counted on as stored was swept meanwhile. */
const SWEPT_MARK = 'scamscore: evidence blobs swept';
export const isEvidenceSwept = (err: unknown) => err instanceof Error && err.message.includes(SWEPT_MARK);

/** A stored blob whose bytes no longer match their hash (or size): the store is damaged, never serve it. */
export class EvidenceCorruptError extends ScamscoreError {
  constructor(message: string) {
    super('EVIDENCE_CORRUPT', 500, message);
  }
}

export const sha256Hex = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

/** Bytes up to this size are hashed on the calling thread; larger ones on libuv's pool (WebCrypto's digest runs
 *  there), so hashing a 500 KB page does not hold the HTTP thread for a millisecond or more under load. */
const HASH_INLINE_MAX = 32 * 1024;

/** sha256Hex off the calling thread for large bytes. */
async function sha256HexOffThread(bytes: Buffer): Promise<string> {
  if (bytes.length <= HASH_INLINE_MAX) return sha256Hex(bytes);
  return Buffer.from(await webcrypto.subtle.digest('SHA-256', bytes)).toString('hex');
}

const DAY_MS = 86_400_000;
const SHA256_HEX = /^[0-9a-f]{64}$/;
/** Brotli quality: 5 keeps most of the gain of 11 at a thirtieth of the time (a 250 KB page: ~5 ms vs ~170 ms). */
const BROTLI_QUALITY = 5;
/** Writers hold it shared for their transaction, the blob sweep exclusively: a sweep never deletes a blob that
 *  a transaction still in flight is about to reference (its evidence_blobs row is not visible until commit). */
const BLOB_LOCK_KEY = 7_310_457_331_001;
const PURGE_BATCH = 200;

/** whois://host:port/domain: the URI a WHOIS reply is stored and exported under. */
export function whoisUri(server: string, domain: string): string {
  return `whois://${server}/${domain}`;
}

export function domainReplyUrl(d: CapturedDomain | StoredDomain): string {
  return d.source === 'whois' ? whoisUri(d.server, d.domain) : d.server;
}

/**
 * Hashes every page body and raw domain reply and decides what is kept: when the distinct bytes exceed
 * maxBytesPerScan, linked pages go first (largest first), then the main (or provided) page, then domain
 * replies, until the rest fits; each drop is recorded. Pure but for where the hashing runs.
 */
export async function planEvidence(
  capture: ScanCapture,
  opts: { maxBytesPerScan: number; retentionDays: number | null; scannedAt: string },
): Promise<PlannedEvidence> {
  interface Item {
    role: EvidenceRole;
    url: string;
    bytes: Buffer;
    sha256: string;
    ref: BlobRef;
    tier: number;
    order: number;
  }
  const items: Item[] = [];
  const pageHashes = await Promise.all(capture.pages.map((page) => (page.body ? sha256HexOffThread(page.body) : null)));
  const pages: StoredPage[] = capture.pages.map((page, i) => {
    const { body, ...rest } = page;
    if (!body) return { ...rest, body: null };
    const sha256 = pageHashes[i]!;
    const ref: BlobRef = { sha256, bytes: body.length };
    items.push({ role: page.role, url: page.url, bytes: body, sha256, ref, tier: page.role === 'linked' ? 0 : 1, order: items.length });
    return { ...rest, body: ref };
  });
  const domains: StoredDomain[] = capture.domains.map((d) => {
    const { raw, ...rest } = d;
    if (raw === null) return { ...rest, raw: null };
    const bytes = Buffer.from(raw, 'utf8');
    const sha256 = sha256Hex(bytes);
    const ref: BlobRef = { sha256, bytes: bytes.length };
    items.push({ role: d.source, url: domainReplyUrl(d), bytes, sha256, ref, tier: 2, order: items.length });
    return { ...rest, raw: ref };
  });

  const kept = new Set(items);
  const keptBytes = () => distinctBytes([...kept]);
  const candidates = [...items].sort((a, b) => a.tier - b.tier || b.bytes.length - a.bytes.length || a.order - b.order);
  const dropped: EvidenceDrop[] = [];
  for (const item of candidates) {
    if (keptBytes() <= opts.maxBytesPerScan) break;
    // Bytes another kept piece also has cost nothing more: dropping this one would free nothing.
    if ([...kept].some((k) => k !== item && k.sha256 === item.sha256)) continue;
    kept.delete(item);
    item.ref.dropped = 'size-cap';
    dropped.push({ role: item.role, url: item.url, sha256: item.sha256, bytes: item.bytes.length, reason: 'size-cap' });
  }

  const blobs = new Map<string, Buffer>();
  const records: EvidenceRecord[] = [];
  for (const item of items) {
    if (!kept.has(item)) continue;
    records.push({ role: item.role, url: item.url, sha256: item.sha256, bytes: item.bytes.length });
    blobs.set(item.sha256, item.bytes);
  }
  const summary: EvidenceSummary = {
    records,
    dropped,
    totalBytes: keptBytes(),
    retainedUntil: opts.retentionDays === null ? null : new Date(Date.parse(opts.scannedAt) + opts.retentionDays * DAY_MS).toISOString(),
  };
  return { summary, manifest: { scannedAt: opts.scannedAt, capture: { ...capture, pages, domains }, summary }, blobs };
}

function distinctBytes(items: { sha256: string; bytes: Buffer }[]): number {
  const seen = new Map<string, number>();
  for (const i of items) seen.set(i.sha256, i.bytes.length);
  let total = 0;
  for (const n of seen.values()) total += n;
  return total;
}

/** The stored summary after retention: every kept record becomes a 'retention' drop, and the capture's refs say so. */
export function markRetained(manifest: StoredManifest): StoredManifest {
  const summary: EvidenceSummary = {
    ...manifest.summary,
    records: [],
    dropped: [...manifest.summary.dropped, ...manifest.summary.records.map((r) => ({ ...r, reason: 'retention' as const }))],
    totalBytes: 0,
  };
  const mark = (ref: BlobRef | null): BlobRef | null => (ref && !ref.dropped ? { ...ref, dropped: 'retention' } : ref);
  return {
    ...manifest,
    summary,
    capture: {
      ...manifest.capture,
      pages: manifest.capture.pages.map((p) => ({ ...p, body: mark(p.body) })),
      domains: manifest.capture.domains.map((d) => ({ ...d, raw: mark(d.raw) })),
    },
  };
}

/** Bytes up to this size are compressed on the calling thread: for a WHOIS reply or a small page the thread
 *  pool's round trip cost five times the compression itself (9 KB: 0.24 ms of CPU, 0.11 of it on the main thread,
 *  against 0.05 ms in all), and a batch compresses two such blobs an item. Larger ones go to the pool. */
const COMPRESS_INLINE_MAX = 32 * 1024;

/** Brotli when it makes the bytes smaller, the bytes as they are otherwise. */
async function encode(bytes: Buffer): Promise<{ encoding: 'br' | 'identity'; data: Buffer }> {
  if (bytes.length === 0) return { encoding: 'identity', data: bytes };
  const options = { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } };
  const br = bytes.length <= COMPRESS_INLINE_MAX ? zlib.brotliCompressSync(bytes, options) : await brotliCompress(bytes, options);
  return br.length < bytes.length ? { encoding: 'br', data: br } : { encoding: 'identity', data: bytes };
}

async function decode(encoding: string, data: Buffer): Promise<Buffer> {
  if (encoding === 'identity') return data;
  if (encoding === 'br') return brotliDecompress(data);
  throw new EvidenceCorruptError(`unknown blob encoding ${JSON.stringify(encoding)}`);
}

/** bytea as a Buffer: pg gives a Buffer, PGlite a Uint8Array. */
function asBuffer(v: unknown): Buffer {
  if (Buffer.isBuffer(v)) return v;
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  throw new TypeError(`expected bytea, got ${typeof v}`);
}

const asJson = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));
const asIso = (v: unknown): string | null => (v === null || v === undefined ? null : new Date(v as string | Date).toISOString());

async function statementsFor(
  sql: SqlQuery,
  scanId: string,
  planned: PlannedEvidence,
  meta: { rulesetVersion: string; weights: string },
  lookup: boolean,
): Promise<Statement[]> {
  const manifest: StoredManifest = { ...planned.manifest, rulesetVersion: meta.rulesetVersion, weights: meta.weights };
  const hashes = [...planned.blobs.keys()];
  // Only bytes not stored yet are compressed: a large page seen again costs one lookup. Blobs that compress
  // inline cost less to compress again than a round trip to the store, so a scan with no larger one asks nothing.
  const ask = lookup && [...planned.blobs.values()].some((bytes) => bytes.length > COMPRESS_INLINE_MAX);
  const { rows } = ask ? await sql.query<{ sha256: string }>(`select sha256 from blobs where sha256 = any($1::text[])`, [hashes]) : { rows: [] };
  const present = new Set(rows.map((r) => r.sha256));
  const fresh = await Promise.all(
    [...planned.blobs].filter(([sha256]) => !present.has(sha256)).map(async ([sha256, bytes]) => ({ sha256, size: bytes.length, ...(await encode(bytes)) })),
  );
  return [
    { sql: `select pg_advisory_xact_lock_shared($1::bigint)`, params: [BLOB_LOCK_KEY] },
    // Under the lock, the blobs counted on as stored still are (a sweep may have run since the lookup): else
    // the transaction fails (a cast error naming them) and the caller compresses them all.
    ...(present.size
      ? [
          {
            sql: `select case when count(*) > 0 then ('${SWEPT_MARK}: ' || string_agg(h, ' '))::int end as swept
                    from unnest($1::text[]) as h where not exists (select 1 from blobs b where b.sha256 = h)`,
            params: [[...present]],
          },
        ]
      : []),
    // One statement for the blobs, the scan's links to them and its manifest.
    {
      sql: `with new_blobs as (
              insert into blobs (sha256, size, encoding, data)
              select * from unnest($2::text[], $3::int[], $4::text[], $5::bytea[]) on conflict (sha256) do nothing
            ), links as (
              insert into evidence_blobs (scan_id, sha256) select $1::uuid, h from unnest($6::text[]) as h on conflict do nothing
            )
            insert into scan_evidence (scan_id, manifest) values ($1, $7) on conflict (scan_id) do nothing`,
      params: [scanId, fresh.map((b) => b.sha256), fresh.map((b) => b.size), fresh.map((b) => b.encoding), fresh.map((b) => b.data), hashes, JSON.stringify(manifest)],
    },
  ];
}

export function createEvidenceStore(sql: SqlClient, opts: { retentionDays: number | null; now?: () => number }): EvidenceStore {
  const now = opts.now ?? Date.now;

  return {
    statements: (scanId, planned, meta, { lookup = true } = {}) => statementsFor(sql, scanId, planned, meta, lookup),

    async load(scanId) {
      const { rows } = await sql.query<{ manifest: unknown; purged_at: unknown }>(
        `select manifest, purged_at from scan_evidence where scan_id = $1`,
        [scanId],
      );
      const row = rows[0];
      if (!row) return null;
      return {
        manifest: asJson<StoredManifest>(row.manifest),
        purgedAt: asIso(row.purged_at),
        async blob(sha256) {
          if (!SHA256_HEX.test(sha256)) return null;
          // Only the scan's own blobs: an id does not open every blob in the store.
          const r = await sql.query<{ size: number; encoding: string; data: unknown }>(
            `select b.size, b.encoding, b.data from evidence_blobs e join blobs b on b.sha256 = e.sha256
             where e.scan_id = $1 and e.sha256 = $2`,
            [scanId, sha256],
          );
          const blob = r.rows[0];
          if (!blob) return null;
          const bytes = await decode(blob.encoding, asBuffer(blob.data));
          if (bytes.length !== Number(blob.size) || sha256Hex(bytes) !== sha256) {
            throw new EvidenceCorruptError(`stored blob ${sha256} does not match its hash`);
          }
          return bytes;
        },
      };
    },

    async purgeExpired() {
      if (opts.retentionDays === null) return { scans: 0, blobs: 0 };
      const cutoff = new Date(now() - opts.retentionDays * DAY_MS).toISOString();
      const purgedAt = new Date(now()).toISOString();
      let scans = 0;
      for (;;) {
        const n = await sql.transaction(async (tx) => {
          const { rows } = await tx.query<{ scan_id: string; manifest: unknown }>(
            `select e.scan_id, e.manifest from scan_evidence e join scans s on s.id = e.scan_id
             where e.purged_at is null and s.scanned_at < $1
             order by s.scanned_at limit ${PURGE_BATCH} for update of e`,
            [cutoff],
          );
          for (const row of rows) {
            await tx.query(`delete from evidence_blobs where scan_id = $1`, [row.scan_id]);
            await tx.query(`update scan_evidence set purged_at = $2, manifest = $3 where scan_id = $1`, [
              row.scan_id,
              purgedAt,
              JSON.stringify(markRetained(asJson<StoredManifest>(row.manifest))),
            ]);
          }
          return rows.length;
        });
        scans += n;
        if (n < PURGE_BATCH) break;
      }
      const blobs = await sql.transaction(async (tx) => {
        await tx.query(`select pg_advisory_xact_lock($1::bigint)`, [BLOB_LOCK_KEY]);
        const { rows } = await tx.query<{ n: number | string }>(
          `with gone as (
             delete from blobs b where not exists (select 1 from evidence_blobs e where e.sha256 = b.sha256) returning 1
           ) select count(*)::int as n from gone`,
        );
        return Number(rows[0]?.n ?? 0);
      });
      return { scans, blobs };
    },

    async bytesForScan(scanId) {
      const { rows } = await sql.query<{ blobs: number | string; blob_bytes: number | string; own_blob_bytes: number | string; manifest_bytes: number | string | null }>(
        `select count(*)::int as blobs,
                coalesce(sum(octet_length(b.data)), 0)::bigint as blob_bytes,
                coalesce(sum(octet_length(b.data)) filter (
                  where not exists (select 1 from evidence_blobs o where o.sha256 = e.sha256 and o.scan_id <> e.scan_id)), 0)::bigint as own_blob_bytes,
                (select octet_length(manifest::text) from scan_evidence where scan_id = $1) as manifest_bytes
           from evidence_blobs e join blobs b on b.sha256 = e.sha256
          where e.scan_id = $1`,
        [scanId],
      );
      const r = rows[0];
      return {
        blobs: Number(r?.blobs ?? 0),
        blobBytes: Number(r?.blob_bytes ?? 0),
        ownBlobBytes: Number(r?.own_blob_bytes ?? 0),
        manifestBytes: Number(r?.manifest_bytes ?? 0),
      };
    },
  };
}
