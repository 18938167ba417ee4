// Referrals: a thin reply (IANA, a thin registry) names another WHOIS server. That name comes from a reply,
// which for an attacker-registered domain is attacker-influenced (a registrar they run, a record they
// wrote), so it is policed like a scan target: plain host names or IPs only, port 43 only, and every
// address it resolves to must pass the address policy before we dial the one address we checked.
import { isIP } from 'node:net';
import type { AddressPolicy } from './address-policy.js';
import type { TargetResolver } from './resolve.js';

// parseRawData's camelCase keys for the lines that name a referral, in the order we trust them:
// "Registrar WHOIS Server" (ICANN thin registries), "ReferralServer" (ARIN style), "refer" and "whois" (IANA),
// "Whois Server" (older Verisign output).
const REFERRAL_KEYS = ['registrarWhoisServer', 'referralServer', 'refer', 'whois', 'whoisServer'];

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export type Verdict<T> = ({ ok: true } & T) | { ok: false; reason: string };

/** The first referral the record names, as written (first word: parseRawData joins repeated keys with a space). */
export function findReferral(record: Record<string, string>): string | null {
  for (const key of REFERRAL_KEYS) {
    const value = record[key]?.trim().split(/\s+/)[0];
    if (value) return value;
  }
  return null;
}

/**
 * `whois.x.com`, `whois://host:43`, `[2001:db8::1]:43` → the host to resolve. Refused: other schemes
 * (rwhois, http), ports other than 43, anything that is not a host name or an IP literal.
 */
export function parseReferral(value: string): Verdict<{ host: string }> {
  const refuse = (why: string) => ({ ok: false as const, reason: `WHOIS referral to ${value} refused: ${why}` });
  let rest = value;
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(rest);
  if (scheme) {
    if (scheme[1]!.toLowerCase() !== 'whois') return refuse(`${scheme[1]}:// is not a WHOIS (port 43) referral`);
    rest = rest.slice(scheme[0].length);
  }
  rest = rest.replace(/\/$/, '');

  let host = rest;
  let port: string | undefined;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(rest);
  if (bracketed) {
    host = bracketed[1]!;
    port = bracketed[2];
  } else if (rest.split(':').length === 2) {
    [host, port] = rest.split(':') as [string, string];
  }
  if (port !== undefined && !/^\d{1,5}$/.test(port)) return refuse(`"${port}" is not a port`);
  if (port !== undefined && Number(port) !== 43) return refuse(`port ${Number(port)} is not the WHOIS port 43`);

  if (isIP(host)) return { ok: true, host: host.toLowerCase() };
  if (bracketed) return refuse('not an IP address in brackets');
  const name = host.toLowerCase().replace(/\.$/, '');
  const labels = name.split('.');
  const valid =
    name.length > 0 &&
    name.length <= 253 &&
    labels.length >= 2 &&
    labels.every((l) => LABEL.test(l)) &&
    !/^\d+$/.test(labels[labels.length - 1]!);
  return valid ? { ok: true, host: name } : refuse('not a valid host name');
}

/**
 * Resolves a referral host with the scanner's resolver and checks every address against the policy: one
 * private answer among public ones refuses the lot, so a DNS server cannot steer the dial by ordering.
 * Returns the address to dial. Rethrows when `signal` aborted, so the caller can tell a deadline from a refusal.
 */
export async function checkReferral(
  host: string,
  deps: { resolver: TargetResolver; policy: AddressPolicy },
  signal: AbortSignal,
): Promise<Verdict<{ address: string }>> {
  let addresses: string[];
  try {
    addresses = await deps.resolver.resolve(host, signal);
  } catch (e) {
    if (signal.aborted) throw e;
    const why = e instanceof Error ? e.message : String(e);
    return { ok: false, reason: `WHOIS referral to ${host} refused: ${why}` };
  }
  for (const address of addresses) {
    const verdict = deps.policy.check(address);
    if (!verdict.ok) return { ok: false, reason: `WHOIS referral to ${host} refused: ${verdict.reason}` };
  }
  return { ok: true, address: addresses[0]! };
}
