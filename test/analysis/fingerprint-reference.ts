// Test oracle: src/analysis/fingerprint.ts as it was before it was rewritten for speed (string features, one
// substring and one regular expression per token, a closure per MinHash placement). Fingerprints are stored and
// compared across scans, so the fast version must give these bits exactly: fingerprint-reference.test.ts
// compares the two. Not for use outside tests.
import type { PageFacts } from '../../src/engine/types.js';
import type { FingerprintConfig } from '../../src/analysis/fingerprint.js';

const DEFAULT_FINGERPRINT_CONFIG: Readonly<FingerprintConfig> = {
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

/** Set of non-zero 32-bit hashes, open addressing in a typed array: no boxed numbers, no garbage. */
class HashSet {
  private table: Int32Array;
  private shift: number;
  size = 0;
  /** expected: about how many will be added (the table starts at twice that, rounded up to a power of two). */
  constructor(expected = 128) {
    let bits = 8;
    while (1 << bits < expected * 2 && bits < 20) bits++;
    this.table = new Int32Array(1 << bits);
    this.shift = 32 - bits;
  }
  add(h: number): void {
    h |= 0;
    if (h === 0) h = 1;
    let mask = this.table.length - 1;
    if ((this.size + 1) * 2 > this.table.length) {
      const old = this.table;
      this.table = new Int32Array(old.length * 2);
      this.shift--;
      this.size = 0;
      for (const x of old) if (x !== 0) this.add(x);
      mask = this.table.length - 1;
    }
    for (let i = Math.imul(h, GOLDEN) >>> this.shift; ; i = (i + 1) & mask) {
      const x = this.table[i]!;
      if (x === h) return;
      if (x === 0) {
        this.table[i] = h;
        this.size++;
        return;
      }
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
    for (const x of this.table) if (x !== 0) f(x);
  }
}

// ---------- features ----------

const OTHER_LETTER = /\p{L}/u;

const isLatin = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);

/** Units kept for n-grams: Hangul, latin, placeholders, other scripts' letters. */
function isKept(c: number): boolean {
  if (c >= 0xac00 && c <= 0xd7a3) return true; // Hangul syllables
  if (c < 0x80) return isLatin(c);
  if (c >= 0xe000 && c <= 0xe0ff) return true; // placeholders
  if (c >= 0x3131 && c <= 0x318e) return true; // compatibility jamo
  return OTHER_LETTER.test(String.fromCharCode(c));
}

let units = new Int32Array(1024);

const isTokenChar = (c: number) => isLatin(c) || c === 0x5f; // a-z 0-9 _
const isTokenInner = (c: number) => isTokenChar(c) || c === 0x2e || c === 0x2d; // . -

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
      const token = masked.slice(i, end);
      const cls = tokenClass(token, labels);
      if (cls !== null) units[count++] = cls.charCodeAt(0);
      else if (latinWords) {
        // One unit for the word: FNV of its letters, kept apart from character codes by the high bit.
        let h = 0x811c9dc5;
        for (let k = i; k < end; k++) h = Math.imul(h ^ masked.charCodeAt(k), FNV_PRIME);
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
 *  and other schemes (tel:, mailto:...). String work only: the URL parser costs a microsecond a link. */
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

function shapeFeatures(page: PageFacts, segments: number, out: HashSet): void {
  const add = (s: string) => out.add(fnv(s, NS_SHAPE));
  // Segment kinds in page order, as 4-grams: a sentence moved among its siblings changes none of them.
  const kinds = page.segments.slice(0, segments).map((s) => (s.form === undefined ? s.kind : `${s.kind}@form`));
  for (let i = 0; i + 4 <= kinds.length; i++) add(`k:${kinds[i]} ${kinds[i + 1]} ${kinds[i + 2]} ${kinds[i + 3]}`);
  const host = ABSOLUTE.exec(page.url)?.[1]?.toLowerCase() ?? '';
  for (const form of page.forms.slice(0, 20)) {
    add(`m:${form.method.toLowerCase()} ${samePagePath(form.action, host) ?? P_URL}`);
    for (const f of form.fields) add(`f:${f.tag}:${f.type}:${f.name.toLowerCase().replace(/\d+/g, P_DIGITS)}`);
    add(`n:${form.fields.map((f) => f.tag + f.type).join(',')}`);
  }
  for (const link of page.links.slice(0, MAX_LINKS)) {
    const path = samePagePath(link.href, host);
    if (path !== null) add(`l:${path}`);
  }
  for (const image of page.images.slice(0, MAX_LINKS)) {
    const path = samePagePath(image.src, host);
    if (path !== null) add(`i:${path}`);
  }
}

// Work bounds: a template shows in its first pages of text; a hostile page of megabytes costs no more than this.
const MAX_TEXT = 16_000;
const MAX_LINKS = 300;

/** The distinct features of a page (32-bit hashes): text features, and markup features (none when
 *  config.structure is off). Exported for the bench's diagnostics. */
function templateFeatures(page: PageFacts, config: FingerprintConfig): { text: HashSet; shape: HashSet } {
  const labels = hostLabels(page.url);
  const names = siteNames(page);
  // Sized for about one feature per character read: growing the table rehashes every feature added so far.
  let chars = 0;
  for (let i = 0; i < page.segments.length && chars < MAX_TEXT; i++) chars += page.segments[i]!.norm.length;
  const text = new HashSet(Math.min(chars, MAX_TEXT));
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

function minhash(text: HashSet, shape: HashSet, shapeWeight: number): [number, number] {
  const mins = new Uint32Array(64);
  const filled = new Uint8Array(64);
  const place = (h: number, copies: number) => {
    for (let c = 1; c <= copies; c++) {
      const x = fmix32((h + Math.imul(c, GOLDEN)) >>> 0);
      const bin = x & 63;
      const v = x >>> 6;
      if (!filled[bin] || v < mins[bin]!) {
        mins[bin] = v;
        filled[bin] = 1;
      }
    }
  };
  text.forEach((h) => place(h, PLACEMENTS));
  const shapeCopies = Math.max(1, Math.round(PLACEMENTS * shapeWeight));
  shape.forEach((h) => place(h, shapeCopies));
  let hi = 0;
  let lo = 0;
  for (let i = 0; i < 64; i++) {
    let j = i;
    for (let attempt = 1; !filled[j]; attempt++) j = fmix32((Math.imul(i + 1, GOLDEN) ^ Math.imul(attempt, 0x85ebca6b)) >>> 0) & 63;
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

function hex32(n: number): string {
  return n.toString(16).padStart(8, '0');
}
