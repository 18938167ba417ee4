// Which URLs the scanner agrees to fetch, judged on the URL alone. Addresses are judged later, at connect
// time (address-policy.ts), because only then do we know what a name really points at: this module refuses
// what is wrong before any DNS query, and says which rule refused what so a person can fix the input.
import { isIP } from 'node:net';
import { BadInputError, TargetRefusedError } from '../errors.js';

export interface UrlPolicy {
  allowedPorts: number[];
}

/** Browsers and proxies cut off around 2 KB; longer "URLs" are abuse or a payload, not a site. */
export const MAX_URL_LENGTH = 2048;

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443 };

// Names that point inside the machine, the LAN or the cloud provider. Exact names first, then suffixes
// (a suffix entry refuses the name itself and every name under it).
const REFUSED_NAMES: Record<string, string> = {
  localhost: 'it names this machine',
  'localhost.localdomain': 'it names this machine',
  metadata: 'it is a cloud metadata service name',
  'metadata.google.internal': 'it is a cloud metadata service name',
  'instance-data': 'it is a cloud metadata service name',
  'instance-data.ec2.internal': 'it is a cloud metadata service name',
  'metadata.tencentyun.com': 'it is a cloud metadata service name',
  'metadata.platformequinix.com': 'it is a cloud metadata service name',
  'metadata.packet.net': 'it is a cloud metadata service name',
  kubernetes: 'it is a cluster-internal service name',
  'kubernetes.default': 'it is a cluster-internal service name',
};

const REFUSED_SUFFIXES: [suffix: string, why: string][] = [
  ['localhost', 'names under .localhost point at this machine'],
  ['localdomain', 'names under .localdomain are local to this machine'],
  ['local', 'names under .local are link-local (mDNS)'],
  ['internal', 'names under .internal are private-use (cloud and intranet)'],
  ['home.arpa', 'names under .home.arpa are home-network names'],
  ['svc', 'names under .svc are cluster-internal service names'],
  ['onion', 'names under .onion are not reachable through DNS'],
];

/** True for an IPv4 literal or an IPv6 literal with or without brackets (as URL.hostname gives it). */
export function isIpLiteral(hostname: string): boolean {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return isIP(bare) !== 0;
}

/**
 * Parse a target URL once (WHATWG) and refuse what we never fetch. Throws TargetRefusedError naming the rule;
 * BadInputError when the text is not a well-formed absolute URL (too long, control characters, relative).
 */
export function checkTargetUrl(input: string, policy: UrlPolicy): URL {
  if (input.length > MAX_URL_LENGTH) {
    throw new BadInputError(`URL is ${input.length} characters long (limit ${MAX_URL_LENGTH})`);
  }
  // The URL parser silently drops tabs and newlines and trims C0 controls: refuse them instead, so what we
  // fetch is exactly what the person sees.
  const control = /[\u0000-\u001f\u007f-\u009f]/.exec(input);
  if (control) {
    const cp = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    throw new BadInputError(`URL contains a control character (U+${cp}) at position ${control.index}`);
  }

  let url: URL;
  try {
    url = new URL(input);
  } catch (err) {
    throw new BadInputError(`"${input}" is not an absolute URL (expected http://... or https://...)`, {
      cause: err,
    });
  }

  const defaultPort = DEFAULT_PORTS[url.protocol];
  if (defaultPort === undefined) {
    throw new TargetRefusedError(`scheme "${url.protocol.slice(0, -1)}" is not allowed (only http and https)`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new TargetRefusedError('URLs with a user name or password (user@host) are not allowed');
  }

  const port = url.port === '' ? defaultPort : Number(url.port);
  if (!policy.allowedPorts.includes(port)) {
    throw new TargetRefusedError(`port ${port} is not allowed (allowed: ${policy.allowedPorts.join(', ')})`);
  }

  if (!isIpLiteral(url.hostname)) checkHostname(url.hostname);
  return url;
}

function checkHostname(hostname: string): void {
  // "localhost." is "localhost": the trailing dot only marks the name as absolute.
  const name = hostname.replace(/\.+$/, '');
  if (name === '') throw new TargetRefusedError('the URL has no host name');

  const exact = REFUSED_NAMES[name];
  if (exact) throw new TargetRefusedError(`host "${hostname}" is refused: ${exact}`);

  for (const [suffix, why] of REFUSED_SUFFIXES) {
    if (name === suffix || name.endsWith(`.${suffix}`)) {
      throw new TargetRefusedError(`host "${hostname}" is refused: ${why}`);
    }
  }
  // A single label resolves through the resolver's search domains, i.e. to intranet hosts.
  if (!name.includes('.')) {
    throw new TargetRefusedError(`host "${hostname}" is refused: a single-label name is an intranet name`);
  }
}
