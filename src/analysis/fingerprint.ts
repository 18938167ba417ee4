// Page template fingerprint: a 64-bit locality-sensitive hash of what survives a domain rotation, so the next
// domain of a broker who reuses a page matches the last one (store: table fingerprints, four 16-bit band indexes).
//
// Features: 3-grams of text units (a Hangul syllable, a whole latin word, a placeholder) within each text run,
// after masking what a rotation changes (URLs and hosts, e-mails, messenger IDs and handles, digit runs, tokens
// with digits, the host's own labels, the site name in the title); plus the markup shape (segment-kind 4-grams,
// form fields, same-site link and image paths). Sketch: one-bit MinHash (bit differs with probability (1 − J)/2),
// not SimHash (angle/π): at the Jaccard similarity of a rotated clone (median 0.92) SimHash flips ~3× the bits.
//
// Measured by test/bench/fingerprint.ts (npm run bench:fingerprint) on test/corpus, 197 pages of 195 sites,
// 10 rotated clones a page (other domain, phones, messenger IDs; two sentence pairs swapped; one paragraph added
// or removed; one title word changed):
//                                   clones within 3 bits   distinct-site pairs within 3 bits (18,526)
//   chosen (MinHash, units, shape)  67.7 % (scam 56.6 %;   0, closest pair 16 bits, max Jaccard 0.31,
//                                   pages ≥ 200 features    band collisions 0.0 %
//                                   71.5 %; within 6: 90.9 %)
//   SimHash, same features          18.8 %                  0 (closest 15 bits)
//   MinHash, character 3-grams      71.0 %                  0 (closest 9 bits: two English articles, J 0.43)
//   MinHash, word 2-/3-grams        68.1 / 65.2 %           0, but 8 pages null instead of 4
// Misses are mostly small pages, where one paragraph is 10–40 % of the text; 4 pages (tiny landing pages) are
// null. No distinct pair comes near 3 bits, so TEMPLATE_MATCH_BITS is the most the band index allows.
// Time: 0.05 ms median a corpus page; 0.8 ms median on a 196 KB page with 107 KB of text, of which the first
// 16,000 characters are read (0.07 and 1.27 ms before features were hashed over code units).
//
// Pure functions, no I/O.
import type { PageFacts } from '../engine/types.js';

/** Max Hamming distance that counts as the same template. ≤ 3: by pigeonhole two 64-bit values within 3 bits
 *  share one of their four 16-bit bands, so the band index finds every match. */
export const TEMPLATE_MATCH_BITS = 3;

/** What goes into the fingerprint (exported for test/bench/fingerprint.ts, which compares the choices). */
export interface FingerprintConfig {
  /** 'minhash': one-bit MinHash, bit i agrees with probability (1 + J) / 2 (J = Jaccard similarity of the
   *  feature sets); 'simhash': sign of the summed feature hashes, agrees with probability 1 − angle / π. */
  sketch: 'minhash' | 'simhash';
  /** n-grams of text units over each text run, spaces and punctuation dropped; 0 = none. A unit is a Hangul
   *  syllable, a placeholder or another letter, or with `latinWords` a whole latin word. */
  charGram: number;
  /** A latin word is one unit (English text has 26 letters: its character n-grams are shared by any two pages). */
  latinWords: boolean;
  /** Word n-grams over each text run's masked words; 0 = none. */
  wordGram: number;
  /** Markup shape: segment-kind sequence, form fields, same-site link and image paths. */
  structure: boolean;
  /** Weight of a markup feature (a text feature weighs 1). */
  structureWeight: number;
  /** Fewer distinct text features than this: null (too little text to tell templates apart). */
  minFeatures: number;
}

export const DEFAULT_FINGERPRINT_CONFIG: Readonly<FingerprintConfig> = {
  sketch: 'minhash',
  charGram: 3,
  latinWords: true,
  wordGram: 0,
  structure: true,
  structureWeight: 1,
  minFeatures: 40,
};

// ---------- masking: the identifiers a rotation changes ----------

// Placeholders, one private-use character each, so an n-gram sees a masked run as one character.
const P_DIGITS = '\ue000';
const P_ID = '\ue001';
const P_URL = '\ue002';
const P_EMAIL = '\ue003';

