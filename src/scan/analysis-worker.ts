// Worker-thread entry for the analysis pool: the default task analyses a site's pages; `linkedPagesOf`
// picks the same-site pages worth fetching too.
import { analyze } from './analysis.js';

export default analyze;
export { linkedPagesOf } from './linked-pages.js';
