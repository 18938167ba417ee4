// Host names of a page's links, read once a page: several readings ask for them link by link, and the URL
// parser costs a microsecond or more a call (and an exception for every relative link).
import type { PageFacts } from '../engine/types.js';
import { perPage } from './per-page.js';

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
  const plain = plainHostOf(href);
  if (plain !== null) return plain;
  if (!SCHEME.test(href.replace(URL_IGNORED, ''))) return null;
  try {
    return new URL(href).hostname;
  } catch {
    return null;
  }
}

/** The host when href is a plain http(s) URL (PLAIN_HTTP, no IDNA label), else null. */
function plainHostOf(href: string): string | null {
  const plain = PLAIN_HTTP.exec(href);
  return plain && !/(?:^|\.)xn--/.test(plain[1]!) ? plain[1]! : null;
}

/** hostnameOf each of page.links, in the same order. */
export const linkHostnames: (page: PageFacts) => readonly (string | null)[] = perPage('link hosts', (page) => {
  // Most links of a page go to one site: a link starting as a plain one before it did, "https://host" then
  // / ? # or nothing, has its host (PLAIN_HTTP's match ends there alike), without the regular expressions.
  let prefix = '';
  let prefixHost = '';
  return page.links.map(({ href }) => {
    if (prefix && href.startsWith(prefix)) {
      const c = href.charCodeAt(prefix.length);
      if (Number.isNaN(c) || c === 0x2f || c === 0x3f || c === 0x23) return prefixHost;
    }
    const plain = plainHostOf(href);
    if (plain === null) return hostnameOf(href);
    prefix = href.slice(0, href.indexOf('//') + 2 + plain.length);
    prefixHost = plain;
    return plain;
  });
});
