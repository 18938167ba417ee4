// Worker-thread entry for the analysis pool: the default task analyses a site's pages; `linkedPagesOf`
// picks the same-site pages worth fetching too; `businessNumbersOf` reads the pages' business numbers.
import { Piscina, workerData } from 'piscina';
import { idleThisThread, lowerThisThread } from '../thread-priority.js';
import type { AnalysisWorkerData } from './analysis-pool.js';
import { analyze } from './analysis.js';
import { businessNumbersIn } from './business-numbers.js';
import { linkedPagesOf as readLinkedPages, type LinkedPages } from './linked-pages.js';
import { pageText, type PageSource } from './page-source.js';
import { seal } from './sealed-facts.js';

export default analyze;

// Analysis yields the CPU to the HTTP thread on a machine with fewer cores than busy threads.
const data = workerData as AnalysisWorkerData | undefined;
lowerThisThread(data?.nice ?? 0);
if (data?.policy === 'idle') idleThisThread();

/** The home page's facts go back sealed and transferred (sealed-facts.ts): the main thread only passes them on. */
export function linkedPagesOf(input: PageSource) {
  const { urls, facts } = readLinkedPages(input);
  const sealed = seal(facts);
  const answer: LinkedPages = { urls, facts: sealed };
  // Piscina's Transferable interface, whose symbols its types do not export.
  const movable = { [Piscina.transferableSymbol]: sealed.sealed.buffer, [Piscina.valueSymbol]: answer };
  return Piscina.move(movable as unknown as Parameters<typeof Piscina.move>[0]) as unknown as LinkedPages;
}

export function businessNumbersOf(pages: PageSource[]): string[] {
  return businessNumbersIn(pages.map(pageText));
}
