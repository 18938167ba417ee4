// Host names of a page's links, read once a page: several readings ask for them link by link, and the URL
// parser costs a microsecond or more a call (and an exception for every relative link).
import type { PageFacts } from '../engine/types.js';

// An http(s) URL whose host is plain lower-case ASCII labels ending in one that starts with a letter: the URL
// parser returns such a host as written (no percent-decoding, no IDNA mapping, not an IPv4 address).
const PLAIN_HTTP = /^https?:\/\/((?:[a-z0-9][a-z0-9-]*\.)*[a-z][a-z0-9-]*)(?=[/?#]|$)/;
// What the URL parser drops before reading (leading controls and spaces; tabs and newlines anywhere), and the
// scheme without which it throws.
const URL_IGNORED = /^[\u0000-\u0020]+|[\t\n\r]/g;
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** `new URL(href).hostname`, or null when href is not an absolute URL. */
export function hostnameOf(href: string): string | null {
  // No scheme can start here (relative links: /board/1, #top, ?page=2): the parser throws.
  const c = href.charCodeAt(0) | 0x20;
  if (href.charCodeAt(0) > 0x20 && (c < 0x61 || c > 0x7a)) return null;
  const plain = PLAIN_HTTP.exec(href);
  if (plain && !/(?:^|\.)xn--/.test(plain[1]!)) return plain[1]!;
  if (!SCHEME.test(href.replace(URL_IGNORED, ''))) return null;
  try {
    return new URL(href).hostname;
  } catch {
    return null;
  }
}

const hosts = new WeakMap<PageFacts, (string | null)[]>();

/** hostnameOf each of page.links, in the same order. */
export function linkHostnames(page: PageFacts): readonly (string | null)[] {
  let out = hosts.get(page);
  if (!out) {
    out = page.links.map((l) => hostnameOf(l.href));
    hosts.set(page, out);
  }
  return out;
}
