// Environment → typed, validated config. Every field has a working default, so `npm start` on a fresh
// machine serves on the embedded store.
import path from 'node:path';
import { z } from 'zod';
import { parseRateLimits, type RateLimits } from './serve/rate-limits.js';

const hostPort = z
  .string()
  .regex(/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/, 'expected host:port');

const list = (s: string | undefined) =>
  (s ?? '')
    .split(/[,\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SCAMSCORE_DATA_DIR: z.string().min(1).default(path.resolve('data')),
  SCAMSCORE_DNS_SERVERS: z.string().optional(),
  SCAMSCORE_WHOIS_SERVER: hostPort.optional(),
  SCAMSCORE_RDAP: z.enum(['off', 'auto']).default('auto'),
  SCAMSCORE_RDAP_BOOTSTRAP: z.string().min(1).optional(),
  SCAMSCORE_BIZ_REGISTRY_URL: z.string().url().refine((u) => /^https?:/i.test(u), 'expected an http(s) URL').optional(),
  SCAMSCORE_BIZ_REGISTRY_KEY: z.string().min(1).optional(),
  SCAMSCORE_ALLOW_PRIVATE: z.string().optional(),
  SCAMSCORE_ALLOWED_PORTS: z.string().optional(),
  SCAMSCORE_SCAN_TIMEOUT_MS: z.coerce.number().int().min(1000).max(120_000).default(15_000),
  SCAMSCORE_MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(50_000_000).default(2_000_000),
  SCAMSCORE_WEIGHTS: z.string().optional(),
  SCAMSCORE_ANALYSIS_THREADS: z.coerce.number().int().min(1).max(64).optional(),
  SCAMSCORE_ANALYSIS_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  SCAMSCORE_ANALYSIS_MEMORY_MB: z.coerce.number().int().min(32).max(4096).optional(),
  SCAMSCORE_THREAD_NICE: z.coerce.number().int().min(0).max(19).default(10),
  SCAMSCORE_THREAD_POLICY: z.enum(['idle', 'nice']).default('nice'),
  SCAMSCORE_MEMORY_MB: z.coerce.number().int().min(128).max(1_000_000).optional(),
  SCAMSCORE_MAX_SCANS: z.coerce.number().int().min(1).max(10_000).default(32),
  SCAMSCORE_SCAN_QUEUE: z.coerce.number().int().min(0).max(100_000).default(2_000),
  SCAMSCORE_SCAN_QUEUE_WAIT_MS: z.coerce.number().int().min(0).max(600_000).default(30_000),
  SCAMSCORE_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  SCAMSCORE_DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5_000),
  SCAMSCORE_DB_QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5_000),
  SCAMSCORE_EVIDENCE_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).optional(),
  SCAMSCORE_EVIDENCE_MAX_BYTES: z.coerce.number().int().min(0).max(1_000_000_000).default(10_000_000),
  DATABASE_URL: z.string().url().optional(),
  REDIS_URL: z.string().url().optional(),
  SCAMSCORE_REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, _ . - (1-64)').default('scamscore'),
  SCAMSCORE_BATCH_CONCURRENCY: z.coerce.number().int().min(1).max(1_000).default(8),
  SCAMSCORE_BATCH_HOST_GAP_MS: z.coerce.number().int().min(0).max(600_000).default(1_000),
  SCAMSCORE_BATCH_LOCK_MS: z.coerce.number().int().min(500).max(600_000).default(30_000),
  SCAMSCORE_BATCH_STALLED_MS: z.coerce.number().int().min(200).max(600_000).default(30_000),
  SCAMSCORE_BATCH_RETRY_MS: z.coerce.number().int().min(0).max(600_000).default(2_000),
  SCAMSCORE_BATCH_HEARTBEAT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
  SCAMSCORE_BATCH_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1_000),
  SCAMSCORE_LOOKUP_CACHE_ENTRIES: z.coerce.number().int().min(0).max(10_000_000).default(100_000),
  SCAMSCORE_LOOKUP_CACHE_TTL_S: z.coerce.number().int().min(1).max(86_400).default(300),
  SCAMSCORE_OPEN: z.enum(['0', '1', 'true', 'false']).default('0'),
  SCAMSCORE_RATE_LIMITS: z.string().optional(),
  SCAMSCORE_CORS_ORIGINS: z.string().optional(),
});

