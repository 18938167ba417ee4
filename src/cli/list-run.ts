// What both ways of scanning a list (in-process, or as a batch on a service) report to the command: each
// distinct URL's entry in input order, and the running tally for the progress bar.
import type { VerdictBand } from '../engine/types.js';
import type { Entry } from './output.js';
import type { Tally } from './progress.js';

export interface ListSink {
  tally(t: Tally): void;
  entry(e: Entry): void;
  note(message: string): void;
}

export const emptyCounts = (): Record<VerdictBand, number> => ({ low: 0, medium: 0, high: 0, critical: 0, unknown: 0 });

/**
 * Entries finish in any order; the list is printed in input order, each as soon as everything before it is
 * out, so a long list streams instead of printing at the end.
 */
export function inInputOrder(count: number, emit: (e: Entry) => void): (index: number, e: Entry) => void {
  const ready = new Map<number, Entry>();
  let next = 0;
  return (index, e) => {
    ready.set(index, e);
    while (next < count && ready.has(next)) {
      emit(ready.get(next)!);
      ready.delete(next);
      next++;
    }
  };
}
