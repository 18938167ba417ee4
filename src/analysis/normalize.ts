// One normalisation step before any rule, undoing the filter-evasion tricks of DOMAIN.md: NFKC (full-width
// digits and letters, circled forms), zero-width characters, separators between Hangul syllables
// (현.금.화, 현 금 화, 대♠출) and lookalikes (ㅋr톡, 카똑, 탤ㄹH, 10o만원). normalizeMapped also keeps a map
// from every normalised character back to the original, so evidence can quote what the page really says.
// Page facts normalise every text run of a page, so each pass copies only what it changes and is skipped
// when a cheap test shows it cannot apply (test/analysis/normalize.test.ts checks it against the plain
// implementation it replaced).

export interface Normalized {
  norm: string;
  /** map[i] = index in the original string of norm[i]; map[norm.length] = original length. */
  map: Int32Array;
}

/** A pass's input and output: the map is only built for normalizeMapped. */
interface Pass {
  norm: string;
  map: OffsetMap | null;
}

/** The offset map as it is written, in a typed array. Pushed one number at a time into an array, the map of a
 *  200,000-character text run cost 25 ms (the whole plain normalisation of it, 2 ms): V8 grows a large array by
 *  copying it into ever larger objects of the large-object space. */
class OffsetMap {
  private values: Int32Array;
  length = 0;
  constructor(capacity: number) {
    this.values = new Int32Array(Math.max(16, capacity));
  }
  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Int32Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }
  pop(): void {
    this.length--;
  }
  at(i: number): number {
    return this.values[i]!;
  }
  /** The map written so far (a view of it). */
  written(): Int32Array {
    return this.values.subarray(0, this.length);
  }
}

const ZERO_WIDTH = /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]/;
const WHITESPACE = /\s/;
// Hangul compatibility jamo (ㄱ..ㅣ) stay as they are: NFKC would turn them into conjoining jamo and
// break every pattern written with them.
const isCompatJamo = (c: number) => c >= 0x3131 && c <= 0x318e;
const isSyllable = (c: number) => c >= 0xac00 && c <= 0xd7a3;

// How each code point folds, worked out once per process: NFKC and lower case, one code point at a time.
const KEEP = 1; // unchanged
const DROP = 2; // zero-width
const SPACE = 3; // whitespace
const FOLD = 4; // replaced by folded[cp], its whitespace written as ' '
const ACTION = 7;
// Above the action, what the character written holds that a later pass looks for: the fold notes them
// all, and a pass runs only when its characters were written.
const HAS_SEPARATOR = 8; // a separator other than the full stop
const HAS_LOOKALIKE = 16; // a jamo or a syllable every match of one lookalike pattern holds
const HAS_DIGIT = 32;
const HAS_O = 64;
// Noted by the fold from what it wrote, not per character: a full stop right before a syllable, and three
// single-syllable words in a row (" 가 나 다 ").
const HAS_FULL_STOP_SYLLABLE = 128;
const HAS_SPACED = 256;
// Whitespace that collapsing (s.replace(/\s+/g, ' ').trim()) would change: any but a single space between
// other characters (and U+FEFF, whitespace the fold drops). Noted at times when there is none: never missed.
const RAW_SPACE = 512;
const bmpKind = new Uint16Array(0x10000);
const bmpFolded: string[] = [];
const astralFolded = new Map<number, string>();

// Not 카 (카드, 카페: common words), but the syllable after it in every 카톡 lookalike.
const LOOKALIKE_SYLLABLES = '똑톸똨툑톡탤텔켜현';

function hintsOf(text: string): number {
  let hints = 0;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x2e) continue; // matters only before a syllable: the fold notes that
    if (isSeparator(c)) hints |= HAS_SEPARATOR;
    else if ((c >= 0x3131 && c <= 0x314e) || LOOKALIKE_SYLLABLES.includes(text[k]!)) hints |= HAS_LOOKALIKE;
    else if (c >= 0x30 && c <= 0x39) hints |= HAS_DIGIT;
    else if (c === 0x6f) hints |= HAS_O;
  }
  return hints;
}

function foldOf(cp: number): string {
  const ch = String.fromCodePoint(cp);
  return isCompatJamo(cp) ? ch : ch.normalize('NFKC').toLowerCase().replace(/\s/gu, ' ');
}

