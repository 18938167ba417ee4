import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { charsetForLabel, charsetOf, decodeBody, decodePrefix } from '../../src/scan/decode.js';

const KOREAN = '소액결제 현금화 최고 매입률';
// 똠 and 햏 exist in CP949 (Windows' extension) but not in EUC-KR's KS X 1001 table.
const CP949_ONLY = '똠방각하 햏자';

const utf8 = (s: string) => Buffer.from(s, 'utf8');
const cp949 = (s: string) => iconv.encode(s, 'cp949');

describe('decodeBody', () => {
  it('decodes UTF-8 by default and says so', () => {
    expect(decodeBody(utf8(`<p>${KOREAN}</p>`), undefined)).toEqual({ text: `<p>${KOREAN}</p>`, charset: 'utf-8' });
    expect(decodeBody(utf8(KOREAN), 'text/html')).toEqual({ text: KOREAN, charset: 'utf-8' });
  });

  it('decodes EUC-KR named by the header', () => {
    const bytes = cp949(`<p>${KOREAN}</p>`);
    expect(bytes.equals(utf8(`<p>${KOREAN}</p>`))).toBe(false); // really a different encoding
    expect(decodeBody(bytes, 'text/html; charset=euc-kr')).toEqual({ text: `<p>${KOREAN}</p>`, charset: 'cp949' });
    expect(decodeBody(bytes, 'text/html; charset="EUC-KR"').text).toBe(`<p>${KOREAN}</p>`);
  });

  it('decodes CP949-only syllables even when the page calls itself EUC-KR', () => {
    const bytes = cp949(CP949_ONLY);
    // Strict EUC-KR cannot represent them: this is why every Korean label maps to cp949.
    expect(iconv.decode(bytes, 'cp949')).toBe(CP949_ONLY);
    expect(decodeBody(bytes, 'text/html; charset=euc-kr').text).toBe(CP949_ONLY);
    expect(decodeBody(bytes, 'text/html; charset=ks_c_5601-1987').text).toBe(CP949_ONLY);
  });

  it.each(['x-windows-949', 'windows-949', 'cp949', 'uhc', 'ks_c_5601-1987', 'EUC-KR'])('maps the %s label to cp949', (label) => {
    expect(charsetForLabel(label)).toBe('cp949');
    expect(decodeBody(cp949(KOREAN), `text/html;charset=${label}`)).toEqual({ text: KOREAN, charset: 'cp949' });
  });

  it('lets a BOM beat the header', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(KOREAN)]);
    expect(decodeBody(bytes, 'text/html; charset=euc-kr')).toEqual({ text: KOREAN, charset: 'utf-8' });
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(KOREAN, 'utf16le')]);
    expect(decodeBody(le, 'text/html; charset=euc-kr')).toEqual({ text: KOREAN, charset: 'utf-16le' });
  });

  it('lets the header beat a <meta> charset', () => {
    const bytes = Buffer.concat([utf8('<meta charset="euc-kr">'), utf8(KOREAN)]);
    expect(decodeBody(bytes, 'text/html; charset=utf-8')).toEqual({ text: `<meta charset="euc-kr">${KOREAN}`, charset: 'utf-8' });
  });

  it('finds <meta charset> within the first 1024 bytes', () => {
    const page = `<html><head><meta charset="euc-kr"><title>${KOREAN}</title></head></html>`;
    expect(decodeBody(cp949(page), 'text/html')).toEqual({ text: page, charset: 'cp949' });
  });

  it('finds <meta http-equiv content="...charset=">', () => {
    const page = `<html><head><META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=ks_c_5601-1987"></head><body>${CP949_ONLY}</body></html>`;
    expect(decodeBody(cp949(page), undefined)).toEqual({ text: page, charset: 'cp949' });
  });

  it('ignores a <meta> charset beyond the first 1024 bytes', () => {
    const page = `<html><head><!--${'x'.repeat(1100)}--><meta charset="euc-kr"></head><body>${KOREAN}</body></html>`;
    const decoded = decodeBody(utf8(page), undefined);
    expect(decoded).toEqual({ text: page, charset: 'utf-8' });
  });

  it('treats a meta-declared UTF-16 as UTF-8 (the markup was readable as ASCII)', () => {
    const page = `<meta charset="utf-16">${KOREAN}`;
    expect(decodeBody(utf8(page), undefined)).toEqual({ text: page, charset: 'utf-8' });
  });

  it('falls back to UTF-8 for unknown labels', () => {
    expect(decodeBody(utf8(KOREAN), 'text/html; charset=klingon-8')).toEqual({ text: KOREAN, charset: 'utf-8' });
    expect(decodeBody(utf8(`<meta charset="nope">${KOREAN}`), undefined).charset).toBe('utf-8');
  });

  it('reads latin1 labels as windows-1252, as browsers do', () => {
    const bytes = Buffer.from([0x93, 0x68, 0x69, 0x94]); // “hi” in windows-1252
    expect(decodeBody(bytes, 'text/html; charset=iso-8859-1')).toEqual({ text: '\u201chi\u201d', charset: 'windows-1252' });
  });

  it('turns a multi-byte character cut by the body cap into U+FFFD instead of failing', () => {
    const bytes = utf8(KOREAN).subarray(0, 4);
    expect(decodeBody(bytes, undefined).text).toBe('소\uFFFD');
  });

  // Where following the WHATWG sniffing algorithm changed what we decode (the old code was a regex over the
  // first 1024 bytes and iconv-lite's label list).
  describe('per WHATWG', () => {
    it('ignores a <meta> charset inside a comment', () => {
      const page = `<!-- <meta charset="euc-kr"> --><p>${KOREAN}</p>`;
      expect(decodeBody(utf8(page), 'text/html')).toEqual({ text: page, charset: 'utf-8' });
    });

    it('ignores content="...charset=" without http-equiv="Content-Type"', () => {
      const page = `<meta name="x" content="text/html; charset=euc-kr"><p>${KOREAN}</p>`;
      expect(decodeBody(utf8(page), undefined).charset).toBe('utf-8');
      const pragma = `<meta http-equiv="content-type" content="text/html; charset=euc-kr"><p>${KOREAN}</p>`;
      expect(decodeBody(cp949(pragma), undefined)).toEqual({ text: pragma, charset: 'cp949' });
    });

    it('reads the encoding of an XML declaration', () => {
      const page = `<?xml version="1.0" encoding="euc-kr"?><html><p>${KOREAN}</p></html>`;
      expect(decodeBody(cp949(page), undefined)).toEqual({ text: page, charset: 'cp949' });
    });

    it('treats labels outside the WHATWG table as unknown, except the Korean ones', () => {
      expect(charsetForLabel('cp850')).toBeNull(); // iconv-lite knew it; browsers do not
      expect(charsetForLabel('cp1251')).toBe('windows-1251');
      expect(decodeBody(utf8(KOREAN), 'text/html; charset=cp850')).toEqual({ text: KOREAN, charset: 'utf-8' });
    });

    it('finds windows-949 spelt as Korean sites spell it in <meta>', () => {
      const page = `<meta charset="cp949"><p>${CP949_ONLY}</p>`;
      expect(decodeBody(cp949(page), undefined)).toEqual({ text: page, charset: 'cp949' });
    });

    it('ignores the header charset when its parameters break RFC 9110, and lets <meta> decide', () => {
      const page = `<meta charset="euc-kr"><p>${KOREAN}</p>`;
      expect(decodeBody(cp949(page), 'text/html; charset=utf-8; broken')).toEqual({ text: page, charset: 'cp949' });
    });
  });
});

