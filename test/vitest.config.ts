import os from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Most files wait on child processes, sockets and timers rather than compute: two files at once on a
    // 2-core machine took the suite from about 535 s to 340 s (vitest's default here would be one).
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
  },
});