const EMAIL = /[a-z0-9._%+-]{1,64}@[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){0,4}\.[a-z]{2,24}/g;
const URL_OR_HOST = /(?:h[tx]{2}ps?:\/\/)?(?:[a-z0-9][a-z0-9-]{0,62}\.)+(?:[a-z]{2,24}|xn--[a-z0-9-]{2,59})(?![a-z0-9])(?::\d{1,5})?(?:\/\S*)?/g;
const MAYBE_HOST = /[a-z0-9]\.[a-z]/;
// A messenger name, the filler words pages put between it and the ID, decorations (as indicators.ts reads them).
const MESSENGER_CUE = /카톡|카카오|kakao|katalk|텔레|telegram|아이디|id/;
const MESSENGER_ID = new RegExp(
  '(?:카카오\\s*톡|카톡|카카오|텔레그램|텔레|아이디|(?<![a-z])(?:kakao\\s*talk|katalk|kakao|telegram|id))' +
    '\\s*(?:(?:상담|문의|id|아이디|친구\\s*추가|친추|검색|채널|연락|플친|주소)\\s*){0,2}(?:은|는)?' +
    '[\\s\\[\\](){}<>:=\\-【】〔〕《》〈〉「」『』◈◆◇★☆■□●○◎♥♡❤▶▷►※→☞"\'`|/]{0,6}@?([a-z][a-z0-9._-]{2,29})',
  'g',
);
const HANDLE = /(?<![a-z0-9._%+-])@[a-z][a-z0-9_]{2,31}/g;
const NOT_AN_ID = new Set([
  'id', 'ok', 'talk', 'kakao', 'kakaotalk', 'channel', 'plus', 'open', 'openchat', 'chat', 'com', 'www', 'http',
  'https', 'friend', 'add', 'search', 'and', 'yes', 'call', 'tel', 'sms', 'line', 'telegram', 'click', 'here',
  'link', 'only', 'free', 'event', 'pay', 'kakaopay', 'bank', 'kakaobank', 'app', 'qr', 'code', 'me',
]);
// Latin/digit tokens, with the separators IDs and phone numbers have inside them.
const TOKEN = /[a-z0-9_](?:[a-z0-9._-]*[a-z0-9_])?/g;
const ALL_DIGITS = /^[\d._-]+$/;
const ID_LIKE = /[\d_]/;

const TITLE_SEPARATOR = /\s*[|｜:–—·»]\s*|\s+-\s+/;

/** The site's name as its title gives it ("바로캐시95 | 휴대폰 소액결제…", "…피해 잇따라 - 한빛일보"): the first or
 *  the last part of a title in parts, when it is one word. A broker renames the site with each domain. (A part
 *  of several words is left alone: a changed title word would otherwise unmask its every repetition.) */
function siteNames(page: PageFacts): string[] {
  const title = page.segments.find((s) => s.kind === 'title')?.norm ?? '';
  const parts = title.split(TITLE_SEPARATOR).filter((p) => p.length > 0);
  if (parts.length < 2) return [];
  return [parts[0]!, parts[parts.length - 1]!].filter((p) => p.length >= 2 && p.length <= 16 && !/\s/.test(p));
}

function maskNames(norm: string, names: string[]): string {
  let s = norm;
  for (const name of names) if (s.includes(name)) s = s.split(name).join(P_ID);
  return s;
}

