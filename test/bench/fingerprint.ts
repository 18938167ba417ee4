// Benchmark: the page template fingerprint (src/analysis/fingerprint.ts) on the labeled corpus (test/corpus).
// (a) rotation: every corpus page gets rotated clones made the way a broker moves a page to a new domain (other
//     domain names, phone numbers and messenger IDs, two pairs of sentences swapped, one paragraph added or
//     removed, one title word changed); share of clones within d bits of their original.
// (b) distinct: every pair of pages of two different sites; share within d bits (false matches), and the closest
//     pairs, to look at by hand.
// (c) time of templateFingerprint per corpus page (median, p99) and on a ~200 KB page.
// Prints the figures for a few feature sets; asserts nothing.
// usage: npm run bench:fingerprint   (CLONES=10 clones per page; ONLY=<text> only the sets whose name has it;
//        VERBOSE=1 the closest pairs and farthest clones of every set)
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  DEFAULT_FINGERPRINT_CONFIG,
  type FingerprintConfig,
  fingerprintWith,
  hammingDistance,
  type HashSet,
  fingerprintBands,
  TEMPLATE_MATCH_BITS,
  templateFeatures,
  templateFingerprint,
} from '../../src/analysis/fingerprint.js';
import { indicatorHits } from '../../src/analysis/indicators.js';
import type { PageFacts } from '../../src/engine/types.js';
import { extractPageFacts } from '../../src/scan/page-facts.js';
import { seededRandom } from '../support/prng.js';

const CLONES = Number(process.env.CLONES ?? 10);
const VERBOSE = process.env.VERBOSE === '1';
const corpusDir = path.resolve(new URL('../corpus', import.meta.url).pathname);

// ---------- corpus ----------

interface CorpusSite {
  url: string;
  label: 'scam' | 'promo' | 'legit';
  redirect?: string;
}
interface Page {
  site: string;
  label: string;
  url: string;
  html: string;
  facts: PageFacts;
}

const manifest = JSON.parse(fs.readFileSync(path.join(corpusDir, 'corpus.json'), 'utf8')) as { sites: CorpusSite[] };
const labelOf = new Map<string, string>();
for (const s of manifest.sites) {
  labelOf.set(new URL(s.url).hostname, s.label);
  if (s.redirect) labelOf.set(new URL(s.redirect).hostname, s.label);
}

function htmlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? htmlFiles(p) : e.name.endsWith('.html') ? [p] : [];
  });
}

const pages: Page[] = [];
for (const site of fs.readdirSync(path.join(corpusDir, 'sites')).sort()) {
  const root = path.join(corpusDir, 'sites', site);
  for (const file of htmlFiles(root).sort()) {
    const rel = path.relative(root, file).replace(/index\.html$/, '');
    const url = `http://${site}/${rel}`;
    const html = fs.readFileSync(file, 'utf8');
    pages.push({ site, label: labelOf.get(site) ?? '?', url, html, facts: extractPageFacts(html, url) });
  }
}

// ---------- rotated clones ----------


const SYLLABLES = ['ba', 'ro', 'mi', 'na', 'su', 'ha', 'jin', 'pay', 'cash', 'money', 'go', 'one', 'top', 'kk', 'won', 'dal'];
const TLDS = ['com', 'net', 'shop', 'top', 'site', 'xyz', 'store', 'co.kr'];
const TITLE_WORDS = ['최고', '당일', '안전', '빠른', '24시', '정식', '믿을수있는', '1등', '신속', '간편'];
const EXTRA_SENTENCES = [
  '상담 시간 외에 남겨주신 문의는 순서대로 연락드립니다.',
  '처음 이용하시는 분도 어렵지 않게 진행하실 수 있도록 담당자가 끝까지 안내해 드립니다.',
  '주말과 공휴일에도 평일과 똑같이 입금 처리가 이루어집니다.',
  '문의가 많은 시간대에는 답변이 조금 늦어질 수 있으니 양해 부탁드립니다.',
  '이용 후기는 고객님의 동의를 받은 내용만 게시하고 있습니다.',
];
const PLATFORM_HOSTS = /(?:^|\.)(?:kakao\.com|t\.me|telegram\.me|line\.me|naver\.com|google\.com|daum\.net|youtube\.com|googletagmanager\.com|go\.kr|or\.kr|w3\.org)$/;

