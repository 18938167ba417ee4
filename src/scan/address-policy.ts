// Which IP addresses the scanner may connect to: public unicast only. The table follows the IANA IPv4 and
// IPv6 Special-Purpose Address Registries; we refuse every entry, even the few marked "globally reachable"
// (AS112, AMT), because no site worth scanning lives there and a short, total rule is easier to trust.
// Addresses that carry an IPv4 address inside (mapped, NAT64, 6to4) are judged by that IPv4 address, since
// that is where the packets end up.
import { isIPv4, isIPv6 } from 'node:net';
import ipaddr from 'ipaddr.js';

export type AddressVerdict = { ok: true } | { ok: false; reason: string };

export interface AddressPolicy {
  check(ip: string): AddressVerdict;
}

type Range = [cidr: string, name: string];

// Order matters: the first match names the range, so specific entries precede the ranges that contain them.
const V4_RANGES: Range[] = [
  ['0.0.0.0/8', '"this network" (unspecified)'],
  ['10.0.0.0/8', 'private'],
  ['100.64.0.0/10', 'carrier-grade NAT (shared address space)'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.169.254/32', 'link-local (the cloud metadata service)'],
  ['169.254.0.0/16', 'link-local'],
  ['172.16.0.0/12', 'private'],
  ['192.0.0.0/24', 'reserved for IETF protocol assignments'],
  ['192.0.2.0/24', 'documentation (TEST-NET-1)'],
  ['192.31.196.0/24', 'AS112 (special-purpose)'],
  ['192.52.193.0/24', 'AMT (special-purpose)'],
  ['192.88.99.0/24', 'deprecated 6to4 relay anycast'],
  ['192.168.0.0/16', 'private'],
  ['192.175.48.0/24', 'AS112 (special-purpose)'],
  ['198.18.0.0/15', 'benchmarking'],
  ['198.51.100.0/24', 'documentation (TEST-NET-2)'],
  ['203.0.113.0/24', 'documentation (TEST-NET-3)'],
  ['224.0.0.0/4', 'multicast'],
  ['255.255.255.255/32', 'broadcast'],
  ['240.0.0.0/4', 'reserved'],
];

// Prefixes that embed an IPv4 address in their last 32 bits; checked by the embedded address instead.
const V6_EMBEDDING_LOW32: Range[] = [
  ['::ffff:0:0/96', 'IPv4-mapped'],
  ['64:ff9b::/96', 'NAT64'],
];

const V6_RANGES: Range[] = [
  ['::/128', 'unspecified'],
  ['::1/128', 'loopback'],
  ['::/96', 'IPv4-compatible (deprecated)'],
  ['::ffff:0:0:0/96', 'IPv4-translated (SIIT)'],
  ['64:ff9b:1::/48', 'local-use NAT64'],
  ['100::/64', 'discard-only'],
  ['100:0:0:1::/64', 'dummy prefix'],
  ['2001::/32', 'Teredo'],
  ['2001:2::/48', 'benchmarking'],
  ['2001:db8::/32', 'documentation'],
  ['2001::/23', 'reserved for IETF protocol assignments'],
  ['2620:4f:8000::/48', 'AS112 (special-purpose)'],
  ['3fff::/20', 'documentation'],
  ['5f00::/16', 'SRv6 SIDs'],
  ['fc00::/7', 'unique local (private)'],
  ['fe80::/10', 'link-local'],
  ['fec0::/10', 'site-local (deprecated)'],
  ['ff00::/8', 'multicast'],
  // Only 2000::/3 is allocated for global unicast; anything else is not a public address.
];
const V6_GLOBAL_UNICAST = ipaddr.parseCIDR('2000::/3');

type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];
const compile = (ranges: Range[]) => ranges.map(([cidr, name]) => ({ cidr, name, net: ipaddr.parseCIDR(cidr) }));
const V4 = compile(V4_RANGES);
const V6 = compile(V6_RANGES);
const V6_EMBED = compile(V6_EMBEDDING_LOW32);
const SIX_TO_FOUR = ipaddr.parseCIDR('2002::/16');

function inRange(addr: ipaddr.IPv4 | ipaddr.IPv6, net: Cidr): boolean {
  return addr.kind() === net[0].kind() && addr.match(net);
}

function v4FromParts(hi: number, lo: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
}

