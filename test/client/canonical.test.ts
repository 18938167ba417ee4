// Safe Browsing's published canonicalisation examples (developers.google.com/safe-browsing/v4/urls-hashing) and
// the expression, host and IPv4 vectors of Google's Go client (github.com/google/safebrowsing, urls_test.go),
// as tables: the server's index and the extension's lookups only meet when both build these strings exactly.
import { describe, expect, it } from 'vitest';
import { canonicalize, canonicalIPv4, lookupExpressions, lookupHosts, lookupPaths } from '../../src/client/canonical.js';

const CANONICAL: [input: string, expected: string][] = [
  ['http://host/%25%32%35', 'http://host/%25'],
  ['http://host/%25%32%35%25%32%35', 'http://host/%25%25'],
  ['http://host/%2525252525252525', 'http://host/%25'],
  ['http://host/asdf%25%32%35asd', 'http://host/asdf%25asd'],
  ['http://host/%%%25%32%35asd%%', 'http://host/%25%25%25asd%25%25'],
  ['http://www.google.com/', 'http://www.google.com/'],
  ['http://%31%36%38%2e%31%38%38%2e%39%39%2e%32%36/%2E%73%65%63%75%72%65/%77%77%77%2E%65%62%61%79%2E%63%6F%6D/', 'http://168.188.99.26/.secure/www.ebay.com/'],
  [
    'http://195.127.0.11/uploads/%20%20%20%20/.verify/.eBaysecure=updateuserdataxplimnbqmn-xplmvalidateinfoswqpcmlx=hgplmcx/',
    'http://195.127.0.11/uploads/%20%20%20%20/.verify/.eBaysecure=updateuserdataxplimnbqmn-xplmvalidateinfoswqpcmlx=hgplmcx/',
  ],
  ['http://host%23.com/%257Ea%2521b%2540c%2523d%2524e%25f%255E00%252611%252A22%252833%252944_55%252B', 'http://host%23.com/~a!b@c%23d$e%25f^00&11*22(33)44_55+'],
  ['http://3279880203/blah', 'http://195.127.0.11/blah'],
  ['http://www.google.com/blah/..', 'http://www.google.com/'],
  ['www.google.com/', 'http://www.google.com/'],
  ['www.google.com', 'http://www.google.com/'],
  ['http://www.evil.com/blah#frag', 'http://www.evil.com/blah'],
  ['http://www.GOOgle.com/', 'http://www.google.com/'],
  ['http://www.google.com.../', 'http://www.google.com/'],
  ['http://www.google.com/foo\tbar\rbaz\n2', 'http://www.google.com/foobarbaz2'],
  ['http://www.google.com/q?', 'http://www.google.com/q?'],
  ['http://www.google.com/q?r?', 'http://www.google.com/q?r?'],
  ['http://www.google.com/q?r?s', 'http://www.google.com/q?r?s'],
  ['http://evil.com/foo#bar#baz', 'http://evil.com/foo'],
  ['http://evil.com/foo;', 'http://evil.com/foo;'],
  ['http://evil.com/foo?bar;', 'http://evil.com/foo?bar;'],
  // The spec's input is the bytes 0x01 0x80; a JS string is UTF-16, so the byte 0x80 arrives percent-encoded.
  ['http://\x01%80.com/', 'http://%01%80.com/'],
  ['http://notrailingslash.com', 'http://notrailingslash.com/'],
  ['http://www.gotaport.com:1234/', 'http://www.gotaport.com:1234/'],
  ['  http://www.google.com/  ', 'http://www.google.com/'],
  ['http:// leadingspace.com/', 'http://%20leadingspace.com/'],
  ['http://%20leadingspace.com/', 'http://%20leadingspace.com/'],
  ['%20leadingspace.com/', 'http://%20leadingspace.com/'],
  ['https://www.securesite.com/', 'https://www.securesite.com/'],
  ['http://host.com/ab%23cd', 'http://host.com/ab%23cd'],
  ['http://host.com//twoslashes?more//slashes', 'http://host.com/twoslashes?more//slashes'],
  // From Google's Go client.
  ['http://some%1bhost.com/%1b', 'http://some%1bhost.com/%1b'],
  ['http://www.\u00fcmlat.com/', 'http://www.xn--mlat-zra.com/'],
  ['http://[2001:470:1:18::114]/', 'http://[2001:470:1:18::114]/'],
  ['http%3A%2F%2Fwackyurl.com/', 'http://wackyurl.com/'],
  ['http://W!eird<>Ho$^.com/', 'http://w!eird<>ho$^.com/'],
  ['http://0x12.0x43.0x44.0x01', 'http://18.67.68.1/'],
  ['http://a.com/foo/.././bar/./../foo.html', 'http://a.com/foo.html'],
  ['http://a.com//a//b///c////', 'http://a.com/a/b/c/'],
];