describe('decodePrefix', () => {
  // The same text as decoding everything and slicing, whatever the charset and wherever the cut falls.
  const cases: [string, Buffer, string | undefined][] = [
    ['UTF-8 Korean', utf8(`<p>${KOREAN.repeat(2_000)}</p>`), undefined],
    ['UTF-8 with astral characters', utf8('😀가'.repeat(3_000)), 'text/html; charset=utf-8'],
    ['CP949', cp949(`<meta charset="euc-kr">${CP949_ONLY.repeat(2_000)}`), undefined],
    ['UTF-16LE with a BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(KOREAN.repeat(1_000), 'utf16le')]), undefined],
    // 9 bytes for 2 characters (亜 between escapes, then 'a'): more bytes per character than any other charset.
    ['ISO-2022-JP, whose escapes carry no characters', Buffer.from('\x1b$B0!\x1b(Ba'.repeat(5_000), 'latin1'), 'text/html; charset=iso-2022-jp'],
    ['a page shorter than the prefix', utf8(KOREAN), undefined],
  ];
  it.each(cases)('%s', (_name, bytes, header) => {
    const whole = decodeBody(bytes, header);
    for (const maxChars of [1, 7, 100, 1_001, 4_096]) {
      expect(decodePrefix(bytes, header, maxChars)).toEqual({ text: whole.text.slice(0, maxChars), charset: whole.charset });
    }
    expect(charsetOf(bytes, header)).toBe(whole.charset);
  });
});
