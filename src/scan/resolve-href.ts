// Links and image sources as absolute URLs, as `new URL(href, base).href` gives them. A page holds hundreds
// of root-relative paths (/board/12?page=3) that the URL parser would return unchanged after the origin;
// those are joined by hand, anything else goes through the parser.

// Characters the URL parser leaves as they are in a path, query and fragment of an http(s) URL (no ', which
// it escapes in queries; no \, which it reads as /).
const PLAIN_PATH = /^\/(?!\/)[A-Za-z0-9\-._~!$&()*+,;=:@/?%#]*$/;
// Dot segments (/./, /../, also as %2e) are resolved by the parser.
const DOT_SEGMENT = /\/(?:\.|%2e)/i;

export interface HrefBase {
  url: URL | null;
  /** scheme://credentials@host:port of an http(s) base, for root-relative paths; null otherwise. */
  root: string | null;
}

export function hrefBase(pageUrl: string): HrefBase {
  let url: URL | null;
  try {
    url = new URL(pageUrl);
  } catch {
    url = null;
  }
  const root = url && (url.protocol === 'http:' || url.protocol === 'https:') ? new URL('/', url).href.slice(0, -1) : null;
  return { url, root };
}

export function resolveHref(href: string, base: HrefBase): string {
  const trimmed = href.trim();
  if (base.root !== null && PLAIN_PATH.test(trimmed) && !DOT_SEGMENT.test(trimmed)) return base.root + trimmed;
  try {
    return new URL(trimmed, base.url ?? undefined).toString();
  } catch {
    return href;
  }
}