function pick<T>(rnd: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rnd() * xs.length)]!;
}
function randomLabel(rnd: () => number): string {
  return pick(rnd, SYLLABLES) + pick(rnd, SYLLABLES) + (rnd() < 0.6 ? String(Math.floor(rnd() * 900) + 10) : '');
}
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Non-nested blocks of one tag with their offsets. */
function blocks(html: string, tag: 'p' | 'li'): { start: number; end: number }[] {
  const re = new RegExp(`<${tag}\\b[^>]*>(?:(?!<${tag}\\b|</${tag}>)[\\s\\S])*</${tag}>`, 'gi');
  const out: { start: number; end: number }[] = [];
  for (let m = re.exec(html); m; m = re.exec(html)) {
    if (m[0].replace(/<[^>]*>/g, '').trim().length >= 8) out.push({ start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** Swaps two blocks that share a parent (the text between them has no closing tag of a container). */
function swapAdjacent(html: string, rnd: () => number): string {
  for (let attempt = 0; attempt < 10; attempt++) {
    const list = blocks(html, rnd() < 0.5 ? 'li' : 'p');
    if (list.length < 2) continue;
    const i = Math.floor(rnd() * (list.length - 1));
    const a = list[i]!;
    const b = list[i + 1]!;
    const between = html.slice(a.end, b.start);
    if (/<\/?(?:div|section|ul|ol|form|table|article|footer|header|main)\b/i.test(between)) continue;
    return html.slice(0, a.start) + html.slice(b.start, b.end) + between + html.slice(a.start, a.end) + html.slice(b.end);
  }
  return html;
}

function rotate(page: Page, seed: number): Page {
  const rnd = seededRandom(seed);
  let html = page.html;
  // Domain names: the site's own host and brand label, and other hosts it names outside the big platforms.
  const hosts = new Set<string>([page.site.replace(/^www\./, '')]);
  for (const m of html.matchAll(/(?:https?:\/\/)?((?:[a-z0-9-]+\.)+(?:com|net|shop|top|site|xyz|store|kr|me|info|pw|cc|vip))(?![a-z0-9])/gi)) {
    const h = m[1]!.toLowerCase().replace(/^www\./, '');
    if (!PLATFORM_HOSTS.test(h)) hosts.add(h);
  }
  const newDomain = `${randomLabel(rnd)}.${pick(rnd, TLDS)}`;
  const ownLabel = page.site.replace(/^www\./, '').split('.')[0]!;
  for (const h of hosts) html = html.replace(new RegExp(escapeRe(h), 'gi'), h === page.site.replace(/^www\./, '') ? newDomain : `${randomLabel(rnd)}.${pick(rnd, TLDS)}`);
  if (ownLabel.length >= 4) html = html.replace(new RegExp(escapeRe(ownLabel), 'gi'), newDomain.split('.')[0]!);
  // Phone numbers: same shape, other digits.
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(rnd() * 10)).join('');
  html = html.replace(/(?<![\d-])(01[016-9]|070|050\d|02|0[3-6][1-5])([-. )]{0,2})(\d{3,4})([-. ]?)(\d{4})(?![\d-])/g, (_m, a: string, s1: string, b: string, s2: string, c: string) => `${a}${s1}${digits(b.length)}${s2}${digits(c.length)}`);
  html = html.replace(/(?<![\d-])(1[5-9]\d{2})([-. ])(\d{4})(?![\d-])/g, (_m, a: string, s: string, b: string) => `${a}${s}${digits(b.length)}`);
  // Messenger IDs as the indicator extraction reads them.
  const ids = new Set<string>();
  for (const hit of indicatorHits(page.facts)) {
    if (hit.kind === 'kakaoIds' || hit.kind === 'lineIds' || hit.kind === 'wechatIds') ids.add(hit.value);
    if (hit.kind === 'telegram') ids.add(hit.value.slice(1));
    if (hit.kind === 'openChats') ids.add(hit.value.split('/o/')[1]!);
  }
  for (const id of ids) {
    if (id.length < 3) continue;
    html = html.replace(new RegExp(`(?<![a-z0-9])${escapeRe(id)}(?![a-z0-9])`, 'gi'), randomLabel(rnd));
  }
  // Two pairs of sentences swapped.
  html = swapAdjacent(swapAdjacent(html, rnd), rnd);
  // One paragraph (or list item) removed, or one added.
  const ps = [...blocks(html, 'p'), ...blocks(html, 'li')];
  if (ps.length > 0) {
    const b = pick(rnd, ps);
    html = rnd() < 0.5 ? html.slice(0, b.start) + html.slice(b.end) : html.slice(0, b.end) + `\n<p>${pick(rnd, EXTRA_SENTENCES)}</p>` + html.slice(b.end);
  }
  // One title word changed.
  html = html.replace(/<title>([\s\S]*?)<\/title>/i, (_m, t: string) => {
    const words = t.split(/(\s+)/);
    const idx = words.map((w, i) => (/\S/.test(w) ? i : -1)).filter((i) => i >= 0);
    if (idx.length > 1) words[pick(rnd, idx)] = pick(rnd, TITLE_WORDS);
    else words.push(' ' + pick(rnd, TITLE_WORDS));
    return `<title>${words.join('')}</title>`;
  });
  const url = page.url.replace(page.site, newDomain);
  return { ...page, url, html, facts: extractPageFacts(html, url) };
}

const clones: { page: number; clone: Page }[] = [];
for (const [i, page] of pages.entries()) {
  for (let k = 0; k < CLONES; k++) clones.push({ page: i, clone: rotate(page, i * 1000 + k + 1) });
}

// ---------- measuring ----------

const THRESHOLDS = [0, 1, 2, 3, 4, 5, 6];
const pct = (n: number, d: number) => (d === 0 ? '   n/a' : `${((100 * n) / d).toFixed(1).padStart(5)}%`);
const shareBands = (a: string, b: string) => {
  const x = fingerprintBands(a);
  const y = fingerprintBands(b);
  return x.some((v, i) => v === y[i]);
};

interface Result {
  name: string;
  nulls: number;
  nullScam: number;
  cloneDist: number[];
  cloneNull: number;
  cloneDistScam: number[];
  /** Per clone: index of its page. */
  clonePage: number[];
  fps: (string | null)[];
  sizes: number[];
  distinctDist: { d: number; a: number; b: number }[];
  bandCandidates: number;
}

function evaluate(name: string, config: FingerprintConfig): Result {
  const fps = pages.map((p) => fingerprintWith(p.facts, config));
  const cloneDist: number[] = [];
  const cloneDistScam: number[] = [];
  const clonePage: number[] = [];
  let cloneNull = 0;
  for (const { page, clone } of clones) {
    const a = fps[page];
    if (!a) continue;
    clonePage.push(page);
    const b = fingerprintWith(clone.facts, config);
    if (!b) {
      cloneNull++;
      cloneDist.push(64);
      continue;
    }
    const d = hammingDistance(a, b);
    cloneDist.push(d);
    if (pages[page]!.label === 'scam') cloneDistScam.push(d);
  }
  const distinctDist: { d: number; a: number; b: number }[] = [];
  let bandCandidates = 0;
  for (let i = 0; i < pages.length; i++) {
    for (let j = i + 1; j < pages.length; j++) {
      if (pages[i]!.site === pages[j]!.site || !fps[i] || !fps[j]) continue;
      distinctDist.push({ d: hammingDistance(fps[i]!, fps[j]!), a: i, b: j });
      if (shareBands(fps[i]!, fps[j]!)) bandCandidates++;
    }
  }
  return {
    name,
    nulls: fps.filter((f) => f === null).length,
    nullScam: fps.filter((f, i) => f === null && pages[i]!.label === 'scam').length,
    cloneDist,
    cloneNull,
    cloneDistScam,
    clonePage,
    fps,
    sizes: pages.map((p) => templateFeatures(p.facts, config).text.size),
    distinctDist,
    bandCandidates,
  };
}

let common: Set<number> = new Set();

function report(r: Result): void {
  const within = (xs: number[], t: number) => xs.filter((d) => d <= t).length;
  const dd = r.distinctDist.map((x) => x.d);
  const sorted = [...r.cloneDist].sort((a, b) => a - b);
  console.log(`\n${r.name}`);
  console.log(
    `  null: ${r.nulls}/${pages.length} pages (${r.nullScam} scam); clones: ${r.cloneDist.length} (${r.cloneNull} null), ` +
      `distance median ${sorted[Math.floor(sorted.length / 2)]}, p90 ${sorted[Math.floor(sorted.length * 0.9)]}; distinct pairs ${dd.length}, ` +
      `min distance ${Math.min(...dd)}, sharing a band ${pct(r.bandCandidates, dd.length).trim()}`,
  );
  console.log(`  d ≤        ${THRESHOLDS.map((t) => String(t).padStart(6)).join(' ')}`);
  console.log(`  clones     ${THRESHOLDS.map((t) => pct(within(r.cloneDist, t), r.cloneDist.length)).join(' ')}`);
  console.log(`  scam clones${THRESHOLDS.map((t) => pct(within(r.cloneDistScam, t), r.cloneDistScam.length)).join(' ')}`);
  const onCommon = r.cloneDist.filter((_d, k) => common.has(r.clonePage[k]!));
  console.log(`  clones of the ${common.size} pages every set fingerprints\n             ${THRESHOLDS.map((t) => pct(within(onCommon, t), onCommon.length)).join(' ')}`);
  const big = r.cloneDist.filter((_d, k) => r.sizes[r.clonePage[k]!]! >= 200);
  const bigPages = r.sizes.filter((n) => n >= 200).length;
  console.log(`  clones of the ${bigPages} pages with ≥ 200 text features\n             ${THRESHOLDS.map((t) => pct(within(big, t), big.length)).join(' ')}`);
  console.log(`  distinct   ${THRESHOLDS.map((t) => pct(within(dd, t), dd.length)).join(' ')}`);
  console.log(`  (distinct  ${THRESHOLDS.map((t) => String(within(dd, t)).padStart(6)).join(' ')}  pairs)`);
}

function closest(r: Result, config: FingerprintConfig, n: number): void {
  const features = pages.map((p) => templateFeatures(p.facts, config).text);
  const js = r.distinctDist.map((x) => jaccard(features[x.a]!, features[x.b]!)).sort((a, b) => b - a);
  console.log(`  text-feature Jaccard of distinct pairs: max ${js[0]!.toFixed(3)}, 10th ${js[9]!.toFixed(3)}, 100th ${js[99]!.toFixed(3)}, median ${js[js.length >> 1]!.toFixed(3)}`);
  console.log(`  closest distinct pairs (${r.name}):`);
  for (const x of [...r.distinctDist].sort((a, b) => a.d - b.d).slice(0, n)) {
    const a = pages[x.a]!;
    const b = pages[x.b]!;
    const j = jaccard(features[x.a]!, features[x.b]!);
    console.log(`    ${String(x.d).padStart(2)} bits  J ${j.toFixed(3)}  ${a.label.padEnd(5)} ${a.url}  ~  ${b.label.padEnd(5)} ${b.url}`);
  }
}

function jaccard(a: HashSet, b: HashSet): number {
  let inter = 0;
  a.forEach((h) => {
    if (b.has(h)) inter++;
  });
  return inter / (a.size + b.size - inter || 1);
}

/** Clones farthest from their original, with the Jaccard similarity of their text features. */
function farthestClones(config: FingerprintConfig, n: number): void {
  const rows = clones.map(({ page, clone }) => {
    const a = fingerprintWith(pages[page]!.facts, config);
    const b = fingerprintWith(clone.facts, config);
    const fa = templateFeatures(pages[page]!.facts, config);
    const fb = templateFeatures(clone.facts, config);
    return { page, d: a && b ? hammingDistance(a, b) : a ? 64 : -1, j: jaccard(fa.text, fb.text), size: fa.text.size };
  });
  const js = rows.map((r) => r.j).sort((a, b) => a - b);
  console.log(`  text-feature Jaccard of clone and original: median ${js[js.length >> 1]!.toFixed(3)}, p10 ${js[Math.floor(js.length * 0.1)]!.toFixed(3)}`);
  console.log('  farthest clones:');
  for (const r of rows.sort((a, b) => b.d - a.d).slice(0, n)) {
    console.log(`    ${String(r.d).padStart(2)} bits  J ${r.j.toFixed(3)}  ${r.size} features  ${pages[r.page]!.label.padEnd(5)} ${pages[r.page]!.url}`);
  }
}

const chosen = { ...DEFAULT_FINGERPRINT_CONFIG };
const describe = (c: FingerprintConfig) =>
  `${c.sketch}, ` +
  [
    c.charGram ? `${c.charGram}-grams of ${c.latinWords ? 'syllables/latin words' : 'characters'}` : '',
    c.wordGram ? `word ${c.wordGram}-grams` : '',
    c.structure ? `shape ×${c.structureWeight}` : 'no shape',
  ]
    .filter(Boolean)
    .join(' + ');
const variants: Partial<FingerprintConfig>[] = [
  { sketch: 'simhash' },
  { latinWords: !chosen.latinWords },
  { charGram: 2 },
  { charGram: 4 },
  { structure: false },
  { structureWeight: 3 },
  { charGram: 0, wordGram: 2 },
  { charGram: 0, wordGram: 3 },
];
const configs: [string, FingerprintConfig][] = [
  [`chosen: ${describe(chosen)}`, chosen],
  ...variants.map((v): [string, FingerprintConfig] => [describe({ ...chosen, ...v }), { ...chosen, ...v }]),
];

console.log(
  `corpus: ${pages.length} pages of ${new Set(pages.map((p) => p.site)).size} sites ` +
    `(${pages.filter((p) => p.label === 'scam').length} scam, ${pages.filter((p) => p.label === 'promo').length} promo, ` +
    `${pages.filter((p) => p.label === 'legit').length} legit); ${CLONES} rotated clones per page; TEMPLATE_MATCH_BITS = ${TEMPLATE_MATCH_BITS}`,
);
// ---------- time ----------

function timeIt(facts: PageFacts, rounds: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    templateFingerprint(facts);
    out.push(performance.now() - t0);
  }
  return out;
}
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))]!;

