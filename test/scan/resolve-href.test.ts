import { describe, expect, it } from 'vitest';
import { hrefBase, resolveHref } from '../../src/scan/resolve-href.js';
import { seededRandom } from '../support/prng.js';

const parsed = (href: string, base: string) => {
  try {
    return new URL(href.trim(), base).toString();
  } catch {
    return href;
  }
};

describe('resolveHref', () => {
  const BASES = ['https://example.com/board/free', 'http://user:pw@Example.COM:8080/a/b?q=1#h', 'https://[::1]:443/x/', 'file:///tmp/x.html'];
  const PIECES = ['/', '//', 'a', 'Z', '0', '.', '..', '%2e', '%2E', '%41', '%zz', '%', '?', '#', '&', '=', "'", '"', '\\', ' ', '\t', '\n',
    '<', '>', '`', '{', '}', '|', '^', '@', ':', ';', '!', '$', '(', ')', '*', '+', ',', '~', '-', '_', '현', '😀', 'javascript:', 'http://x.example'];

  it('gives what the URL parser gives', () => {
    const r = seededRandom(5);
    for (const base of BASES) {
      const b = hrefBase(base);
      for (let n = 0; n < 5_000; n++) {
        const href = (r() < 0.7 ? '/' : '') + Array.from({ length: Math.floor(r() * 8) }, () => PIECES[Math.floor(r() * PIECES.length)]).join('');
        expect(resolveHref(href, b), `${base} ${JSON.stringify(href)}`).toBe(parsed(href, base));
      }
    }
  });

  it('keeps what it cannot resolve', () => {
    expect(resolveHref('no base', hrefBase('not a url'))).toBe('no base');
    expect(resolveHref('/path', hrefBase('not a url'))).toBe('/path');
  });
});
