// Referrals under the address policy, against real servers: WHOIS servers on 127.0.0.3 and 127.0.0.5 port
// 43 (referrals go to port 43 only; binding it needs root), canaries on 127.0.0.4 and 127.0.0.6 port 43 that
// must never see a connection, and a DNS server the resolver asks for the referral names.
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { createDomainFactsService } from '../../src/scan/domain-facts.js';
import { parseReferral } from '../../src/scan/whois-referral.js';
import { whoisLookup, type WhoisLookupOptions } from '../../src/scan/whois.js';
import { startDnsServer, type DnsServer } from '../support/dns-server.js';
import {
  gtldReply,
  referralReply,
  startTcpProbe,
  startWhoisServer,
  type TcpProbe,
  type WhoisServer,
} from '../support/whois-server.js';

const created = new Date('2026-11-01T00:00:00Z');
const full = (domain: string) => gtldReply(domain, { created, registrar: 'NameSilo, LLC', privacy: true });
const ALLOW_3 = ['127.0.0.3/32'];
const ALLOW_ALL = ['127.0.0.3/32', '127.0.0.5/32', '127.0.0.6/32'];

// The first server (the configured one), on an ephemeral port: each domain names a different referral.
const FIRST = {
  'ok.top': 'Registrar WHOIS Server: whois.a.test',
  'kr-ref.top': 'refer: whois.a.test',
  'private.top': 'Registrar WHOIS Server: whois.private.test',
  'literal.top': 'ReferralServer: whois://10.0.0.5',
  'metadata.top': 'whois: whois.metadata.test',
  'mixed.top': 'Registrar WHOIS Server: whois.mixed.test',
  'canary.top': 'Registrar WHOIS Server: whois.canary.test',
  'port.top': 'ReferralServer: whois://127.0.0.3:4343',
  'port-name.top': 'ReferralServer: whois://whois.a.test:4343',
  'rwhois.top': 'ReferralServer: rwhois://whois.a.test:4321',
  'badhost.top': 'Registrar WHOIS Server: whois_a!.test',
  'chain.top': 'refer: whois.a.test',
  'self.top': 'refer: whois.a.test',
  'loop.top': 'refer: whois.a.test',
  'alias.top': 'refer: whois.a.test',
  'nxdomain.top': 'refer: whois.missing.test',
  'dead.top': 'refer: whois.dead.test',
};

let dns: DnsServer;
let first: WhoisServer;
const port43: { a?: WhoisServer; b?: WhoisServer; canary4?: TcpProbe; canary6?: TcpProbe; off?: TcpProbe } = {};
let cannotBind: string | null = null;

beforeAll(async () => {
  dns = await startDnsServer({
    'whois.a.test': '127.0.0.3',
    'whois.alias.test': '127.0.0.3',
    'whois.b.test': '127.0.0.5',
    'whois.c.test': '127.0.0.6',
    'whois.canary.test': '127.0.0.4',
    'whois.private.test': '10.0.0.5',
    'whois.metadata.test': '169.254.169.254',
    // The allowed address first: one bad answer among good ones still refuses the lot.
    'whois.mixed.test': ['127.0.0.3', '10.0.0.5'],
    'whois.dead.test': '127.0.0.7',
  });
  first = await startWhoisServer(Object.fromEntries(Object.entries(FIRST).map(([d, line]) => [d, referralReply(d, line)])));
  try {
    port43.a = await startWhoisServer(
      {
        'ok.top': full('ok.top'),
        'kr-ref.top': full('kr-ref.top'),
        'chain.top': referralReply('chain.top', 'Registrar WHOIS Server: whois.b.test'),
        'self.top': referralReply('self.top', 'refer: whois.a.test'),
        'loop.top': referralReply('loop.top', 'refer: whois.b.test'),
        'alias.top': referralReply('alias.top', 'refer: whois.alias.test'),
      },
      { host: '127.0.0.3', port: 43 },
    );
    port43.b = await startWhoisServer(
      {
        'chain.top': referralReply('chain.top', 'whois: whois.c.test'),
        'loop.top': referralReply('loop.top', 'refer: whois.a.test'),
      },
      { host: '127.0.0.5', port: 43 },
    );
    port43.canary4 = await startTcpProbe({ host: '127.0.0.4', port: 43 });
    port43.canary6 = await startTcpProbe({ host: '127.0.0.6', port: 43 });
    port43.off = await startTcpProbe({ host: '127.0.0.3', port: 4343 });
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code !== 'EACCES' && code !== 'EADDRINUSE' && code !== 'EADDRNOTAVAIL') throw e;
    cannotBind = `cannot bind the loopback WHOIS servers on port 43 (${code}); run as root with 127.0.0.0/8 on lo`;
  }
});

