// The normalisation as it was before its fast rewrite (src/analysis/normalize.ts), kept unchanged as the
// oracle of the differential test: every output and every map entry must stay the same.
// One normalisation step before any rule, undoing the filter-evasion tricks of DOMAIN.md: NFKC (full-width
// digits and letters, circled forms), zero-width characters, separators between Hangul syllables
// (현.금.화, 현 금 화, 대♠출) and lookalikes (ㅋr톡, 카똑, 탤ㄹH, 10o만원). It keeps a map from every normalised
// character back to the original, so evidence can quote what the page really says.

export interface Normalized {
  norm: string;
  /** map[i] = index in the original string of norm[i]; map[norm.length] = original length. */
  map: number[];
}

const ZERO_WIDTH = /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]/;
const WHITESPACE = /\s/;
// Hangul compatibility jamo (ㄱ..ㅣ) stay as they are: NFKC would turn them into conjoining jamo and
// break every pattern written with them.
const isCompatJamo = (c: number) => c >= 0x3131 && c <= 0x318e;
const isSyllable = (ch: string | undefined) => ch !== undefined && ch >= '\uac00' && ch <= '\ud7a3';
// Symbols seen between syllables to split keywords: 현.금.화, 대♠출, 정·보, 카*톡, 현♡금. Punctuation that
// carries meaning in footers (상호: …, 주소 | …, 제2023-서울강남-0123호) is not among them.
const SEPARATOR = /[.\u00b7\u2022\u2219\u318d\u30fb*~^\u2190-\u21ff\u2500-\u27bf\u2b00-\u2bff\u3200-\u32ff\u{1f000}-\u{1faff}]/u;

function foldCharacters(text: string): Normalized {
  let norm = '';
  const map: number[] = [];
  let lastWasSpace = true;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    const width = ch.length;
    if (ZERO_WIDTH.test(ch)) {
      i += width;
      continue;
    }
    if (WHITESPACE.test(ch)) {
      if (!lastWasSpace) {
        norm += ' ';
        map.push(i);
        lastWasSpace = true;
      }
      i += width;
      continue;
    }
    const folded = isCompatJamo(cp) ? ch : ch.normalize('NFKC').toLowerCase();
    for (const unit of folded) {
      // NFKC can produce spaces (e.g. from U+3000): fold them like any space.
      if (WHITESPACE.test(unit)) {
        if (!lastWasSpace) {
          norm += ' ';
          map.push(i);
        }
        lastWasSpace = true;
        continue;
      }
      norm += unit;
      for (let k = 0; k < unit.length; k++) map.push(i);
      lastWasSpace = false;
    }
    i += width;
  }
  if (norm.endsWith(' ')) {
    norm = norm.slice(0, -1);
    map.pop();
  }
  map.push(text.length);
  return { norm, map };
}

/** Keep only the characters whose index passes `keep`. */
function filterChars(n: Normalized, keep: (i: number) => boolean): Normalized {
  let norm = '';
  const map: number[] = [];
  for (let i = 0; i < n.norm.length; i++) {
    if (!keep(i)) continue;
    norm += n.norm[i];
    map.push(n.map[i]!);
  }
  map.push(n.map[n.norm.length]!);
  return { norm, map };
}

/** Drops symbol runs between two syllables: 현.금.화 → 현금화, 대♠출 → 대출, 카 . 톡 → 카톡. */
function dropSymbolSeparators(n: Normalized): Normalized {
  const s = n.norm;
  const drop = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    if (!isSyllable(s[i])) continue;
    let j = i + 1;
    let symbols = 0;
    // Only short runs matter (≤ 3), so never scan further than one past that.
    while (j < s.length && j - i <= 4 && (s[j] === ' ' || SEPARATOR.test(s[j]!))) {
      if (s[j] !== ' ') symbols++;
      j++;
    }
    // A short run (≤ 3) of separators between syllables holding a symbol; a full stop followed by a space
    // ends a sentence and stays.
    const run = s.slice(i + 1, j);
    if (symbols > 0 && run.length <= 3 && isSyllable(s[j]) && !/\. /.test(run)) drop.fill(1, i + 1, j);
  }
  return filterChars(n, (i) => !drop[i]);
}

/** Collapses spaced-out words: three or more single syllables in a row (현 금 화, 정 보 이 용 료). */
function joinSpacedSyllables(n: Normalized): Normalized {
  const s = n.norm;
  const drop = new Uint8Array(s.length);
  const single = /(?:^|(?<= ))[\uac00-\ud7a3](?: [\uac00-\ud7a3](?= |$)){2,}/g;
  for (const m of s.matchAll(single)) {
    for (let k = m.index; k < m.index + m[0].length; k++) if (s[k] === ' ') drop[k] = 1;
  }
  return filterChars(n, (i) => !drop[i]);
}

/** Replaces every match with `to`, mapping the new characters to where the match started. */
function replaceMapped(n: Normalized, pattern: RegExp, to: string | ((m: string) => string)): Normalized {
  let norm = '';
  const map: number[] = [];
  let last = 0;
  for (const m of n.norm.matchAll(pattern)) {
    norm += n.norm.slice(last, m.index);
    for (let k = last; k < m.index; k++) map.push(n.map[k]!);
    const replacement = typeof to === 'string' ? to : to(m[0]);
    norm += replacement;
    for (let k = 0; k < replacement.length; k++) map.push(n.map[m.index + Math.min(k, m[0].length - 1)]!);
    last = m.index + m[0].length;
  }
  if (last === 0) return n;
  norm += n.norm.slice(last);
  for (let k = last; k <= n.norm.length; k++) map.push(n.map[k]!);
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
  // Letter o for zero inside amounts: 10o만원, 9o%. The token is matched whole (anchored at both ends of
  // its run), so a long run of digits and o's costs one pass, not one per position.
  [/(?<![\do])\d[\do]*(?![\do])(?= ?(?:만|천|억|원|%|프로))/g, (m) => m.replace(/o/g, '0')],
];

export function normalizeMapped(text: string): Normalized {
  let n = foldCharacters(text);
  n = dropSymbolSeparators(n);
  n = joinSpacedSyllables(n);
  for (const [pattern, to] of LOOKALIKES) n = replaceMapped(n, pattern, to);
  return n;
}

export function normalize(text: string): string {
  return normalizeMapped(text).norm;
}
