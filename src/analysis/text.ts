// Searching the normalised page text and quoting the original back as evidence.
import type { Evidence, EvidenceSource, PageFacts, PageLink, Segment, SegmentKind } from '../engine/types.js';
import { normalizeMapped } from './normalize.js';
import { segmentIndexesThatMayMatch } from './segment-index.js';

export interface TextHit {
  segment: Segment;
  match: RegExpExecArray;
  evidence: Evidence;
}

const SOURCE_OF: Record<SegmentKind, EvidenceSource> = {
  title: 'meta',
  meta: 'meta',
  text: 'text',
  heading: 'text',
  footer: 'text',
  alt: 'text',
  link: 'link',
  button: 'form',
  label: 'form',
  field: 'form',
  option: 'form',
};

const EXCERPT_WINDOW = 40;

// Several hits in one long segment quote the same text: keep the last offset map instead of redoing it.
let lastMapped: { text: string; map: Int32Array } | null = null;
function offsetMap(text: string): Int32Array {
  if (lastMapped?.text !== text) lastMapped = { text, map: normalizeMapped(text).map };
  return lastMapped.map;
}

/** The original characters behind norm[start, end), without any context. */
export function originalSlice(text: string, start: number, end: number): string {
  const map = offsetMap(text);
  return text.slice(map[start] ?? 0, map[end] ?? text.length).trim();
}

/** The original text behind norm[start, end), widened by a window and trimmed to whole words. */
export function quoteOriginal(text: string, start: number, end: number, window = EXCERPT_WINDOW): string {
  const map = offsetMap(text);
  const from = map[Math.max(0, Math.min(start, map.length - 1))] ?? 0;
  const to = map[Math.max(0, Math.min(end, map.length - 1))] ?? text.length;
  let a = Math.max(0, from - window);
  let b = Math.min(text.length, to + window);
  if (a > 0) a = text.indexOf(' ', a) >= 0 && text.indexOf(' ', a) < from ? text.indexOf(' ', a) + 1 : a;
  if (b < text.length) b = text.lastIndexOf(' ', b) > to ? text.lastIndexOf(' ', b) : b;
  const body = text.slice(a, b).replace(/\s+/g, ' ').trim();
  return (a > 0 ? '…' : '') + body + (b < text.length ? '…' : '');
}

// Every piece of evidence names its page, nearly always the same one: keep the last path instead of parsing the
// URL again (a microsecond or more a call).
let lastPath: { url: string; path: string } | null = null;

/** The path of a page URL, for evidence locations: "(/apply)" tells which page a finding came from. */
export function pagePath(url: string): string {
  if (lastPath?.url !== url) {
    let path: string;
    try {
      path = new URL(url).pathname;
    } catch {
      path = url;
    }
    lastPath = { url, path };
  }
  return lastPath.path;
}

/** A link quoted as evidence: its address, and its text and page as where it was found. */
export function linkEvidence(link: PageLink): Evidence {
  return { source: 'link', excerpt: link.href, location: `link${link.text ? ` "${link.text.slice(0, 40)}"` : ''} (${pagePath(link.page)})` };
}

export function segmentLocation(segment: Segment): string {
  const where = segment.form !== undefined ? `form ${segment.form + 1} ${segment.kind}` : segment.kind;
  return `${where} (${pagePath(segment.page)})`;
}

export function segmentEvidence(segment: Segment, start = 0, end = segment.norm.length): Evidence {
  return {
    source: SOURCE_OF[segment.kind],
    excerpt: quoteOriginal(segment.text, start, end),
    location: segmentLocation(segment),
  };
}

/** Every match of `pattern` (needs the g flag) over the segments, in page order. */
export function findAll(
  segments: readonly Segment[],
  pattern: RegExp,
  options: { kinds?: readonly SegmentKind[]; limit?: number } = {},
): TextHit[] {
  if (!pattern.global) throw new Error(`pattern ${pattern} needs the g flag`);
  const hits: TextHit[] = [];
  const limit = options.limit ?? 50;
  for (const segment of segments) {
    if (options.kinds && !options.kinds.includes(segment.kind)) continue;
    pattern.lastIndex = 0;
    for (let m = pattern.exec(segment.norm); m; m = pattern.exec(segment.norm)) {
      hits.push({ segment, match: m, evidence: segmentEvidence(segment, m.index, m.index + m[0].length) });
      if (hits.length >= limit) return hits;
      if (m[0].length === 0) pattern.lastIndex++;
    }
  }
  return hits;
}

