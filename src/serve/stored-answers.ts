// Stored answers for GET /v1/scans/:id, as the JSON text the store keeps: a stored scan never changes, so the
// text is sent as it is (no parse, no response-schema pass, no stringify), and the recent ones are kept in
// memory, bounded by bytes, so a link shared around a hotline is read once from the store.
import { LRUCache } from 'lru-cache';
import type { ScanStore } from '../store/scan-store.js';

export interface StoredAnswers {
  /** The answer's JSON as bytes, or null when no scan has this id (misses are not remembered: it may be stored later). */
  get(id: string): Promise<Buffer | null>;
}

export function createStoredAnswers(store: Pick<ScanStore, 'answerText'>, opts: { maxBytes: number }): StoredAnswers {
  const recent = new LRUCache<string, Buffer>({ maxSize: opts.maxBytes, sizeCalculation: (b) => b.length });
  return {
    async get(id) {
      const hit = recent.get(id);
      if (hit) return hit;
      const text = await store.answerText(id);
      if (text === null) return null;
      const bytes = Buffer.from(text);
      // One answer larger than the whole budget is served but not kept (lru-cache refuses it).
      recent.set(id, bytes);
      return bytes;
    },
  };
}
