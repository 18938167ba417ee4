// Benchmark: choosing the charset and decoding a page, the hand-written way (test/bench/charset-legacy.ts:
// regexes and iconv-lite) beside the library way (src/scan/decode.ts: encoding-sniffer's WHATWG prescan,
// fast-content-type-parse, WHATWG decoders), on the same bytes. Prints µs per page, median of rounds;
// asserts nothing.  usage: tsx test/bench/charset.ts
import iconv from 'iconv-lite';
import { performance } from 'node:perf_hooks';
import { decodeBody } from '../../src/scan/decode.js';
import { decodeBody as legacyDecodeBody } from './charset-legacy.js';
import { realisticPage } from './pages.js';

type Decode = (bytes: Buffer, contentType: string | undefined) => { text: string; charset: string };

const ROUNDS = 15;

function cases(): { name: string; bytes: Buffer; contentType: string | undefined }[] {
  const out: { name: string; bytes: Buffer; contentType: string | undefined }[] = [];
  for (const size of [2_000, 50_000, 500_000]) {
    const page = realisticPage(size);
    const kb = `${Math.round(size / 1000)} KB`;
    out.push({ name: `UTF-8, header charset, ${kb}`, bytes: Buffer.from(page), contentType: 'text/html; charset=utf-8' });
    out.push({ name: `UTF-8, no charset anywhere, ${kb}`, bytes: Buffer.from(page), contentType: 'text/html' });
    const euc = page.replace('<head>', '<head><meta http-equiv="Content-Type" content="text/html; charset=euc-kr">');
    out.push({ name: `EUC-KR by <meta>, ${kb}`, bytes: iconv.encode(euc, 'cp949'), contentType: 'text/html' });
  }
  return out;
}

function microsPerPage(decode: Decode, bytes: Buffer, contentType: string | undefined): number {
  const iterations = Math.max(5, Math.round(2_000_000 / bytes.length));
  const rounds: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const start = performance.now();
    for (let i = 0; i < iterations; i++) decode(bytes, contentType);
    rounds.push(((performance.now() - start) * 1000) / iterations);
  }
  return rounds.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)]!;
}

console.log(`${'page'.padEnd(36)} ${'old µs'.padStart(10)} ${'new µs'.padStart(10)}  new/old  charset old→new`);
for (const c of cases()) {
  const old = microsPerPage(legacyDecodeBody, c.bytes, c.contentType);
  const now = microsPerPage(decodeBody, c.bytes, c.contentType);
  const charsets = `${legacyDecodeBody(c.bytes, c.contentType).charset}→${decodeBody(c.bytes, c.contentType).charset}`;
  console.log(
    `${c.name.padEnd(36)} ${old.toFixed(1).padStart(10)} ${now.toFixed(1).padStart(10)}  ${(now / old).toFixed(2).padStart(7)}  ${charsets}`,
  );
}
