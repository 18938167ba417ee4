import { createHash, randomBytes } from 'node:crypto';
import zlib from 'node:zlib';
import { WARCParser, type WARCRecord } from 'warcio';
import { describe, expect, it } from 'vitest';
import type { ScanCapture } from '../../src/scan/capture.js';
import { createEvidenceStore, planEvidence, type StoredManifest } from '../../src/store/evidence.js';
import { migrate } from '../../src/store/migrations.js';
import { openPglite } from '../../src/store/sql.js';
import { recordId, writeEvidenceWarc } from '../../src/store/warc.js';
import { runStatements } from '../support/evidence.js';

const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');
const SCAN_ID = '0f9a7c52-3b1e-4d8a-9c11-5e2b7a6d4f30';
const SCANNED_AT = '2026-11-21T03:04:05.678Z';

const mainBody = Buffer.concat([Buffer.from('<html><head><meta charset="euc-kr"></head><body>'), Buffer.from([0xbc, 0xd2, 0xbe, 0xd7, 0xb0, 0xe1, 0xc1, 0xa6, 0x00, 0xff]), Buffer.from('</body></html>')]);
const linkedBody = randomBytes(3000);
const whoisText = 'Domain Name: cash.example\r\nCreation Date: 2026-11-01T00:00:00Z\r\n등록인: 비공개\r\n';
const rdapText = JSON.stringify({ objectClassName: 'domain', ldhName: 'cash.example', events: [{ eventAction: 'registration', eventDate: '2026-11-01T00:00:00Z' }] });

const capture: ScanCapture = {
  pages: [
    {
      role: 'main',
      requestedUrl: 'http://cash.example/',
      url: 'https://cash.example/',
      chain: [
        { url: 'http://cash.example/', status: 301, headers: { location: 'https://cash.example/', 'content-length': '162', 'content-type': 'text/html' }, remoteAddress: '203.0.113.7', via: 'location', ms: 4 },
        {
          url: 'https://cash.example/',
          status: 200,
          headers: { 'content-type': 'text/html; charset=euc-kr', 'content-encoding': 'gzip', 'transfer-encoding': 'chunked', 'set-cookie': 'a=1\nb=2', server: 'nginx' },
          remoteAddress: '203.0.113.7',
          ms: 9,
        },
      ],
      contentType: 'text/html; charset=euc-kr',
      body: mainBody,
      truncated: false,
      ms: 15,
    },
    {
      role: 'linked',
      requestedUrl: 'https://cash.example/apply',
      url: 'https://cash.example/apply',
      chain: [{ url: 'https://cash.example/apply', status: 200, headers: { 'content-type': 'text/html', 'content-length': '3000' }, remoteAddress: null, ms: 3 }],
      contentType: 'text/html',
      body: linkedBody,
      truncated: true,
      ms: 5,
    },
  ],
  domains: [
    { domain: 'cash.example', source: 'rdap', server: 'https://rdap.example/domain/cash.example', raw: rdapText },
    { domain: 'cash.example', source: 'whois', server: 'whois.example:43', raw: whoisText },
  ],
  facts: { domain: null, registry: null, unavailable: {} },
  timings: { totalMs: 30, pageMs: 20, domainMs: 8, analysisMs: 2 },
};

const answer = { id: SCAN_ID, url: 'http://cash.example/', score: 72, band: 'high', summary: { ko: '점수 72/100', en: 'Score 72/100' } };

async function setup(maxBytesPerScan = 1_000_000) {
  const planned = await planEvidence(capture, { maxBytesPerScan, retentionDays: null, scannedAt: SCANNED_AT });
  const manifest: StoredManifest = { ...planned.manifest, rulesetVersion: 'rs-2026.11', weights: 'default' };
  return { planned, manifest, blob: async (h: string) => planned.blobs.get(h) ?? null };
}

interface Parsed {
  type: string | undefined;
  uri: string | undefined;
  id: string | null;
  /** WARC headers, looked up without regard to case. */
  headers: { get(name: string): string | null; has(name: string): boolean };
  http: { status: number | string | undefined; headers: { get(name: string): string | null | undefined } } | null;
  payload: Uint8Array;
}

async function parse(warc: Uint8Array): Promise<Parsed[]> {
  const out: Parsed[] = [];
  for await (const record of new WARCParser([warc])) {
    const r = record as WARCRecord;
    const payload = await r.readFully(false);
    out.push({
      type: r.warcType,
      uri: r.warcTargetURI ?? undefined,
      id: r.warcHeaders.headers.get('WARC-Record-ID') ?? null,
      headers: r.warcHeaders.headers as Headers,
      http: r.httpHeaders ? { status: r.httpHeaders.statusCode, headers: r.httpHeaders.headers } : null,
      payload,
    });
  }
  return out;
}

