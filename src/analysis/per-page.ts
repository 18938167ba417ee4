// A reading of a page (its segment index, cash-out context, business information...) is computed once per
// PageFacts and kept with it: several rules ask for the same reading. The speed bench watches which readings a
// rule's evaluation computes (watchReadings), to share each reading's time among the rules that need it.
import type { PageFacts } from '../engine/types.js';

let watcher: ((reading: string) => void) | null = null;

/** Calls `watch` with a reading's name each time one is computed (not when its cache answers); null stops.
 *  For benches and tests: the analysis never sets it. */
export function watchReadings(watch: ((reading: string) => void) | null): void {
  watcher = watch;
}

/** `compute` run once per page: later calls with the same PageFacts get the first call's result. */
export function perPage<T>(reading: string, compute: (page: PageFacts) => T): (page: PageFacts) => T {
  const cache = new WeakMap<PageFacts, T>();
  return (page) => {
    const cached = cache.get(page);
    if (cached !== undefined || cache.has(page)) return cached as T;
    watcher?.(reading);
    const value = compute(page);
    cache.set(page, value);
    return value;
  };
}
