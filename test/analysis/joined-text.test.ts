import { describe, expect, it } from 'vitest';
import { joinedTextMatches, pageTextMatches } from '../../src/analysis/text.js';
import type { PageFacts, Segment } from '../../src/engine/types.js';
import { extractPageFacts } from '../../src/scan/page-facts.js';

const segment = (norm: string): Segment => ({ kind: 'text', text: norm, norm, page: 'https://shop.example/' });
// Crosses newlines only through "만" between its first and last segment: a bridge of 1.
const PRICE = /(?<!\d)\d+\s*만\s*원|구매\s*하기/;
const joined = (segments: Segment[]) => PRICE.test(segments.map((s) => s.norm).join('\n'));

// A deterministic generator, so a failure names the case that broke.
function random(seed: number) {
  let x = seed;
  return () => ((x = Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + 0x6d2b79f5), (x >>> 0) / 2 ** 32);
}
const PARTS = ['5', '12', '만', '원', ' 원', '구매', '하기', '가격 안내', '오늘의 상품', '만원', 'x'.repeat(40)];

describe('joinedTextMatches', () => {
  it('matches where the joined text does, across piece edges, on 3,000 random pages', () => {
    for (let seed = 1; seed <= 3000; seed++) {
      const next = random(seed);
      const segments = Array.from({ length: 1 + Math.floor(next() * 30) }, () => segment(PARTS[Math.floor(next() * PARTS.length)]!));
      const pieceChars = 1 + Math.floor(next() * 60);
      expect({ seed, found: joinedTextMatches(segments, PRICE, 1, pieceChars) }).toEqual({ seed, found: joined(segments) });
    }
  });

  it('reads only around the segments every match touches, and still matches where the joined text does', () => {
    // Every match of PRICE holds "원" or "하기" in one of its segments: those segments are the ones to read near.
    for (let seed = 1; seed <= 3000; seed++) {
      const next = random(seed);
      const segments = Array.from({ length: 1 + Math.floor(next() * 30) }, () => segment(PARTS[Math.floor(next() * PARTS.length)]!));
      const pieceChars = 1 + Math.floor(next() * 60);
      const near = segments.flatMap((s, i) => (/원|하기/.test(s.norm) ? [i] : []));
      expect({ seed, found: joinedTextMatches(segments, PRICE, 1, pieceChars, near) }).toEqual({ seed, found: joined(segments) });
    }
  });

  it('does not find a match that touches none of the segments it is told to read near', () => {
    const segments = ['5', '만', '원', 'x'.repeat(40), '구매', '하기'].map(segment);
    expect(joinedTextMatches(segments, PRICE, 1, 1000, [4, 5])).toBe(true);
    expect(joinedTextMatches(segments, /(?<!\d)\d+\s*만\s*원/, 1, 1000, [4, 5])).toBe(false);
    expect(joinedTextMatches(segments, /(?<!\d)\d+\s*만\s*원/, 1, 1000, [2])).toBe(true);
  });

  it('matches a page near the segments its index offers as it matches the joined text', () => {
    const page = (texts: string[]): PageFacts => ({ ...extractPageFacts('<html><body></body></html>', 'https://shop.example/'), segments: texts.map(segment) });
    for (let seed = 1; seed <= 500; seed++) {
      const next = random(seed);
      const segments = Array.from({ length: 1 + Math.floor(next() * 30) }, () => PARTS[Math.floor(next() * PARTS.length)]!);
      expect({ seed, found: pageTextMatches(page(segments), PRICE, 1) }).toEqual({ seed, found: joined(segments.map(segment)) });
    }
  });

  it('finds a price split over three text runs at a piece edge, and not with a bridge too short for "만"', () => {
    const segments = ['상품 소개 '.repeat(20), '5', '만', '원'].map(segment);
    expect(joined(segments)).toBe(true);
    // Pieces of one segment each: the one holding "원" reads back over "만" and "5" only with a bridge of 1.
    expect(joinedTextMatches(segments, PRICE, 1, 2)).toBe(true);
    expect(joinedTextMatches(segments, PRICE, 0, 2)).toBe(false);
  });

  it('reads an empty page as the empty string', () => {
    expect(joinedTextMatches([], /^$/, 1)).toBe(true);
    expect(joinedTextMatches([], PRICE, 1)).toBe(false);
  });
});
