// The whole service against loopback stand-ins for the internet: a DNS server that knows the test sites,
// a WHOIS server with their records and a web server that serves them. Scans go through the real fetch
// path (resolver, address policy, undici) and the real WHOIS client. RDAP is off unless a site opts in
// (SiteSpec.rdap): then a loopback RDAP server answers for it too, and a bootstrap file points its TLD there.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp, type PressureLimits } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createServices, type Services } from '../../src/services.js';
import { startDnsServer, type DnsRecord, type DnsServer } from './dns-server.js';
import { rdapDomain, startRdapServer, type RdapServer } from './rdap-server.js';
import { startWebServer, type Sites, type WebServer } from './web-server.js';
import { gtldReply, krReply, startWhoisServer, type ReplyFacts, type WhoisServer } from './whois-server.js';

const DAY = 86_400_000;

export interface SiteSpec {
  routes: Sites[string];
  /** WHOIS record of the site's domain; null = "No match"; { raw } = this reply text as it is. */
  whois: (Omit<ReplyFacts, 'created'> & { ageDays: number; format?: 'gtld' | 'kr' }) | { raw: string } | null;
  /** Also serve this record over RDAP (SCAMSCORE_RDAP=auto with a bootstrap for its TLD); WHOIS keeps it too. */
  rdap?: boolean;
}

export interface Harness extends StandIns {
  app: FastifyInstance;
  services: Services;
  config: Config;
}

export interface StandIns {
  web: WebServer;
  dns: DnsServer;
  whois: WhoisServer;
  /** The RDAP stand-in, when a site opted in (SiteSpec.rdap); null otherwise. */
  rdap: RdapServer | null;
  /** Environment that points the service (or the CLI) at the stand-ins. */
  env: Record<string, string>;
  url(host: string, path?: string): string;
  close(): Promise<void>;
}

/** The loopback DNS, WHOIS and web servers for these sites, and the environment that points at them. */
export async function startStandIns(
  sites: Record<string, SiteSpec>,
  extraEnv: Record<string, string> = {},
  options: { extraPorts?: number[]; dns?: Record<string, DnsRecord> } = {},
): Promise<StandIns> {
  const web = await startWebServer(Object.fromEntries(Object.entries(sites).map(([host, s]) => [host, s.routes])));
  const dns = await startDnsServer({ ...Object.fromEntries(Object.keys(sites).map((host) => [host, '127.0.0.1'])), ...options.dns });
  const records: Record<string, string> = {};
  for (const [host, s] of Object.entries(sites)) {
    if (!s.whois) continue;
    const domain = host.replace(/^www\./, '');
    if ('raw' in s.whois) {
      records[domain] = s.whois.raw;
      continue;
    }
    const facts = { ...s.whois, created: new Date(Date.now() - s.whois.ageDays * DAY) };
    records[domain] = (s.whois.format ?? (domain.endsWith('.kr') ? 'kr' : 'gtld')) === 'kr' ? krReply(domain, facts) : gtldReply(domain, facts);
  }
  const whois = await startWhoisServer(records);
  const rdap = await startRdapStandIn(sites);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scamscore-test-'));
  const env = {
    SCAMSCORE_DNS_SERVERS: dns.address,
    SCAMSCORE_WHOIS_SERVER: whois.address,
    // Off unless a site opts in: the built-in bootstrap would send .com/.top/... to the real registries.
    ...(rdap ? { SCAMSCORE_RDAP: 'auto', SCAMSCORE_RDAP_BOOTSTRAP: rdap.bootstrap } : { SCAMSCORE_RDAP: 'off' }),
    SCAMSCORE_ALLOW_PRIVATE: '127.0.0.0/8',
    SCAMSCORE_ALLOWED_PORTS: [80, 443, web.port, ...(options.extraPorts ?? [])].join(','),
    SCAMSCORE_DATA_DIR: dataDir,
    SCAMSCORE_SCAN_TIMEOUT_MS: '8000',
    LOG_LEVEL: 'silent',
    ...extraEnv,
  };
  return {
    web,
    dns,
    whois,
    rdap: rdap?.server ?? null,
    env,
    url: (host, p = '/') => web.url(host, p),
    async close() {
      await Promise.all([web.close(), dns.close(), whois.close(), rdap?.server.close()]);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The RDAP server for the sites that opted in, and a bootstrap file sending their TLDs to it; null when none did. */
async function startRdapStandIn(sites: Record<string, SiteSpec>): Promise<{ server: RdapServer; bootstrap: string } | null> {
  const records: Record<string, Record<string, unknown>> = {};
  for (const [host, s] of Object.entries(sites)) {
    if (!s.rdap || !s.whois || 'raw' in s.whois) continue;
    const domain = host.replace(/^www\./, '');
    records[domain] = rdapDomain(domain, { ...s.whois, created: new Date(Date.now() - s.whois.ageDays * DAY) });
  }
  const domains = Object.keys(records);
  if (domains.length === 0) return null;
  const server = await startRdapServer(records);
  const tlds = [...new Set(domains.map((d) => d.slice(d.lastIndexOf('.') + 1)))];
  return { server, bootstrap: server.bootstrapFile(tlds) };
}

/** The stand-ins plus the whole service in-process, for app.inject. */
export async function startHarness(
  sites: Record<string, SiteSpec>,
  extraEnv: Record<string, string> = {},
  options: { extraPorts?: number[]; dns?: Record<string, DnsRecord>; pressure?: Partial<PressureLimits> } = {},
): Promise<Harness> {
  const standIns = await startStandIns(sites, extraEnv, options);
  const config = loadConfig(standIns.env);
  const services = await createServices(config);
  const app = await buildApp(services, { pressure: options.pressure });
  return {
    ...standIns,
    app,
    services,
    config,
    async close() {
      await app.close();
      await services.close();
      await standIns.close();
    },
  };
}