for (const p of pages.slice(0, 20)) timeIt(p.facts, 5); // warm-up
const perPage = pages.flatMap((p) => timeIt(p.facts, 10));

// ~200 KB of the densest kind: corpus page bodies one after another, ~107 KB of text (templateFingerprint reads
// the first 16,000 characters of it).
let body = '';
for (let i = 0; body.length < 200_000; i++) body += /<body[^>]*>([\s\S]*)<\/body>/i.exec(pages[i % pages.length]!.html)?.[1] ?? '';
const bigHtml = `<!doctype html><html lang="ko"><head><title>큰 페이지</title></head><body>${body}</body></html>`;
const bigFacts = extractPageFacts(bigHtml, 'http://big-page.example/');
const big = timeIt(bigFacts, 200);
const timeLine =
  `\ntime of templateFingerprint (measured before the other feature sets run through the same code): ` +
    `corpus pages median ${quantile(perPage, 0.5).toFixed(3)} ms, ` +
    `p99 ${quantile(perPage, 0.99).toFixed(3)} ms; ${(bigHtml.length / 1024).toFixed(0)} KB page (${bigFacts.segments.length} segments, ` +
    `${(bigFacts.segments.reduce((n, s) => n + s.norm.length + 1, 0) / 1024).toFixed(0)} KB text) median ${quantile(big, 0.5).toFixed(2)} ms, p99 ${quantile(big, 0.99).toFixed(2)} ms`;

const only = process.env.ONLY;
const results = configs.filter(([name], i) => i === 0 || !only || name.includes(only)).map(([name, config]) => ({ config, r: evaluate(name, config) }));
common = new Set(pages.map((_p, i) => i).filter((i) => results.every(({ r }) => r.fps[i] !== null)));
for (const [i, { config, r }] of results.entries()) {
  report(r);
  if (i === 0 || VERBOSE) {
    closest(r, config, 8);
    farthestClones(config, 8);
  }
}

console.log(timeLine);
