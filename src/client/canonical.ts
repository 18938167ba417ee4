// URL canonicalisation and lookup expressions exactly as Safe Browsing v4 specifies
// (https://developers.google.com/safe-browsing/v4/urls-hashing). The server indexes hashes of expressions of the
// URLs it scanned and the client hashes the expressions of the URL it holds: both must build the same strings,
// so this module is shared by both and has no dependencies (it runs in a browser extension as it is).
//
// The work is done on bytes: percent-unescaping can produce any byte, and the spec escapes bytes, not
// characters. A "byte string" below is a JS string whose char codes are all 0..255.

export interface CanonicalUrl {
  scheme: string;
  /** Host as expressions use it: lower-case, dots collapsed, IPv4 in dotted decimal, escaped; no port. */
  host: string;
  /** Port as written, or '' (the canonical URL keeps it, expressions do not). */
  port: string;
  /** Path with /./, /../ and // resolved, escaped; always starts with '/'. */
  path: string;
  /** Query after '?', escaped; null when the URL had no '?'. */
  query: string | null;
  /** scheme://host[:port]path[?query] */
  href: string;
}

export class CanonicalizationError extends Error {}

const MAX_UNESCAPE_ROUNDS = 1024;

function toByteString(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let out = '';
  for (const b of bytes) out += String.fromCharCode(b);
  return out;
}

const isHex = (c: string) => /^[0-9a-fA-F]$/.test(c);

function unescapeOnce(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '%' && i + 2 < s.length && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
      out += String.fromCharCode(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

/** Percent-unescapes until nothing changes ("%2525" is "%" after two rounds). */
export function unescapeRepeatedly(s: string): string {
  for (let i = 0; i < MAX_UNESCAPE_ROUNDS; i++) {
    const next = unescapeOnce(s);
    if (next === s) return s;
    s = next;
  }
  throw new CanonicalizationError('unescaping does not settle');
}

/** Escapes bytes <= 0x20, >= 0x7f, '#' and '%' as %XX (lower-case hex, as Google's client does). */
export function escapeBytes(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += c <= 0x20 || c >= 0x7f || c === 0x23 || c === 0x25 ? `%${c.toString(16).padStart(2, '0')}` : s[i];
  }
  return out;
}

/** inet_aton's forms: 1 to 4 parts, each decimal, octal (leading 0) or hex (0x); the last part fills the rest. */
function numberPart(part: string): number | null {
  let value: number;
  if (/^0x[0-9a-f]+$/i.test(part)) value = parseInt(part.slice(2), 16);
  else if (/^0[0-7]*$/.test(part)) value = parseInt(part, 8);
  else if (/^[1-9][0-9]*$/.test(part)) value = parseInt(part, 10);
  else return null;
  return value <= 0xffffffff ? value : null;
}

/** A host written as an IPv4 address in any inet_aton form → dotted decimal; null when it is not one. */
export function canonicalIPv4(host: string): string | null {
  // Google's client reads "1.2.3.4 junk" as 1.2.3.4 (a host that is an address followed by a space).
  const spaced = host.length <= 15 ? /^(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}) /.exec(host) : null;
  if (spaced) host = spaced[1]!;
  if (!/^(?:0x[0-9a-f]+|[0-9.])+$/i.test(host)) return null;
  const parts = host.split('.');
  if (parts.length > 4) return null;
  const out: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const value = numberPart(parts[i]!);
    if (value === null) return null;
    // Every part but the last is one byte (masked, as inet_aton's callers in Google's client do); the last fills the rest.
    const bytes = i === parts.length - 1 ? 5 - parts.length : 1;
    for (let b = bytes - 1; b >= 0; b--) out.push(Math.floor(value / 2 ** (8 * b)) & 0xff);
  }
  return out.join('.');
}

/** UTF-8 bytes of a host that are not ASCII → its punycode form, as browsers send it; unchanged when not valid UTF-8. */
function asciiHost(host: string): string {
  const raw = unescapeOnce(host);
  if (!/[\x80-\xff]/.test(raw)) return host;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(raw, (c) => c.charCodeAt(0)));
    return new URL(`http://${text}/`).hostname;
  } catch {
    return host;
  }
}

