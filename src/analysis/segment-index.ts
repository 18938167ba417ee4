// Which of a page's segments a pattern may match. The readings and rules run dozens of patterns over every
// segment, yet most segments of a page hold none of their vocabulary: each pattern needs one of a few literals
// in any match (required-literals.ts), and an index of which segments hold which of those literals, built once a
// page, finds the segments holding one. Running a pattern on those alone finds exactly the hits it finds on all.
// Where a match needs several literals ("요금…폭탄"), the one in the fewest segments of this page is looked up.
import type { PageFacts, Segment } from '../engine/types.js';
import { perPage } from './per-page.js';
import { requiredNeed, type Need } from './required-literals.js';

// The index is one pass over the page's text finding the literals of the patterns asked about so far, each where
// it starts, by its first two characters: a table of 4096 slots lists the literals beginning with a pair hashing
// there, each checked at that offset (literals of one character have a table of their own, and most characters
// start no literal: one read passes them). A literal's segments are then ready when a pattern asks: looking each
// literal up in a character index (bucket chains, Bloom filters) cost more than building that index, and this pass
// costs less than building it did. A literal the pass did not look for (its pattern first asked about on this
// page) is searched for in the page's text.
const PAIR_BITS = 12;
const pairSlot = (pair: number) => Math.imul(pair, 0x9e3779b1) >>> (32 - PAIR_BITS);
// A character's roles in the literals: one of one character, the first or the second of a longer one.
const ONE = 1;
const FIRST = 2;
const SECOND = 4;
// Literals of one character, by its low 13 bits.
const CHAR_BITS = 13;
const CHAR_MASK = (1 << CHAR_BITS) - 1;

const NONE: readonly number[] = [];
// Scratch for merging segment lists: a mark per segment (left all zero after each merge).
let markScratch = new Uint8Array(1024);

// A pattern's need is read once for the module (not once a page), one object a literal for all the patterns
// holding it. What a page's index costs a part is kept on the part, marked with that index's serial number:
// a field read instead of a map lookup, left stale (and recomputed) when another page's index asks.
let serials = 0;

class Literal {
  readonly op = 'literal';
  /** The pass looks for it: of two characters or more; of one, when some pattern has it as one of its
   *  alternatives (always looked up, not one of several parts all needed, of which the cheapest is), when it
   *  was looked up on a page before (segments searched for it), or while on trial (onTrial below). */
  wanted = false;
  /** Of one character and one of several parts all needed: put on trial once (onTrial below). */
  tried = false;
  constructor(
    readonly literal: string,
    /** Its place in `registered`. */
    readonly id: number,
  ) {}
}

class Parts {
  /** What looking the parts up costs, for the index numbered costBy. */
  cost = 0;
  costBy = 0;
  /** The parts that are literals, and the others: a list of alternatives is mostly literals, read in a loop. */
  readonly literals: Literal[];
  readonly others: Parts[];
  constructor(
    readonly op: 'any' | 'all',
    readonly parts: Lookup[],
  ) {
    this.literals = parts.filter((p) => p.op === 'literal');
    this.others = parts.filter((p) => p.op !== 'literal');
  }
}

type Lookup = Literal | Parts;

// Held for good: the patterns asked about are the modules' constants, so these are as many as their sources hold.
const literals = new Map<string, Literal>();
const registered: Literal[] = [];
const lookups = new WeakMap<RegExp, Lookup | null>();

// Bumped when the pass must look for other literals: registered, of one character and now wanted, or dropped.
let passVersion = 0;

// A character needed with other parts ("곳" in "추천 업체|곳") is looked for on trial: counted, it often shows its
// part rarer than the other (추천, in hundreds of a long page's segments), so fewer segments are offered to the
// pattern; uncounted, its part counts as every segment and the other is chosen. A character in more than one in
// 25 of a page's segments (".", "다", digits) is rarely the rarer part, and noting it costs the pass: dropped (at
// 1 in 4, the pass took 0.04-0.10 ms more on a 50 KB page and 0.55 ms on 500 KB, and the rules no less).
const onTrial: Literal[] = [];
const COMMON_SHARE = 25;
const COMMON_MIN_SEGMENTS = 100;