describe('evidence WARC', () => {
  it('holds a warcinfo, one response per hop, the domain replies and the answer and manifest, in that order', async () => {
    const { manifest, blob } = await setup();
    const records = await parse(await writeEvidenceWarc({ scanId: SCAN_ID, answer, manifest, blob }));
    expect(records.map((r) => [r.type, r.uri])).toEqual([
      ['warcinfo', undefined],
      ['response', 'http://cash.example/'],
      ['response', 'https://cash.example/'],
      ['response', 'https://cash.example/apply'],
      ['resource', 'https://rdap.example/domain/cash.example'],
      ['resource', 'whois://whois.example:43/cash.example'],
      ['metadata', 'http://cash.example/'],
      ['metadata', `urn:scamscore:scan:${SCAN_ID}:manifest`],
    ]);
    for (const r of records) {
      expect(r.headers.get('WARC-Date')).toBe(SCANNED_AT);
      if (r.type !== 'warcinfo') expect(r.headers.get('WARC-Warcinfo-ID')).toBe(records[0]!.id);
    }
    expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
    expect(records[0]!.id).toBe(recordId(SCAN_ID, 0));

    const info = new TextDecoder().decode(records[0]!.payload);
    expect(info).toContain('software: scamscore\r\n');
    expect(info).toContain('scamscore-ruleset-version: rs-2026.11\r\n');
    expect(info).toContain('scamscore-weights: default\r\n');
    expect(info).toContain(`scamscore-scan-id: ${SCAN_ID}\r\n`);
    expect(records[0]!.headers.get('WARC-Filename')).toBe(`scamscore-${SCAN_ID}.warc.gz`);
  });

  it('payloads are the original bytes and their WARC-Payload-Digest is the sha256 the answer gives', async () => {
    const { planned, manifest, blob } = await setup();
    const records = await parse(await writeEvidenceWarc({ scanId: SCAN_ID, answer, manifest, blob }));
    const byUri = (type: string, uri: string) => records.find((r) => r.type === type && r.uri === uri)!;
    const expected: [string, string, Buffer][] = [
      ['response', 'https://cash.example/', mainBody],
      ['response', 'https://cash.example/apply', linkedBody],
      ['resource', 'https://rdap.example/domain/cash.example', Buffer.from(rdapText)],
      ['resource', 'whois://whois.example:43/cash.example', Buffer.from(whoisText, 'utf8')],
    ];
    for (const [type, uri, bytes] of expected) {
      const r = byUri(type, uri);
      expect(Buffer.from(r.payload).equals(bytes)).toBe(true);
      const record = planned.summary.records.find((x) => x.url === uri)!;
      expect(record.sha256).toBe(sha(bytes));
      expect(r.headers.get('WARC-Payload-Digest')).toBe(`sha256:${record.sha256}`);
    }
    expect(planned.summary.records).toHaveLength(4);
    expect(byUri('resource', 'whois://whois.example:43/cash.example').headers.get('Content-Type')).toBe('text/plain; charset=utf-8');
    expect(byUri('resource', 'https://rdap.example/domain/cash.example').headers.get('Content-Type')).toBe('application/rdap+json');
  });

  it('writes the HTTP headers for the stored bytes, keeping the originals, with the address connected to', async () => {
    const { manifest, blob } = await setup();
    const records = await parse(await writeEvidenceWarc({ scanId: SCAN_ID, answer, manifest, blob }));
    const [hop, final, linked] = records.slice(1, 4);
    expect(hop!.http!.status).toBe(301);
    expect(hop!.payload.length).toBe(0);
    expect(hop!.http!.headers.get('location')).toBe('https://cash.example/');
    expect(hop!.http!.headers.get('content-length')).toBe('0');
    expect(hop!.http!.headers.get('x-scamscore-original-content-length')).toBe('162');
    expect(hop!.headers.get('WARC-IP-Address')).toBe('203.0.113.7');

    expect(final!.http!.status).toBe(200);
    expect(final!.http!.headers.get('content-encoding')).toBeNull();
    expect(final!.http!.headers.get('transfer-encoding')).toBeNull();
    expect(final!.http!.headers.get('content-length')).toBe(String(mainBody.length));
    expect(final!.http!.headers.get('x-scamscore-original-content-encoding')).toBe('gzip');
    expect(final!.http!.headers.get('x-scamscore-original-transfer-encoding')).toBe('chunked');
    expect(final!.http!.headers.get('content-type')).toBe('text/html; charset=euc-kr');
    expect(final!.headers.get('WARC-IP-Address')).toBe('203.0.113.7');
    expect(final!.headers.has('WARC-Truncated')).toBe(false);

    // No connection address known: no WARC-IP-Address; a page cut at the fetch limit says so.
    expect(linked!.headers.has('WARC-IP-Address')).toBe(false);
    expect(linked!.headers.get('WARC-Truncated')).toBe('length');
  });

  it('the metadata records hold the answer and the manifest as JSON', async () => {
    const { manifest, blob } = await setup();
    const records = await parse(await writeEvidenceWarc({ scanId: SCAN_ID, answer, manifest, blob }));
    const [answerRecord, manifestRecord] = records.slice(-2);
    expect(answerRecord!.headers.get('Content-Type')).toBe('application/json');
    expect(JSON.parse(new TextDecoder().decode(answerRecord!.payload))).toEqual(answer);
    expect(JSON.parse(new TextDecoder().decode(manifestRecord!.payload))).toEqual(manifest);

    const noUrl = await parse(await writeEvidenceWarc({ scanId: SCAN_ID, answer: { score: 1 }, manifest, blob }));
    expect(noUrl.at(-2)!.uri).toBe(`urn:scamscore:scan:${SCAN_ID}`);
  });

  it('exporting the same scan twice yields the same bytes, one gzip member per record', async () => {
    const { manifest, blob } = await setup();
    const a = await writeEvidenceWarc({ scanId: SCAN_ID, answer, manifest, blob });
    const b = await writeEvidenceWarc({ scanId: SCAN_ID, answer, manifest, blob });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const other = await writeEvidenceWarc({ scanId: '11111111-2222-4333-8444-555555555555', answer, manifest, blob });
    expect(Buffer.from(other).equals(Buffer.from(a))).toBe(false);

    const whole = zlib.gunzipSync(a).toString('latin1');
    expect(whole.startsWith('WARC/1.1\r\n')).toBe(true);
    expect(whole.match(/^WARC\/1\.1\r\n/gm)).toHaveLength(8);
    // A header received as several lines stays several lines.
    expect(whole).toContain('set-cookie: a=1\r\nset-cookie: b=2\r\n');
    // Each record is a gzip member of its own (readers seek to a record's offset).
    let members = 0;
    for (let i = 0; i + 2 < a.length; i++) if (a[i] === 0x1f && a[i + 1] === 0x8b && a[i + 2] === 0x08) members++;
    expect(members).toBeGreaterThanOrEqual(8);
  });

  it('a body the store did not keep is an empty, truncated payload, never a silently missing record', async () => {
    const { planned, manifest, blob } = await setup(2000); // the 3000-byte linked page goes
    expect(planned.summary.dropped.map((d) => d.url)).toEqual(['https://cash.example/apply']);
    const records = await parse(await writeEvidenceWarc({ scanId: SCAN_ID, answer, manifest, blob }));
    const linked = records.find((r) => r.uri === 'https://cash.example/apply')!;
    expect(linked.payload.length).toBe(0);
    expect(linked.headers.get('WARC-Truncated')).toBe('length');
    expect(linked.http!.headers.get('x-scamscore-body-dropped')).toBe('size-cap');
    expect(linked.http!.headers.get('content-length')).toBe('0');
  });

  it('exports from the store: the bytes written by a scan come back in the WARC', async () => {
    const sql = await openPglite(null);
    try {
      await migrate(sql);
      const store = createEvidenceStore(sql, { retentionDays: 30 });
      const { planned } = await setup();
      const evidence = await store.statements(SCAN_ID, planned, { rulesetVersion: 'rs-2026.11', weights: 'default' });
      await sql.transaction(async (tx) => {
        await tx.query(`insert into scans (id, url, score, band, scanned_at, result) values ($1, $2, 72, 'high', $3, $4)`, [SCAN_ID, answer.url, SCANNED_AT, JSON.stringify(answer)]);
        await runStatements(tx, evidence);
      });
      const loaded = (await store.load(SCAN_ID))!;
      const fromStore = await writeEvidenceWarc({ scanId: SCAN_ID, answer, manifest: loaded.manifest, blob: loaded.blob });
      const { manifest, blob } = await setup();
      expect(Buffer.from(fromStore).equals(Buffer.from(await writeEvidenceWarc({ scanId: SCAN_ID, answer, manifest, blob })))).toBe(true);
      const records = await parse(fromStore);
      expect(Buffer.from(records.find((r) => r.uri === 'https://cash.example/')!.payload).equals(mainBody)).toBe(true);
    } finally {
      await sql.close();
    }
  });
});
