// Analysis threads and heap limits come from the memory budget, not only the cores.
import { describe, expect, it } from 'vitest';
import { MAX_OLD_MB, MIN_OLD_MB, sizeAnalysis, YOUNG_MB, machine } from '../../src/scan/analysis-sizing.js';

const GB = 1024;

describe('analysis sizing', () => {
  it('keeps the default budget under 512 MB on a large machine', () => {
    const s = sizeAnalysis({ store: 'pglite', cores: 16, machineMb: 64 * GB });
    expect(s.budgetMb).toBeLessThan(512);
    expect(s.maxYoungGenerationMb).toBe(YOUNG_MB);
  });

  it('takes a share of a small machine or container, not the whole of it', () => {
    expect(sizeAnalysis({ store: 'postgres', cores: 4, machineMb: 600 }).budgetMb).toBe(300);
  });

  it('gives the embedded store fewer threads than Postgres for the same budget and cores', () => {
    const embedded = sizeAnalysis({ store: 'pglite', cores: 8, machineMb: 32 * GB });
    const postgres = sizeAnalysis({ store: 'postgres', cores: 8, machineMb: 32 * GB });
    expect(embedded.threads).toBe(1);
    expect(postgres.threads).toBe(3);
  });

  it('never uses more than cores - 1 threads (at least one), nor more than 4', () => {
    expect(sizeAnalysis({ store: 'postgres', cores: 2, budgetMb: 4 * GB, machineMb: 32 * GB }).threads).toBe(1);
    expect(sizeAnalysis({ store: 'postgres', cores: 1, budgetMb: 4 * GB, machineMb: 32 * GB }).threads).toBe(1);
    expect(sizeAnalysis({ store: 'postgres', cores: 32, budgetMb: 4 * GB, machineMb: 32 * GB }).threads).toBe(4);
  });

  it('fits the per-worker heap to what the budget leaves each thread, within the range a real page needs', () => {
    // One thread with the budget's whole remainder, capped.
    expect(sizeAnalysis({ store: 'postgres', cores: 2, budgetMb: 4 * GB, machineMb: 32 * GB }).maxOldGenerationMb).toBe(MAX_OLD_MB);
    // 480 - 100 (main) - 230 (PGlite) = 150 left: 150 - 16 young - 24 overhead.
    expect(sizeAnalysis({ store: 'pglite', cores: 2, machineMb: 24 * GB }).maxOldGenerationMb).toBe(110);
    // A tight budget still leaves a worker enough to analyse four 2 MB pages.
    expect(sizeAnalysis({ store: 'pglite', cores: 2, budgetMb: 300, machineMb: 24 * GB }).maxOldGenerationMb).toBe(MIN_OLD_MB);
  });

  it("keeps an operator's thread count and fits the heap to it", () => {
    const s = sizeAnalysis({ threads: 4, store: 'postgres', cores: 2, machineMb: 24 * GB });
    expect(s.threads).toBe(4);
    // (480 - 100 - 20) / 4 = 90 per thread, less young and overhead: 50, raised to the minimum.
    expect(s.maxOldGenerationMb).toBe(MIN_OLD_MB);
    const roomy = sizeAnalysis({ threads: 2, store: 'postgres', cores: 2, budgetMb: 700, machineMb: 24 * GB });
    expect(roomy.maxOldGenerationMb).toBe((700 - 100 - 20) / 2 - 16 - 24);
  });

  it("keeps an operator's heap limit and counts it when choosing threads", () => {
    const s = sizeAnalysis({ heapMb: 200, store: 'postgres', cores: 8, machineMb: 24 * GB });
    expect(s.maxOldGenerationMb).toBe(200);
    // 360 MB left, 240 per thread at this heap: one thread.
    expect(s.threads).toBe(1);
  });

  it("reads this machine's cores and memory (a cgroup limit when there is one)", () => {
    const m = machine();
    expect(m.cores).toBeGreaterThanOrEqual(1);
    expect(m.machineMb).toBeGreaterThan(0);
  });
});
