// A scan's evidence as a WARC 1.1 file (one gzip member per record, `.warc.gz`), so what a scan saw can be
// handed over, replayed and checked with the web archiving tools people already have (warcio, pywb, ...).
//
// Records, in order: warcinfo; per page, one `response` per response of its chain (redirect hops with an empty
// payload, the page's own response with its stored body) or, for HTML the caller provided, one `resource`;
// a `resource` per raw WHOIS/RDAP reply; a `metadata` record with the scan's JSON answer and one with the
// evidence manifest.
//
// Digests are SHA-256 in hex (`sha256:<64 hex>`, not the base32 of older crawlers), so a record's
// WARC-Payload-Digest is `sha256:` + the `sha256` the answer's `evidence.records[]` gives for those bytes.
// Record ids and dates come from the scan alone and JSON is written with sorted keys, so exporting the same
// scan twice yields the same bytes.
import { createHash } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { WARCRecord, WARCSerializer, WARC_1_1 } from 'warcio';
import type { CapturedResponse } from '../scan/capture.js';
import { domainReplyUrl, type BlobRef, type StoredManifest, type StoredPage } from './evidence.js';

export interface EvidenceWarcInput {
  scanId: string;
  /** The scan's JSON answer; its `url`, when a string, is the answer record's target URI. */
  answer: unknown;
  manifest: StoredManifest;
  blob(sha256: string): Promise<Buffer | null>;
  /** warcinfo `software`, e.g. "scamscore/1.4.0". */
  software?: string;
}

export const WARC_CONTENT_TYPE = 'application/warc';
export const warcFilename = (scanId: string): string => `scamscore-${scanId}.warc.gz`;

/** HTTP headers of the stored response that describe bytes the store does not hold as sent: replaced, originals kept. */
const REWRITTEN_HEADERS = ['content-encoding', 'transfer-encoding', 'content-length'] as const;
const SERIALIZE_OPTS = { gzip: true, digest: { algo: 'sha-256', prefix: 'sha256:', base32: false } } as const;
const encoder = new TextEncoder();

/** The records of the WARC, one gzip member each; concatenated they are the .warc.gz file. */
export async function* evidenceWarcChunks(input: EvidenceWarcInput): AsyncGenerator<Uint8Array> {
  const { scanId, manifest } = input;
  const date = manifest.scannedAt;
  let index = 0;
  const nextId = () => recordId(scanId, index++);
  const warcinfoId = nextId();
  const common = (id: string): Record<string, string> => ({ 'WARC-Record-ID': id, 'WARC-Warcinfo-ID': warcinfoId });

  const info = WARCRecord.createWARCInfo(
    { filename: warcFilename(scanId), date, warcVersion: WARC_1_1, warcHeaders: { 'WARC-Record-ID': warcinfoId } },
    {
      software: input.software ?? 'scamscore',
      format: 'WARC File Format 1.1',
      conformsTo: 'https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/',
      'scamscore-scan-id': scanId,
      'scamscore-ruleset-version': manifest.rulesetVersion,
      'scamscore-weights': manifest.weights,
      'scamscore-payload-digest': 'sha256 hex: WARC-Payload-Digest = "sha256:" + evidence.records[].sha256',
    },
  );
  yield await serialize(info);

  for (const page of manifest.capture.pages) {
    const body = await pageBody(page.body, input.blob);
    if (page.chain.length === 0) {
      // HTML the caller sent: no response was received, so the bytes are a resource.
      if (!body.bytes) continue;
      const record = WARCRecord.create(
        {
          url: page.url,
          date,
          type: 'resource',
          warcVersion: WARC_1_1,
          warcHeaders: { ...common(nextId()), 'Content-Type': page.contentType ?? 'application/octet-stream', ...truncation(page, body) },
        },
        [body.bytes],
      );
      yield await serialize(record);
      continue;
    }
    for (const [i, response] of page.chain.entries()) {
      const last = i === page.chain.length - 1;
      const payload = last && body.bytes ? body.bytes : new Uint8Array(0);
      const warcHeaders: Record<string, string> = { ...common(nextId()), ...(last ? truncation(page, body) : {}) };
      if (response.remoteAddress) warcHeaders['WARC-IP-Address'] = response.remoteAddress;
      const record = WARCRecord.create(
        {
          url: response.url,
          date,
          type: 'response',
          warcVersion: WARC_1_1,
          warcHeaders,
          statusline: `HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ''}`.trimEnd(),
          httpHeaders: httpHeaders(response, payload.length, last ? body.dropped : undefined),
        },
        [payload],
      );
      yield await serialize(record);
    }
  }

  for (const domain of manifest.capture.domains) {
    if (!domain.raw) continue;
    const body = await pageBody(domain.raw, input.blob);
    const warcHeaders: Record<string, string> = {
      ...common(nextId()),
      'Content-Type': domain.source === 'rdap' ? 'application/rdap+json' : 'text/plain; charset=utf-8',
    };
    if (body.dropped) warcHeaders['WARC-Truncated'] = body.dropped === 'size-cap' ? 'length' : 'unspecified';
    const record = WARCRecord.create(
      { url: domainReplyUrl(domain), date, type: 'resource', warcVersion: WARC_1_1, warcHeaders },
      [body.bytes ?? new Uint8Array(0)],
    );
    yield await serialize(record);
  }

  const scanUrn = `urn:scamscore:scan:${scanId}`;
  const answerUrl = typeof (input.answer as { url?: unknown } | null)?.url === 'string' ? (input.answer as { url: string }).url : scanUrn;
  yield await serialize(
    WARCRecord.create(
      {
        url: answerUrl,
        date,
        type: 'metadata',
        warcVersion: WARC_1_1,
        warcHeaders: { ...common(nextId()), 'Content-Type': 'application/json' },
      },
      [encoder.encode(canonicalJson(input.answer))],
    ),
  );
  yield await serialize(
    WARCRecord.create(
      {
        url: `${scanUrn}:manifest`,
        date,
        type: 'metadata',
        warcVersion: WARC_1_1,
        warcHeaders: { ...common(nextId()), 'Content-Type': 'application/json' },
      },
      [encoder.encode(canonicalJson(manifest))],
    ),
  );
}

