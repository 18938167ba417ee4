// The shared services, built once from config: the fetcher, WHOIS facts, the scanner, the store and the
// admission queue in front of scans.
import { pino, type Logger } from 'pino';
import { rules, rulesetVersion } from '../rules/index.js';
import type { AppServices, Ruleset } from './app.js';
import type { Config } from './config.js';
import { loadWeights } from './engine/weights.js';
import { createAnalysisPool } from './scan/analysis-pool.js';
import { machine, sizeAnalysis } from './scan/analysis-sizing.js';
import { createHttpBusinessRegistry } from './scan/business-registry.js';
import { createDomainFactsService } from './scan/domain-facts.js';
import { createJsonClient } from './scan/json-request.js';
import { loadBootstrap } from './scan/rdap-bootstrap.js';
import { createFetcher } from './scan/safe-fetch.js';
import { createScanner, type Scanner } from './scan/scanner.js';
import { createAdmission } from './serve/admission.js';
import { createMetrics, type Metrics } from './serve/metrics.js';
import { createKeyVerifier } from './serve/keys.js';
import { countingFetch, countingLookup } from './serve/scan-metrics.js';
import { createApiKeyStore, type ApiKeyStore } from './store/api-keys.js';
import { createScanService } from './serve/scan-service.js';
import { createRescorer } from './scan/rescore.js';
import { createCasework } from './store/casework.js';
import { createEvidenceStore } from './store/evidence.js';
import { openPostgres } from './store/postgres.js';
import { createRecall, type Recall } from './store/recall.js';
import { createScanStore } from './store/scan-store.js';
import { openPglite, type SqlClient } from './store/sql.js';
import { createBatches, type Batches } from './serve/batch-service.js';
import { createLookups } from './serve/lookup.js';
import { openRedis } from './serve/redis.js';
import { createMemoryVerdictCache, createRedisVerdictCache } from './serve/verdict-cache.js';

export interface Scanning {
  scanner: Scanner;
  ruleset: Ruleset;
  close(): Promise<void>;
}

/** Everything a scan needs; without `recall` (the CLI's check) no store is consulted and the memory rules do not run. */
export function createScanning(config: Config, memory: { recall?: Recall; metrics?: Metrics } = {}): Scanning {
  const weights = loadWeights(rules, config.weightsFile);
  const fetcher = createFetcher({
    dnsServers: config.dnsServers,
    allowPrivate: config.allowPrivate,
    allowedPorts: config.allowedPorts,
    maxBodyBytes: config.maxBodyBytes,
  });
  // RDAP servers and the business registry are reached under the same address policy as scanned pages.
  const jsonClient = createJsonClient({ dnsServers: config.dnsServers, allowPrivate: config.allowPrivate });
  const domainFacts = createDomainFactsService({
    whoisServer: config.whoisServer,
    dnsServers: config.dnsServers,
    allowPrivate: config.allowPrivate,
    rdap: config.rdap === 'off' ? null : { client: jsonClient, bootstrap: loadBootstrap(config.rdapBootstrapFile) },
  });
  const businessRegistry = config.bizRegistryUrl
    ? createHttpBusinessRegistry({ url: config.bizRegistryUrl, key: config.bizRegistryKey, client: jsonClient })
    : null;
  // Threads and heap limits fitted to the memory budget, with the store this process will open.
  const sizing = sizeAnalysis({
    threads: config.analysisThreads,
    heapMb: config.analysisMemoryMb,
    budgetMb: config.memoryBudgetMb,
    store: config.databaseUrl ? 'postgres' : 'pglite',
    ...machine(),
  });
  const pool = createAnalysisPool({
    threads: sizing.threads,
    maxOldGenerationMb: sizing.maxOldGenerationMb,
    maxYoungGenerationMb: sizing.maxYoungGenerationMb,
    taskTimeoutMs: config.analysisTimeoutMs,
    nice: config.threadNice,
    policy: config.threadPolicy,
    // Admission lets at most maxScans scans run, each with one analysis task at a time.
    maxQueue: config.maxScans,
  });
  let fetchPage = (url: URL, opts: { signal: AbortSignal }) => fetcher.fetchPage(url, opts);
  let lookupDomain = (domain: string, signal?: AbortSignal) => domainFacts.lookup(domain, signal);
  if (memory.metrics) {
    fetchPage = countingFetch(memory.metrics, fetchPage);
    lookupDomain = countingLookup(memory.metrics, lookupDomain);
  }
  const scanner = createScanner({
    rulesetVersion,
    weights,
    allowedPorts: config.allowedPorts,
    scanTimeoutMs: config.scanTimeoutMs,
    fetchPage,
    lookupDomain,
    analyze: (task) => pool.analyze(task),
    linkedPages: (page) => pool.linkedPages(page),
    businessNumbers: (pages) => pool.businessNumbers(pages),
    businessRegistry,
    recall: memory.recall ?? null,
  });
  return {
    scanner,
    ruleset: { version: rulesetVersion, rules, weights },
    close: async () => {
      await Promise.all([fetcher.close(), pool.close(), jsonClient.close()]);
    },
  };
}

export interface Services extends AppServices {
  /** The API keys' SQL (what `scamscore keys` uses); the app only sees the cached verifier. */
  keyStore: ApiKeyStore;
  /** Closes in order, the store last; `onStep` is told each one as it starts (a hung shutdown names it). */
  close(onStep?: (service: ClosingStep) => void): Promise<void>;
}

export type ClosingStep = 'batches' | 'scanning' | 'lookups' | 'store';

/** How often raw evidence past its retention is dropped. */
const PURGE_EVERY_MS = 60 * 60_000;

