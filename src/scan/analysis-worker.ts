// Worker-thread entry for the analysis pool: the default task analyses a site's pages; `linkedPagesOf`
// picks the same-site pages worth fetching too; `businessNumbersOf` reads the pages' business numbers.
import { analyze } from './analysis.js';
import { businessNumbersIn } from './business-registry.js';
import { pageText, type PageSource } from './page-source.js';

export default analyze;
export { linkedPagesOf } from './linked-pages.js';

export function businessNumbersOf(pages: PageSource[]): string[] {
  return businessNumbersIn(pages.map(pageText));
}
