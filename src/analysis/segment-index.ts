// Which of a page's segments a pattern may match. The readings and rules run dozens of patterns over every
// segment, yet most segments of a page hold none of their vocabulary: each pattern needs one of a few literals
// in any match (required-literals.ts), and an index of which segments hold which characters, built once a page,
// finds the segments holding one. Running a pattern on those alone finds exactly the hits it finds on all.
// Where a match needs several literals ("요금…폭탄"), the one whose characters are rarest on this page is looked up.
import type { PageFacts, Segment } from '../engine/types.js';
import { requiredNeed, type Need } from './required-literals.js';

// Characters are indexed by their low 13 bits: a bucket lists the segments holding one of a few characters (가
// shares one with a handful of syllables), so no per-character table is needed; each segment is checked for the
// literal itself. A bucket's list is a chain through entries appended in page order (each entry points to the
// bucket's one before): built in one pass writing memory in order, where lists grouped by bucket would scatter a
// write for every entry (most of the build's time on a large page).
const BUCKET_BITS = 13;
const BUCKETS = 1 << BUCKET_BITS;
const MASK = BUCKETS - 1;
// Spaces are a fifth of a page's text: not indexed (a literal is looked up by another of its characters), which
// makes the index that much cheaper to build.
const SPACE = 0x20;

// Scratch for building (one index is built at a time): the last segment entered in each bucket.
const lastScratch = new Int32Array(BUCKETS);
// Scratch for merging segment lists: a mark per segment (left all zero after each merge).
let markScratch = new Uint8Array(1024);

// Each segment's pairs of adjacent characters in 512 bits (a Bloom filter): a segment lacking one of a literal's
// bits cannot hold it, and is passed over without searching its text. Pairs, not characters: a segment of 200
// characters has some 60 distinct ones, which fill 64 bits of characters so that most segments in a common
// character's bucket passed (and were searched, 15 times the page's text in all on a large page).
const BLOOM_WORDS = 16;
function addToBloom(bloom: Int32Array, at: number, before: number, c: number): void {
  const h = Math.imul((before << 16) | c, 0x9e3779b1) >>> 23;
  bloom[at + (h >> 5)]! |= 1 << (h & 31);
}

// A pattern's need is read once for the module (not once a page), one object a literal for all the patterns
// holding it. What a page's index finds for a part is kept on the part, marked with that index's serial number:
// a field read instead of a map lookup, left stale (and recomputed) when another page's index asks.
let serials = 0;

class Literal {
  readonly op = 'literal';
  /** Its Bloom filter's words that have bits set: word offset, then bits. */
  readonly bloom: readonly number[];
  /** The segments holding the literal, for the index numbered foundBy. */
  found: readonly number[] = [];
  foundBy = 0;
  /** Offset of its character in the fewest segments' buckets (-1: spaces only), for the index numbered rarestBy. */
  rarest = -1;
  rarestBy = 0;
  constructor(readonly literal: string) {
    const bloom = new Int32Array(BLOOM_WORDS);
    for (let k = 1; k < literal.length; k++) addToBloom(bloom, 0, literal.charCodeAt(k - 1), literal.charCodeAt(k));
    const words: number[] = [];
    bloom.forEach((bits, w) => bits && words.push(w, bits));
    this.bloom = words;
  }
}

class Parts {
  /** What looking the parts up costs, for the index numbered costBy. */
  cost = 0;
  costBy = 0;
  constructor(
    readonly op: 'any' | 'all',
    readonly parts: Lookup[],
  ) {}
}

type Lookup = Literal | Parts;

// Held for good: the patterns asked about are the modules' constants, so these are as many as their sources hold.
const literals = new Map<string, Literal>();
const lookups = new WeakMap<RegExp, Lookup | null>();