function parseHost(hostish: string): { host: string; port: string } {
  let host = hostish.slice(hostish.lastIndexOf('@') + 1);
  if (host.startsWith('[') && !host.includes(']')) throw new CanonicalizationError("missing ']' in host");
  const port = /:(\d+)$/.exec(host);
  if (port) host = host.slice(0, port.index);
  host = asciiHost(host);
  host = host.replace(/\.+/g, '.').replace(/^\.+|\.+$/g, '');
  if (!host) throw new CanonicalizationError('missing host name');
  return { host: canonicalIPv4(host) ?? host.toLowerCase(), port: port ? port[1]! : '' };
}

/** Resolves "." and ".." and collapses "//"; keeps a trailing slash. */
function resolvePath(rest: string): string {
  const segments: string[] = [];
  for (const segment of rest.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const path = `/${segments.join('/')}`;
  return rest.endsWith('/') && path !== '/' ? `${path}/` : path;
}

/** The scheme of "scheme:rest" (letters, then letters, digits, + - .), or null. */
function splitScheme(s: string): [scheme: string | null, rest: string] {
  // As Google's client: a leading ':' is an empty scheme, and what follows must then hold the host.
  if (s.startsWith(':')) return [null, s.slice(1)];
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(s);
  return m ? [m[1]!.toLowerCase(), s.slice(m[0].length)] : [null, s];
}

export function canonicalize(input: string): CanonicalUrl {
  let s = input;
  const hash = s.indexOf('#');
  if (hash >= 0) s = s.slice(0, hash);
  s = s.trim().replace(/[\t\r\n]/g, '');
  s = escapeBytes(unescapeRepeatedly(toByteString(s)));
  let [scheme, rest] = splitScheme(s);
  let query: string | null = null;
  const q = rest.indexOf('?');
  if (q >= 0) {
    query = rest.slice(q + 1);
    rest = rest.slice(0, q);
  }
  if (scheme !== null) {
    if (!rest.startsWith('//')) throw new CanonicalizationError('expected // after the scheme');
    rest = rest.slice(2);
  } else {
    scheme = 'http';
  }
  const slash = rest.indexOf('/');
  const hostish = slash >= 0 ? rest.slice(0, slash) : rest;
  const pathPart = slash >= 0 ? rest.slice(slash) : '';
  if (!hostish) throw new CanonicalizationError('missing host name');
  const { host, port } = parseHost(hostish);
  const path = resolvePath(pathPart);
  const href = `${scheme}://${host}${port ? `:${port}` : ''}${path}${query === null ? '' : `?${query}`}`;
  return { scheme, host, port, path, query, href };
}

const isIpHost = (host: string) => host.startsWith('[') || /^\d+\.\d+\.\d+\.\d+$/.test(host);

/** The host suffixes looked up: the exact host, then up to four suffixes from the last five components down to two. */
export function lookupHosts(host: string): string[] {
  if (isIpHost(host)) return [host];
  const parts = host.split('.');
  const hosts = [host];
  for (let n = Math.min(5, parts.length - 1); n >= 2; n--) {
    const suffix = parts.slice(-n).join('.');
    if (!hosts.includes(suffix)) hosts.push(suffix);
  }
  return hosts;
}

/** The paths looked up: with and without the query, then '/' and up to three prefixes of path components. */
export function lookupPaths(c: Pick<CanonicalUrl, 'path' | 'query'>): string[] {
  const paths = ['/'];
  const components = c.path.split('/').filter(Boolean);
  for (let i = 1; i < Math.min(4, components.length); i++) paths.push(`/${components.slice(0, i).join('/')}/`);
  if (c.path !== '/') paths.push(c.path);
  if (c.query) paths.push(`${c.path}?${c.query}`);
  return [...new Set(paths)];
}

/** Every host-suffix/path-prefix expression of a URL (at most 5 × 6 = 30), the exact one first. */
export function lookupExpressions(input: string | CanonicalUrl): string[] {
  const c = typeof input === 'string' ? canonicalize(input) : input;
  const exact = exactExpression(c);
  const all = lookupHosts(c.host).flatMap((h) => lookupPaths(c).map((p) => h + p));
  return [exact, ...all.filter((e) => e !== exact)];
}

/** The expression naming exactly this URL: host, path and query (when non-empty). */
export function exactExpression(c: Pick<CanonicalUrl, 'host' | 'path' | 'query'>): string {
  return `${c.host}${c.path}${c.query ? `?${c.query}` : ''}`;
}
