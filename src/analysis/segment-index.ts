// Which of a page's segments a pattern may match. The readings and rules run dozens of patterns over every
// segment, yet most segments of a page hold none of their vocabulary: each pattern needs one of a few literals
// in any match (required-literals.ts), and an index of which segments hold which characters, built once a page,
// finds the segments holding one. Running a pattern on those alone finds exactly the hits it finds on all.
import type { PageFacts, Segment } from '../engine/types.js';
import { requiredLiterals } from './required-literals.js';

// Ends each segment's text in the index: no pattern's literal holds it (a noncharacter).
const SEPARATOR = 0xffff;

// Scratch for building an index, per UTF-16 code unit (left all zero after each build).
const countScratch = new Int32Array(65536);
const cursorScratch = new Int32Array(65536);
// Scratch for merging segment lists: a mark per segment (left all zero after each merge).
let markScratch = new Uint8Array(1024);

class SegmentIndex {
  /** Per character on the page: where its positions start in `positions`, and how many there are. */
  private readonly firstPosition = new Map<number, number>();
  private readonly count = new Map<number, number>();
  /** The segments' texts end to end, each followed by SEPARATOR, so a literal found here lies in one segment. */
  private readonly text: Uint16Array;
  /** Positions in `text`, grouped by character, ascending within each (read in order: memory-friendly). */
  private readonly positions: Int32Array;
  /** Position of each segment's first character. */
  private readonly starts: Int32Array;
  private readonly byLiteral = new Map<string, number[]>();
  private readonly byPattern = new Map<RegExp, readonly Segment[]>();
  private readonly indexesByPattern = new Map<RegExp, readonly number[] | null>();

  constructor(private readonly segments: readonly Segment[]) {
    this.starts = new Int32Array(segments.length);
    let length = 0;
    for (let si = 0; si < segments.length; si++) {
      this.starts[si] = length;
      length += segments[si]!.norm.length + 1;
    }
    const text = (this.text = new Uint16Array(length));
    const touched: number[] = [];
    let p = 0;
    for (const segment of segments) {
      const norm = segment.norm;
      for (let k = 0; k < norm.length; k++, p++) {
        const c = norm.charCodeAt(k);
        text[p] = c;
        if (countScratch[c]!++ === 0) touched.push(c);
      }
      text[p++] = SEPARATOR;
    }
    let offset = 0;
    for (const c of touched) {
      this.firstPosition.set(c, offset);
      this.count.set(c, countScratch[c]!);
      cursorScratch[c] = offset;
      offset += countScratch[c]!;
      countScratch[c] = 0;
    }
    const positions = (this.positions = new Int32Array(offset));
    for (let q = 0; q < length; q++) {
      const c = text[q]!;
      if (c !== SEPARATOR) positions[cursorScratch[c]!++] = q;
    }
    for (const c of touched) cursorScratch[c] = 0;
  }

  /** The segments, in page order, whose text holds one of the literals every match of the pattern contains. */
  mayMatch(pattern: RegExp): readonly Segment[] {
    let out = this.byPattern.get(pattern);
    if (!out) {
      const indexes = this.indexesMayMatching(pattern);
      out = indexes ? indexes.map((si) => this.segments[si]!) : this.segments;
      this.byPattern.set(pattern, out);
    }
    return out;
  }

  /** Each segment some of the patterns may match, in page order, with a bit set for each (bit i: patterns[i]). */
  mayMatchAny(patterns: readonly RegExp[]): [Segment, number][] {
    const masks = new Int32Array(this.segments.length);
    patterns.forEach((pattern, bit) => {
      const indexes = this.indexesMayMatching(pattern);
      if (!indexes) for (let si = 0; si < masks.length; si++) masks[si]! |= 1 << bit;
      else for (const si of indexes) masks[si]! |= 1 << bit;
    });
    const out: [Segment, number][] = [];
    for (let si = 0; si < masks.length; si++) if (masks[si]) out.push([this.segments[si]!, masks[si]!]);
    return out;
  }