/** The whole .warc.gz in memory (evidence is capped per scan, so it stays small). */
export async function writeEvidenceWarc(input: EvidenceWarcInput): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of evidenceWarcChunks(input)) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** JSON with object keys sorted: the same bytes whether the value came from the scan or back from jsonb (which reorders keys). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/** <urn:uuid:...> from sha256(scanId:index), shaped as a version 8 (custom) UUID. */
export function recordId(scanId: string, index: number): string {
  const h = createHash('sha256').update(`${scanId}:${index}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x80;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `<urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}>`;
}

async function serialize(record: WARCRecord): Promise<Uint8Array> {
  return WARCSerializer.serialize(record, { ...SERIALIZE_OPTS, digest: { ...SERIALIZE_OPTS.digest } });
}

interface Body {
  bytes: Buffer | null;
  /** Why the stored bytes are not in the record, when they are not. */
  dropped?: 'size-cap' | 'retention' | 'missing';
}

async function pageBody(ref: BlobRef | null, blob: (sha256: string) => Promise<Buffer | null>): Promise<Body> {
  if (!ref) return { bytes: null };
  if (ref.dropped) return { bytes: null, dropped: ref.dropped };
  const bytes = await blob(ref.sha256);
  return bytes ? { bytes } : { bytes: null, dropped: 'missing' };
}

/** WARC-Truncated when the record holds less than the page: cut at the fetch limit, or not kept by the store. */
function truncation(page: StoredPage, body: Body): Record<string, string> {
  if (body.dropped === 'size-cap') return { 'WARC-Truncated': 'length' };
  if (body.dropped) return { 'WARC-Truncated': 'unspecified' };
  if (page.truncated) return { 'WARC-Truncated': 'length' };
  return {};
}

/**
 * The response's headers as received, except those describing the bytes on the wire: the store holds the body
 * after content-encoding was undone (and hops' bodies not at all), so Content-Encoding and Transfer-Encoding
 * go, Content-Length becomes the payload's length, and the originals stay as X-Scamscore-Original-*. The
 * order as received is not kept (see below).
 */
function httpHeaders(response: CapturedResponse, payloadLength: number, dropped: Body['dropped']): [string, string][] {
  const out: [string, string][] = [];
  const originals: [string, string][] = [];
  // Sorted by name: the stored manifest is jsonb, which keeps no key order, and an export must not depend on
  // whether the capture came from the scan or back from the store.
  for (const [name, value] of Object.entries(response.headers).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const lower = name.toLowerCase();
    // A value holding several received lines (e.g. set-cookie) is written as one header line each.
    const values = value.split(/\r?\n/);
    if ((REWRITTEN_HEADERS as readonly string[]).includes(lower)) {
      for (const v of values) originals.push([`X-Scamscore-Original-${titleCase(lower)}`, v]);
    } else {
      for (const v of values) out.push([name, v]);
    }
  }
  out.push(...originals, ['Content-Length', String(payloadLength)]);
  if (dropped) out.push(['X-Scamscore-Body-Dropped', dropped]);
  return out;
}

const titleCase = (name: string) => name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());
