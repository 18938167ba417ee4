import { describe, expect, it } from 'vitest';
import { normalize, normalizeCollapsed, normalizeMapped } from '../../src/analysis/normalize.js';
import { quoteOriginal } from '../../src/analysis/text.js';

/** The reference builds its map as an array, normalizeMapped in a typed array: compared as numbers. */
const plain = ({ norm, map }: { norm: string; map: ArrayLike<number> }) => ({ norm, map: Array.from(map) });

describe('normalize', () => {
  it.each([
    ['현.금.화 정.보.이.용.료', '현금화 정보이용료'],
    ['소액결제 현 금 화', '소액결제 현금화'],
    ['대♠출 가능', '대출 가능'],
    ['현\u200b금\u200d화\ufeff', '현금화'],
    ['ㅋr톡 za32', '카톡 za32'],
    ['카똑 / 캇톡', '카톡 / 카톡'],
    ['탤ㄹH @gift', '텔레 @gift'],
    ['ㄷH박', '대박'],
    ['［KaKaotalk:za32］ ９５％', '[kakaotalk:za32] 95%'],
    ['10o만원 9o%', '100만원 90%'],
    ['소액결제 현금 화 / 현 금화', '소액결제 현금화 / 현금화'],
    ['현금 화폐', '현금 화폐'],
    ['  여러   칸\n\t공백  ', '여러 칸 공백'],
  ])('%s → %s', (input, expected) => {
    expect(normalize(input)).toBe(expected);
  });

  it('keeps punctuation that carries meaning in footers', () => {
    expect(normalize('상호: 바로상회 | 대표: 김철수 | 통신판매업 제2023-서울강남-01234호')).toBe(
      '상호: 바로상회 | 대표: 김철수 | 통신판매업 제2023-서울강남-01234호',
    );
  });

  it('does not glue ordinary two-word phrases or sentences', () => {
    expect(normalize('할 수 있다. 지금 바로')).toBe('할 수 있다. 지금 바로');
  });

  it('stays linear on runs built to make regexes backtrack (300,000 digits, 100,000 "a@")', () => {
    expect(normalize('1'.repeat(300_000))).toHaveLength(300_000);
    expect(normalize(`${'1'.repeat(100_000)}o만원`)).toBe(`${'1'.repeat(100_000)}0만원`);
    expect(normalize('a@'.repeat(100_000))).toHaveLength(200_000);
    expect(normalize(`가${'.'.repeat(100_000)}나`)).toHaveLength(100_002);
    expect(normalize(`${'1o'.repeat(100_000)}만원`)).toBe(`${'10'.repeat(100_000)}만원`);
    expect(normalize('1o'.repeat(100_000))).toBe('1o'.repeat(100_000));
  });

  it('maps every normalised character back to the original text', () => {
    const original = '오늘도 현.금.화 95% 입금';
    const n = normalizeMapped(original);
    const at = n.norm.indexOf('현금화');
    expect(original.slice(n.map[at], n.map[at + 3])).toBe('현.금.화');
    expect(n.map).toHaveLength(n.norm.length + 1);
  });
});

describe('quoteOriginal', () => {
  it('quotes the page as written, not the normalised form', () => {
    const text = '최고 지급률 ９５％ 보장! ㅋr톡 문의';
    const norm = normalize(text);
    const i = norm.indexOf('95%');
    expect(quoteOriginal(text, i, i + 3)).toContain('９５％');
  });

  it('cuts long text to a window around the match with ellipses', () => {
    const text = `${'앞부분 문장입니다. '.repeat(20)}수수료 0% 이벤트 ${'뒷부분 문장입니다. '.repeat(20)}`;
    const norm = normalize(text);
    const i = norm.indexOf('수수료 0%');
    const q = quoteOriginal(text, i, i + 6);
    expect(q).toContain('수수료 0%');
    expect(q.startsWith('…')).toBe(true);
    expect(q.endsWith('…')).toBe(true);
    expect(q.length).toBeLessThan(120);
  });
});