/** `direct`: the need is reached from the pattern through alternatives alone, so always looked up. */
function compile(need: Need, direct: boolean): Lookup {
  if (typeof need === 'string') {
    let literal = literals.get(need);
    if (!literal) {
      literals.set(need, (literal = new Literal(need, registered.length)));
      registered.push(literal);
      passVersion++;
    }
    if (direct) want(literal);
    else if (!literal.wanted && literal.literal.length === 1 && !literal.tried) {
      literal.tried = true;
      onTrial.push(literal);
      want(literal);
    }
    return literal;
  }
  if ('all' in need) return new Parts('all', need.all.map((n) => compile(n, false)));
  // Of several alternatives, nested ones are one list, and a literal holding another of them (or the same) adds no
  // segment: the list is looked up the fewer times.
  const parts: Lookup[] = [];
  const flatten = (n: Need): void => {
    if (typeof n !== 'string' && 'any' in n) n.any.forEach(flatten);
    else parts.push(compile(n, false));
  };
  flatten(need);
  const kept = parts.filter((part, k) =>
    part.op !== 'literal' ||
    !parts.some((other, j) => other.op === 'literal' && j !== k && part.literal.includes(other.literal) && (other.literal !== part.literal || j < k)),
  );
  if (direct) for (const part of kept) if (part.op === 'literal') want(part);
  return kept.length === 1 ? kept[0]! : new Parts('any', kept);
}

function want(literal: Literal): void {
  if (literal.wanted) return;
  literal.wanted = true;
  if (literal.literal.length === 1) passVersion++;
}

function lookupOf(pattern: RegExp): Lookup | null {
  let lookup = lookups.get(pattern);
  if (lookup === undefined) {
    const need = requiredNeed(pattern);
    lookup = need === null ? null : compile(need, true);
    lookups.set(pattern, lookup);
  }
  return lookup;
}

/** The literals the pass looks for, by their first two characters, or their one character: chained through
 *  `next`. Those of one character are there only when wanted (an alternative, or on trial): a common one ("다",
 *  ":") would be noted thousands of times a page, and as a part needed with others it is rarely the cheapest.
 *  Rebuilt when the literals looked for change (the first pages only: the patterns are constants). */
class Dispatch {
  readonly pairHead = new Int32Array(1 << PAIR_BITS).fill(-1);
  readonly charHead = new Int32Array(1 << CHAR_BITS).fill(-1);
  readonly next: Int32Array;
  /** Each literal's first two characters, (first << 16) | second, or its one character: compared before the
   *  rest of it is. */
  readonly starts: Int32Array;
  /** Per character code, what literals make of it (ONE, FIRST, SECOND): most characters of a page start no
   *  literal, and are passed over on one read. */
  readonly roles = new Uint8Array(1 << 16);
  /** Per literal id, 1 when the pass looks for it. */
  readonly looked: Uint8Array;
  readonly version = passVersion;
  constructor() {
    this.next = new Int32Array(registered.length).fill(-1);
    this.starts = new Int32Array(registered.length);
    this.looked = new Uint8Array(registered.length);
    for (const { literal, id, wanted } of registered) {
      if (literal.length === 0 || (literal.length === 1 && !wanted)) continue;
      const single = literal.length === 1;
      const start = single ? literal.charCodeAt(0) : (literal.charCodeAt(0) << 16) | literal.charCodeAt(1);
      const head = single ? this.charHead : this.pairHead;
      const slot = single ? start & CHAR_MASK : pairSlot(start);
      this.starts[id] = start;
      if (single) this.roles[start]! |= ONE;
      else (this.roles[start >>> 16]! |= FIRST), (this.roles[start & 0xffff]! |= SECOND);
      this.next[id] = head[slot]!;
      head[slot] = id;
      this.looked[id] = 1;
    }
  }
}
let dispatch = new Dispatch();

class SegmentIndex {
  private readonly serial = ++serials;
  /** What the pass looked for. */
  private readonly dispatch: Dispatch;
  /** By literal id: the segments holding it, ascending (undefined: none found, or not yet searched). */
  private readonly found: number[][];
  private readonly byPattern = new Map<RegExp, readonly Segment[]>();
  private readonly indexesByPattern = new Map<RegExp, readonly number[] | null>();

