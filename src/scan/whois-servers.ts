// Which WHOIS server a query goes to first. The operator's SCAMSCORE_WHOIS_SERVER wins; otherwise the
// registry's server for the TLD from the `whois` package's servers.json, which stays the maintained table
// even though that package no longer owns the socket.
import { createRequire } from 'node:module';

export interface WhoisServerAddress {
  host: string;
  port: number;
  /** Query line with `$addr` for the domain; registries such as Verisign want `DOMAIN $addr\r\n`. */
  query: string;
}

type TableEntry = string | { host: string; port?: number; query?: string } | null;

const DEFAULT_QUERY = '$addr\r\n';

// `whois` is a dependency of whois-json, not ours: resolve it from there, so a nested install still works.
// The JSON is read through require because the package's ESM entry also loads its socket and proxy code.
const fromWhoisJson = createRequire(createRequire(import.meta.url).resolve('whois-json'));
const TABLE = fromWhoisJson('whois/servers.json') as Record<string, TableEntry>;

/** 'host:port' or '[v6]:port' → its parts; a bare host means port 43 (RFC 3912). */
export function parseHostPort(server: string): { host: string; port: number } {
  const m = /^\[([^\]]+)\]:(\d{1,5})$/.exec(server) ?? /^([^:]+):(\d{1,5})$/.exec(server);
  if (!m) return { host: server, port: 43 };
  return { host: m[1]!, port: Number(m[2]) };
}

/** The configured server as written (the operator's choice, dialled as configured), always with `$addr\r\n`. */
export function configuredServer(server: string): WhoisServerAddress {
  return { ...parseHostPort(server), query: DEFAULT_QUERY };
}

/**
 * The registry's server for an ASCII domain: the longest suffix the table knows (`co.kr` before `kr`, as the
 * whois package does). Null entries mean "no public WHOIS" and are skipped like missing ones.
 */
export function registryServer(asciiDomain: string): WhoisServerAddress | null {
  let suffix = asciiDomain;
  while (suffix) {
    const entry = Object.hasOwn(TABLE, suffix) ? TABLE[suffix] : null;
    if (typeof entry === 'string') return { ...parseHostPort(entry), query: DEFAULT_QUERY };
    if (entry && typeof entry.host === 'string') {
      const port = Number.isInteger(entry.port) ? entry.port! : 43;
      return { host: entry.host, port, query: entry.query ?? DEFAULT_QUERY };
    }
    const dot = suffix.indexOf('.');
    suffix = dot === -1 ? '' : suffix.slice(dot + 1);
  }
  return null;
}

/** 'host:port' for messages and DomainFacts.server, with IPv6 hosts bracketed. */
export function formatServer(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