describe('normalize against the plain implementation (normalize-reference.ts)', () => {
  // Pieces that exercise every pass: Hangul, compatibility and conjoining jamo, full-width forms, zero-width
  // characters, separators, lookalikes, digits with o, spaces of every kind, emoji and lone surrogates.
  const PIECES = [
    '현', '금', '화', '카', '톡', '텔', '레', '켜', '뮤', '니', '티', '가', '폐', '대', '출', 'ㅋ', 'ㄷ', 'ㄹ', 'ㅐ', 'ㅔ', 'ㅎ', 'ㅣ', 'ᄀ', 'ᅡ',
    'r', 'h', 'o', 'O', 'A', 'z', '1', '9', '0', '%', '만', '원', '프로', '억', '９', '％', 'Ｋ', '①', '㈜', '㎏', 'ﬁ', 'İ', 'ẞ',
    '\u200b', '\u200d', '\ufeff', '\u00ad', '\u3164', '\uffa0', '\u2060', '\ufe0f',
    '.', '·', '•', '*', '~', '^', '♠', '♡', '→', '★', '㉿', '・', 'ㆍ', '. ', ':', '|', '-', '/',
    ' ', '  ', '\n', '\t', '\u00a0', '\u3000', '\u2003', '\u00a8', '\u2028',
    '😀', '🀄', '\ud83d', '\ude00', 'é', 'e\u0301', '𝐀', 'Ω', 'Ⅻ',
  ];
  it('gives the same text and map on random strings', async () => {
    const { normalizeMapped: reference } = await import('./normalize-reference.js');
    const { seededRandom } = await import('../support/prng.js');
    const r = seededRandom(11);
    for (let n = 0; n < 20_000; n++) {
      const text = Array.from({ length: Math.floor(r() * 24) }, () => PIECES[Math.floor(r() * PIECES.length)]).join('');
      const expected = reference(text);
      expect(plain(normalizeMapped(text)), JSON.stringify(text)).toEqual(expected);
      expect(normalize(text), JSON.stringify(text)).toBe(expected.norm);
    }
  });

  it('gives the same text and map on long random strings, with many characters folded, dropped or collapsed', async () => {
    const { normalizeMapped: reference } = await import('./normalize-reference.js');
    const { seededRandom } = await import('../support/prng.js');
    const r = seededRandom(17);
    let overflowed = 0;
    for (let n = 0; n < 2_000; n++) {
      const text = Array.from({ length: 100 + Math.floor(r() * 300) }, () => PIECES[Math.floor(r() * PIECES.length)]).join('');
      // More than 64 folded, dropped or collapsed characters: long chains of pieces.
      if ((text.match(/[A-Z\u200b\u200d\ufeff\u00ad９％Ｋ①㈜㎏ﬁİẞ \n\t\u00a0\u3000\u2003]/g)?.length ?? 0) > 64) overflowed++;
      const expected = reference(text);
      expect(plain(normalizeMapped(text)), JSON.stringify(text)).toEqual(expected);
      expect(normalize(`${text} `), JSON.stringify(text)).toBe(reference(`${text} `).norm);
    }
    expect(overflowed).toBeGreaterThan(1_000);
  });

  it('gives the same text and map on runs of digits, o and units (the o-for-zero scan)', async () => {
    const { normalizeMapped: reference } = await import('./normalize-reference.js');
    const { seededRandom } = await import('../support/prng.js');
    const r = seededRandom(23);
    const pieces = ['1', '0', '9', 'o', 'o', 'O', ' ', '  ', '%', '만', '천', '억', '원', '프로', '프', '로', 'a', '.', '가', '９', 'ｏ'];
    for (let n = 0; n < 10_000; n++) {
      const text = Array.from({ length: Math.floor(r() * 30) }, () => pieces[Math.floor(r() * pieces.length)]).join('');
      const expected = reference(text);
      expect(plain(normalizeMapped(text)), JSON.stringify(text)).toEqual(expected);
      expect(normalize(text), JSON.stringify(text)).toBe(expected.norm);
    }
  });

  it('gives the same text and map where the fold notes single-syllable words, a full stop before a syllable, lookalikes', async () => {
    const { normalizeMapped: reference } = await import('./normalize-reference.js');
    for (const text of [
      '가 나 다', ' 가 나 다 ', '가 나 다a', 'a가 나 다', '가 나 다.', '가  나\n다', '가 나\u200b 다', '가 나 ♠다 라', '가 나 *다 라 마',
      '가 나 다 라 마 바', '가나 다 라', '가 나', '가.나 다 라', '가 ．나', '가\u3000나\u3000다', '현 금 화', '가 나 \ud83d\ude00 다', '1.가',
      '까톡', '캇톡', '카똑', '카톸', '카툑', '카똨', 'ㅋr톡', '탤래', '켜뮤니티', '카드 카페 현재 까지',
    ]) {
      expect(plain(normalizeMapped(text)), JSON.stringify(text)).toEqual(reference(text));
    }
  });

  it('gives the same map where the text grows past the map first made for it, and on a long text run', async () => {
    const { normalizeMapped: reference } = await import('./normalize-reference.js');
    // Each of these folds to more characters than it has (Ⅻ → xii, ㎏ → kg, ﷺ → 18): the map outgrows its first size.
    for (const text of ['Ⅻ'.repeat(40), `가 ${'㎏'.repeat(3000)} 나`, 'ﷺ'.repeat(100), '소액결제 현금화 당일 입금 '.repeat(20_000)]) {
      expect(plain(normalizeMapped(text)), text.slice(0, 20)).toEqual(reference(text));
    }
  });

  it('normalizeCollapsed: normalize on text collapsing leaves alone, null on any other', async () => {
    const { seededRandom } = await import('../support/prng.js');
    const r = seededRandom(13);
    const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();
    let fast = 0;
    for (let n = 0; n < 20_000; n++) {
      const text = Array.from({ length: Math.floor(r() * 12) }, () => PIECES[Math.floor(r() * PIECES.length)]).join('');
      const norm = normalizeCollapsed(text);
      if (norm === null) {
        // Only zero-width characters (dropped by the fold) may hide that the text was collapsed already.
        if (collapse(text) === text) expect(/[\u200b\u200d\u00ad\u3164\uffa0\u2060\ufe0f]/.test(text), JSON.stringify(text)).toBe(true);
      } else {
        fast++;
        expect(collapse(text), JSON.stringify(text)).toBe(text);
        expect(norm, JSON.stringify(text)).toBe(normalize(text));
      }
    }
    expect(fast).toBeGreaterThan(1000);
  });

  it('gives the same text on every BMP character and its upper neighbour', async () => {
    const { normalize: reference } = await import('./normalize-reference.js');
    for (let c = 0; c < 0x10000; c += 1) {
      const text = `가${String.fromCharCode(c)}나 ${String.fromCharCode(c)}A`;
      if (normalize(text) !== reference(text)) expect(normalize(text), c.toString(16)).toBe(reference(text));
    }
  });
});