export function findFirst(
  segments: readonly Segment[],
  pattern: RegExp,
  options: { kinds?: readonly SegmentKind[] } = {},
): TextHit | null {
  return findAll(segments, pattern, { ...options, limit: 1 })[0] ?? null;
}

// V8 puts a string of more than about 128 KB in its large-object space: joining a 500 KB page's text cost
// about 1.2 ms, ten times what joining it in 30,000-character pieces costs.
const PIECE_CHARS = 30_000;

/** Whether the pattern (no g flag, no ^ or $, lookarounds that take a newline for the text's edge) matches the
 *  page's text as one string, its segments joined by newlines, without building that string. The text is
 *  matched in pieces of about `pieceChars`, each read from one segment before its own first, and earlier still
 *  over segments of at most `bridge` characters. Exact for a pattern whose match, where it crosses newlines,
 *  spans only segments of at most `bridge` characters between its first and its last.
 *  `near`: indexes (ascending) of segments one of which every match touches; only the text a match touching one
 *  of them can span is read (null: all of it). */
export function joinedTextMatches(
  segments: readonly Segment[],
  pattern: RegExp,
  bridge: number,
  pieceChars = PIECE_CHARS,
  near: readonly number[] | null = null,
): boolean {
  if (segments.length === 0) return pattern.test('');
  if (!near) return rangeMatches(segments, pattern, bridge, pieceChars, 0, segments.length);
  const short = (i: number) => segments[i]!.norm.length <= bridge;
  // A match touching segment c starts in c, in the segment before it or before the short segments leading up to
  // that one, and ends likewise after it: each such window read once, overlapping ones as one.
  const windowOf = (c: number): [number, number] => {
    let lo = c > 0 ? c - 1 : 0;
    while (lo > 0 && short(lo)) lo--;
    let hi = c + 1 < segments.length ? c + 1 : c;
    while (hi + 1 < segments.length && short(hi)) hi++;
    return [lo, hi + 1];
  };
  for (let k = 0; k < near.length; ) {
    let [lo, hi] = windowOf(near[k++]!);
    for (; k < near.length; k++) {
      const [nextLo, nextHi] = windowOf(near[k]!);
      if (nextLo > hi) break;
      hi = Math.max(hi, nextHi);
    }
    if (rangeMatches(segments, pattern, bridge, pieceChars, lo, hi)) return true;
  }
  return false;
}

/** joinedTextMatches over segments [lo, hi). */
function rangeMatches(segments: readonly Segment[], pattern: RegExp, bridge: number, pieceChars: number, lo: number, hi: number): boolean {
  for (let start = lo; start < hi; ) {
    let end = start;
    let chars = 0;
    do chars += segments[end++]!.norm.length + 1;
    while (end < hi && chars + segments[end]!.norm.length < pieceChars);
    // A match ending in this piece's own segments may start in the segment before them, or before the short
    // segments leading up to that one.
    let from = Math.max(lo, start - 1);
    while (from > lo && segments[from]!.norm.length <= bridge) from--;
    let piece = segments[from]!.norm;
    for (let i = from + 1; i < end; i++) piece += '\n' + segments[i]!.norm;
    if (pattern.test(piece)) return true;
    start = end;
  }
  return false;
}

/** joinedTextMatches over the page, near the segments holding what every match of the pattern needs
 *  (segment-index.ts). The pattern's literals must hold no newline: a literal is found within one segment. */
export function pageTextMatches(page: PageFacts, pattern: RegExp, bridge: number): boolean {
  return joinedTextMatches(page.segments, pattern, bridge, PIECE_CHARS, segmentIndexesThatMayMatch(page, pattern));
}

/** Distinct excerpts of the hits, at most `max`, for a finding's evidence list. */
export function evidenceOf(hits: readonly TextHit[], max = 3): Evidence[] {
  const seen = new Set<string>();
  const out: Evidence[] = [];
  for (const h of hits) {
    if (seen.has(h.evidence.excerpt)) continue;
    seen.add(h.evidence.excerpt);
    out.push(h.evidence);
    if (out.length >= max) break;
  }
  return out;
}

export const footerSegments = (page: PageFacts) => page.segments.filter((s) => s.kind === 'footer');
