import { describe, expect, it } from 'vitest';
import { parseContentType } from '../../src/scan/fetch/content-type.js';

describe('parseContentType', () => {
  it('reads the media type and charset', () => {
    expect(parseContentType('Text/HTML; Charset="EUC-KR"')).toEqual({ type: 'text/html', charset: 'EUC-KR' });
    expect(parseContentType('text/html;charset=utf-8;')).toEqual({ type: 'text/html', charset: 'utf-8' });
  });

  it('says nothing for a missing, empty or non-media-type header', () => {
    expect(parseContentType(undefined)).toEqual({ type: null, charset: null });
    expect(parseContentType('')).toEqual({ type: null, charset: null });
    expect(parseContentType('html')).toEqual({ type: null, charset: null });
    expect(parseContentType('text/html, text/plain')).toEqual({ type: null, charset: null });
  });

  it('keeps the media type but drops the charset when the parameters are malformed', () => {
    expect(parseContentType('application/pdf; x')).toEqual({ type: 'application/pdf', charset: null });
    // Two Content-Type headers joined by the fetcher: the first one's type still counts.
    expect(parseContentType('text/html; charset=utf-8, text/html')).toEqual({ type: 'text/html', charset: null });
  });
});
