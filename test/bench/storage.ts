// Benchmark: what a scan costs in bytes stored. Scans every site of a labeled corpus (default
// ../shared/corpus-dev) through the real service path (fetch, rules, evidence planning, one transaction) into
// a fresh embedded store, twice: the second pass shows what a rescan of unchanged pages adds when raw bytes
// are stored once. Prints per-scan median and worst (answer row, evidence blobs as stored (brotli), the part
// stored anew, manifest) and the store's tables by size. Then rescores every stored scan from its evidence
// and prints what moves (with unchanged rules: nothing should). Asserts nothing.
// usage: npm run bench:storage [-- --corpus DIR] [--data-dir DIR (kept; default a temp dir, removed)]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../src/config.js';
import { createServices } from '../../src/services.js';
import { openPglite } from '../../src/store/sql.js';
import { readCorpus, serveCorpus } from '../support/corpus.js';

const { values } = parseArgs({ options: { corpus: { type: 'string', default: '../shared/corpus-dev' }, 'data-dir': { type: 'string' } } });
const corpus = path.resolve(values.corpus!);
const keep = values['data-dir'] !== undefined;
const dataDir = keep ? path.resolve(values['data-dir']!) : fs.mkdtempSync(path.join(os.tmpdir(), 'scamscore-storage-'));
const sites = readCorpus(corpus);
const served = await serveCorpus(corpus, sites, { SCAMSCORE_SCAN_TIMEOUT_MS: '15000' });
const services = await createServices(loadConfig({ ...served.env, SCAMSCORE_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }));

interface Cost { answer: number; blobBytes: number; ownBlobBytes: number; manifest: number }
const passes: Cost[][] = [[], []];
const ids: string[] = [];
let failed = 0;
for (const pass of passes) {
  for (const site of sites) {
    try {
      const result = await services.scans.submit({ url: served.urlOf(site) });
      const bytes = await services.store.evidence!.bytesForScan(result.id);
      pass.push({ answer: Buffer.byteLength(JSON.stringify(result)), blobBytes: bytes.blobBytes, ownBlobBytes: bytes.ownBlobBytes, manifest: bytes.manifestBytes });
      ids.push(result.id);
    } catch (err) {
      failed++;
      console.error(`${site.id}: ${(err as Error).message}`);
    }
  }
}

const rescore = { scans: 0, moved: 0, bandChanged: 0, failed: 0, pointsMoved: [] as number[] };
for (const id of ids) {
  rescore.scans++;
  try {
    const { changes } = await services.rescore(id);
    const delta = changes.score.to - changes.score.from;
    if (delta !== 0 || changes.added.length + changes.removed.length + changes.moved.length > 0) {
      rescore.moved++;
      rescore.pointsMoved.push(delta);
    }
    if (changes.band) rescore.bandChanged++;
  } catch (err) {
    rescore.failed++;
    console.error(`rescore ${id}: ${(err as Error).message}`);
  }
}
await services.close();
await served.close();

// Table sizes, read from the store once the service has let go of it.
const sql = await openPglite(dataDir);
await sql.query('analyze');
const { rows: tables } = await sql.query<{ name: string; bytes: string; rows: string }>(
  `select c.relname as name, pg_total_relation_size(c.oid)::bigint as bytes, c.reltuples::bigint as rows
     from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'r' order by 2 desc`,
);
await sql.close();
if (!keep) fs.rmSync(dataDir, { recursive: true, force: true });

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2) : NaN;
};
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const line = (label: string, costs: Cost[], pick: (c: Cost) => number) => {
  const xs = costs.map(pick);
  return `${label.padEnd(26)} median ${kb(median(xs)).padStart(9)}   worst ${kb(Math.max(...xs)).padStart(9)}`;
};
console.log(`corpus ${corpus}: ${sites.length} sites, scanned twice; ${failed} scans failed`);
for (const [i, costs] of passes.entries()) {
  console.log(i === 0 ? 'first scan of each site:' : 'second scan of each site (pages unchanged, so their bytes are already stored):');
  console.log('  ' + line('answer (hot row, JSON)', costs, (c) => c.answer));
  console.log('  ' + line('evidence blobs used', costs, (c) => c.blobBytes));
  console.log('  ' + line('  of which stored anew', costs, (c) => c.ownBlobBytes));
  console.log('  ' + line('evidence manifest (JSON)', costs, (c) => c.manifest));
  console.log('  ' + line('added to the store', costs, (c) => c.answer + c.ownBlobBytes + c.manifest));
}
console.log('store tables after both passes (pg_total_relation_size, indexes and TOAST included):');
for (const t of tables) console.log(`  ${t.name.padEnd(20)} ${kb(Number(t.bytes)).padStart(10)}  ~${t.rows} rows`);
const total = tables.reduce((s, t) => s + Number(t.bytes), 0);
console.log(`  ${'all tables'.padEnd(20)} ${kb(total).padStart(10)}  = ${kb(total / Math.max(1, ids.length))} per scan over ${ids.length} scans`);
console.log(
  `rescore of all ${rescore.scans} stored scans from evidence (no network): ${rescore.moved} moved, ${rescore.bandChanged} changed band, ${rescore.failed} could not be rescored` +
    (rescore.pointsMoved.length ? `; point changes ${rescore.pointsMoved.join(', ')}` : ''),
);
