// The business registration numbers a page shows, read from its raw HTML: what the scanner asks the business
// registry about (business-registry.ts). Apart from the registry client so the analysis thread, which reads
// them, does not load the HTTP client.
import { isValidBusinessNumber } from '../analysis/business-info.js';

/** At most this many are read from a site's pages and asked about: the registry API takes at most 100 a call,
 *  and a page showing more than a few is not one business anyway. */
export const MAX_NUMBERS = 10;

// The registry is asked before the page is parsed (the analysis worker runs the rules), so this is a cheap
// pass over the raw HTML with the same shapes business-info.ts reads: XXX-XX-XXXXX, or ten digits after a label
// (tags between label and digits allowed). Only numbers with a valid checksum: others cannot be registered.
const DASHED = /(?<![\d-])(\d{3})\s?[-.\s]\s?(\d{2})\s?[-.\s]\s?(\d{5})(?![\d-])/g;
const AFTER_LABEL = /(?:사업자\s*(?:등록)?\s*번호|business\s*(?:registration\s*)?(?:no|number))[^0-9<]{0,8}(?:<[^>]{0,200}>\s*){0,4}(\d{10})(?!\d)/gi;
const FULL_WIDTH_DIGIT = /[０-９]/g;
const HAS_FULL_WIDTH_DIGIT = /[０-９]/;

export function businessNumbersIn(htmls: string[]): string[] {
  const found = new Set<string>();
  for (const raw of htmls) {
    const html = HAS_FULL_WIDTH_DIGIT.test(raw) ? raw.replace(FULL_WIDTH_DIGIT, (d) => String(d.charCodeAt(0) - 0xff10)) : raw;
    for (const m of html.matchAll(DASHED)) found.add(`${m[1]}${m[2]}${m[3]}`);
    for (const m of html.matchAll(AFTER_LABEL)) found.add(m[1]!);
  }
  return [...found].filter(isValidBusinessNumber).slice(0, MAX_NUMBERS);
}