async function openStore(config: Config, log: Logger): Promise<SqlClient> {
  // The store's thread keeps the process's priority (SCAMSCORE_THREAD_NICE lowers the analysis threads only):
  // every scan, batch item and lookup waits on it in turn, and lowered under load it became a batch's bottleneck.
  if (!config.databaseUrl) return openPglite(config.dataDir);
  return openPostgres(config.databaseUrl, {
    connectTimeoutMs: config.dbConnectTimeoutMs,
    queryTimeoutMs: config.dbQueryTimeoutMs,
    onConnectionLost: (err) => log.warn({ err: err.message }, 'a database connection was ended by the server; it will be replaced'),
  });
}

export async function createServices(config: Config, log: Logger = pino({ level: config.logLevel })): Promise<Services> {
  const sql = await openStore(config, log);
  let store;
  try {
    const evidence = createEvidenceStore(sql, { retentionDays: config.evidenceRetentionDays });
    store = await createScanStore(sql, { evidence });
  } catch (err) {
    await sql.close();
    throw err;
  }
  const plainCasework = createCasework(sql, { knownRules: rules.map((r) => r.meta.id) });
  const metrics = createMetrics();
  const lookupCache = config.redisUrl
    ? createRedisVerdictCache(openRedis(config.redisUrl, { log }), {
        prefix: config.redisPrefix,
        ttlMs: config.lookupCacheTtlSeconds * 1000,
        log,
        near: config.lookupCacheEntries ? { subscriber: openRedis(config.redisUrl, { log }), maxEntries: config.lookupCacheEntries } : undefined,
      })
    : createMemoryVerdictCache({ maxEntries: Math.max(1, config.lookupCacheEntries), ttlMs: config.lookupCacheEntries ? config.lookupCacheTtlSeconds * 1000 : 1 });
  let lookups: ReturnType<typeof createLookups> | undefined;
  // Lookups must not keep serving an answer a new scan or an analyst's verdict changed: both drop it as they land.
  const plainSave = store.save.bind(store);
  store.save = async (result, planned, requestedBy, alsoWrite) => {
    await plainSave(result, planned, requestedBy, alsoWrite);
    await lookups?.scanStored(result);
  };
  const casework = {
    ...plainCasework,
    async recordVerdict(input: Parameters<typeof plainCasework.recordVerdict>[0]) {
      const verdict = await plainCasework.recordVerdict(input);
      await lookups?.verdictChanged(verdict.domain);
      return verdict;
    },
    async withdrawVerdict(id: string, input: Parameters<typeof plainCasework.withdrawVerdict>[1]) {
      const withdrawn = await plainCasework.withdrawVerdict(id, input);
      await lookups?.verdictChanged(withdrawn.domain);
      return withdrawn;
    },
  };
  const keyStore = createApiKeyStore(sql);
  const scanning = createScanning(config, { recall: createRecall(sql, casework), metrics });
  const admission = createAdmission({ concurrency: config.maxScans, maxQueue: config.scanQueue, maxWaitMs: config.scanQueueWaitMs });
  const scans = createScanService({
    scanner: scanning.scanner,
    store,
    admission,
    metrics,
    evidence: { maxBytesPerScan: config.evidenceMaxBytes, retentionDays: config.evidenceRetentionDays },
  });
  lookups = createLookups({ sql, scanner: scanning.scanner, scans, cache: lookupCache, metrics, log });
  const purge = () =>
    store.evidence
      ?.purgeExpired()
      .then((n) => n.scans && log.info(n, 'raw evidence past its retention was dropped'))
      .catch((err: Error) => log.warn({ err: err.message }, 'dropping expired evidence failed; it will be tried again'));
  const purgeTimer = config.evidenceRetentionDays === null ? null : setInterval(purge, PURGE_EVERY_MS).unref();
  if (purgeTimer) void purge();
  let batches: Batches | null = null;
  return {
    scanner: scanning.scanner,
    ruleset: scanning.ruleset,
    store,
    casework,
    metrics,
    scans,
    lookups,
    // Built on first use, from the scan service above, so a process that never runs batches opens no queue.
    get batches() {
      return (batches ??= createBatches({
        sql,
        scanner: scanning.scanner,
        scans,
        casework,
        metrics,
        log,
        options: {
          concurrency: config.batchConcurrency,
          hostGapMs: config.batchHostGapMs,
          lockDurationMs: config.batchLockMs,
          stalledIntervalMs: config.batchStalledMs,
          retryDelayMs: config.batchRetryMs,
          // Workers must reach the batch rows: with the embedded store only this process can, so batches run here.
          redisUrl: config.databaseUrl ? config.redisUrl : null,
          redisPrefix: config.redisPrefix,
          events: { heartbeatMs: config.batchHeartbeatMs, pollMs: config.batchPollMs },
        },
      }));
    },
    keyStore,
    apiKeys: createKeyVerifier(keyStore),
    access: {
      listenHost: config.host,
      allowOpen: config.open,
      rateLimits: config.rateLimits,
      // A keyless loopback install serves its own machine (the operator, the CLI-like scripts, the benches): its
      // callers are counted only when asked to; one opened to others (SCAMSCORE_OPEN) always is.
      limitAnonymous: config.open || config.rateLimitsSet,
      corsOrigins: config.corsOrigins,
      redisUrl: config.redisUrl,
      redisPrefix: config.redisPrefix,
    },
    rescore: createRescorer({ scanner: scanning.scanner, store, weights: scanning.ruleset.weights, rulesetVersion: scanning.ruleset.version }),
    async close(onStep = () => {}) {
      if (purgeTimer) clearInterval(purgeTimer);
      // Before the store: running batch items finish (waiting ones stay pending for the next start).
      onStep('batches');
      await batches?.close();
      onStep('scanning');
      await scanning.close();
      onStep('lookups');
      await lookups?.close();
      onStep('store');
      await store.close();
    },
  };
}