function bmpKindOf(c: number): number {
  let kind = bmpKind[c]!;
  if (kind !== 0) return kind;
  const ch = String.fromCharCode(c);
  if (ZERO_WIDTH.test(ch)) kind = DROP;
  else if (WHITESPACE.test(ch)) kind = SPACE;
  else {
    const folded = foldOf(c);
    kind = (folded === ch ? KEEP : FOLD) | hintsOf(folded);
    bmpFolded[c] = folded;
  }
  bmpKind[c] = kind;
  return kind;
}

function foldCharacters(text: string, mapped: boolean): Pass & { hints: number } {
  // One entry a character written, and the end: as many as the text's characters and one in most texts.
  const map = mapped ? new OffsetMap(text.length + 1) : null;
  let hints = 0;
  let norm = '';
  let runStart = 0; // text[runStart, i) is copied unchanged
  // The last two characters written (a space before the first: leading spaces are dropped), and how many
  // single-syllable words were written in a row: what the later passes look for, noted as the text is written.
  let last = 32;
  let beforeLast = 32;
  let singles = 0;
  const n = text.length;
  for (let i = 0; i < n; ) {
    const c = text.charCodeAt(i);
    let width = 1;
    let folded: string;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      width = 2;
      const cp = text.codePointAt(i)!;
      let f = astralFolded.get(cp);
      if (f === undefined) astralFolded.set(cp, (f = foldOf(cp)));
      hints |= hintsOf(f);
      if (f.length === 2 && f.charCodeAt(0) === c && f.charCodeAt(1) === text.charCodeAt(i + 1)) {
        if (map) {
          map.push(i);
          map.push(i);
        }
        beforeLast = c;
        last = text.charCodeAt(i + 1);
        i += 2;
        continue;
      }
      folded = f;
    } else {
      const kind = bmpKindOf(c);
      hints |= kind;
      const action = kind & ACTION;
      if (action === KEEP || (c === 32 && last !== 32)) {
        map?.push(i);
        if (c === 32) {
          singles = isSyllable(last) && beforeLast === 32 ? singles + 1 : 0;
          if (singles >= 3) hints |= HAS_SPACED;
        } else if (last === 0x2e && isSyllable(c)) hints |= HAS_FULL_STOP_SYLLABLE;
        beforeLast = last;
        last = c;
        i++;
        continue;
      }
      if (runStart < i) norm += text.slice(runStart, i);
      runStart = i + 1;
      // A single space between written characters took the branch above.
      if (action === SPACE || c === 0xfeff) hints |= RAW_SPACE;
      if (action === DROP || (action === SPACE && last === 32)) {
        i++;
        continue;
      }
      folded = action === SPACE ? ' ' : bmpFolded[c]!;
    }
    if (runStart < i) norm += text.slice(runStart, i);
    runStart = i + width;
    // NFKC can produce spaces (e.g. from U+3000 or U+00A8): they fold like any space.
    for (let k = 0; k < folded.length; k++) {
      const x = folded.charCodeAt(k);
      if (x === 32) {
        if (last === 32) continue;
        singles = isSyllable(last) && beforeLast === 32 ? singles + 1 : 0;
        if (singles >= 3) hints |= HAS_SPACED;
      } else if (last === 0x2e && isSyllable(x)) hints |= HAS_FULL_STOP_SYLLABLE;
      norm += folded[k];
      map?.push(i);
      beforeLast = last;
      last = x;
    }
    i += width;
  }
  if (runStart < n) norm += text.slice(runStart);
  if (last === 32) {
    if (norm.endsWith(' ')) {
      norm = norm.slice(0, -1);
      map?.pop();
      hints |= RAW_SPACE;
    }
  } else if (isSyllable(last) && beforeLast === 32 && singles >= 2) hints |= HAS_SPACED;
  map?.push(n);
  return { norm, map, hints };
}

/** Removes the ranges [drops[k], drops[k+1]) (ascending, apart) from the text and its map. */
function dropRanges(p: Pass, drops: number[]): Pass {
  if (drops.length === 0) return p;
  const s = p.norm;
  let norm = '';
  let from = 0;
  for (let k = 0; k < drops.length; k += 2) {
    norm += s.slice(from, drops[k]);
    from = drops[k + 1]!;
  }
  norm += s.slice(from);
  let map: OffsetMap | null = null;
  if (p.map) {
    map = new OffsetMap(p.map.length);
    let next = 0;
    for (let k = 0; k <= drops.length; k += 2) {
      const end = k < drops.length ? drops[k]! : s.length + 1;
      for (let i = next; i < end; i++) map.push(p.map.at(i));
      next = drops[k + 1]!;
    }
  }
  return { norm, map };
}

