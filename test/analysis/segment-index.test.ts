// The segment index skips segments a pattern cannot match: every reading that uses it must come out exactly
// as it does when every pattern runs on every segment (the index mocked away), on every page we have.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { businessInfo } from '../../src/analysis/business-info.js';
import { cashoutContext } from '../../src/analysis/cashout-context.js';
import { indicatorHits } from '../../src/analysis/indicators.js';
import { hostnameOf, linkHostnames } from '../../src/analysis/link-hosts.js';
import { requiredLiterals, requiredNeed } from '../../src/analysis/required-literals.js';
import { segmentsThatMayMatch } from '../../src/analysis/segment-index.js';
import type { Facts, PageFacts, Segment } from '../../src/engine/types.js';
import { extractPageFacts } from '../../src/scan/page-facts.js';
import { urlFacts } from '../../src/scan/url-facts.js';
import { pageRules } from '../../rules/index.js';
import { adversarialPages, realisticPage } from '../bench/pages.js';
import { domainFacts } from '../support/facts.js';
import { seededRandom } from '../support/prng.js';

const FIXTURES = new URL('../fixtures/pages/', import.meta.url);
const CORPUS = new URL('../corpus/sites/', import.meta.url);
const pages: [string, string][] = [
  ...readdirSync(FIXTURES).map((f): [string, string] => [f, readFileSync(new URL(f, FIXTURES), 'utf8')]),
  ...readdirSync(CORPUS, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.html'))
    .map((f): [string, string] => [f.split('/')[0]!, readFileSync(new URL(f, CORPUS), 'utf8')]),
  ['realistic 50 KB', realisticPage(50 * 1024)],
  ...Object.entries(adversarialPages(20 * 1024)),
];
const urlOf = (name: string) => `https://${name.replace(/\.html$/, '').replace(/[^a-z0-9.-]+/gi, '-')}.example/`;
const factsOf = (name: string, html: string): PageFacts => extractPageFacts(html, urlOf(name));
const ruleFacts = (page: PageFacts): Facts => {
  const url = urlFacts(page.url);
  return { url, page, domain: domainFacts(url.hostname, 30), headers: {}, unavailable: {}, registry: null, now: Date.parse('2026-12-01T00:00:00Z') };
};

/** The readings with the index replaced by "every segment", and the patterns they asked it about. */
async function withoutIndex() {
  const asked = new Set<RegExp>();
  vi.resetModules();
  vi.doMock('../../src/analysis/segment-index.js', () => ({
    segmentsThatMayMatch: (page: PageFacts, pattern: RegExp) => (asked.add(pattern), page.segments),
    segmentIndexesThatMayMatch: (_page: PageFacts, pattern: RegExp) => (asked.add(pattern), null),
    segmentsThatMayMatchAny: (page: PageFacts, patterns: readonly RegExp[]) => {
      for (const p of patterns) asked.add(p);
      return page.segments.map((s): [Segment, number] => [s, (1 << patterns.length) - 1]);
    },
  }));
  const context = await import('../../src/analysis/cashout-context.js');
  const indicators = await import('../../src/analysis/indicators.js');
  const business = await import('../../src/analysis/business-info.js');
  const rules = await import('../../rules/index.js');
  vi.doUnmock('../../src/analysis/segment-index.js');
  const read = (page: PageFacts) => ({
    context: context.cashoutContext(page),
    indicators: indicators.indicatorHits(page),
    business: business.businessInfo(page),
    rules: rules.pageRules.map((rule) => rule.evaluate(ruleFacts(page))),
  });
  return { asked, read };
}

describe('segment index', () => {
  it('leaves every reading as running every pattern on every segment makes it', async () => {
    const slow = await withoutIndex();
    for (const [name, html] of pages) {
      const page = factsOf(name, html);
      const fast = { context: cashoutContext(page), indicators: indicatorHits(page), business: businessInfo(page), rules: pageRules.map((rule) => rule.evaluate(ruleFacts(page))) };
      expect(fast, name).toEqual(slow.read(factsOf(name, html)));
    }
    expect(slow.asked.size).toBeGreaterThan(20);
  });

  it('offers every segment a pattern matches', async () => {
    const slow = await withoutIndex();
    for (const [name, html] of pages) slow.read(factsOf(name, html));
    for (const [name, html] of pages) {
      const page = factsOf(name, html);
      for (const pattern of slow.asked) {
        const once = new RegExp(pattern.source, pattern.flags.replace('g', ''));
        const offered = new Set(segmentsThatMayMatch(page, pattern));
        const missed = page.segments.filter((s) => once.test(s.norm) && !offered.has(s));
        expect(missed.map((s) => s.norm), `${name}: /${pattern.source.slice(0, 60)}/`).toEqual([]);
      }
    }
  });
});

describe('segment index lookups', () => {
  const pageOf = (texts: string[]): PageFacts =>
    ({ ...factsOf('x', '<html><body></body></html>'), segments: texts.map((t): Segment => ({ kind: 'text', text: t, norm: t }) as Segment) }) as PageFacts;

  it('looks a match needing two literals up by the rarer on the page', () => {
    // 요금 is in every segment, 폭탄 in one: only that one may match.
    const page = pageOf(['요금 안내', '요금제 비교', '요금 폭탄 주의', '요금']);
    expect(segmentsThatMayMatch(page, /요금\s*폭탄/g).map((s) => s.norm)).toEqual(['요금 폭탄 주의']);
  });

  it('counts a character needed with other parts from the next page on, and offers the segments of the rarer part', () => {
    // 뷁 in three segments, 쀍쀍 in 45 of 50: uncounted, 뷁 would count as every segment and 쀍쀍's 45 be offered.
    const texts = () => Array.from({ length: 50 }, (_, i) => `${i < 45 ? '쀍쀍 ' : ''}${i % 16 === 0 ? '뷁' : ''} ${i}`);
    const pattern = /쀍쀍[^\n]*뷁/g;
    segmentsThatMayMatch(pageOf(texts()), pattern);
    expect(segmentsThatMayMatch(pageOf(texts()), pattern)).toHaveLength(4);
  });

  it('stops counting a character on trial once a page has it in more than one in 25 of its segments', () => {
    // 뒑 in 10 of 100 segments, 똷똷 in 80: counted on the second page (10 offered), dropped after it (80 offered).
    const texts = () => Array.from({ length: 100 }, (_, i) => `${i < 80 ? '똷똷 ' : ''}${i >= 75 && i < 85 ? '뒑' : ''} ${i}`);
    const pattern = /똷똷[^\n]*뒑/g;
    const offered = [1, 2, 3].map(() => segmentsThatMayMatch(pageOf(texts()), pattern).length);
    expect(offered).toEqual([80, 10, 80]);
  });

  it('checks each position for the literal, not only its bucket', () => {
    // a (U+0061) and 恡 (U+6061) share the low 13 bits of their code: one bucket.
    const page = pageOf(['\u6061bc', 'xabc', 'ab']);
    expect(segmentsThatMayMatch(page, /abc/g).map((s) => s.norm)).toEqual(['xabc']);
  });

  it('finds a literal only within one segment', () => {
    const page = pageOf([...Array.from({ length: 300 }, (_, i) => `${'가'.repeat(100)} ${i}`), '끝말', '잇기', '끝말잇기']);
    expect(segmentsThatMayMatch(page, /말잇/g).map((s) => s.norm)).toEqual(['끝말잇기']);
    expect(segmentsThatMayMatch(page, /299/g)).toHaveLength(1);
  });

  it('merges the segments of several literals in page order, without repeats, near together or far apart', () => {
    const filler = Array.from({ length: 300 }, (_, i) => `${'가'.repeat(20)} ${i}`);
    const far = pageOf(['다라 마바', ...filler, '마바', '다라 다라']);
    expect(segmentsThatMayMatch(far, /다라|마바/g).map((s) => s.norm)).toEqual(['다라 마바', '마바', '다라 다라']);
    const near = pageOf(['마바', '다라', '다라 마바', 'x']);
    expect(segmentsThatMayMatch(near, /다라|마바/g).map((s) => s.norm)).toEqual(['마바', '다라', '다라 마바']);
  });

  it('finds a literal holding a newline in its segment, not across two', () => {
    // Joined with newlines, "xa" and "bx" read "xa\nbx": "a\nb" runs across them.
    const page = pageOf(['xa', 'bx', 'a\nb', 'ab']);
    expect(segmentsThatMayMatch(page, /a\nb/g).map((s) => s.norm)).toEqual(['a\nb']);
  });

  it('offers exactly the segments whose text includes the literal, on random text', () => {
    // A small alphabet (spaces, newlines, two characters sharing a bucket) over short and long segments: most
    // segments hold most character pairs, so the pair filter passes many that lack the literal.
    const r = seededRandom(12);
    const alphabet = ['a', 'b', '\u6061', '가', '나', ' ', '\n', '1'];
    const text = (n: number) => Array.from({ length: n }, () => alphabet[Math.floor(r() * alphabet.length)]).join('');
    for (let round = 0; round < 20; round++) {
      const page = pageOf(Array.from({ length: 40 }, () => text(Math.floor(r() * (r() < 0.2 ? 400 : 12)))));
      for (let q = 0; q < 30; q++) {
        const literal = text(1 + Math.floor(r() * 4));
        const pattern = new RegExp(literal.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&'), 'g');
        const expected = page.segments.filter((s) => s.norm.includes(literal));
        expect(segmentsThatMayMatch(page, pattern), JSON.stringify(literal)).toEqual(expected);
      }
    }
  });

  it('offers the segments of every alternative when one alternative holds another', () => {
    const page = pageOf(['다라마', '다라', '마다라', '가나', '나가다']);
    expect(segmentsThatMayMatch(page, /다라마|다라|(?:다라|가나)/g).map((s) => s.norm)).toEqual(['다라마', '다라', '마다라', '가나']);
    expect(segmentsThatMayMatch(page, /나가다|나가/g).map((s) => s.norm)).toEqual(['나가다']);
  });

  it('finds a literal of spaces alone (spaces are not indexed)', () => {
    const page = pageOf(['a b', 'a  b', '가  나', 'ab']);
    expect(segmentsThatMayMatch(page, /  /g).map((s) => s.norm)).toEqual(['a  b', '가  나']);
    expect(segmentsThatMayMatch(page, /a b/g).map((s) => s.norm)).toEqual(['a b']);
  });
});

describe('required literals', () => {
  it.each([
    [/요금\s*폭탄/, { all: ['요금', '폭탄'] }],
    [/빚|요금\s*폭탄/, { any: ['빚', { all: ['요금', '폭탄'] }] }],
    [/(?:a|b)x?c/, { all: [{ any: ['a', 'b'] }, 'c'] }],
    [/\d+/, null],
  ])('%s needs %j', (pattern, need) => {
    expect(requiredNeed(pattern)).toEqual(need);
  });

  it.each([
    [/결[제재]/, ['결제', '결재']],
    [/소액\s*결[제재]/, ['소액']],
    [/\d+%/, ['%']],
    [/현금화|캐시\s*화/, ['현금화', '캐시']],
    [/(?<!\d)01[016789]-?\d{4}/, ['010', '011', '016', '017', '018', '019']],
    [/open\.kakao\.com\/o/, ['open.kakao.com/o']],
    [/(?:당일|즉시)\s*(?:입금|지급)/, ['당일', '즉시']],
    [/a(?=b)c/, ['ac']],
  ])('%s needs one of %j', (pattern, literals) => {
    expect(requiredLiterals(pattern)).toEqual(literals);
  });

  it.each([/a|\s+/, /(?:abc)?d?/, /abc/i, /[^가]+/, /x{0,3}/])('%s needs no literal it can name', (pattern) => {
    expect(requiredLiterals(pattern)).toBeNull();
  });
});

describe('hostnameOf', () => {
  it('reads every href as the URL parser does', () => {
    const hrefs = [
      'https://example.com/a', 'http://www.Example.com', 'HTTP://EXAMPLE.COM', 'https://xn--hq1bm8jm9l.kr/', 'https://한글.kr/',
      'https://1.2.3/', 'https://0x7f.1/', 'https://a..b/', 'https://a.b./', ' https://a.b/', 'https:\\\\a.b/', 'https://a.b:8080/',
      'https://user@a.b/', 'https://a%2eb/', '/board/1', '#top', 'javascript:void(0)', 'mailto:a@b.c', 'tel:010', '//cdn.a.b/x',
      'https://-a.b/', 'https://a-.b/', 'https://a.b?q', 'https://a.b#f', 'ftp://a.b/', 'https://\ta.b/',
      ...pages.flatMap(([name, html]) => factsOf(name, html).links.map((l) => l.href)),
    ];
    for (const href of hrefs) {
      let expected: string | null;
      try {
        expected = new URL(href).hostname;
      } catch {
        expected = null;
      }
      expect(hostnameOf(href), href).toBe(expected);
    }
  });

  it('reads a page\'s links alike when they share a host (linkHostnames takes the one before\'s)', () => {
    const hrefs = [
      'https://a.b', 'https://a.b/x', 'https://a.b?q', 'https://a.b#f', 'https://a.b.c/', 'https://a.bc/', 'https://a.b:8080/',
      'https://a.b@c.d/', 'https://a.b\\x', 'https://a.b%2e/', 'https://a.b./', 'https://a.b', 'http://a.b/', 'https://A.b/',
      'https://xn--hq1bm8jm9l.kr/', 'https://xn--hq1bm8jm9l.kr/x', '/board/1', 'https://a.b/y',
      ...pages.flatMap(([name, html]) => factsOf(name, html).links.map((l) => l.href)),
    ];
    const page = { links: hrefs.map((href) => ({ href, text: '' })) } as unknown as PageFacts;
    expect(linkHostnames(page)).toEqual(hrefs.map(hostnameOf));
  });
});
