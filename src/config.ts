// Environment → typed, validated config. Every field has a working default, so `npm start` on a fresh
// machine serves on the embedded store.
import path from 'node:path';
import { z } from 'zod';

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
  SCAMSCORE_ALLOW_PRIVATE: z.string().optional(),
  SCAMSCORE_ALLOWED_PORTS: z.string().optional(),
  SCAMSCORE_SCAN_TIMEOUT_MS: z.coerce.number().int().min(1000).max(120_000).default(15_000),
  SCAMSCORE_MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(50_000_000).default(2_000_000),
  SCAMSCORE_WEIGHTS: z.string().optional(),
  SCAMSCORE_ANALYSIS_THREADS: z.coerce.number().int().min(1).max(64).optional(),
  SCAMSCORE_ANALYSIS_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  SCAMSCORE_ANALYSIS_MEMORY_MB: z.coerce.number().int().min(32).max(4096).default(256),
  DATABASE_URL: z.string().url().optional(),
  REDIS_URL: z.string().url().optional(),
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
  /** CIDRs exempt from the private-address block (tests and labs only). */
  allowPrivate: string[];
  allowedPorts: number[];
  scanTimeoutMs: number;
  maxBodyBytes: number;
  weightsFile: string | null;
  /** Worker threads that parse pages and run rules (default: cores - 1, at most 4). */
  analysisThreads: number | undefined;
  analysisTimeoutMs: number;
  analysisMemoryMb: number;
  databaseUrl: string | null;
  redisUrl: string | null;
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
    allowPrivate: list(e.SCAMSCORE_ALLOW_PRIVATE),
    allowedPorts: ports.length ? ports : [80, 443, 8080, 8443],
    scanTimeoutMs: e.SCAMSCORE_SCAN_TIMEOUT_MS,
    maxBodyBytes: e.SCAMSCORE_MAX_BODY_BYTES,
    weightsFile: e.SCAMSCORE_WEIGHTS ?? null,
    analysisThreads: e.SCAMSCORE_ANALYSIS_THREADS,
    analysisTimeoutMs: e.SCAMSCORE_ANALYSIS_TIMEOUT_MS,
    analysisMemoryMb: e.SCAMSCORE_ANALYSIS_MEMORY_MB,
    databaseUrl: e.DATABASE_URL ?? null,
    redisUrl: e.REDIS_URL ?? null,
  };
}