function compile(need: Need): Lookup {
  if (typeof need === 'string') {
    let literal = literals.get(need);
    if (!literal) literals.set(need, (literal = new Literal(need)));
    return literal;
  }
  if ('all' in need) return new Parts('all', need.all.map(compile));
  // Of several alternatives, nested ones are one list, and a literal holding another of them (or the same) adds no
  // segment: the list is looked up the fewer times.
  const parts: Lookup[] = [];
  const flatten = (n: Need): void => {
    if (typeof n !== 'string' && 'any' in n) n.any.forEach(flatten);
    else parts.push(compile(n));
  };
  flatten(need);
  const kept = parts.filter((part, k) =>
    part.op !== 'literal' ||
    !parts.some((other, j) => other.op === 'literal' && j !== k && part.literal.includes(other.literal) && (other.literal !== part.literal || j < k)),
  );
  return kept.length === 1 ? kept[0]! : new Parts('any', kept);
}

function lookupOf(pattern: RegExp): Lookup | null {
  let lookup = lookups.get(pattern);
  if (lookup === undefined) {
    const need = requiredNeed(pattern);
    lookup = need === null ? null : compile(need);
    lookups.set(pattern, lookup);
  }
  return lookup;
}

class SegmentIndex {
  /** Each bucket's last entry (-1: none), and how many segments it lists. */
  private readonly head = new Int32Array(BUCKETS).fill(-1);
  private readonly count = new Int32Array(BUCKETS);
  /** Two words an entry: a segment index, and the bucket's entry before it (-1: none). A segment is entered in a
   *  bucket once. */
  private readonly entries: Int32Array;
  /** BLOOM_WORDS words a segment: its character pairs' bits (addToBloom). */
  private readonly blooms: Int32Array;
  private readonly serial = ++serials;
  private readonly byPattern = new Map<RegExp, readonly Segment[]>();
  private readonly indexesByPattern = new Map<RegExp, readonly number[] | null>();

