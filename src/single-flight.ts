// Identical work in flight at once is done once: every caller with the same key shares the first caller's
// promise (its answer or its error) until it settles.
export interface SingleFlight<T> {
  run(key: string, work: () => Promise<T>): Promise<T>;
  readonly size: number;
}

export function createSingleFlight<T>(): SingleFlight<T> {
  const inFlight = new Map<string, Promise<T>>();
  return {
    run(key, work) {
      let pending = inFlight.get(key);
      if (!pending) {
        pending = work().finally(() => inFlight.delete(key));
        inFlight.set(key, pending);
      }
      return pending;
    },
    get size() {
      return inFlight.size;
    },
  };
}
