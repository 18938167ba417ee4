import os from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

// Files that start no service, process, store or mock and measure no heap: they share one module graph per
// worker (isolate: false), which spares each of them a fresh import of the sources (about 1–4 s a file here).
// A file that mocks modules (vi.mock, vi.doMock) or reads the heap must not go on this list.
const SHARED_MODULES = [
  'test/rules/**/*.test.ts',
  'test/analysis/ascii-literals.test.ts',
  'test/analysis/business-info.test.ts',
  'test/analysis/cashout-context.test.ts',
  'test/analysis/fingerprint-reference.test.ts',
  'test/analysis/fingerprint.test.ts',
  'test/analysis/hostile-text.test.ts',
  'test/analysis/indicators.test.ts',
  'test/analysis/normalize.test.ts',
  'test/cli/input.test.ts',
  'test/cli/progress.test.ts',
  'test/client/canonical.test.ts',
  'test/config.test.ts',
  'test/docker/deployment-files.test.ts',
  'test/engine/engine.test.ts',
  'test/eval/logistic.test.ts',
  'test/scan/address-policy.test.ts',
  'test/scan/content-type.test.ts',
  'test/scan/decode.test.ts',
  'test/scan/domain-facts.test.ts',
  'test/scan/fetch-capture.test.ts',
  'test/scan/fetch-limits.test.ts',
  'test/scan/fetch-numeric-hosts.test.ts',
  'test/scan/fetch-refresh.test.ts',
  'test/scan/fetch-sniff.test.ts',
  'test/scan/html-parser.test.ts',
  'test/scan/linked-pages.test.ts',
  'test/scan/page-facts-reference.test.ts',
  'test/scan/page-facts.test.ts',
  'test/scan/resolve-href.test.ts',
  'test/scan/safe-fetch.test.ts',
  'test/scan/url-policy.test.ts',
  'test/scan/whois-client.test.ts',
  'test/scan/whois-referral.test.ts',
  'test/scan/whois.test.ts',
  'test/serve/admission.test.ts',
  'test/serve/batch-order.test.ts',
  'test/serve/expiry.test.ts',
  'test/serve/key-verifier.test.ts',
  'test/serve/stored-answers.test.ts',
];

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Most files wait on child processes, sockets and timers rather than compute: two files at once on a
    // 2-core machine took the suite from about 535 s to 340 s (vitest's default here would be one).
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    projects: [
      { extends: true, test: { name: 'shared-modules', include: SHARED_MODULES, isolate: false } },
      { extends: true, test: { name: 'isolated', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, ...SHARED_MODULES] } },
    ],
  },
});