// Symbols seen between syllables to split keywords: 현.금.화, 대♠출, 정·보, 카*톡, 현♡금. Punctuation that
// carries meaning in footers (상호: …, 주소 | …, 제2023-서울강남-0123호) is not among them. Tested one UTF-16
// unit at a time, as the rule has always been: an emoji (two units) is not a separator.
const SEP = '.\\u00b7\\u2022\\u2219\\u318d\\u30fb*~^\\u2190-\\u21ff\\u2500-\\u27bf\\u2b00-\\u2bff\\u3200-\\u32ff';
// Syllables followed by a short run of spaces and symbols and another syllable, but not by a full stop and
// a space (a sentence end) nor by a single space: the places the check below may drop a run, and few more.
const CANDIDATE = new RegExp(`[\\uac00-\\ud7a3](?![ ${SEP}]?\\. | [\\uac00-\\ud7a3])(?=[ ${SEP}]{1,3}[\\uac00-\\ud7a3])`, 'g');
const isSeparator = (c: number) =>
  c === 0x2e || c === 0x2a || c === 0x7e || c === 0x5e || c === 0xb7 || c === 0x2022 || c === 0x2219 || c === 0x318d ||
  c === 0x30fb || (c >= 0x2190 && c <= 0x21ff) || (c >= 0x2500 && c <= 0x27bf) || (c >= 0x2b00 && c <= 0x2bff) ||
  (c >= 0x3200 && c <= 0x32ff);

/** Drops symbol runs between two syllables: 현.금.화 → 현금화, 대♠출 → 대출, 카 . 톡 → 카톡. */
function dropSymbolSeparators(p: Pass): Pass {
  const s = p.norm;
  const drops: number[] = [];
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(s); m; m = CANDIDATE.exec(s)) {
    const i = m.index;
    let j = i + 1;
    let symbols = 0;
    let fullStop = false; // ". " in the run: a sentence ends there, and the run stays
    // Only short runs matter (≤ 3), so never scan further than one past that.
    while (j < s.length && j - i <= 4) {
      const c = s.charCodeAt(j);
      if (c === 32) {
        if (s.charCodeAt(j - 1) === 0x2e && j - 1 > i) fullStop = true;
      } else if (isSeparator(c)) symbols++;
      else break;
      j++;
    }
    if (symbols > 0 && j - i - 1 <= 3 && j < s.length && isSyllable(s.charCodeAt(j)) && !fullStop) drops.push(i + 1, j);
  }
  return dropRanges(p, drops);
}

/** Collapses spaced-out words: three or more single syllables in a row (현 금 화, 정 보 이 용 료). */
const SPACED = /(?:^|(?<= ))[\uac00-\ud7a3](?: [\uac00-\ud7a3](?= |$)){2,}/g;
function joinSpacedSyllables(p: Pass): Pass {
  const s = p.norm;
  const drops: number[] = [];
  SPACED.lastIndex = 0;
  for (let m = SPACED.exec(s); m; m = SPACED.exec(s)) {
    for (let k = m.index + 1; k < m.index + m[0].length; k += 2) drops.push(k, k + 1);
  }
  return dropRanges(p, drops);
}

/** Replaces every match with `to`, mapping the new characters to where the match started. */
function replaceMapped(p: Pass, pattern: RegExp, to: string | ((m: string) => string)): Pass {
  const s = p.norm;
  let norm = '';
  const map = p.map ? new OffsetMap(p.map.length) : null;
  let last = 0;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(s); m; m = pattern.exec(s)) {
    const replacement = typeof to === 'string' ? to : to(m[0]);
    // The same text maps to the same places: nothing to rewrite.
    if (replacement === m[0]) continue;
    norm += s.slice(last, m.index) + replacement;
    if (map) {
      for (let k = last; k < m.index; k++) map.push(p.map!.at(k));
      for (let k = 0; k < replacement.length; k++) map.push(p.map!.at(m.index + Math.min(k, m[0].length - 1)));
    }
    last = m.index + m[0].length;
  }
  if (last === 0) return p;
  norm += s.slice(last);
  if (map) for (let k = last; k <= s.length; k++) map.push(p.map!.at(k));
  return { norm, map };
}

// Jamo + Latin lookalike → syllable: ㅋr → 카, ㄷh → 대 (Latin r/h read as ㅏ/ㅐ).
const INITIALS = 'ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ';
const composeSyllable = (initial: string, vowelIndex: number) =>
  String.fromCharCode(0xac00 + (INITIALS.indexOf(initial) * 21 + vowelIndex) * 28);

