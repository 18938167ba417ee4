// Worker-thread entry for the analysis pool.
import { analyze } from './analysis.js';

export default analyze;
