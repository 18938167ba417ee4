// Which RDAP server answers for a domain (RFC 9224 bootstrap, IANA's dns.json). The service has no internet
// to fetch dns.json at start-up, so a snapshot for the TLDs operator domains use ships here; an operator can
// replace it with a current dns.json (SCAMSCORE_RDAP_BOOTSTRAP). A TLD without an entry (.kr, .io, .co...)
// has no RDAP server and is asked over WHOIS.
import { readFileSync } from 'node:fs';

/** dns.json's shape: each service is [[labels...], [base URLs...]]. */
export interface BootstrapFile {
  publication?: string;
  services: [string[], string[]][];
}

export interface RdapBootstrap {
  /** Base URL (ending in '/') of the RDAP server for `domain` (ASCII), or null when its TLD has none. */
  baseFor(domain: string): URL | null;
  /** Where the mapping came from, for logs and errors. */
  source: string;
}

// From IANA's https://data.iana.org/rdap/dns.json as published 2025-03-04: the gTLDs Korean cash-out
// operators register (DOMAIN.md) and the common ones around them. Not listed there, so not here: kr, io, co, me.
export const BOOTSTRAP_SNAPSHOT: BootstrapFile = {
  publication: '2025-03-04',
  services: [
    [['com'], ['https://rdap.verisign.com/com/v1/']],
    [['net'], ['https://rdap.verisign.com/net/v1/']],
    [['cc'], ['https://tld-rdap.verisign.com/cc/v1/']],
    [['org'], ['https://rdap.publicinterestregistry.org/rdap/']],
    [['info', 'live', 'asia', 'pro', 'mobi', 'life', 'world', 'today'], ['https://rdap.identitydigital.services/rdap/']],
    [['biz'], ['https://rdap.nic.biz/']],
    [['xyz'], ['https://rdap.centralnic.com/xyz/']],
    [['site'], ['https://rdap.centralnic.com/site/']],
    [['online'], ['https://rdap.centralnic.com/online/']],
    [['store'], ['https://rdap.centralnic.com/store/']],
    [['fun'], ['https://rdap.centralnic.com/fun/']],
    [['icu'], ['https://rdap.centralnic.com/icu/']],
    [['space'], ['https://rdap.centralnic.com/space/']],
    [['website'], ['https://rdap.centralnic.com/website/']],
    [['tech'], ['https://rdap.centralnic.com/tech/']],
    [['top'], ['https://rdap.zdnsgtld.com/top/']],
    [['shop'], ['https://rdap.gmoregistry.net/rdap/']],
    [['club'], ['https://rdap.nic.club/']],
    [['vip'], ['https://rdap.nic.vip/']],
    [['tv'], ['https://rdap.nic.tv/']],
    [['app', 'dev'], ['https://pubapi.registry.google/rdap/']],
    [['cloud'], ['https://rdap.registry.cloud/rdap/']],
    [['link', 'click'], ['https://whois.uniregistry.net/rdap/']],
    [['work'], ['https://rdap.nic.work/']],
  ],
};

export function createBootstrap(file: BootstrapFile, source: string): RdapBootstrap {
  const servers = new Map<string, URL>();
  for (const service of file.services ?? []) {
    const [labels, urls] = Array.isArray(service) ? service : [[], []];
    const base = pickBase(Array.isArray(urls) ? urls : []);
    if (!base || !Array.isArray(labels)) continue;
    for (const label of labels) {
      if (typeof label === 'string' && label) servers.set(label.toLowerCase().replace(/^\.|\.$/g, ''), base);
    }
  }
  return {
    source,
    baseFor(domain) {
      // Longest match first: dns.json may list multi-label entries beside TLDs.
      const labels = domain.toLowerCase().split('.');
      for (let i = 1; i < labels.length; i++) {
        const base = servers.get(labels.slice(i).join('.'));
        if (base) return base;
      }
      return null;
    },
  };
}

/** RFC 9224: prefer https when a service lists several; base URLs end in '/' so 'domain/x' is appended. */
function pickBase(urls: unknown[]): URL | null {
  const parsed = urls
    .filter((u): u is string => typeof u === 'string')
    .map((u) => {
      try {
        return new URL(u.endsWith('/') ? u : `${u}/`);
      } catch {
        return null;
      }
    })
    .filter((u): u is URL => u !== null && (u.protocol === 'https:' || u.protocol === 'http:'));
  return parsed.find((u) => u.protocol === 'https:') ?? parsed[0] ?? null;
}

/** The built-in snapshot, or the dns.json-format file at `path` instead (read once, at start-up). */
export function loadBootstrap(path: string | null): RdapBootstrap {
  if (!path) return createBootstrap(BOOTSTRAP_SNAPSHOT, `built-in snapshot of ${BOOTSTRAP_SNAPSHOT.publication}`);
  let file: unknown;
  try {
    file = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`SCAMSCORE_RDAP_BOOTSTRAP: cannot read ${path} as JSON: ${(err as Error).message}`);
  }
  if (!file || typeof file !== 'object' || !Array.isArray((file as BootstrapFile).services)) {
    throw new Error(`SCAMSCORE_RDAP_BOOTSTRAP: ${path} is not a dns.json bootstrap file (no "services" list)`);
  }
  return createBootstrap(file as BootstrapFile, path);
}