const LOOKALIKES: [RegExp, string | ((m: string) => string)][] = [
  [/[ㄱ-ㅎ][rh](?=[\uac00-\ud7a3ㄱ-ㅎ])/g, (m) => composeSyllable(m[0]!, m[1] === 'r' ? 0 : 1)],
  [/카[똑톸똨툑]|캇톡|카톸|까톡|카툑/g, '카톡'],
  [/[탤텔]ㄹ ?(?:h|ㅐ|ㅔ)|탤레|텔ㄹ레|탤래/g, '텔레'],
  [/켜뮤니티/g, '커뮤니티'],
  // The key term split to dodge filters: 현금 화, 현 금화 (but not 현금 화폐).
  [/현 금 ?화(?!폐)|현금 화(?!폐)/g, '현금화'],
];
// Letter o for zero inside amounts: 10o만원, 9o%. What the pattern
//   /(?<![\do])\d[\do]*(?![\do])(?= ?(?:만|천|억|원|%|프로))/g with every o in the match made 0
// would do, in one scan that writes nothing where nothing changes: as a regex with a function per match, a
// page of digit runs spent most of its normalisation building the replacements. A whole run of digits and
// o's that starts with a digit and is followed by a unit (after one space at most) has its o's made 0.
// Each character is replaced by one, so the map stays as it is.
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const AMOUNT_UNITS = '만천억원%';

function zeroForO(p: Pass): Pass {
  const s = p.norm;
  const n = s.length;
  let norm = '';
  let last = 0;
  for (let i = 0; i < n; ) {
    const c = s.charCodeAt(i);
    if (!isDigit(c) && c !== 0x6f) {
      i++;
      continue;
    }
    // A whole run of digits and o's, s[i, end).
    let end = i + 1;
    let firstO = c === 0x6f ? i : -1;
    for (; end < n; end++) {
      const x = s.charCodeAt(end);
      if (x === 0x6f) {
        if (firstO < 0) firstO = end;
      } else if (!isDigit(x)) break;
    }
    if (isDigit(c) && firstO >= 0) {
      const u = s.charCodeAt(end) === 32 ? end + 1 : end;
      if (u < n && (AMOUNT_UNITS.includes(s[u]!) || s.startsWith('프로', u))) {
        norm += s.slice(last, firstO) + s.slice(firstO, end).replaceAll('o', '0');
        last = end;
      }
    }
    i = end;
  }
  if (last === 0) return p;
  return { norm: norm + s.slice(last), map: p.map };
}

// What each pass needs in the text to change anything, tested only when the fold wrote its characters: a
// run of symbols between syllables holds a separator other than the full stop or a full stop right before
// a syllable (". " ends a sentence); spaced syllables need three single-syllable words in a row; a
// lookalike pattern needs a jamo or one of LOOKALIKE_SYLLABLES; o for zero, a digit followed by o. The later passes
// only join syllables, removing the spaces and symbols between them, so what the fold wrote still bounds
// what they can find (a word they leave as one syllable was one already, next to the same words).
const DIGIT_O = /\do/;

function normalizePasses(text: string, mapped: boolean): Pass {
  return passesAfterFold(foldCharacters(text, mapped));
}

function passesAfterFold(folded: Pass & { hints: number }): Pass {
  const { hints } = folded;
  let p: Pass = folded;
  if (hints & (HAS_SEPARATOR | HAS_FULL_STOP_SYLLABLE)) p = dropSymbolSeparators(p);
  if (hints & HAS_SPACED) p = joinSpacedSyllables(p);
  if (hints & HAS_LOOKALIKE) for (const [pattern, to] of LOOKALIKES) p = replaceMapped(p, pattern, to);
  if (hints & HAS_DIGIT && hints & HAS_O && DIGIT_O.test(p.norm)) p = zeroForO(p);
  return p;
}

export function normalizeMapped(text: string): Normalized {
  const { norm, map } = normalizePasses(text, true);
  return { norm, map: map!.written() };
}

export function normalize(text: string): string {
  return normalizePasses(text, false).norm;
}

/** normalize(text), or null when the text has whitespace that collapsing would change: a caller that keeps
 *  the collapsed text too normalises most texts, already collapsed, in one pass. */
export function normalizeCollapsed(text: string): string | null {
  const folded = foldCharacters(text, false);
  return folded.hints & RAW_SPACE ? null : passesAfterFold(folded).norm;
}
