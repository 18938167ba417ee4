// Which same-site pages linked from the home page to fetch too: operators often keep the application form
// (인증번호, 신분증, 계좌) on a second page such as /apply or /신청. Bounded, same registrable domain only.
import type { PageFacts } from '../engine/types.js';
import { extractPageFacts } from './page-facts.js';
import { pageText, type PageSource } from './page-source.js';
import type { SealedFacts } from './sealed-facts.js';
import { urlFacts } from './url-facts.js';

export const MAX_LINKED_PAGES = 3;

// Link text or path that leads to an application, consultation or sell form.
const APPLICATION_TEXT = /신청|접수|상담|문의|견적|매입|판매|현금화|이용\s*방법|진행\s*방법|바로\s*가기|시작|apply|application|request|order|sell|consult|contact|join/i;
const APPLICATION_PATH = /apply|application|request|order|form|sell|consult|contact|join|signup|step|신청|접수|상담|매입|판매/i;
const ASSET = /\.(?:jpe?g|png|gif|webp|svg|ico|css|js|pdf|zip|apk|exe|mp4|mp3|woff2?)$/i;

export function selectLinkedPages(page: PageFacts, max = MAX_LINKED_PAGES): string[] {
  const home = new URL(page.url);
  const domain = urlFacts(page.url).domain;
  const scored = new Map<string, number>();
  for (const link of page.links) {
    let target: URL;
    try {
      target = new URL(link.href);
    } catch {
      continue;
    }
    if (target.protocol !== 'http:' && target.protocol !== 'https:') continue;
    if (urlFacts(target.href).domain !== domain || ASSET.test(target.pathname)) continue;
    target.hash = '';
    if (target.href === home.href || (target.pathname === home.pathname && target.search === home.search)) continue;
    const path = decodeURIComponent(target.pathname);
    const score = (APPLICATION_TEXT.test(link.text) ? 2 : 0) + (APPLICATION_PATH.test(path) ? 1 : 0);
    if (score > 0) scored.set(target.href, Math.max(score, scored.get(target.href) ?? 0));
  }
  return [...scored].sort((a, b) => b[1] - a[1]).slice(0, max).map(([href]) => href);
}

/** The pages to follow, and the home page's facts they were picked from: its analysis reuses them. */
export interface LinkedPages {
  urls: string[];
  /** Sealed when read in a worker (analysis-worker.ts): the main thread only passes them on. */
  facts: PageFacts | SealedFacts;
}

/** Worker entry: parse the home page and pick the pages to follow. */
export function linkedPagesOf(input: PageSource): { urls: string[]; facts: PageFacts } {
  const facts = extractPageFacts(pageText(input), input.url);
  return { urls: selectLinkedPages(facts), facts };
}
