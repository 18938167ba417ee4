// Which of a page's segments a pattern may match. The readings and rules run dozens of patterns over every
// segment, yet most segments of a page hold none of their vocabulary: each pattern needs one of a few literals
// in any match (required-literals.ts), and an index of which segments hold which characters, built once a page,
// finds the segments holding one. Running a pattern on those alone finds exactly the hits it finds on all.
import type { PageFacts, Segment } from '../engine/types.js';
import { requiredLiterals } from './required-literals.js';

// Ends each segment's text in the index: no pattern's literal holds it (a noncharacter).
const SEPARATOR = 0xffff;

// Scratch for building an index, per UTF-16 code unit (left all zero after each build).
const lastScratch = new Int32Array(65536);
const countScratch = new Int32Array(65536);

class SegmentIndex {
  /** Per character on the page: 1 + the last position where it occurs (over the segments' texts end to end),
   *  and how often it occurs. */
  private readonly last = new Map<number, number>();
  private readonly count = new Map<number, number>();
  /** The segments' texts end to end, each followed by SEPARATOR, so a literal found here lies in one segment. */
  private readonly text: Uint16Array;
  /** Per position: 1 + the previous position of the same character, 0 for none. */
  private readonly previous: Int32Array;
  /** Position of each segment's first character. */
  private readonly starts: Int32Array;
  private readonly byLiteral = new Map<string, Int32Array>();
  private readonly byPattern = new Map<RegExp, readonly Segment[]>();

  constructor(private readonly segments: readonly Segment[]) {
    this.starts = new Int32Array(segments.length);
    let length = 0;
    for (let si = 0; si < segments.length; si++) {
      this.starts[si] = length;
      length += segments[si]!.norm.length + 1;
    }
    const text = (this.text = new Uint16Array(length));
    const previous = (this.previous = new Int32Array(length));
    const touched: number[] = [];
    let p = 0;
    for (const segment of segments) {
      const norm = segment.norm;
      for (let k = 0; k < norm.length; k++, p++) {
        const c = norm.charCodeAt(k);
        text[p] = c;
        previous[p] = lastScratch[c]!;
        lastScratch[c] = p + 1;
        if (countScratch[c]!++ === 0) touched.push(c);
      }
      text[p++] = SEPARATOR;
    }
    for (const c of touched) {
      this.last.set(c, lastScratch[c]!);
      this.count.set(c, countScratch[c]!);
      lastScratch[c] = 0;
      countScratch[c] = 0;
    }
  }

  /** The segments, in page order, whose text holds one of the literals every match of the pattern contains. */
  mayMatch(pattern: RegExp): readonly Segment[] {
    let out = this.byPattern.get(pattern);
    if (!out) {
      const literals = requiredLiterals(pattern);
      out = literals ? this.holdingAny(literals) : this.segments;
      this.byPattern.set(pattern, out);
    }
    return out;
  }

  private holdingAny(literals: readonly string[]): Segment[] {
    const lists = literals.map((l) => this.holding(l)).filter((l) => l.length > 0);
    let indexes: Int32Array;
    if (lists.length <= 1) indexes = lists[0] ?? new Int32Array(0);
    else {
      const all = new Int32Array(lists.reduce((n, l) => n + l.length, 0));
      let at = 0;
      for (const l of lists) all.set(l, (at += l.length) - l.length);
      indexes = all.sort();
    }
    const out: Segment[] = [];
    for (let k = 0; k < indexes.length; k++) if (k === 0 || indexes[k] !== indexes[k - 1]) out.push(this.segments[indexes[k]!]!);
    return out;
  }

  /** Indexes of the segments whose text contains the literal, ascending, without repeats. */
  private holding(literal: string): Int32Array {
    let found = this.byLiteral.get(literal);
    if (!found) {
      // Where its rarest character occurs, checked for the whole literal around it.
      const countOf = (k: number) => this.count.get(literal.charCodeAt(k)) ?? 0;
      let at = 0;
      for (let k = 1; k < literal.length; k++) if (countOf(k) < countOf(at)) at = k;
      const { text, previous, starts } = this;
      const codes = Array.from(literal, (_, k) => literal.charCodeAt(k));
      const hits: number[] = [];
      let si = starts.length - 1;
      for (let p = (this.last.get(codes[at]!) ?? 0) - 1; p >= 0; p = previous[p]! - 1) {
        const from = p - at;
        if (from < 0 || from + codes.length > text.length) continue;
        let k = 0;
        while (k < codes.length && text[from + k] === codes[k]) k++;
        if (k < codes.length) continue;
        // Positions come last first: often in the segment of the one before.
        if (starts[si]! > p) si = this.segmentAt(p, si);
        if (hits[hits.length - 1] !== si) hits.push(si);
      }
      found = Int32Array.from(hits.reverse());
      this.byLiteral.set(literal, found);
    }
    return found;
  }

  /** The segment a position falls in (the last one starting at or before it: empty segments start there too). */
  private segmentAt(p: number, below: number): number {
    let lo = 0;
    let hi = below;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.starts[mid]! <= p) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

const indexes = new WeakMap<PageFacts, SegmentIndex>();

/** The page's segments (in page order) that the pattern may match: every segment it matches, and some it does
 *  not. Scanning these instead of page.segments finds the same hits. */
export function segmentsThatMayMatch(page: PageFacts, pattern: RegExp): readonly Segment[] {
  let index = indexes.get(page);
  if (!index) {
    index = new SegmentIndex(page.segments);
    indexes.set(page, index);
  }
  return index.mayMatch(pattern);
}