afterAll(async () => {
  await Promise.all([dns?.close(), first?.close(), ...Object.values(port43).map((s) => s?.close())]);
});

function needPort43(ctx: TestContext) {
  if (cannotBind) ctx.skip(cannotBind);
}

const lookup = (domain: string, allowPrivate: string[], extra: Partial<WhoisLookupOptions> = {}) =>
  whoisLookup(domain, { server: first.address, timeoutMs: 3000, dnsServers: [dns.address], allowPrivate, ...extra });

describe('referrals that are followed', () => {
  it('a thin reply is followed to the registrar on 127.0.0.3:43 when allowPrivate includes it', async (ctx) => {
    needPort43(ctx);
    const answer = await lookup('ok.top', ALLOW_3);
    expect(answer.server).toBe('whois.a.test:43');
    expect(answer.record.creationDate).toBe('2026-11-01T00:00:00Z');
    expect(answer.asked).toEqual([first.address, '127.0.0.3:43']);
    expect(answer.referral).toBeNull();
    expect(port43.a!.queries.get('ok.top')).toBe(1);
  });

  it('the domain facts service passes dnsServers and allowPrivate through', async (ctx) => {
    needPort43(ctx);
    const service = createDomainFactsService({ whoisServer: first.address, dnsServers: [dns.address], allowPrivate: ALLOW_3 });
    expect(await service.lookup('kr-ref.top')).toMatchObject({
      ok: true,
      facts: { server: 'whois.a.test:43', registrar: 'NameSilo, LLC', createdAt: '2026-11-01T00:00:00.000Z' },
      // The final server's reply, not the referring one's.
      capture: { domain: 'kr-ref.top', source: 'whois', server: 'whois.a.test:43', raw: full('kr-ref.top') },
    });
  });

  it('a reply with a creation date is not followed, even if it names a registrar server', async () => {
    // gtldReply names "Registrar WHOIS Server: whois.namesilollc.example", which does not resolve here.
    const server = await startWhoisServer({ 'thick.top': full('thick.top') });
    try {
      const answer = await whoisLookup('thick.top', { server: server.address, timeoutMs: 2000, dnsServers: [dns.address] });
      expect(answer.asked).toEqual([server.address]);
      expect(answer.referral).toBeNull();
      expect(dns.queries.some((q) => q.name.includes('namesilo'))).toBe(false);
    } finally {
      await server.close();
    }
  });
});

describe('referrals that are refused', () => {
  it.each([
    ['private.top', 'whois.private.test', '10.0.0.5 is private (10.0.0.0/8)'],
    ['literal.top', '10.0.0.5', '10.0.0.5 is private (10.0.0.0/8)'],
    ['metadata.top', 'whois.metadata.test', '169.254.169.254 is link-local (the cloud metadata service) (169.254.169.254/32)'],
    ['mixed.top', 'whois.mixed.test', '10.0.0.5 is private (10.0.0.0/8)'],
  ])('%s: referral to %s is refused and never dialled', async (domain, host, why) => {
    const answer = await lookup(domain, ALLOW_3);
    expect(answer.referral).toBe(`WHOIS referral to ${host} refused: ${why}`);
    expect(answer.asked).toEqual([first.address]);
    expect(answer.server).toBe(first.address);
    expect(answer.record.creationDate).toBeUndefined();
  });

  it('a loopback referral outside allowPrivate: the canary on 127.0.0.4:43 sees no connection', async (ctx) => {
    needPort43(ctx);
    const answer = await lookup('canary.top', ['127.0.0.1/32', '127.0.0.3/32']);
    expect(answer.referral).toBe('WHOIS referral to whois.canary.test refused: 127.0.0.4 is loopback (127.0.0.0/8)');
    await new Promise((r) => setTimeout(r, 50));
    expect(port43.canary4!.connections).toHaveLength(0);
  });

  it('a referral to another port is refused, even to an allowed address', async (ctx) => {
    needPort43(ctx);
    const answer = await lookup('port.top', ALLOW_ALL);
    expect(answer.referral).toBe('WHOIS referral to whois://127.0.0.3:4343 refused: port 4343 is not the WHOIS port 43');
    const byName = await lookup('port-name.top', ALLOW_ALL);
    expect(byName.referral).toMatch(/^WHOIS referral to whois:\/\/whois\.a\.test:4343 refused: port 4343/);
    await new Promise((r) => setTimeout(r, 50));
    expect(port43.off!.connections).toHaveLength(0);
    expect(port43.a!.queries.get('port.top') ?? 0).toBe(0);
  });

  it('rwhois:// and malformed host names are refused', async () => {
    expect((await lookup('rwhois.top', ALLOW_ALL)).referral).toBe(
      'WHOIS referral to rwhois://whois.a.test:4321 refused: rwhois:// is not a WHOIS (port 43) referral',
    );
    expect((await lookup('badhost.top', ALLOW_ALL)).referral).toBe(
      'WHOIS referral to whois_a!.test refused: not a valid host name',
    );
  });

  it('a name that does not resolve is refused with the resolver\'s reason', async () => {
    const answer = await lookup('nxdomain.top', ALLOW_ALL);
    expect(answer.referral).toBe('WHOIS referral to whois.missing.test refused: whois.missing.test does not exist (NXDOMAIN)');
  });

  it('a referral whose server is down keeps the previous reply', async () => {
    const answer = await lookup('dead.top', ['127.0.0.7/32']);
    expect(answer.referral).toBe('WHOIS referral to whois.dead.test failed: WHOIS server refused the connection (whois.dead.test:43)');
    expect(answer.server).toBe(first.address);
  });

  it('the domain facts service reports the refusal as the reason there is no record', async () => {
    const service = createDomainFactsService({ whoisServer: first.address, dnsServers: [dns.address], allowPrivate: ALLOW_3 });
    expect(await service.lookup('private.top')).toEqual({
      ok: false,
      reason: 'WHOIS has no record for private.top (WHOIS referral to whois.private.test refused: 10.0.0.5 is private (10.0.0.0/8))',
      capture: { domain: 'private.top', source: 'whois', server: first.address, raw: referralReply('private.top', FIRST['private.top']) },
    });
  });
});

