// Name → addresses for scan targets. The fetcher dials only addresses this returns (after the address
// policy has seen all of them), so there is exactly one resolution per connection and no second lookup
// inside the socket layer for a rebinding DNS server to answer differently.
import dns from 'node:dns/promises';
import { isIP } from 'node:net';
import { FetchError } from '../errors.js';

export interface TargetResolver {
  /** Every A and AAAA address of `hostname` (IPv4 first); IP literals come back as themselves. */
  resolve(hostname: string, signal?: AbortSignal): Promise<string[]>;
}

/** c-ares defaults (5 s × 4 tries) outlast any scan deadline; a target's DNS answers fast or not at all. */
const QUERY_TIMEOUT_MS = 2000;
const QUERY_TRIES = 2;

// Answers that mean "this name has no record of that type", as opposed to "the lookup failed".
const NO_DATA = new Set<string>([dns.NODATA, dns.NOTFOUND]);

/** `dnsServers`: "ip" or "ip:port" / "[ipv6]:port" entries; empty = the system resolver (getaddrinfo). */
export function createResolver(dnsServers: string[]): TargetResolver {
  for (const s of dnsServers) {
    const host = s.startsWith('[') ? s.slice(1, s.indexOf(']')) : isIP(s) ? s : s.replace(/:\d+$/, '');
    if (isIP(host) === 0) {
      throw new Error(`DNS server "${s}" must be an IP address with an optional port (e.g. 127.0.0.1:5353)`);
    }
  }

  return {
    async resolve(hostname, signal) {
      const literal = ipLiteral(hostname);
      if (literal) return [literal];
      const name = hostname.replace(/\.$/, '');
      signal?.throwIfAborted();
      const addresses = dnsServers.length
        ? await queryServers(name, dnsServers, signal)
        : await systemLookup(name, signal);
      if (addresses.length === 0) {
        throw new FetchError('DNS_FAILED', `${name} has no A or AAAA records`);
      }
      return addresses;
    },
  };
}

function ipLiteral(hostname: string): string | null {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  // WHATWG URL has already rewritten 0x7f.1 / 2130706433 / 0177.0.0.1 hostnames to 127.0.0.1, so a
  // literal here is dotted-quad or IPv6; net.isIP refuses the odd spellings anyway.
  return isIP(bare) ? bare.toLowerCase() : null;
}

async function queryServers(name: string, servers: string[], signal?: AbortSignal): Promise<string[]> {
  // One Resolver per lookup: cancel() aborts every query of its resolver, and we must only cancel ours.
  const resolver = new dns.Resolver({ timeout: QUERY_TIMEOUT_MS, tries: QUERY_TRIES });
  resolver.setServers(servers);
  const onAbort = () => resolver.cancel();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const [a, aaaa] = await Promise.allSettled([resolver.resolve4(name), resolver.resolve6(name)]);
    signal?.throwIfAborted();
    const found = [...fulfilled(a), ...fulfilled(aaaa)];
    if (found.length) return found;
    // Both failed or both empty: report the more telling failure.
    const failure = [a, aaaa].find((r) => r.status === 'rejected' && !NO_DATA.has(errCode(r.reason)));
    if (failure && failure.status === 'rejected') {
      throw new FetchError('DNS_FAILED', `looking up ${name} failed: ${describe(failure.reason)}`, {
        cause: failure.reason,
      });
    }
    const notFound = [a, aaaa].some((r) => r.status === 'rejected' && errCode(r.reason) === dns.NOTFOUND);
    throw new FetchError(
      'DNS_FAILED',
      notFound ? `${name} does not exist (NXDOMAIN)` : `${name} has no A or AAAA records`,
    );
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

async function systemLookup(name: string, signal?: AbortSignal): Promise<string[]> {
  // getaddrinfo cannot be cancelled; the signal only stops us waiting for it.
  const lookup = dns.lookup(name, { all: true, order: 'ipv4first' }).then(
    (rows) => rows.map((r) => r.address),
    (err: unknown) => {
      throw new FetchError('DNS_FAILED', `looking up ${name} failed: ${describe(err)}`, { cause: err });
    },
  );
  if (!signal) return lookup;
  let onAbort!: () => void;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([lookup, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

function fulfilled(r: PromiseSettledResult<string[]>): string[] {
  return r.status === 'fulfilled' ? r.value : [];
}

function errCode(err: unknown): string {
  return typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
}

function describe(err: unknown): string {
  const code = errCode(err);
  if (code === dns.NOTFOUND) return 'the name does not exist (NXDOMAIN)';
  if (code === dns.TIMEOUT) return 'the DNS server did not answer in time';
  if (code === dns.CONNREFUSED) return 'the DNS server refused the query';
  if (code === dns.SERVFAIL) return 'the DNS server failed (SERVFAIL)';
  return code || (err instanceof Error ? err.message : String(err));
}
