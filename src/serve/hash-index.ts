// The hash-prefix index (Safe Browsing's model): full SHA-256 hashes of the expressions the service has a
// verdict for, kept in the scan's own save transaction, and answered by 4-byte prefix. A caller sends prefixes
// only; what it gets back is every full hash under them, so the service never learns which URL was asked about.
import { createHash } from 'node:crypto';
import { canonicalize, exactExpression } from '../client/canonical.js';
import type { VerdictBand } from '../engine/types.js';
import type { ScanResult } from '../scan/scanner.js';
import { standingVerdictJoin, standingVerdictOf, type StandingVerdictColumns } from '../store/casework.js';
import { iso } from '../store/scan-store.js';
import type { SqlQuery } from '../store/sql.js';
import { verdictExpiry, type ReachedBy } from './expiry.js';

export type ExpressionKind = 'url' | 'host' | 'domain';

export interface IndexedExpression {
  expression: string;
  kind: ExpressionKind;
}

export interface HashAnswer {
  /** Full SHA-256 of the expression, base64. */
  hash: string;
  kind: ExpressionKind;
  band: VerdictBand;
  score: number;
  scannedAt: string;
  expiresAt: string;
  reachedBy: ReachedBy;
  analystVerdict: 'scam' | 'legitimate' | null;
}


export const sha256 = (expression: string) => createHash('sha256').update(expression, 'latin1').digest();
/** The first four bytes as a signed 32-bit integer, the prefix column. */
export const prefixNumber = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, 4).readInt32BE(0);

/** What a scan gives a verdict for: its exact URL, its host and its registrable domain (each host/path expressions). */
export function expressionsOf(scan: Pick<ScanResult, 'url' | 'domain'>): IndexedExpression[] {
  let c;
  try {
    c = canonicalize(scan.url);
  } catch {
    return [];
  }
  const out: IndexedExpression[] = [
    { expression: exactExpression(c), kind: 'url' },
    { expression: `${c.host}/`, kind: 'host' },
  ];
  if (scan.domain) out.push({ expression: `${scan.domain}/`, kind: 'domain' });
  return out;
}

/** The scan's expressions as the arrays verdict_hashes rows are written from: hash (hex), kind, prefix. */
export function hashIndexArrays(scan: Pick<ScanResult, 'url' | 'domain'>): [string[], string[], number[]] {
  const rows = expressionsOf(scan).map((e) => ({ ...e, hash: sha256(e.expression) }));
  return [rows.map((r) => r.hash.toString('hex')), rows.map((r) => r.kind), rows.map((r) => prefixNumber(r.hash))];
}

/** How a scan's row of verdict_hashes is written over an existing one: the expressions point at the newest scan. */
export const VERDICT_HASH_UPSERT = `on conflict (hash, kind) do update set scan_id = excluded.scan_id, domain = excluded.domain, band = excluded.band,
       score = excluded.score, complete = excluded.complete, scanned_at = excluded.scanned_at
     where excluded.scanned_at >= verdict_hashes.scanned_at`;

/** Every indexed full hash under these prefixes (prefixNumber of 4 bytes), with its verdict and how long it holds. */
export async function hashesUnder(sql: SqlQuery, prefixes: readonly number[]): Promise<(HashAnswer & { prefix: number })[]> {
  if (!prefixes.length) return [];
  const { rows } = await sql.query<
    { hash: string; prefix: number; kind: ExpressionKind; band: VerdictBand; score: number; complete: boolean; scanned_at: Date | string } & StandingVerdictColumns
  >(
    `select h.hash, h.prefix, h.kind, h.band, h.score, h.complete, h.scanned_at, av.*
       from verdict_hashes h
       ${standingVerdictJoin('h.domain')}
      where h.prefix = any($1::integer[])
      order by h.hash, h.kind`,
    [[...new Set(prefixes)]],
  );
  return rows.map((r) => {
    const scannedAt = iso(r.scanned_at);
    const analyst = standingVerdictOf(r);
    const expiry = verdictExpiry({ scannedAt, band: r.band, complete: r.complete }, analyst);
    return {
      prefix: r.prefix,
      hash: Buffer.from(r.hash, 'hex').toString('base64'),
      kind: r.kind,
      band: r.band,
      score: r.score,
      scannedAt,
      ...expiry,
      analystVerdict: analyst?.verdict ?? null,
    };
  });
}