/** The IPv4 address that traffic to `addr` really goes to, and how it is embedded; null when none. */
function embeddedV4(addr: ipaddr.IPv6): { v4: ipaddr.IPv4; how: string } | null {
  const p = addr.parts as number[];
  for (const r of V6_EMBED) {
    if (addr.match(r.net as Cidr)) return { v4: v4FromParts(p[6]!, p[7]!), how: r.name };
  }
  if (addr.match(SIX_TO_FOUR as Cidr)) return { v4: v4FromParts(p[1]!, p[2]!), how: '6to4' };
  return null;
}

function classifyV4(addr: ipaddr.IPv4): { cidr: string; name: string } | null {
  return V4.find((r) => inRange(addr, r.net as Cidr)) ?? null;
}

/**
 * ipaddr.js reads "::127.0.0.1" as ::ffff:127.0.0.1 (mapped) although it is ::7f00:1 (compatible), so a
 * trailing dotted quad is rewritten as two hex groups first; that spelling it parses correctly.
 */
function dottedTailToHex(v6: string): string {
  const m = /:(\d+\.\d+\.\d+\.\d+)$/.exec(v6);
  if (!m || !isIPv4(m[1]!)) return v6;
  const [a, b, c, d] = m[1]!.split('.').map(Number) as [number, number, number, number];
  return `${v6.slice(0, m.index)}:${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
}

function parseStrict(ip: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const bare = ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip;
  // ipaddr.js also accepts "0x7f.1"-style IPv4 and zone ids: only what the socket layer itself takes as a
  // literal (dotted quad, plain IPv6) counts as an address here.
  if (isIPv4(bare)) return ipaddr.IPv4.parse(bare);
  if (isIPv6(bare) && !bare.includes('%')) return ipaddr.IPv6.parse(dottedTailToHex(bare));
  return null;
}

function parseAllowList(allowPrivate: string[]): Cidr[] {
  return allowPrivate.map((entry) => {
    const text = entry.trim();
    try {
      const [addrText = '', bits] = text.split('/');
      if (!isIPv4(addrText) && !isIPv6(addrText)) throw new Error('not an IP address');
      const canonical = isIPv6(addrText) ? dottedTailToHex(addrText) : addrText;
      if (bits !== undefined) return ipaddr.parseCIDR(`${canonical}/${bits}`) as Cidr;
      const addr = ipaddr.parse(canonical);
      return [addr, addr.kind() === 'ipv4' ? 32 : 128] as Cidr;
    } catch (err) {
      throw new Error(`allowPrivate entry "${entry}" is not a CIDR or IP address`, { cause: err });
    }
  });
}

export function createAddressPolicy(allowPrivate: string[]): AddressPolicy {
  const allowed = parseAllowList(allowPrivate);

  return {
    check(ip: string): AddressVerdict {
      const addr = parseStrict(ip);
      if (!addr) return { ok: false, reason: `"${ip}" is not an IP address` };

      const embedded = addr.kind() === 'ipv6' ? embeddedV4(addr as ipaddr.IPv6) : null;
      // The exemption applies to the address as written and to the IPv4 address it carries, so that
      // allowing 127.0.0.0/8 in a lab also allows ::ffff:127.0.0.1.
      const candidates = embedded ? [addr, embedded.v4] : [addr];
      if (allowed.some((net) => candidates.some((c) => inRange(c, net)))) return { ok: true };

      if (addr.kind() === 'ipv4') {
        const hit = classifyV4(addr as ipaddr.IPv4);
        return hit ? { ok: false, reason: `${ip} is ${hit.name} (${hit.cidr})` } : { ok: true };
      }

      if (embedded) {
        const hit = classifyV4(embedded.v4);
        if (!hit) return { ok: true };
        return {
          ok: false,
          reason: `${ip} is ${embedded.how} ${embedded.v4.toString()}, which is ${hit.name} (${hit.cidr})`,
        };
      }

      const v6 = addr as ipaddr.IPv6;
      const hit = V6.find((r) => inRange(v6, r.net as Cidr));
      if (hit) {
        const extra = hit.cidr === '::/96' ? `, carrying ${v4FromParts(v6.parts[6]!, v6.parts[7]!).toString()}` : '';
        return { ok: false, reason: `${ip} is ${hit.name} (${hit.cidr})${extra}` };
      }
      if (!v6.match(V6_GLOBAL_UNICAST as Cidr)) {
        return { ok: false, reason: `${ip} is reserved (outside global unicast 2000::/3)` };
      }
      return { ok: true };
    },
  };
}
