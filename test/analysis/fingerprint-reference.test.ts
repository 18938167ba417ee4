// The fast fingerprint against the implementation it replaced (fingerprint-reference.ts): stored fingerprints
// are compared across scans, so every page must get the same bits, under every configuration the bench tries.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FINGERPRINT_CONFIG, fingerprintWith, type FingerprintConfig } from '../../src/analysis/fingerprint.js';
import { extractPageFacts } from '../../src/scan/page-facts.js';
import { adversarialPages, realisticPage } from '../bench/pages.js';
import { seededRandom } from '../support/prng.js';
import { fingerprintWith as referenceFingerprintWith } from './fingerprint-reference.js';

const CONFIGS: FingerprintConfig[] = [
  DEFAULT_FINGERPRINT_CONFIG,
  { ...DEFAULT_FINGERPRINT_CONFIG, latinWords: false },
  { ...DEFAULT_FINGERPRINT_CONFIG, charGram: 0, wordGram: 2, minFeatures: 1 },
  { ...DEFAULT_FINGERPRINT_CONFIG, sketch: 'simhash', structureWeight: 2 },
  { ...DEFAULT_FINGERPRINT_CONFIG, structure: false, minFeatures: 1 },
];

/** Every .html file under dir, with the URL its site directory and path give it. */
function sitePages(dir: string): { url: string; html: string }[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.html'))
    .sort()
    .map((f) => ({ url: `https://${f.split(path.sep).join('/')}`, html: fs.readFileSync(path.join(dir, f), 'utf8') }));
}

const root = new URL('../..', import.meta.url).pathname;
const fixtures = fs
  .readdirSync(path.join(root, 'test/fixtures/pages'))
  .filter((f) => f.endsWith('.html'))
  .map((f) => ({ url: `https://www.${f.replace(/\.html$/, '')}.co.kr/index.html`, html: fs.readFileSync(path.join(root, 'test/fixtures/pages', f), 'utf8') }));
const corpus = sitePages(path.join(root, 'test/corpus/sites'));
const corpusDev = sitePages(path.join(root, '../shared/corpus-dev/sites'));

// Links and images of every shape samePagePath reads: other hosts, schemes, upper case, spaces around, queries
// before and after fragments, digit runs, protocol-relative, characters past ASCII.
function linkPage(seed: number): string {
  const r = seededRandom(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const parts = ['/', 'board', 'Free', '12', '?', 'page=3', '#', 'top', '9', '게시판', ' ', '\t', ':', '//', 'x.example', 'HTTPS:', 'Shop.Example', '.', '-', '+', '%20', 'a1b22', '\u00a0'];
  const href = () => Array.from({ length: 1 + Math.floor(r() * 8) }, () => pick(parts)).join('');
  const hosts = ['https://shop.example', 'HTTP://SHOP.EXAMPLE', '//shop.example', 'https://other.example', 'mailto:', 'tel:', ' https://shop.example', ''];
  const text = Array.from({ length: 60 }, (_, i) => `<p>소액결제 현금화 ${i} 정보이용료 상품권 매입 당일 입금 shop${i} example 카톡 za${i}</p>`).join('');
  const links = Array.from({ length: 120 }, () => `<a href="${pick(hosts)}${href()}">x</a><img src="${pick(hosts)}${href()}">`).join('');
  return `<html><head><title>가게${seed} | 상품권 매입</title></head><body>${text}${links}</body></html>`;
}

function expectSame(pages: { url: string; html: string }[]): void {
  for (const { url, html } of pages) {
    const facts = extractPageFacts(html, url);
    for (const config of CONFIGS) expect({ url, config, fp: fingerprintWith(facts, config) }).toEqual({ url, config, fp: referenceFingerprintWith(facts, config) });
  }
}

describe('templateFingerprint is bit-identical to the reference implementation', () => {
  it('on the fixture pages', () => {
    expect(fixtures.length).toBeGreaterThan(10);
    expectSame(fixtures);
  });

  it('on the corpus pages', () => {
    expect(corpus.length).toBeGreaterThan(100);
    expectSame(corpus);
  });

  it.skipIf(corpusDev.length === 0)('on the ../shared/corpus-dev pages', () => {
    expectSame(corpusDev);
  });

  it('on generated pages: realistic, adversarial, and links of every shape', () => {
    const url = 'https://shop.example/board/free';
    expectSame([5, 20, 50, 200].map((kb, i) => ({ url, html: realisticPage(kb * 1024, i + 1) })));
    expectSame(Object.values(adversarialPages(64 * 1024)).map((html) => ({ url, html })));
    expectSame(Array.from({ length: 20 }, (_, seed) => ({ url, html: linkPage(seed) })));
  });
});
