// Refreshes are redirects by other means: `Refresh: 0; url=...` as a header, or
// <meta http-equiv="refresh" content="0;url=..."> in the page. Cash-out sites use them to send a scanner (or
// a person) from a bland landing page to the real one, so they are followed like 3xx, under the same policy.
import { decodePrefix } from '../decode.js';
import { parseHtml, type AttributePolicy } from '../html-parser.js';

export interface Refresh {
  /** Seconds before the browser would navigate. */
  delaySeconds: number;
  /** The target as written (relative to the page), or null for "reload this page". */
  url: string | null;
}

/** The meta refresh is looked for in this much of the decoded text: browsers see it in the head, early on. */
export const META_REFRESH_SCAN_CHARS = 64 * 1024;

const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\f' || c === '\r';

// Only meta elements' attributes are read.
const META_ATTRIBUTES: AttributePolicy = { tags: new Set(['meta']), names: new Set() };

/** WHATWG "shared declarative refresh steps": the same grammar for the header and the meta element. */
export function parseRefresh(value: string): Refresh | null {
  let i = 0;
  const skipSpace = () => {
    while (isSpace(value[i])) i++;
  };
  skipSpace();
  const digitsStart = i;
  while (i < value.length && value[i]! >= '0' && value[i]! <= '9') i++;
  const digits = value.slice(digitsStart, i);
  if (digits === '' && value[i] !== '.') return null;
  // Fractions are allowed and ignored ("0.5" is 0 s).
  while (i < value.length && ((value[i]! >= '0' && value[i]! <= '9') || value[i] === '.')) i++;
  const delaySeconds = digits === '' ? 0 : Number(digits);

  if (i < value.length) {
    if (value[i] !== ';' && value[i] !== ',' && !isSpace(value[i])) return null;
    skipSpace();
    if (value[i] === ';' || value[i] === ',') i++;
    skipSpace();
  }
  let rest = value.slice(i);
  const label = /^url\s*=\s*/i.exec(rest);
  if (label) rest = rest.slice(label[0].length);
  const quote = rest[0];
  if (quote === '"' || quote === "'") {
    const end = rest.indexOf(quote, 1);
    rest = rest.slice(1, end === -1 ? undefined : end);
  }
  const url = rest.trim();
  return { delaySeconds, url: url === '' ? null : url };
}

/**
 * The first meta refresh a browser would act on, parsed; null when there is none. Uses htmlparser2's
 * tokenizer (html-parser.ts) so comments, scripts and attribute quoting are read as a browser reads them, over a bounded
 * prefix of the page. Meta elements inside <noscript> are skipped: a browser with scripting on (every
 * visitor's) ignores them, and cloaking pages put decoys there.
 */
export function findMetaRefresh(html: string): Refresh | null {
  let found: Refresh | null = null;
  let noscript = 0;
  parseHtml(
    html.slice(0, META_REFRESH_SCAN_CHARS),
    {
      onopentag(name, attribs) {
        if (name === 'noscript') noscript++;
        if (found || noscript > 0 || name !== 'meta') return;
        if ((attribs['http-equiv'] ?? '').trim().toLowerCase() !== 'refresh') return;
        const content = attribs.content;
        if (content !== undefined) found = parseRefresh(content);
      },
      ontext() {},
      onclosetag(name) {
        if (name === 'noscript' && noscript > 0) noscript--;
      },
    },
    META_ATTRIBUTES,
  );
  return found;
}

/**
 * findMetaRefresh over the page's bytes, decoding only the prefix it reads, and none of it when no
 * `http-equiv` attribute can be there. The server runs this for every page it fetches; the page's text is
 * built in the analysis worker.
 */
export function findMetaRefreshInBytes(bytes: Uint8Array, contentTypeHeader: string | undefined, charset: string): Refresh | null {
  // UTF-16 is the one charset whose ASCII characters are not their own bytes.
  if (!charset.startsWith('utf-16') && !mayHoldHttpEquiv(bytes)) return null;
  return findMetaRefresh(decodePrefix(bytes, contentTypeHeader, META_REFRESH_SCAN_CHARS).text);
}

const HTTP_EQUIV = Buffer.from('http-equiv', 'latin1');
const HYPHEN = HTTP_EQUIV.indexOf(0x2d);

/**
 * Whether the bytes hold "http-equiv" in any letter case. A meta refresh needs that attribute name, which
 * entities cannot spell, and in every charset but UTF-16 an ASCII character of the text comes from that
 * same byte (no other character lower-cases to these letters). Found from each hyphen: memchr-fast.
 */
function mayHoldHttpEquiv(bytes: Uint8Array): boolean {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  for (let i = buf.indexOf(0x2d, HYPHEN); i !== -1 && i + HTTP_EQUIV.length - HYPHEN <= buf.length; i = buf.indexOf(0x2d, i + 1)) {
    let j = 0;
    // | 0x20 lower-cases ASCII letters and leaves '-' as it is; no other byte maps onto these.
    while (j < HTTP_EQUIV.length && (buf[i - HYPHEN + j]! | 0x20) === HTTP_EQUIV[j]!) j++;
    if (j === HTTP_EQUIV.length) return true;
  }
  return false;
}
