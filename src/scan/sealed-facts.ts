// A page's facts (PageFacts, megabytes of segments for a large page) as they travel from the worker that read
// them, through the main thread, to the worker that judges them (linked-pages.ts → scanner.ts → analysis.ts).
// The main thread only carries them: sealed into one buffer (v8.serialize) and transferred both ways, they
// cost it neither a structured clone of thousands of objects nor the garbage those leave.
import v8 from 'node:v8';
import type { PageFacts } from '../engine/types.js';

export interface SealedFacts {
  sealed: Uint8Array;
}

export function seal(facts: PageFacts): SealedFacts {
  const bytes = v8.serialize(facts);
  // A buffer of its own, so that it can be transferred (a Buffer may be a view of a shared pool).
  const own = new Uint8Array(bytes.length);
  own.set(bytes);
  return { sealed: own };
}

export function unseal(facts: PageFacts | SealedFacts): PageFacts {
  return 'sealed' in facts ? (v8.deserialize(facts.sealed) as PageFacts) : facts;
}