  constructor(private readonly segments: readonly Segment[]) {
    this.blooms = new Int32Array(BLOOM_WORDS * segments.length);
    this.entries = this.enter(segments);
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
      const lookup = lookupOf(pattern);
      indexes = lookup === null ? null : this.holdingNeed(lookup);
      this.indexesByPattern.set(pattern, indexes);
    }
    return indexes;
  }

  /** Segments holding what the need asks for (some of them may hold less when it asks for several literals):
   *  the literals to look up chosen first (of several needed, the cheapest), their segments merged once. */
  private holdingNeed(need: Lookup): readonly number[] {
    const chosen: Literal[] = [];
    this.choose(need, chosen);
    if (chosen.length === 1) return this.holding(chosen[0]!);
    const lists = chosen.map((literal) => this.holding(literal));
    let total = 0;
    let lo = this.segments.length;
    let hi = -1;
    for (const list of lists) {
      if (list.length === 0) continue;
      total += list.length;
      lo = Math.min(lo, list[0]!);
      hi = Math.max(hi, list[list.length - 1]!);
    }
    const out: number[] = [];
    if (hi - lo < 8 * total) {
      // Marked, then read off in page order (between the first and last marked).
      if (markScratch.length < this.segments.length) markScratch = new Uint8Array(this.segments.length * 2);
      for (const list of lists) for (const si of list) markScratch[si] = 1;
      for (let si = lo; si <= hi; si++) if (markScratch[si]) (out.push(si), (markScratch[si] = 0));
    } else {
      // Few segments spread over many: sorted instead.
      const all = new Int32Array(total);
      let n = 0;
      for (const list of lists) for (const si of list) all[n++] = si;
      all.sort();
      for (let k = 0; k < n; k++) if (k === 0 || all[k] !== all[k - 1]) out.push(all[k]!);
    }
    return out;
  }

  /** The literals whose segments cover the need: each of several needed parts' cheapest. */
  private choose(need: Lookup, out: Literal[]): void {
    if (need.op === 'literal') out.push(need);
    else if (need.op === 'any') for (const part of need.parts) this.choose(part, out);
    else {
      let rarest = need.parts[0]!;
      let fewest = this.cost(rarest);
      for (let k = 1; k < need.parts.length; k++) {
        const c = this.cost(need.parts[k]!);
        if (c < fewest) (rarest = need.parts[k]!), (fewest = c);
      }
      this.choose(rarest, out);
    }
  }

  /** What looking the need up costs: segments to check (0: it cannot be on the page). */
  private cost(need: Lookup): number {
    if (need.op === 'literal') {
      const at = this.rarest(need);
      return at < 0 ? this.segments.length : this.bucketSize(need.literal.charCodeAt(at));
    }
    if (need.costBy === this.serial) return need.cost;
    let n = need.op === 'all' ? Infinity : 0;
    for (const part of need.parts) n = need.op === 'all' ? Math.min(n, this.cost(part)) : n + this.cost(part);
    need.cost = n;
    need.costBy = this.serial;
    return n;
  }

  private bucketSize(c: number): number {
    return this.count[c & MASK]!;
  }

  /** Offset in the literal of its character whose bucket holds the fewest segments; -1 when every character is
   *  a space (not indexed). */
  private rarest(need: Literal): number {
    if (need.rarestBy === this.serial) return need.rarest;
    const literal = need.literal;
    let at = -1;
    let fewest = Infinity;
    for (let k = 0; k < literal.length && fewest > 0; k++) {
      const c = literal.charCodeAt(k);
      if (c === SPACE) continue;
      const size = this.bucketSize(c);
      if (size < fewest) (at = k), (fewest = size);
    }
    need.rarest = at;
    need.rarestBy = this.serial;
    return at;
  }

  /** Enters each segment in the buckets of its characters (but spaces), once a bucket, and sets its Bloom filter;
   *  returns the entries. */
  private enter(segments: readonly Segment[]): Int32Array {
    let chars = 0;
    for (const segment of segments) chars += segment.norm.length;
    const entries = new Int32Array(2 * chars);
    const { head, count, blooms } = this;
    lastScratch.fill(-1);
    let n = 0;
    for (let si = 0; si < segments.length; si++) {
      const norm = segments[si]!.norm;
      for (let k = 0; k < norm.length; k++) {
        const c = norm.charCodeAt(k);
        const b = c & MASK;
        if (k > 0) addToBloom(blooms, BLOOM_WORDS * si, norm.charCodeAt(k - 1), c);
        if (c === SPACE || lastScratch[b] === si) continue;
        lastScratch[b] = si;
        entries[2 * n] = si;
        entries[2 * n + 1] = head[b]!;
        head[b] = n++;
        count[b]!++;
      }
    }
    return entries;
  }

  /** Indexes of the segments whose text contains the literal, ascending, without repeats. */
  private holding(need: Literal): readonly number[] {
    if (need.foundBy === this.serial) return need.found;
    const literal = need.literal;
    const at = this.rarest(need);
    const { segments, entries } = this;
    const out: number[] = [];
    if (at < 0) {
      // Spaces alone: every segment is searched.
      for (let si = 0; si < segments.length; si++) if (segments[si]!.norm.includes(literal)) out.push(si);
    } else {
      // The segments in its rarest character's bucket (last first), checked for the whole literal.
      const { blooms } = this;
      const bloom = need.bloom;
      for (let e = this.head[literal.charCodeAt(at) & MASK]!; e >= 0; e = entries[2 * e + 1]!) {
        const si = entries[2 * e]!;
        let k = 0;
        while (k < bloom.length && (blooms[BLOOM_WORDS * si + bloom[k]!]! & bloom[k + 1]!) === bloom[k + 1]!) k += 2;
        if (k === bloom.length && segments[si]!.norm.includes(literal)) out.push(si);
      }
      out.reverse();
    }
    need.found = out;
    need.foundBy = this.serial;
    return out;
  }
}

// The index costs up to 8 bytes a character of text: past this (megabytes of text, several pages) it would take the
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

/** Builds the page's index now (it is otherwise built on the first lookup): lets a bench time it on its own. */
export function segmentIndex(page: PageFacts): void {
  indexOf(page);
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