/** Labels of the page's own host long enough to be a brand (not www, co, kr, com). */
function hostLabels(url: string): string[] {
  const host = /^[a-z][a-z0-9+.-]*:\/\/([^/?#:]+)/i.exec(url)?.[1]?.toLowerCase() ?? '';
  return host.split('.').filter((l) => l.length >= 4 && !/^(?:www\d?|shop|site|blog|info|store)$/.test(l));
}

/** The text with the identifiers regular expressions find replaced by placeholders: e-mails, URLs and host
 *  names, messenger IDs and handles. Latin and digit tokens are classified as they are read (tokenClass). */
function maskText(norm: string): string {
  let s = norm;
  if (s.includes('@')) s = s.replace(EMAIL, P_EMAIL).replace(HANDLE, P_ID);
  if (MAYBE_HOST.test(s)) s = s.replace(URL_OR_HOST, P_URL);
  if (MESSENGER_CUE.test(s)) {
    s = s.replace(MESSENGER_ID, (m, id: string) => (NOT_AN_ID.has(id) ? m : m.slice(0, m.length - id.length) + P_ID));
  }
  return s;
}

/** A latin/digit token: digit runs (phones, amounts, dates) and tokens with digits or underscores (IDs) are
 *  placeholders, and so is the page's own host name; other words are themselves (null). */
function tokenClass(token: string, labels: string[]): string | null {
  if (ALL_DIGITS.test(token)) return P_DIGITS;
  if (ID_LIKE.test(token)) return P_ID;
  for (const label of labels) if (token.includes(label)) return P_ID;
  return null;
}

/** maskText and tokenClass as one string (word n-grams). */
function maskAll(norm: string, labels: string[]): string {
  return maskText(norm).replace(TOKEN, (t) => tokenClass(t, labels) ?? t);
}

// ---------- hashing ----------

// FNV-1a over UTF-16 code units for a feature's identity; murmur3's finaliser for the bits derived from it
// (FNV alone mixes its high bits poorly for short inputs).
const FNV_PRIME = 0x01000193;
const GOLDEN = 0x9e3779b9;

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function fnv(s: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}

// Namespaces (FNV offset bases): the same string as a character n-gram, a word n-gram or a markup feature is
// a different feature.
const NS_CHAR = 0x811c9dc5;
const NS_WORD = 0x2c1b3c6d;
const NS_SHAPE = 0x5bd1e995;

/** Set of non-zero 32-bit hashes, open addressing in a typed array: no boxed numbers, no garbage. The members
 *  are also kept in a dense list, so reading them costs the members, not the table. */
export class HashSet {
  private table: Int32Array;
  private shift: number;
  private list: Int32Array;
  size = 0;
  /** expected: about how many will be added (the table starts at twice that, rounded up to a power of two). */
  constructor(expected = 128) {
    let bits = 8;
    while (1 << bits < expected * 2 && bits < 20) bits++;
    this.table = new Int32Array(1 << bits);
    this.shift = 32 - bits;
    this.list = new Int32Array(1 << (bits - 1));
  }
  add(h: number): void {
    h |= 0;
    if (h === 0) h = 1;
    if ((this.size + 1) * 2 > this.table.length) this.grow();
    const table = this.table;
    const mask = table.length - 1;
    for (let i = Math.imul(h, GOLDEN) >>> this.shift; ; i = (i + 1) & mask) {
      const x = table[i]!;
      if (x === h) return;
      if (x === 0) {
        table[i] = h;
        this.list[this.size++] = h;
        return;
      }
    }
  }
  private grow(): void {
    const members = this.list.subarray(0, this.size);
    this.table = new Int32Array(this.table.length * 2);
    this.shift--;
    const list = new Int32Array(this.table.length / 2);
    list.set(members);
    this.list = list;
    const mask = this.table.length - 1;
    for (const h of members) {
      let i = Math.imul(h, GOLDEN) >>> this.shift;
      while (this.table[i] !== 0) i = (i + 1) & mask;
      this.table[i] = h;
    }
  }
  has(h: number): boolean {
    h |= 0;
    if (h === 0) h = 1;
    const mask = this.table.length - 1;
    for (let i = Math.imul(h, GOLDEN) >>> this.shift; ; i = (i + 1) & mask) {
      const x = this.table[i]!;
      if (x === h) return true;
      if (x === 0) return false;
    }
  }
  forEach(f: (h: number) => void): void {
    for (let i = 0; i < this.size; i++) f(this.list[i]!);
  }
  /** The members in the order they were added (a view: valid until the next add). */
  get values(): Int32Array {
    return this.list.subarray(0, this.size);
  }
}

// ---------- features ----------

const OTHER_LETTER = /\p{L}/u;

const isLatin = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);

// isKept's answer for other code units, filled as they are met (0 = not yet asked, 1 = kept, 2 = not): the
// \p{L} test costs a string and a regular expression a character.
const otherLetter = new Uint8Array(0x10000);

/** Units kept for n-grams: Hangul, latin, placeholders, other scripts' letters. */
function isKept(c: number): boolean {
  if (c >= 0xac00 && c <= 0xd7a3) return true; // Hangul syllables
  if (c < 0x80) return isLatin(c);
  if (c >= 0xe000 && c <= 0xe0ff) return true; // placeholders
  if (c >= 0x3131 && c <= 0x318e) return true; // compatibility jamo
  let known = otherLetter[c]!;
  if (known === 0) otherLetter[c] = known = OTHER_LETTER.test(String.fromCharCode(c)) ? 1 : 2;
  return known === 1;
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const CODE_DIGITS = P_DIGITS.charCodeAt(0);
const CODE_ID = P_ID.charCodeAt(0);

let units = new Int32Array(1024);

const isTokenChar = (c: number) => isLatin(c) || c === 0x5f; // a-z 0-9 _
const isTokenInner = (c: number) => isTokenChar(c) || c === 0x2e || c === 0x2d; // . -

/** Whether masked[start, end) holds one of the host's labels (tokenClass's last test). */
function hasLabel(masked: string, start: number, end: number, labels: string[]): boolean {
  let token: string | null = null;
  for (const label of labels) {
    if (label.length > end - start) continue;
    token ??= masked.slice(start, end);
    if (token.includes(label)) return true;
  }
  return false;
}

/** n-grams of the units of one text run (after maskText); a run shorter than n (but of 2 or more units, or
 *  one latin word) is one feature. */
function unitGrams(masked: string, n: number, latinWords: boolean, labels: string[], out: HashSet): void {
  if (units.length < masked.length) units = new Int32Array(masked.length * 2);
  let count = 0;
  let words = 0;
  const len = masked.length;
  for (let i = 0; i < len; i++) {
    const c = masked.charCodeAt(i);
    if (isTokenChar(c)) {
      // A latin/digit token as TOKEN reads it: inner dots and hyphens, none at its end.
      let end = i + 1;
      while (end < len && isTokenInner(masked.charCodeAt(end))) end++;
      while (!isTokenChar(masked.charCodeAt(end - 1))) end--;
      // tokenClass over the code units, with the word's hash on the way (no substring unless a host label
      // could be in it).
      let letters = 0;
      let idLike = false;
      let h = 0x811c9dc5;
      for (let k = i; k < end; k++) {
        const t = masked.charCodeAt(k);
        if (t >= 0x61 && t <= 0x7a) letters++;
        else if (isDigit(t) || t === 0x5f) idLike = true;
        h = Math.imul(h ^ t, FNV_PRIME);
      }
      const cls = letters === 0 ? CODE_DIGITS : idLike || hasLabel(masked, i, end, labels) ? CODE_ID : 0;
      if (cls !== 0) units[count++] = cls;
      else if (latinWords) {
        // One unit for the word: FNV of its letters, kept apart from character codes by the high bit.
        units[count++] = h | 0x80000000;
        words++;
      } else {
        for (let k = i; k < end; k++) if (isTokenChar(masked.charCodeAt(k))) units[count++] = masked.charCodeAt(k);
      }
      i = end - 1;
    } else if (isKept(c)) units[count++] = c;
  }
  if (count < n && (count >= 2 || words > 0)) {
    let h = NS_CHAR;
    for (let k = 0; k < count; k++) h = Math.imul(h ^ units[k]!, FNV_PRIME);
    out.add(h);
  }
  for (let i = 0; i + n <= count; i++) {
    let h = NS_CHAR;
    for (let k = i; k < i + n; k++) h = Math.imul(h ^ units[k]!, FNV_PRIME);
    out.add(h);
  }
}

const NOT_WORD = /[^\p{L}\p{N}\ue000-\ue0ff]+/u;

function wordGrams(masked: string, n: number, out: HashSet): void {
  const words = masked.split(NOT_WORD).filter((w) => w.length > 0);
  if (words.length > 0 && words.length < n) out.add(fnv(words.join(' '), NS_WORD));
  for (let i = 0; i + n <= words.length; i++) out.add(fnv(words.slice(i, i + n).join(' '), NS_WORD));
}

const ABSOLUTE = /^(?:[a-z][a-z0-9+.-]*:)?\/\/([^/?#]*)/i;

/** Path (and fragment) of a same-site link as written, query dropped, digit runs masked; null for other hosts
 *  and other schemes (tel:, mailto:...). String work only: the URL parser costs a microsecond a link.
 *  (samePathHash does the same over code units for the links and images of a page.) */
function samePagePath(href: string, host: string): string | null {
  let path = href.trim();
  const abs = ABSOLUTE.exec(path);
  if (abs) {
    if (abs[1]!.toLowerCase() !== host) return null;
    path = path.slice(abs[0].length);
  } else if (/^[a-z][a-z0-9+.-]*:/i.test(path)) return null;
  const q = path.indexOf('?');
  if (q >= 0) {
    const hash = path.indexOf('#', q);
    path = path.slice(0, q) + (hash >= 0 ? path.slice(hash) : '');
  }
  return path.toLowerCase().replace(/\d+/g, P_DIGITS);
}

const isSpace = (c: number) => c === 0x20 || (c >= 0x09 && c <= 0x0d);
const isAsciiLetter = (c: number) => ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a);
const isSchemeChar = (c: number) => isAsciiLetter(c) || isDigit(c) || c === 0x2b || c === 0x2e || c === 0x2d; // + . -
const FNV_DIGITS = (h: number) => Math.imul(h ^ CODE_DIGITS, FNV_PRIME);

const NON_ASCII = /[^\0-\x7f]/;
const isPathStart = (c: number) => c === 0x2f || c === 0x3f || c === 0x23; // / ? #

function slashes(s: string, at: number, end: number): boolean {
  return at + 1 < end && s.charCodeAt(at) === 0x2f && s.charCodeAt(at + 1) === 0x2f;
}

/** fnv(samePagePath(href, host), seed) without the strings, or null where samePagePath gives null. An href
 *  with a character past ASCII (where trim and toLowerCase do more) goes through samePagePath itself. */
function samePathHash(href: string, host: string, seed: number): number | null {
  let start = 0;
  let end = href.length;
  if (NON_ASCII.test(href)) {
    const path = samePagePath(href, host);
    return path === null ? null : fnv(path, seed);
  }
  while (start < end && isSpace(href.charCodeAt(start))) start++;
  while (end > start && isSpace(href.charCodeAt(end - 1))) end--;
  // A scheme, as ABSOLUTE and the scheme test read it: a letter, then letters, digits, + . -, then ':'.
  let scheme = -1;
  if (start < end && isAsciiLetter(href.charCodeAt(start))) {
    let k = start + 1;
    while (k < end && isSchemeChar(href.charCodeAt(k))) k++;
    if (k < end && href.charCodeAt(k) === 0x3a) scheme = k + 1;
  }
  const authority = scheme >= 0 && slashes(href, scheme, end) ? scheme + 2 : slashes(href, start, end) ? start + 2 : -1;
  let path = start;
  if (authority >= 0) {
    let k = authority;
    while (k < end && !isPathStart(href.charCodeAt(k))) k++;
    if (k - authority !== host.length) return null;
    // host is lower-case: as written, or with upper-case letters in the href.
    if (!href.startsWith(host, authority)) for (let j = 0; j < host.length; j++) {
      const c = href.charCodeAt(authority + j);
      if ((c >= 0x41 && c <= 0x5a ? c | 0x20 : c) !== host.charCodeAt(j)) return null;
    }
    path = k;
  } else if (scheme >= 0) return null;
  // The query dropped: from the first '?' to the first '#' after it.
  let skip = end;
  let resume = end;
  const q = href.indexOf('?', path);
  if (q >= 0 && q < end) {
    skip = q;
    const hash = href.indexOf('#', q);
    if (hash >= 0 && hash < end) resume = hash;
  }
  let h = seed;
  let inDigits = false;
  for (let k = path; k < end; k++) {
    if (k === skip) {
      k = resume - 1;
      continue;
    }
    const c = href.charCodeAt(k);
    if (isDigit(c)) {
      if (!inDigits) h = FNV_DIGITS(h);
      inDigits = true;
      continue;
    }
    inDigits = false;
    h = Math.imul(h ^ (c >= 0x41 && c <= 0x5a ? c | 0x20 : c), FNV_PRIME);
  }
  return h;
}

const SEED_KIND = fnv('k:', NS_SHAPE);
const SEED_LINK = fnv('l:', NS_SHAPE);
const SEED_IMAGE = fnv('i:', NS_SHAPE);
const FORM_SUFFIX = '@form';

function shapeFeatures(page: PageFacts, segments: number, out: HashSet): void {
  const add = (s: string) => out.add(fnv(s, NS_SHAPE));
  // Segment kinds in page order, as 4-grams: a sentence moved among its siblings changes none of them. Hashed
  // as `k:${kind} ${kind} ${kind} ${kind}` (with '@form' after the kind of a form's segment), piece by piece.
  for (let i = 0; i + 4 <= segments; i++) {
    let h = SEED_KIND;
    for (let k = i; k < i + 4; k++) {
      const segment = page.segments[k]!;
      if (k > i) h = Math.imul(h ^ 0x20, FNV_PRIME);
      h = fnv(segment.kind, h);
      if (segment.form !== undefined) h = fnv(FORM_SUFFIX, h);
    }
    out.add(h);
  }
  const host = ABSOLUTE.exec(page.url)?.[1]?.toLowerCase() ?? '';
  for (const form of page.forms.slice(0, 20)) {
    add(`m:${form.method.toLowerCase()} ${samePagePath(form.action, host) ?? P_URL}`);
    for (const f of form.fields) add(`f:${f.tag}:${f.type}:${f.name.toLowerCase().replace(/\d+/g, P_DIGITS)}`);
    add(`n:${form.fields.map((f) => f.tag + f.type).join(',')}`);
  }
  for (let i = 0; i < page.links.length && i < MAX_LINKS; i++) {
    const h = samePathHash(page.links[i]!.href, host, SEED_LINK);
    if (h !== null) out.add(h);
  }
  for (let i = 0; i < page.images.length && i < MAX_LINKS; i++) {
    const h = samePathHash(page.images[i]!.src, host, SEED_IMAGE);
    if (h !== null) out.add(h);
  }
}

// Work bounds: a template shows in its first pages of text; a hostile page of megabytes costs no more than this.
const MAX_TEXT = 16_000;
const MAX_LINKS = 300;

/** The distinct features of a page (32-bit hashes): text features, and markup features (none when
 *  config.structure is off). Exported for the bench's diagnostics. */
export function templateFeatures(page: PageFacts, config: FingerprintConfig): { text: HashSet; shape: HashSet } {
  const labels = hostLabels(page.url);
  const names = siteNames(page);
  // Sized for about one feature per two characters read (realistic pages have one per three: text repeats);
  // a page with more grows the table once.
  let chars = 0;
  for (let i = 0; i < page.segments.length && chars < MAX_TEXT; i++) chars += page.segments[i]!.norm.length;
  const text = new HashSet(Math.min(chars, MAX_TEXT) / 2);
  let budget = MAX_TEXT;
  let read = 0;
  for (const segment of page.segments) {
    if (budget <= 0) break;
    read++;
    const norm = maskNames(segment.norm.length > budget ? segment.norm.slice(0, budget) : segment.norm, names);
    budget -= segment.norm.length;
    if (config.charGram > 0) unitGrams(maskText(norm), config.charGram, config.latinWords, labels, text);
    if (config.wordGram > 0) wordGrams(maskAll(norm, labels), config.wordGram, text);
  }
  const shape = new HashSet();
  if (config.structure) shapeFeatures(page, read, shape);
  return { text, shape };
}

// ---------- sketches ----------

function simhash(text: HashSet, shape: HashSet, shapeWeight: number): [number, number] {
  const acc = new Float64Array(64);
  const add = (h: number, w: number) => {
    const lo = fmix32(h);
    const hi = fmix32((h ^ GOLDEN) >>> 0);
    for (let b = 0; b < 32; b++) {
      acc[b] = acc[b]! + ((lo >>> b) & 1 ? w : -w);
      acc[b + 32] = acc[b + 32]! + ((hi >>> b) & 1 ? w : -w);
    }
  };
  text.forEach((h) => add(h, 1));
  shape.forEach((h) => add(h, shapeWeight));
  let hi = 0;
  let lo = 0;
  for (let b = 0; b < 32; b++) {
    if (acc[b]! > 0) lo |= 1 << b;
    if (acc[b + 32]! > 0) hi |= 1 << b;
  }
  return [hi >>> 0, lo >>> 0];
}

// One-bit MinHash in 64 bins: one-permutation hashing with every feature placed in PLACEMENTS bins (so that a
// small page fills them), the bins left empty filled by optimal densification (each borrows the bin a hash of
// (bin, attempt) points at: the same for every page). Bit i is a bit of the hash of bin i's minimum: two pages
// agree on it when their minima are the same feature (probability J, the Jaccard similarity of their feature
// sets) and by chance otherwise, so a bit differs with probability (1 − J) / 2: 3 % at J = 0.94, where SimHash's
// angle / π is about 8 %.
const PLACEMENTS = 4;

// A bin's minimum before any feature lands in it: above every value (26 bits).
const EMPTY = 1 << 26;

/** Places each feature of a set in `copies` bins, keeping each bin's minimum (the hot loop: tens of thousands
 *  of features a page, so no callback). */
function place(set: HashSet, copies: number, mins: Uint32Array): void {
  const values = set.values;
  for (let s = 0; s < values.length; s++) {
    const h = values[s]!;
    for (let c = 1; c <= copies; c++) {
      let x = (h + Math.imul(c, GOLDEN)) >>> 0;
      x ^= x >>> 16;
      x = Math.imul(x, 0x85ebca6b);
      x ^= x >>> 13;
      x = Math.imul(x, 0xc2b2ae35);
      x ^= x >>> 16;
      const bin = x & 63;
      const v = x >>> 6;
      if (v < mins[bin]!) mins[bin] = v;
    }
  }
}

function minhash(text: HashSet, shape: HashSet, shapeWeight: number): [number, number] {
  const mins = new Uint32Array(64).fill(EMPTY);
  place(text, PLACEMENTS, mins);
  place(shape, Math.max(1, Math.round(PLACEMENTS * shapeWeight)), mins);
  let hi = 0;
  let lo = 0;
  for (let i = 0; i < 64; i++) {
    let j = i;
    for (let attempt = 1; mins[j] === EMPTY; attempt++) j = fmix32((Math.imul(i + 1, GOLDEN) ^ Math.imul(attempt, 0x85ebca6b)) >>> 0) & 63;
    const bit = fmix32((mins[j]! ^ Math.imul(i + 1, 0xcc9e2d51)) >>> 0) & 1;
    if (i < 32) lo |= bit << i;
    else hi |= bit << (i - 32);
  }
  return [hi >>> 0, lo >>> 0];
}

/** Fingerprint of the page's template under a configuration, or null when it has too few text features. */
export function fingerprintWith(page: PageFacts, config: FingerprintConfig): string | null {
  const { text, shape } = templateFeatures(page, config);
  if (text.size < config.minFeatures) return null;
  const [hi, lo] = config.sketch === 'simhash' ? simhash(text, shape, config.structureWeight) : minhash(text, shape, config.structureWeight);
  return hex32(hi) + hex32(lo);
}

/** 64-bit template fingerprint as 16 lower-case hex digits, or null when the page has too little text to
 *  fingerprint (a "카톡 / 전화" page with two buttons would collide with every other one). Pages of one
 *  template are within TEMPLATE_MATCH_BITS of each other. */
export function templateFingerprint(page: PageFacts): string | null {
  return fingerprintWith(page, DEFAULT_FINGERPRINT_CONFIG);
}

// ---------- bands and distance ----------

const HEX64 = /^[0-9a-f]{16}$/;

function hex32(n: number): string {
  return n.toString(16).padStart(8, '0');
}

function halves(hex: string): [number, number] {
  if (!HEX64.test(hex)) throw new RangeError(`not a 64-bit fingerprint (16 lower-case hex digits): ${JSON.stringify(hex)}`);
  return [parseInt(hex.slice(0, 8), 16), parseInt(hex.slice(8), 16)];
}

/** The four 16-bit bands of a fingerprint, band0 = the highest 16 bits (columns band0..band3). */
export function fingerprintBands(hex: string): [number, number, number, number] {
  const [hi, lo] = halves(hex);
  return [hi >>> 16, hi & 0xffff, lo >>> 16, lo & 0xffff];
}

function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Number of differing bits of two fingerprints (0..64). */
export function hammingDistance(a: string, b: string): number {
  const [ah, al] = halves(a);
  const [bh, bl] = halves(b);
  return popcount32((ah ^ bh) >>> 0) + popcount32((al ^ bl) >>> 0);
}
