// Refreshes are redirects by other means: `Refresh: 0; url=...` as a header, or
// <meta http-equiv="refresh" content="0;url=..."> in the page. Cash-out sites use them to send a scanner (or
// a person) from a bland landing page to the real one, so they are followed like 3xx, under the same policy.
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