describe('chains and loops', () => {
  it('a chain longer than 2 referrals stops at 2: the third server is never dialled', async (ctx) => {
    needPort43(ctx);
    const answer = await lookup('chain.top', ALLOW_ALL);
    expect(answer.asked).toEqual([first.address, '127.0.0.3:43', '127.0.0.5:43']);
    expect(answer.server).toBe('whois.b.test:43');
    expect(answer.referral).toBe('WHOIS referral to whois.c.test not followed: at most 2 referrals are followed');
    await new Promise((r) => setTimeout(r, 50));
    expect(port43.canary6!.connections).toHaveLength(0);
  });

  it('a server referring to itself stops', async (ctx) => {
    needPort43(ctx);
    const answer = await lookup('self.top', ALLOW_ALL);
    expect(answer.asked).toEqual([first.address, '127.0.0.3:43']);
    expect(answer.referral).toBe('WHOIS referral to whois.a.test not followed: it loops back');
    expect(port43.a!.queries.get('self.top')).toBe(1);
  });

  it('a server referring back to an earlier one stops', async (ctx) => {
    needPort43(ctx);
    // first → a → b → a: the third referral would exceed the limit too, but the loop is caught first.
    const answer = await lookup('loop.top', ALLOW_ALL);
    expect(answer.asked).toEqual([first.address, '127.0.0.3:43', '127.0.0.5:43']);
    expect(answer.referral).toBe('WHOIS referral to whois.a.test not followed: it loops back');
    expect(port43.a!.queries.get('loop.top')).toBe(1);
  });

  it('another name for an address already asked stops', async (ctx) => {
    needPort43(ctx);
    const answer = await lookup('alias.top', ALLOW_ALL);
    expect(answer.asked).toEqual([first.address, '127.0.0.3:43']);
    expect(answer.referral).toBe('WHOIS referral to whois.alias.test not followed: it loops back to 127.0.0.3');
  });
});

describe('parseReferral', () => {
  it.each([
    ['whois.markmonitor.com', 'whois.markmonitor.com'],
    ['WHOIS.Example.COM.', 'whois.example.com'],
    ['whois://whois.arin.net', 'whois.arin.net'],
    ['whois://whois.arin.net:43/', 'whois.arin.net'],
    ['whois.example.com:43', 'whois.example.com'],
    ['192.0.2.10', '192.0.2.10'],
    ['[2001:db8::1]:43', '2001:db8::1'],
    ['2001:db8::1', '2001:db8::1'],
  ])('%s → %s', (value, host) => {
    expect(parseReferral(value)).toEqual({ ok: true, host });
  });

  it.each([
    'http://www.registrar.example',
    'https://rdap.registrar.example',
    'rwhois://rwhois.example.net:4321',
    'whois.example.com:4343',
    'whois.example.com:x',
    'localhost',
    'whois..example.com',
    '-whois.example.com',
    'whois.example.123',
    '[whois.example.com]:43',
  ])('%s is refused', (value) => {
    expect(parseReferral(value).ok).toBe(false);
  });
});