  constructor(private readonly segments: readonly Segment[]) {
    if (dispatch.version !== passVersion) dispatch = new Dispatch();
    this.dispatch = dispatch;
    this.found = new Array<number[]>(registered.length);
    this.find(dispatch);
    if (segments.length >= COMMON_MIN_SEGMENTS) this.dropCommon();
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
  indexesMayMatching(pattern: RegExp): readonly number[] | null {
    let indexes = this.indexesByPattern.get(pattern);
    if (indexes === undefined) {
      const lookup = lookupOf(pattern);
      indexes = lookup === null ? null : this.holdingNeed(lookup);
      this.indexesByPattern.set(pattern, indexes);
    }
    return indexes;
  }

  /** Segments holding what the need asks for (some of them may hold less when it asks for several literals):
   *  the literals to look up chosen first (of several needed, the one in fewest segments), their segments merged once. */
  private holdingNeed(need: Lookup): readonly number[] {
    const chosen: Literal[] = [];
    this.choose(need, chosen);
    if (chosen.length === 0) return NONE;
    if (chosen.length === 1) return this.holding(chosen[0]!);
    const lists: (readonly number[])[] = [];
    let total = 0;
    let lo = this.segments.length;
    let hi = -1;
    for (const literal of chosen) {
      const list = this.holding(literal);
      if (list.length === 0) continue;
      lists.push(list);
      total += list.length;
      lo = Math.min(lo, list[0]!);
      hi = Math.max(hi, list[list.length - 1]!);
    }
    if (lists.length === 1) return lists[0]!;
    const out: number[] = [];
    if (hi - lo < 8 * total) {
      // Marked, then read off in page order (between the first and last marked).
      if (markScratch.length < this.segments.length) markScratch = new Uint8Array(this.segments.length * 2);
      for (const list of lists) for (const si of list) markScratch[si] = 1;
      for (let si = lo; si <= hi; si++) if (markScratch[si]) (out.push(si), (markScratch[si] = 0));
    } else {
      // Few segments spread over many: sorted instead.
      const all: number[] = [];
      for (const list of lists) for (const si of list) all.push(si);
      all.sort((a, b) => a - b);
      for (let k = 0; k < all.length; k++) if (k === 0 || all[k] !== all[k - 1]) out.push(all[k]!);
    }
    return out;
  }

  /** The literals whose segments cover the need: each of several needed parts' cheapest. */
  private choose(need: Lookup, out: Literal[]): void {
    if (need.op === 'literal') out.push(need);
    else if (need.op === 'any') {
      for (const literal of need.literals) out.push(literal);
      for (const part of need.others) this.choose(part, out);
    } else {
      let rarest = need.parts[0]!;
      let fewest = this.cost(rarest);
      for (let k = 1; k < need.parts.length && fewest > 0; k++) {
        const c = this.cost(need.parts[k]!);
        if (c < fewest) (rarest = need.parts[k]!), (fewest = c);
      }
      // A part in no segment: none holds the whole, and its literals would add none.
      if (fewest > 0) this.choose(rarest, out);
    }
  }

  /** What the need's segments number, at most (0: it cannot be on the page). A literal of one character the
   *  pass did not look for counts as every segment (counting them would mean searching every segment). */
  private cost(need: Lookup): number {
    if (need.op === 'literal') return this.literalCost(need);
    if (need.costBy === this.serial) return need.cost;
    let n = 0;
    if (need.op === 'all') {
      n = Infinity;
      // Most of a pattern's parts are in no segment of a page: the first such part decides.
      for (let k = 0; k < need.parts.length && n > 0; k++) n = Math.min(n, this.cost(need.parts[k]!));
    } else {
      for (const literal of need.literals) n += this.literalCost(literal);
      for (const part of need.others) n += this.cost(part);
    }
    need.cost = n;
    need.costBy = this.serial;
    return n;
  }

  private literalCost(literal: Literal): number {
    const list = this.found[literal.id];
    if (list) return list.length;
    if (this.wasLooked(literal)) return 0;
    return literal.literal.length === 1 ? this.segments.length : this.holding(literal).length;
  }

  /** The pass: each segment's text read once, every literal the dispatch holds noted where it starts. */
  private find({ pairHead, charHead, next, starts, roles }: Dispatch): void {
    const { segments, found } = this;
    // The segment each literal was last noted in: a literal is noted once a segment.
    const last = new Int32Array(next.length).fill(-1);
    for (let si = 0; si < segments.length; si++) {
      const norm = segments[si]!.norm;
      let before = 0;
      let beforeRoles = 0;
      for (let k = 0; k < norm.length; k++) {
        const c = norm.charCodeAt(k);
        const role = roles[c]!;
        if (role & ONE) {
          for (let id = charHead[c & CHAR_MASK]!; id >= 0; id = next[id]!) {
            if (starts[id] === c && last[id] !== si) (last[id] = si), (found[id] ??= []).push(si);
          }
        }
        if (role & SECOND && beforeRoles & FIRST) {
          const pair = (before << 16) | c;
          for (let id = pairHead[pairSlot(pair)]!; id >= 0; id = next[id]!) {
            if (starts[id] !== pair || last[id] === si) continue;
            const literal = registered[id]!.literal;
            if (literal.length === 2 || norm.startsWith(literal, k - 1)) (last[id] = si), (found[id] ??= []).push(si);
          }
        }
        before = c;
        beforeRoles = role;
      }
    }
  }

  /** Ends the trial of the characters this pass found in more than one in COMMON_SHARE segments. */
  private dropCommon(): void {
    for (let k = 0; k < onTrial.length; k++) {
      const literal = onTrial[k]!;
      const list = this.found[literal.id];
      if (!list || list.length * COMMON_SHARE <= this.segments.length) continue;
      literal.wanted = false;
      onTrial.splice(k--, 1);
      passVersion++;
    }
  }

  /** Indexes of the segments whose text contains the literal, ascending, without repeats. */
  private holding(need: Literal): readonly number[] {
    let out = this.found[need.id];
    if (out) return out;
    if (this.wasLooked(need)) return NONE;
    // Not looked for in the pass (registered since, or of one character): searched for in the page's text, and
    // the next pages' passes look for it.
    want(need);
    out = this.search(need.literal);
    this.found[need.id] = out;
    return out;
  }

  /** The page's text, its segments joined by newlines, and where each segment starts in it: made on the first
   *  search (the first page a pattern is asked about, when the pass knew none of its literals). */
  private joined: { text: string; starts: Int32Array } | null = null;

  /** Indexes of the segments holding the literal, ascending: one native search of the joined text per segment
   *  found, where searching each segment cost a call a segment. */
  private search(literal: string): number[] {
    const { segments } = this;
    const out: number[] = [];
    if (literal.length === 0) {
      for (let si = 0; si < segments.length; si++) out.push(si);
      return out;
    }
    if (!this.joined) {
      const starts = new Int32Array(segments.length + 1);
      for (let si = 0; si < segments.length; si++) starts[si + 1] = starts[si]! + segments[si]!.norm.length + 1;
      this.joined = { text: segments.map((segment) => segment.norm).join('\n'), starts };
    }
    const { text, starts } = this.joined;
    let si = 0;
    for (let at = text.indexOf(literal); at >= 0; ) {
      while (starts[si + 1]! <= at) si++;
      if (at + literal.length < starts[si + 1]!) {
        // Within segment si (which ends before the newline at starts[si + 1] - 1): on to the next segment.
        out.push(si);
        if (si + 1 >= segments.length) break;
        at = text.indexOf(literal, starts[si + 1]);
      } else at = text.indexOf(literal, at + 1); // across a newline between two segments: not in either
    }
    return out;
  }

  private wasLooked(need: Literal): boolean {
    return need.id < this.dispatch.looked.length && this.dispatch.looked[need.id] === 1;
  }
}

// The index keeps, for each literal found, the segments holding it: on megabytes of text (several pages) common
// literals in every segment could take the memory the analysis's heap cap leaves for the rest, so past this
// patterns run on every segment as without it.
const MAX_INDEXED_CHARS = 1 << 18;

const indexOf = perPage('segment index', (page): SegmentIndex | null => {
  let chars = 0;
  for (const segment of page.segments) chars += segment.norm.length;
  return chars <= MAX_INDEXED_CHARS ? new SegmentIndex(page.segments) : null;
});

/** Builds the page's index now (it is otherwise built on the first lookup): lets a bench time it on its own. */
export function segmentIndex(page: PageFacts): void {
  indexOf(page);
}

/** The page's segments (in page order) that the pattern may match: every segment it matches, and some it does
 *  not. Scanning these instead of page.segments finds the same hits. */
export function segmentsThatMayMatch(page: PageFacts, pattern: RegExp): readonly Segment[] {
  return indexOf(page)?.mayMatch(pattern) ?? page.segments;
}

/** Indexes (ascending) of the page's segments the pattern may match, as segmentsThatMayMatch's; null when any may. */
export function segmentIndexesThatMayMatch(page: PageFacts, pattern: RegExp): readonly number[] | null {
  return indexOf(page)?.indexesMayMatching(pattern) ?? null;
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