  /** Indexes of the segments the pattern may match, ascending; null: any segment may (no literal is known). */
  private indexesMayMatching(pattern: RegExp): readonly number[] | null {
    let indexes = this.indexesByPattern.get(pattern);
    if (indexes === undefined) {
      const literals = requiredLiterals(pattern);
      indexes = literals ? this.holdingAny(literals) : null;
      this.indexesByPattern.set(pattern, indexes);
    }
    return indexes;
  }

  private holdingAny(literals: readonly string[]): readonly number[] {
    if (literals.length === 1) return this.holding(literals[0]!);
    if (markScratch.length < this.segments.length) markScratch = new Uint8Array(this.segments.length * 2);
    const out: number[] = [];
    for (const literal of literals) {
      for (const si of this.holding(literal)) {
        if (markScratch[si]) continue;
        markScratch[si] = 1;
        out.push(si);
      }
    }
    for (const si of out) markScratch[si] = 0;
    return out.sort((a, b) => a - b);
  }

  /** Indexes of the segments whose text contains the literal, ascending, without repeats. */
  private holding(literal: string): readonly number[] {
    let found = this.byLiteral.get(literal);
    if (found) return found;
    // Where its rarest character occurs, checked for the whole literal around it.
    let at = 0;
    let fewest = this.count.get(literal.charCodeAt(0)) ?? 0;
    for (let k = 1; k < literal.length && fewest > 0; k++) {
      const count = this.count.get(literal.charCodeAt(k)) ?? 0;
      if (count < fewest) (at = k), (fewest = count);
    }
    const { text, positions, starts } = this;
    const length = literal.length;
    found = [];
    // The segment of the last hit, and where the next one starts: later positions in it are skipped.
    let si = -1;
    let segmentEnd = 0;
    const first = fewest > 0 ? this.firstPosition.get(literal.charCodeAt(at))! : 0;
    for (let i = first; i < first + fewest; i++) {
      const p = positions[i]!;
      if (p < segmentEnd) continue;
      const from = p - at;
      if (from < 0 || from + length > text.length) continue;
      let k = 0;
      while (k < length && text[from + k] === literal.charCodeAt(k)) k++;
      if (k < length) continue;
      si = this.segmentAt(p, si + 1);
      segmentEnd = si + 1 < starts.length ? starts[si + 1]! : text.length;
      found.push(si);
    }
    this.byLiteral.set(literal, found);
    return found;
  }

  /** The segment a position falls in (the last one starting at or before it: empty segments start there too). */
  private segmentAt(p: number, from: number): number {
    let lo = from;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.starts[mid]! <= p) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

// The index costs 6 bytes a character of text: past this (megabytes of text, several pages) it would take the
// memory the analysis's heap cap leaves for the rest, so patterns run on every segment as without it.
const MAX_INDEXED_CHARS = 1 << 18;

const indexes = new WeakMap<PageFacts, SegmentIndex | null>();

function indexOf(page: PageFacts): SegmentIndex | null {
  let index = indexes.get(page);
  if (index === undefined) {
    let chars = 0;
    for (const segment of page.segments) chars += segment.norm.length;
    index = chars <= MAX_INDEXED_CHARS ? new SegmentIndex(page.segments) : null;
    indexes.set(page, index);
  }
  return index;
}

/** The page's segments (in page order) that the pattern may match: every segment it matches, and some it does
 *  not. Scanning these instead of page.segments finds the same hits. */
export function segmentsThatMayMatch(page: PageFacts, pattern: RegExp): readonly Segment[] {
  return indexOf(page)?.mayMatch(pattern) ?? page.segments;
}

/** Each of the page's segments that one of the patterns may match (at most 31 patterns), in page order, with
 *  bit i set when patterns[i] may match it: scanning each pattern on its segments finds the hits scanning all
 *  would, in the same order. */
export function segmentsThatMayMatchAny(page: PageFacts, patterns: readonly RegExp[]): [Segment, number][] {
  const index = indexOf(page);
  if (index) return index.mayMatchAny(patterns);
  const all = (1 << patterns.length) - 1;
  return page.segments.map((segment): [Segment, number] => [segment, all]);
}