export interface Config {
  port: number;
  host: string;
  logLevel: string;
  dataDir: string;
  /** host:port of DNS servers used to resolve scan targets; empty = the system resolver. */
  dnsServers: string[];
  /** host:port every WHOIS query goes to; null = the registry's server for the TLD. */
  whoisServer: string | null;
  /** 'auto': RDAP for TLDs the bootstrap maps, WHOIS for the rest; 'off': WHOIS only. */
  rdap: 'off' | 'auto';
  /** dns.json-format file replacing the built-in RDAP bootstrap snapshot; null = the snapshot. */
  rdapBootstrapFile: string | null;
  /** 사업자등록 status endpoint (NTS status API shape); null = no registry lookups. */
  bizRegistryUrl: string | null;
  /** Sent as the serviceKey query parameter of registry lookups; null = none. */
  bizRegistryKey: string | null;
  /** CIDRs exempt from the private-address block (tests and labs only). */
  allowPrivate: string[];
  allowedPorts: number[];
  scanTimeoutMs: number;
  maxBodyBytes: number;
  weightsFile: string | null;
  /** Worker threads that parse pages and run rules (default: cores - 1, at most 4). */
  analysisThreads: number | undefined;
  analysisTimeoutMs: number;
  /** Heap limit of each analysis worker; undefined = sized from the memory budget (analysis-pool.ts). */
  analysisMemoryMb: number | undefined;
  /** Nice value of the analysis threads (Linux), so the HTTP thread wins the CPU; 0 leaves them as they are. */
  threadNice: number;
  /** 'idle': the analysis threads also run under SCHED_IDLE (Linux), so a waking HTTP thread takes the CPU at once; opt-in. */
  threadPolicy: 'idle' | 'nice';
  /** Memory the whole process may use; undefined = derived from the machine's (or cgroup's) memory. */
  memoryBudgetMb: number | undefined;
  /** Scans running at once (fetch, WHOIS, analysis); more wait in the admission queue. */
  maxScans: number;
  /** Scans that may wait for a slot; beyond it a scan is refused at once with 503. */
  scanQueue: number;
  /** How long a scan may wait for a slot before it is refused with 503. */
  scanQueueWaitMs: number;
  /** On SIGTERM, how long in-flight requests may take to finish before connections are cut. */
  shutdownGraceMs: number;
  /** Postgres (DATABASE_URL): time to get a connection, and time one statement may take (locks included). */
  dbConnectTimeoutMs: number;
  dbQueryTimeoutMs: number;
  /** Days the raw evidence (page bytes, WHOIS replies) of a scan is kept; null = kept for good. Answers are kept regardless. */
  evidenceRetentionDays: number | null;
  /** Raw evidence kept per scan; past it linked pages, then the main page are dropped (and the answer says so). */
  evidenceMaxBytes: number;
  databaseUrl: string | null;
  redisUrl: string | null;
  /** Prefix of every Redis key (cache, limits, queues): several deployments can share one Redis. */
  redisPrefix: string;
  /** Batch items scanned at once per process (the API without Redis, each worker with it). */
  batchConcurrency: number;
  /** Least time between the starts of two batch scans of one host (shared by all workers through Redis). */
  batchHostGapMs: number;
  /** BullMQ lock of a running batch job, and how often lapsed locks are looked for: a dead worker's jobs are retried after about lock + interval. */
  batchLockMs: number;
  batchStalledMs: number;
  /** Wait before a batch job that failed transiently (503) is tried again; doubled each try. */
  batchRetryMs: number;
  /** Server-sent events of a batch: a heartbeat comment this often, and progress read from the store this often. */
  batchHeartbeatMs: number;
  batchPollMs: number;
  /** Lookup answers kept in the in-process cache (without REDIS_URL); 0 = no cache. */
  lookupCacheEntries: number;
  /** How long a cached lookup answer lives at most, invalidation aside (a backstop, not the freshness rule). */
  lookupCacheTtlSeconds: number;
  /** Serve without API keys even when HOST is not loopback (SCAMSCORE_OPEN=1); on loopback a keyless store is open anyway. */
  open: boolean;
  /** Requests per key (per address on open installs) and scope, per window. */
  rateLimits: RateLimits;
  /** SCAMSCORE_RATE_LIMITS was given: then callers without a key are limited even on a loopback install. */
  rateLimitsSet: boolean;
  /** Origins allowed by CORS: exact origins or patterns with `*` (`moz-extension://*`); empty = no CORS. */
  corsOrigins: string[];
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  const dnsServers = list(e.SCAMSCORE_DNS_SERVERS);
  for (const s of dnsServers) {
    // Resolving the resolver by name would need a resolver: DNS servers are addresses.
    const bare = s.replace(/^\[(.*)\](:\d+)?$/, '$1').replace(/^([\d.]+):\d+$/, '$1');
    if (!z.union([z.ipv4(), z.ipv6()]).safeParse(bare).success) {
      throw new Error(`invalid configuration: SCAMSCORE_DNS_SERVERS entry "${s}" must be ip, ip:port or [ipv6]:port`);
    }
  }
  const ports = list(e.SCAMSCORE_ALLOWED_PORTS).map(Number);
  if (ports.some((p) => !Number.isInteger(p) || p < 1 || p > 65535)) {
    throw new Error('invalid configuration: SCAMSCORE_ALLOWED_PORTS must list ports 1-65535');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    dataDir: e.SCAMSCORE_DATA_DIR,
    dnsServers,
    whoisServer: e.SCAMSCORE_WHOIS_SERVER ?? null,
    rdap: e.SCAMSCORE_RDAP,
    rdapBootstrapFile: e.SCAMSCORE_RDAP_BOOTSTRAP ?? null,
    bizRegistryUrl: e.SCAMSCORE_BIZ_REGISTRY_URL ?? null,
    bizRegistryKey: e.SCAMSCORE_BIZ_REGISTRY_KEY ?? null,
    allowPrivate: list(e.SCAMSCORE_ALLOW_PRIVATE),
    allowedPorts: ports.length ? ports : [80, 443, 8080, 8443],
    scanTimeoutMs: e.SCAMSCORE_SCAN_TIMEOUT_MS,
    maxBodyBytes: e.SCAMSCORE_MAX_BODY_BYTES,
    weightsFile: e.SCAMSCORE_WEIGHTS ?? null,
    analysisThreads: e.SCAMSCORE_ANALYSIS_THREADS,
    analysisTimeoutMs: e.SCAMSCORE_ANALYSIS_TIMEOUT_MS,
    analysisMemoryMb: e.SCAMSCORE_ANALYSIS_MEMORY_MB,
    threadNice: e.SCAMSCORE_THREAD_NICE,
    threadPolicy: e.SCAMSCORE_THREAD_POLICY,
    memoryBudgetMb: e.SCAMSCORE_MEMORY_MB,
    maxScans: e.SCAMSCORE_MAX_SCANS,
    scanQueue: e.SCAMSCORE_SCAN_QUEUE,
    scanQueueWaitMs: e.SCAMSCORE_SCAN_QUEUE_WAIT_MS,
    shutdownGraceMs: e.SCAMSCORE_SHUTDOWN_GRACE_MS,
    dbConnectTimeoutMs: e.SCAMSCORE_DB_CONNECT_TIMEOUT_MS,
    dbQueryTimeoutMs: e.SCAMSCORE_DB_QUERY_TIMEOUT_MS,
    evidenceRetentionDays: e.SCAMSCORE_EVIDENCE_RETENTION_DAYS ?? null,
    evidenceMaxBytes: e.SCAMSCORE_EVIDENCE_MAX_BYTES,
    databaseUrl: e.DATABASE_URL ?? null,
    redisUrl: e.REDIS_URL ?? null,
    redisPrefix: e.SCAMSCORE_REDIS_PREFIX,
    batchConcurrency: e.SCAMSCORE_BATCH_CONCURRENCY,
    batchHostGapMs: e.SCAMSCORE_BATCH_HOST_GAP_MS,
    batchLockMs: e.SCAMSCORE_BATCH_LOCK_MS,
    batchStalledMs: e.SCAMSCORE_BATCH_STALLED_MS,
    batchRetryMs: e.SCAMSCORE_BATCH_RETRY_MS,
    batchHeartbeatMs: e.SCAMSCORE_BATCH_HEARTBEAT_MS,
    batchPollMs: e.SCAMSCORE_BATCH_POLL_MS,
    lookupCacheEntries: e.SCAMSCORE_LOOKUP_CACHE_ENTRIES,
    lookupCacheTtlSeconds: e.SCAMSCORE_LOOKUP_CACHE_TTL_S,
    open: e.SCAMSCORE_OPEN === '1' || e.SCAMSCORE_OPEN === 'true',
    rateLimits: (() => {
      try {
        return parseRateLimits(e.SCAMSCORE_RATE_LIMITS);
      } catch (err) {
        throw new Error(`invalid configuration: ${(err as Error).message}`);
      }
    })(),
    rateLimitsSet: e.SCAMSCORE_RATE_LIMITS !== undefined,
    corsOrigins: list(e.SCAMSCORE_CORS_ORIGINS),
  };
}
