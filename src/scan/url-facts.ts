// URL facts: registrable domain by the Public Suffix List (tldts), punycode decoded for evidence.
import { domainToUnicode } from 'node:url';
import { parse } from 'tldts';
import type { UrlFacts } from '../engine/types.js';

export function urlFacts(href: string): UrlFacts {
  const url = new URL(href);
  const parsed = parse(url.hostname);
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  return {
    href: url.toString(),
    hostname,
    hostnameUnicode: parsed.isIp ? hostname : domainToUnicode(hostname) || hostname,
    domain: parsed.isIp ? null : parsed.domain,
    publicSuffix: parsed.isIp ? null : parsed.publicSuffix,
    isIp: parsed.isIp === true,
  };
}
