import { describe, expect, it } from 'vitest';
import { createAddressPolicy } from '../../src/scan/address-policy.js';

const policy = createAddressPolicy([]);

function reasonFor(ip: string): string {
  const v = policy.check(ip);
  if (v.ok) throw new Error(`expected ${ip} to be refused`);
  return v.reason;
}

describe('address policy: IPv4', () => {
  it.each([
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['10.0.0.1', 'private'],
    ['10.255.255.255', 'private'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.127.255.254', 'carrier-grade NAT'],
    ['100.100.100.200', 'carrier-grade NAT'], // Alibaba Cloud metadata
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['169.254.169.254', 'link-local (the cloud metadata service)'],
    ['169.254.0.1', 'link-local'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.0.0.8', 'IETF protocol assignments'],
    ['192.0.0.170', 'IETF protocol assignments'],
    ['192.0.2.1', 'documentation'],
    ['192.31.196.1', 'AS112'],
    ['192.52.193.1', 'AMT'],
    ['192.88.99.1', '6to4 relay'],
    ['192.168.1.1', 'private'],
    ['192.175.48.1', 'AS112'],
    ['198.18.0.1', 'benchmarking'],
    ['198.19.255.255', 'benchmarking'],
    ['198.51.100.7', 'documentation'],
    ['203.0.113.9', 'documentation'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'broadcast'],
  ])('refuses %s (%s)', (ip, name) => {
    const reason = reasonFor(ip);
    expect(reason.startsWith(`${ip} is `)).toBe(true);
    expect(reason).toContain(name);
  });

  it('names the range in the reason', () => {
    expect(reasonFor('127.0.0.1')).toBe('127.0.0.1 is loopback (127.0.0.0/8)');
    expect(reasonFor('10.0.0.1')).toBe('10.0.0.1 is private (10.0.0.0/8)');
  });

  it.each(['8.8.8.8', '1.1.1.1', '211.249.220.24', '100.63.255.255', '100.128.0.0', '172.15.255.255', '172.32.0.0', '192.0.1.1', '198.17.255.255', '198.20.0.0', '223.255.255.255', '11.0.0.1', '126.255.255.255', '128.0.0.1', '169.253.255.255', '169.255.0.0'])(
    'allows public %s (range edges included)',
    (ip) => {
      expect(policy.check(ip)).toEqual({ ok: true });
    },
  );
});

describe('address policy: IPv6', () => {
  it.each([
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['::7f00:1', 'IPv4-compatible'],
    ['::0a00:1', 'IPv4-compatible'],
    ['::ffff:0:0a00:1', 'IPv4-translated'],
    ['64:ff9b:1::a00:1', 'local-use NAT64'],
    ['100::1', 'discard-only'],
    ['2001::1', 'Teredo'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'Teredo'],
    ['2001:2::1', 'benchmarking'],
    ['2001:db8::1', 'documentation'],
    ['2001:db8:ffff::', 'documentation'],
    ['2001:10::1', 'IETF protocol assignments'],
    ['2620:4f:8000::1', 'AS112'],
    ['3fff::1', 'documentation'],
    ['5f00::1', 'SRv6'],
    ['fc00::1', 'unique local'],
    ['fd12:3456:789a::1', 'unique local'],
    ['fe80::1', 'link-local'],
    ['febf:ffff::1', 'link-local'],
    ['fec0::1', 'site-local'],
    ['ff02::1', 'multicast'],
    ['ff05::1:3', 'multicast'],
    ['4000::1', 'outside global unicast'],
    ['1::1', 'outside global unicast'],
  ])('refuses %s (%s)', (ip, name) => {
    expect(reasonFor(ip)).toContain(name);
  });

  it('unwraps IPv4-mapped addresses, in any spelling', () => {
    expect(reasonFor('::ffff:127.0.0.1')).toBe('::ffff:127.0.0.1 is IPv4-mapped 127.0.0.1, which is loopback (127.0.0.0/8)');
    expect(reasonFor('::ffff:7f00:1')).toContain('loopback');
    expect(reasonFor('0:0:0:0:0:ffff:a9fe:a9fe')).toContain('169.254.169.254');
    expect(reasonFor('::ffff:10.1.2.3')).toContain('private');
    expect(policy.check('::ffff:8.8.8.8')).toEqual({ ok: true });
  });

  it('unwraps NAT64 (64:ff9b::/96) and checks the embedded IPv4', () => {
    expect(reasonFor('64:ff9b::a00:1')).toBe('64:ff9b::a00:1 is NAT64 10.0.0.1, which is private (10.0.0.0/8)');
    expect(reasonFor('64:ff9b::127.0.0.1')).toContain('loopback');
    expect(reasonFor('64:ff9b::a9fe:a9fe')).toContain('link-local');
    expect(policy.check('64:ff9b::808:808')).toEqual({ ok: true });
  });

  it('unwraps 6to4 (2002::/16) and checks the embedded IPv4', () => {
    expect(reasonFor('2002:7f00:1::1')).toContain('6to4 127.0.0.1, which is loopback');
    expect(reasonFor('2002:c0a8:101::')).toContain('192.168.1.1');
    expect(reasonFor('2002:a9fe:a9fe::1')).toContain('169.254.169.254');
    expect(policy.check('2002:808:808::1')).toEqual({ ok: true });
  });

  it('reads ::a.b.c.d as IPv4-compatible (not mapped) and refuses it even when the IPv4 is public', () => {
    expect(reasonFor('::127.0.0.1')).toBe('::127.0.0.1 is IPv4-compatible (deprecated) (::/96), carrying 127.0.0.1');
    expect(reasonFor('::8.8.8.8')).toContain('IPv4-compatible');
  });

  it.each(['2606:4700:4700::1111', '2001:4860:4860::8888', '2404:6800:4004:80a::200e', '2001:200::1', '3ffe::1'])(
    'allows public %s',
    (ip) => {
      expect(policy.check(ip)).toEqual({ ok: true });
    },
  );
});

describe('address policy: input hygiene', () => {
  it.each(['example.com', '0x7f.1', '2130706433', '127.1', '0177.0.0.1', 'fe80::1%eth0', '', '1.2.3.4.5', '::ffff:1.2.3'])(
    'refuses %j as not an IP address',
    (text) => {
      expect(reasonFor(text)).toContain('is not an IP address');
    },
  );
});

describe('address policy: allowPrivate exemption', () => {
  const lab = createAddressPolicy(['127.0.0.0/8', '10.1.0.0/16', 'fd00::/8', '192.168.5.5']);

  it('allows addresses inside an exempt CIDR', () => {
    expect(lab.check('127.0.0.1')).toEqual({ ok: true });
    expect(lab.check('127.9.9.9')).toEqual({ ok: true });
    expect(lab.check('10.1.200.3')).toEqual({ ok: true });
    expect(lab.check('fd00::1')).toEqual({ ok: true });
    expect(lab.check('192.168.5.5')).toEqual({ ok: true });
  });

  it('applies to the IPv4 address carried by a mapped or NAT64 address', () => {
    expect(lab.check('::ffff:127.0.0.1')).toEqual({ ok: true });
    expect(lab.check('64:ff9b::7f00:1')).toEqual({ ok: true });
  });

  it('still refuses everything outside the exempt ranges', () => {
    expect(lab.check('10.2.0.1')).toEqual({ ok: false, reason: '10.2.0.1 is private (10.0.0.0/8)' });
    expect(lab.check('192.168.5.6').ok).toBe(false);
    expect(lab.check('169.254.169.254').ok).toBe(false);
    expect(lab.check('::1').ok).toBe(false); // IPv6 loopback is not in 127.0.0.0/8
    expect(lab.check('fe80::1').ok).toBe(false);
  });

  it('rejects a malformed allow list entry at creation', () => {
    expect(() => createAddressPolicy(['127.0.0.0/33'])).toThrow(/allowPrivate entry "127.0.0.0\/33"/);
    expect(() => createAddressPolicy(['localhost'])).toThrow(/not a CIDR or IP address/);
  });
});
