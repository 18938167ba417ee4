import { describe, expect, it } from 'vitest';
import { BadInputError, TargetRefusedError } from '../../src/errors.js';
import { checkTargetUrl, isIpLiteral, MAX_URL_LENGTH } from '../../src/scan/url-policy.js';

const policy = { allowedPorts: [80, 443, 8080, 8443] };

function refusal(input: string): TargetRefusedError {
  try {
    checkTargetUrl(input, policy);
  } catch (err) {
    expect(err).toBeInstanceOf(TargetRefusedError);
    return err as TargetRefusedError;
  }
  throw new Error(`expected ${JSON.stringify(input)} to be refused`);
}

function malformed(input: string): BadInputError {
  try {
    checkTargetUrl(input, policy);
  } catch (err) {
    expect(err).toBeInstanceOf(BadInputError);
    return err as BadInputError;
  }
  throw new Error(`expected ${JSON.stringify(input)} to be rejected as malformed`);
}

describe('checkTargetUrl', () => {
  it('accepts ordinary http and https URLs and returns the parsed URL', () => {
    const url = checkTargetUrl('https://Example.co.kr/apply?x=1#top', policy);
    expect(url).toBeInstanceOf(URL);
    expect(url.hostname).toBe('example.co.kr');
    expect(checkTargetUrl('http://shop.test:8080/', policy).port).toBe('8080');
    expect(checkTargetUrl('http://xn--9n2bp8q.com/', policy).hostname).toBe('xn--9n2bp8q.com');
    expect(checkTargetUrl('http://소액결제.com/', policy).hostname).toMatch(/^xn--/);
  });

  describe('scheme', () => {
    it.each(['ftp://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,hi', 'gopher://example.com:70/', 'ws://example.com/'])(
      'refuses %s',
      (input) => {
        expect(refusal(input).message).toMatch(/^scheme "[a-z]+" is not allowed \(only http and https\)$/);
      },
    );
    it('refuses text that is not an absolute URL as bad input', () => {
      expect(() => checkTargetUrl('example.com/path', policy)).toThrow(BadInputError);
      expect(() => checkTargetUrl('http://', policy)).toThrow(BadInputError);
    });
  });

  describe('userinfo', () => {
    it.each(['http://user:pw@example.com/', 'http://user@example.com/', 'https://:secret@example.com/', 'http://example.com@127.0.0.1/'])(
      'refuses %s',
      (input) => {
        expect(refusal(input).message).toContain('user name or password');
      },
    );
  });

  describe('ports', () => {
    it('counts the scheme default as 80/443', () => {
      expect(() => checkTargetUrl('http://example.com/', { allowedPorts: [443] })).toThrow(
        'port 80 is not allowed (allowed: 443)',
      );
      expect(() => checkTargetUrl('https://example.com/', { allowedPorts: [80] })).toThrow(
        'port 443 is not allowed (allowed: 80)',
      );
      expect(checkTargetUrl('https://example.com:443/', { allowedPorts: [443] }).port).toBe('');
    });
    it('refuses ports outside the list, saying which are allowed', () => {
      expect(refusal('http://example.com:22/').message).toBe('port 22 is not allowed (allowed: 80, 443, 8080, 8443)');
      expect(refusal('https://example.com:6379/').message).toContain('port 6379');
      expect(refusal('http://example.com:8000/').message).toContain('port 8000');
    });
  });

  describe('host names', () => {
    it.each([
      'http://localhost/',
      'http://LOCALHOST:8080/',
      'http://localhost./',
      'http://%6c%6fcalhost/',
      'http://ｌｏｃａｌｈｏｓｔ/',
      'http://app.localhost/',
      'http://localhost.localdomain/',
      'http://printer.local/',
      'http://db.corp.internal/',
      'http://metadata.google.internal/computeMetadata/v1/',
      'http://metadata/',
      'http://instance-data/latest/meta-data/',
      'http://metadata.tencentyun.com/',
      'http://router.home.arpa/',
      'http://kubernetes.default.svc/',
      'http://abc.onion/',
      'http://intranet/',
    ])('refuses %s by name', (input) => {
      expect(refusal(input).message).toMatch(/^host ".+" is refused: /);
    });
    it('says why', () => {
      expect(refusal('http://localhost/').message).toBe('host "localhost" is refused: it names this machine');
      expect(refusal('http://metadata.google.internal/').message).toContain('cloud metadata');
      expect(refusal('http://x.local/').message).toContain('.local');
    });
    it('does not refuse names that merely contain those words', () => {
      for (const ok of ['http://localhost.example.com/', 'http://mylocal.com/', 'http://internal-news.co.kr/', 'http://metadata.example/']) {
        expect(checkTargetUrl(ok, policy)).toBeInstanceOf(URL);
      }
    });
    it('leaves IP literals to the address policy (checked at connect time)', () => {
      expect(checkTargetUrl('http://127.0.0.1/', policy).hostname).toBe('127.0.0.1');
      expect(checkTargetUrl('http://[::1]/', policy).hostname).toBe('[::1]');
    });
  });

  describe('length and control characters are malformed input (400), not a refusal', () => {
    it('refuses URLs longer than the limit and accepts one exactly at it', () => {
      const base = 'http://example.com/';
      const atLimit = base + 'a'.repeat(MAX_URL_LENGTH - base.length);
      expect(checkTargetUrl(atLimit, policy)).toBeInstanceOf(URL);
      expect(malformed(atLimit + 'a').message).toBe(`URL is ${MAX_URL_LENGTH + 1} characters long (limit 2048)`);
    });
    it.each(['http://example.com/\n', 'http://exa\tmple.com/', '\u0000http://example.com/', 'http://example.com/\u007f', 'http://example.com/\u0085'])(
      'refuses control characters in %j',
      (input) => {
        expect(malformed(input).message).toMatch(/control character \(U\+00[0-9A-F]{2}\) at position \d+/);
      },
    );
  });

  it('shows that WHATWG URL canonicalises numeric IPv4 spellings', () => {
    for (const spelling of ['http://2130706433/', 'http://0x7f.1/', 'http://0177.0.0.1/', 'http://127.1/', 'http://0x7f000001/']) {
      expect(checkTargetUrl(spelling, policy).hostname).toBe('127.0.0.1');
    }
    expect(checkTargetUrl('http://[::ffff:127.0.0.1]/', policy).hostname).toBe('[::ffff:7f00:1]');
  });
});

describe('isIpLiteral', () => {
  it('recognises IPv4 and IPv6 literals, bracketed or not', () => {
    expect(isIpLiteral('127.0.0.1')).toBe(true);
    expect(isIpLiteral('[::1]')).toBe(true);
    expect(isIpLiteral('::1')).toBe(true);
    expect(isIpLiteral('[2001:db8::1]')).toBe(true);
  });
  it('rejects names and odd spellings', () => {
    expect(isIpLiteral('example.com')).toBe(false);
    expect(isIpLiteral('0x7f.1')).toBe(false);
    expect(isIpLiteral('1.2.3')).toBe(false);
    expect(isIpLiteral('[example.com]')).toBe(false);
  });
});