const INVALID = ['', ':', '/blah', '#ref', '/blah#ref', '?query#ref', '/blah?query#ref', '/blah;param', 'http://#ref', 'http:///blah#ref', 'http://?query#ref', 'http:///blah?query#ref', 'mailto:bryner@google.com'];

const EXPRESSIONS: [input: string, expected: string[]][] = [
  ['http://a.b.c/1/2.html?param=1', ['a.b.c/1/2.html?param=1', 'a.b.c/1/2.html', 'a.b.c/', 'a.b.c/1/', 'b.c/1/2.html?param=1', 'b.c/1/2.html', 'b.c/', 'b.c/1/']],
  ['http://a.b.c.d.e.f.g/1.html', ['a.b.c.d.e.f.g/1.html', 'a.b.c.d.e.f.g/', 'c.d.e.f.g/1.html', 'c.d.e.f.g/', 'd.e.f.g/1.html', 'd.e.f.g/', 'e.f.g/1.html', 'e.f.g/', 'f.g/1.html', 'f.g/']],
  ['http://1.2.3.4/1/', ['1.2.3.4/1/', '1.2.3.4/']],
  ['http://a.b.c/1/2/3/4/5/', ['a.b.c/1/2/3/4/5/', 'a.b.c/1/2/3/', 'a.b.c/1/2/', 'a.b.c/1/', 'a.b.c/', 'b.c/1/2/3/4/5/', 'b.c/1/2/3/', 'b.c/1/2/', 'b.c/1/', 'b.c/']],
  ['http://a.b.c.d.e/1.html', ['a.b.c.d.e/1.html', 'a.b.c.d.e/', 'b.c.d.e/1.html', 'b.c.d.e/', 'c.d.e/1.html', 'c.d.e/', 'd.e/1.html', 'd.e/']],
  ['http://a.b/?', ['a.b/']],
  ['http://[2001:470:1:18::114]/a/b', ['[2001:470:1:18::114]/a/b', '[2001:470:1:18::114]/a/', '[2001:470:1:18::114]/']],
  ['http://b/', ['b/']],
];

const IPV4: [host: string, expected: string | null][] = [
  ['123.123.0.0.1', null],
  ['255.0.0.1', '255.0.0.1'],
  ['12.0x12.01234', '12.18.2.156'],
  ['276.2.3', '20.2.0.3'],
  ['012.034.01.055', '10.28.1.45'],
  ['0x12.0x43.0x44.0x01', '18.67.68.1'],
  ['167838211', '10.1.2.3'],
  ['3279880203', '195.127.0.11'],
  ['4294967295', '255.255.255.255'],
  ['10.192.95.89 xy', '10.192.95.89'],
  ['1.2.3.00x0', null],
  ['example.com', null],
];

describe('Safe Browsing canonicalisation', () => {
  it.each(CANONICAL)('canonicalize(%j) = %j', (input, expected) => {
    expect(canonicalize(input).href).toBe(expected);
  });

  it.each(INVALID)('refuses %j (no host name)', (input) => {
    expect(() => canonicalize(input)).toThrow();
  });

  it.each(IPV4)('reads the IPv4 host %j as %j', (host, expected) => {
    expect(canonicalIPv4(host)).toBe(expected);
  });

  it.each(EXPRESSIONS)('expressions of %j', (input, expected) => {
    const got = lookupExpressions(input);
    expect([...got].sort()).toEqual([...expected].sort());
    expect(new Set(got).size).toBe(got.length);
  });

  it('keeps at most five hosts and six paths, the exact expression first', () => {
    expect(lookupHosts('a.b.c.d.e.f.g.h.i')).toEqual(['a.b.c.d.e.f.g.h.i', 'e.f.g.h.i', 'f.g.h.i', 'g.h.i', 'h.i']);
    expect(lookupPaths(canonicalize('http://a.com/a/b/c/d/e.html?123'))).toEqual(['/', '/a/', '/a/b/', '/a/b/c/', '/a/b/c/d/e.html', '/a/b/c/d/e.html?123']);
    const all = lookupExpressions('http://a.b.c.d.e.f.g/1/2/3/4/5.html?q=1');
    expect(all[0]).toBe('a.b.c.d.e.f.g/1/2/3/4/5.html?q=1');
    expect(all.length).toBe(30);
  });
});
