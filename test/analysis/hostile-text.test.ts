// Regex-hostile text through the whole analysis (parse, normalise, every rule, indicators): long runs
// built to make patterns backtrack, next to the words the patterns look for. Linear code answers each page
// in well under a second; one quadratic pattern at this size takes minutes and fails the test timeout.
import { describe, expect, it } from 'vitest';
import { defaultWeights } from '../../src/engine/weights.js';
import { analyze } from '../../src/scan/analysis.js';
import { urlFacts } from '../../src/scan/url-facts.js';
import { pageRules as rules } from '../../rules/index.js';

const N = 100_000;
const RUNS: Record<string, string> = {
  digits: '1'.repeat(N),
  'digits and spaces': '1 '.repeat(N / 2),
  'digits and o': '1o'.repeat(N / 2),
  'digits and dashes': '1-'.repeat(N / 2),
  'digits and commas': '1,'.repeat(N / 2),
  'percent signs': '9%'.repeat(N / 2),
  syllables: '가'.repeat(N),
  'dotted syllables': '가.'.repeat(N / 2),
  words: '서울 '.repeat(N / 3),
  'at signs': 'a@'.repeat(N / 2),
  latin: 'a'.repeat(N),
  parentheses: '('.repeat(N),
  'label colons': '상호:'.repeat(N / 3),
  'phone prefixes': '02-'.repeat(N / 3),
  'amounts': '1만원 '.repeat(N / 4),
  'cash-out words': '현금화 '.repeat(N / 4),
  'auth codes': '인증번호 '.repeat(N / 5),
  urls: 'http://a.b/'.repeat(N / 11),
};
// Words the rules look for: once on a cash-out page, once on an ordinary shop page (other code paths).
const TRIGGERS = [
  '소액결제 현금화 95% 10만원 서울 강남구 대표 홍길동 상호: 카톡 ID abc 인증번호 02-123-4567 사업자등록번호 220-81-62517',
  '서울 강남구 대표 홍길동 상호: 하루상점 12,000원 장바구니 구매하기 주문하기',
];

const analyse = (body: string) =>
  analyze({
    pages: [{ url: 'https://x.top/', html: `<html><body>${body}</body></html>` }],
    url: urlFacts('https://x.top/'),
    domain: null,
    headers: {},
    unavailable: {},
    now: 0,
    weights: defaultWeights(rules),
  });

describe('analysis stays linear on hostile text', () => {
  it.each(Object.keys(RUNS))('%s, before and after the words rules look for', (name) => {
    const run = RUNS[name]!;
    for (const words of TRIGGERS) {
      for (const body of [`<p>${run}</p><p>${words}</p>`, `<p>${words}</p><p>${run}</p><footer>${run}</footer>`, `<p>${words} ${run} ${words}</p>`]) {
        const verdict = analyse(body);
        expect(verdict.checks).toHaveLength(rules.length);
      }
    }
  });
});
