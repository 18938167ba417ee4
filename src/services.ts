// The shared services, built once from config: the fetcher, WHOIS facts, the scanner and the store.
import { rules, rulesetVersion } from '../rules/index.js';
import type { AppServices, Ruleset } from './app.js';
import type { Config } from './config.js';
import { loadWeights } from './engine/weights.js';
import { createAnalysisPool } from './scan/analysis-pool.js';
import { createDomainFactsService } from './scan/domain-facts.js';
import { createFetcher } from './scan/safe-fetch.js';
import { createScanner, type Scanner } from './scan/scanner.js';
import { createScanStore } from './store/scan-store.js';
import { openPglite, openPostgres } from './store/sql.js';

export interface Scanning {
  scanner: Scanner;
  ruleset: Ruleset;
  close(): Promise<void>;
}

/** Everything a scan needs, without a store: the CLI uses this alone. */
export function createScanning(config: Config): Scanning {
  const weights = loadWeights(rules, config.weightsFile);
  const fetcher = createFetcher({
    dnsServers: config.dnsServers,
    allowPrivate: config.allowPrivate,
    allowedPorts: config.allowedPorts,
    maxBodyBytes: config.maxBodyBytes,
  });
  const domainFacts = createDomainFactsService({
    whoisServer: config.whoisServer,
    dnsServers: config.dnsServers,
    allowPrivate: config.allowPrivate,
  });
  const pool = createAnalysisPool({
    threads: config.analysisThreads,
    taskTimeoutMs: config.analysisTimeoutMs,
    maxOldGenerationMb: config.analysisMemoryMb,
  });
  const scanner = createScanner({
    rulesetVersion,
    weights,
    allowedPorts: config.allowedPorts,
    scanTimeoutMs: config.scanTimeoutMs,
    fetchPage: (url, opts) => fetcher.fetchPage(url, opts),
    lookupDomain: (domain, signal) => domainFacts.lookup(domain, signal),
    analyze: (task) => pool.analyze(task),
    linkedPages: (page) => pool.linkedPages(page),
  });
  return {
    scanner,
    ruleset: { version: rulesetVersion, rules, weights },
    close: async () => {
      await Promise.all([fetcher.close(), pool.close()]);
    },
  };
}

export interface Services extends AppServices {
  close(): Promise<void>;
}

export async function createServices(config: Config): Promise<Services> {
  const scanning = createScanning(config);
  const sql = config.databaseUrl ? await openPostgres(config.databaseUrl) : await openPglite(config.dataDir);
  const store = await createScanStore(sql);
  return {
    scanner: scanning.scanner,
    ruleset: scanning.ruleset,
    store,
    async close() {
      await scanning.close();
      await store.close();
    },
  };
}
