// How many analysis threads, and how much heap each may use, so that the whole process stays within a
// memory budget: the operator's (SCAMSCORE_MEMORY_MB) or one derived from the machine's memory. Cores alone
// would give a 16-core box with 1 GB of memory 4 threads that can each grow to 256 MB.
import os from 'node:os';

/** Default budget: under 512 MB with room for what the estimates below miss. */
export const DEFAULT_BUDGET_MB = 480;
/** Without an operator's budget, at most this share of the machine's (or container's) memory. */
export const MACHINE_SHARE = 0.5;
/** The main thread: Node, Fastify, the fetcher, caches (about 90 MB measured under the hostile battery). */
export const MAIN_MB = 100;
/** The store's share of the process: PGlite's WebAssembly memory (150-250 MB measured) or a pg pool. */
export const STORE_MB = { pglite: 230, postgres: 20, none: 0 } as const;
/** A worker beyond its heap limits: isolate, stack, the rules' code (26 MB measured for an idle worker). */
export const WORKER_OVERHEAD_MB = 24;
/** The young generation (V8's default for workers here was 32): 16 cut the cost of a busy worker by ~20 MB. */
export const YOUNG_MB = 16;
/** Four 2 MB pages (a main page and three linked ones at the body limit) need more than 48 MB of old space. */
export const MIN_OLD_MB = 64;
/** More old space only lets a page built to exhaust scanners run longer before it ends in 422. */
export const MAX_OLD_MB = 256;

export interface SizingInput {
  /** SCAMSCORE_ANALYSIS_THREADS: an operator's thread count is kept, the heap is fitted to it. */
  threads?: number | undefined;
  /** SCAMSCORE_ANALYSIS_MEMORY_MB: an operator's per-worker heap limit is kept. */
  heapMb?: number | undefined;
  /** SCAMSCORE_MEMORY_MB */
  budgetMb?: number | undefined;
  store: keyof typeof STORE_MB;
  cores: number;
  /** The machine's memory, or the container's limit. */
  machineMb: number;
}

export interface Sizing {
  budgetMb: number;
  threads: number;
  maxOldGenerationMb: number;
  maxYoungGenerationMb: number;
}

/** Cores and memory of this machine; in a container with a memory limit, the limit. */
export function machine(): { cores: number; machineMb: number } {
  const total = os.totalmem();
  // Node 20 answers 0 or 2^64-1 when no cgroup limit is set.
  const limit = process.constrainedMemory?.() ?? 0;
  const bytes = limit > 0 && limit < total ? limit : total;
  return { cores: os.availableParallelism(), machineMb: Math.floor(bytes / 2 ** 20) };
}

export function sizeAnalysis(input: SizingInput): Sizing {
  const budgetMb = input.budgetMb ?? Math.min(DEFAULT_BUDGET_MB, Math.floor(input.machineMb * MACHINE_SHARE));
  const left = budgetMb - MAIN_MB - STORE_MB[input.store];
  const perThread = (oldMb: number) => oldMb + YOUNG_MB + WORKER_OVERHEAD_MB;
  // One core stays with the main thread (HTTP, fetching); more than 4 threads rarely pays for its memory.
  const byCores = Math.min(4, Math.max(1, input.cores - 1));
  const byMemory = Math.max(1, Math.floor(left / perThread(input.heapMb ?? MIN_OLD_MB)));
  const threads = input.threads ?? Math.min(byCores, byMemory);
  // What the budget leaves each thread, within the range where a real page still analyses.
  const fitted = Math.floor(left / threads) - YOUNG_MB - WORKER_OVERHEAD_MB;
  const maxOldGenerationMb = input.heapMb ?? Math.min(MAX_OLD_MB, Math.max(MIN_OLD_MB, fitted));
  return { budgetMb, threads, maxOldGenerationMb, maxYoungGenerationMb: YOUNG_MB };
}
