// RDAP domain facts through a loopback RDAP server: parsing, failures (404, timeout, oversized body, a
// bootstrap entry that points at a private address), the fall-back to WHOIS, and a scan's domainInfo.source.
import { afterEach, describe, expect, it } from 'vitest';
import { createDomainFactsService } from '../../src/scan/domain-facts.js';
import { createJsonClient, type JsonClient } from '../../src/scan/json-request.js';
import { parseRdapDomain, rdapLookup, RdapError } from '../../src/scan/rdap.js';
import { BOOTSTRAP_SNAPSHOT, createBootstrap, loadBootstrap } from '../../src/scan/rdap-bootstrap.js';
import { startHarness, type Harness } from '../support/harness.js';
import { rdapDomain, startRdapServer, type RdapServer } from '../support/rdap-server.js';
import { closedPort, gtldReply, startWhoisServer, type WhoisServer } from '../support/whois-server.js';

const NOW = Date.parse('2026-11-15T12:00:00Z');
const created = new Date('2026-11-01T00:00:00Z');
const LOOPBACK = ['127.0.0.0/8'];

let rdap: RdapServer | undefined;
let whois: WhoisServer | undefined;
let client: JsonClient | undefined;
let harness: Harness | undefined;
afterEach(async () => {
  await Promise.all([rdap?.close(), whois?.close(), client?.close(), harness?.close()]);
  rdap = whois = client = harness = undefined;
});

/** A domain-facts service with RDAP for .top/.com at the loopback server and WHOIS at the loopback WHOIS. */
async function service(records: Parameters<typeof startRdapServer>[0], opts: { allowPrivate?: string[]; rdapTimeoutMs?: number } = {}) {
  rdap = await startRdapServer(records);
  whois = await startWhoisServer({
    'scam-cash24.top': gtldReply('scam-cash24.top', { created, registrar: 'NameSilo, LLC', privacy: true }),
  });
  const allowPrivate = opts.allowPrivate ?? LOOPBACK;
  client = createJsonClient({ dnsServers: [], allowPrivate });
  const bootstrap = createBootstrap({ services: [[['top', 'com'], [rdap.base]]] }, 'test');
  return createDomainFactsService({
    whoisServer: whois.address,
    allowPrivate,
    now: () => NOW,
    rdap: { client, bootstrap, timeoutMs: opts.rdapTimeoutMs },
  });
}

describe('RDAP answers', () => {
  it('a young gTLD domain with a redacted registrant: dates, registrar, privacy, status, quoted JSON', async () => {
    const object = rdapDomain('scam-cash24.top', { created, registrar: 'Gname.com Pte. Ltd.', privacy: true });
    const domains = await service({ 'scam-cash24.top': object });
    expect(await domains.lookup('scam-cash24.top')).toEqual({
      ok: true,
      capture: { domain: 'scam-cash24.top', source: 'rdap', server: `${rdap!.base}domain/scam-cash24.top`, raw: JSON.stringify(object) },
      facts: {
        domain: 'scam-cash24.top',
        createdAt: '2026-11-01T00:00:00.000Z',
        ageDays: 14,
        registrar: 'Gname.com Pte. Ltd.',
        privacy: true,
        source: 'rdap',
        server: `${rdap!.base}domain/scam-cash24.top`,
        lines: {
          createdAt: '{"eventAction":"registration","eventDate":"2026-11-01T00:00:00Z"}',
          registrar: '["fn",{},"text","Gname.com Pte. Ltd."]',
          privacy: '["fn",{},"text","REDACTED FOR PRIVACY"]',
        },
        expiresAt: '2027-11-01T00:00:00.000Z',
        status: ['client transfer prohibited'],
      },
    });
    expect(whois!.queries.size).toBe(0);
  });

  it('reads redaction from RFC 9537 "redacted" and from remarks when the jCard keeps no name', () => {
    const object = rdapDomain('x.top', { created, registrar: 'R', privacy: true });
    const entities = object.entities as Record<string, unknown>[];
    const registrant = entities[1]!;
    registrant.vcardArray = ['vcard', [['version', {}, 'text', '4.0']]];
    expect(parseRdapDomain('x.top', object, 'u', NOW)).toMatchObject({ privacy: true, lines: { privacy: '"REDACTED FOR PRIVACY"' } });
    delete registrant.remarks;
    expect(parseRdapDomain('x.top', object, 'u', NOW)).toMatchObject({
      privacy: true,
      lines: { privacy: '{"name":{"type":"Registrant Name"},"method":"replacement"}' },
    });
  });

  it('a thin registry record (no registrant entity) says nothing about privacy; a named registrant is public', () => {
    const thin = rdapDomain('old-shop.com', { created: new Date('2009-05-20T04:11:02Z'), registrar: 'Gabia, Inc.', privacy: false });
    const named = parseRdapDomain('old-shop.com', thin, 'u', NOW);
    expect(named).toMatchObject({ privacy: false, registrar: 'Gabia, Inc.', lines: { privacy: '["fn",{},"text","Hanbit Trading Co., Ltd."]' } });
    thin.entities = (thin.entities as Record<string, unknown>[]).slice(0, 1);
    const facts = parseRdapDomain('old-shop.com', thin, 'u', NOW)!;
    expect(facts.privacy).toBeNull();
    expect(facts.ageDays).toBeGreaterThan(6000);
  });

  it('no registration event: no facts (the service asks WHOIS)', async () => {
    const object = rdapDomain('scam-cash24.top', { created, registrar: 'R', privacy: true });
    object.events = [{ eventAction: 'last changed', eventDate: '2026-11-02T00:00:00Z' }];
    expect(parseRdapDomain('scam-cash24.top', object, 'u', NOW)).toBeNull();
    const domains = await service({ 'scam-cash24.top': object });
    expect(await domains.lookup('scam-cash24.top')).toMatchObject({ ok: true, facts: { source: 'whois', registrar: 'NameSilo, LLC' } });
  });
});

describe('RDAP captures: the reply as received, and the URL asked', () => {
  it('keeps the JSON text byte for byte (not re-serialised), also from the cache', async () => {
    // Indented, with a trailing newline and a non-ASCII member: a re-serialised object would differ.
    const text = JSON.stringify({ ...rdapDomain('scam-cash24.top', { created, registrar: '가비아', privacy: true }), port43: 'whois.가비아.kr' }, null, 2) + '\n';
    const domains = await service({ 'scam-cash24.top': { reply: { body: text } } });
    const url = `${rdap!.base}domain/scam-cash24.top`;
    const answer = await rdapLookup('scam-cash24.top', new URL(rdap!.base), { client: client!, timeoutMs: 2_000 });
    expect(answer).toMatchObject({ found: true, url, text });
    const result = await domains.lookup('scam-cash24.top');
    expect(result).toMatchObject({ ok: true, facts: { source: 'rdap', registrar: '가비아' } });
    expect(result.capture).toEqual({ domain: 'scam-cash24.top', source: 'rdap', server: url, raw: text });
    expect(await domains.lookup('scam-cash24.top')).toEqual(result);
    expect(rdap!.queries.get('scam-cash24.top')).toBe(2);
  });

  it('RDAP 404 and WHOIS answers: the capture is the WHOIS reply', async () => {
    const domains = await service({});
    const result = await domains.lookup('scam-cash24.top');
    expect(result).toMatchObject({ ok: true, facts: { source: 'whois' } });
    expect(result.capture).toEqual({
      domain: 'scam-cash24.top',
      source: 'whois',
      server: whois!.address,
      raw: gtldReply('scam-cash24.top', { created, registrar: 'NameSilo, LLC', privacy: true }),
    });
  });

  it('RDAP 404 and WHOIS down: the capture is the 404 body; nothing answered: no capture', async () => {
    rdap = await startRdapServer({});
    client = createJsonClient({ dnsServers: [], allowPrivate: LOOPBACK });
    const bootstrap = createBootstrap({ services: [[['top'], [rdap.base]]] }, 'test');
    const domains = createDomainFactsService({ whoisServer: await closedPort(), allowPrivate: LOOPBACK, rdap: { client, bootstrap } });
    const notFound = await domains.lookup('nobody-here.top');
    expect(notFound.ok).toBe(false);
    expect(notFound.capture).toEqual({
      domain: 'nobody-here.top',
      source: 'rdap',
      server: `${rdap.base}domain/nobody-here.top`,
      raw: JSON.stringify({ errorCode: 404, title: 'Not Found', description: ['nobody-here.top is not registered here'] }),
    });

    // A refused RDAP server and a WHOIS server refusing the connection: no reply to keep.
    const strict = createJsonClient({ dnsServers: [], allowPrivate: [] });
    try {
      const refused = createDomainFactsService({ whoisServer: await closedPort(), rdap: { client: strict, bootstrap } });
      const none = await refused.lookup('nobody-here.top');
      expect(none.ok).toBe(false);
      expect('capture' in none).toBe(false);
    } finally {
      await strict.close();
    }
  });
});

describe('RDAP failures fall back to WHOIS', () => {
  it('404: WHOIS answers; the reason names both when neither has the domain', async () => {
    const domains = await service({});
    expect(await domains.lookup('scam-cash24.top')).toMatchObject({ ok: true, facts: { source: 'whois' } });
    expect(rdap!.queries.get('scam-cash24.top')).toBe(1);
    const none = await domains.lookup('nobody-here.top');
    expect(none.ok).toBe(false);
    if (!none.ok) expect(none.reason).toMatch(/WHOIS has no record for nobody-here\.top.*RDAP has no record/);
  });

  it('a server that does not answer in time: RDAP gives up at its deadline and WHOIS answers', async () => {
    const record = rdapDomain('scam-cash24.top', { created, registrar: 'R', privacy: true });
    const domains = await service({ 'scam-cash24.top': { reply: { delayMs: 5_000, json: record } } }, { rdapTimeoutMs: 300 });
    const started = Date.now();
    expect(await domains.lookup('scam-cash24.top')).toMatchObject({ ok: true, facts: { source: 'whois' } });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('a timeout is an RdapError of kind timeout', async () => {
    rdap = await startRdapServer({ 'slow.top': { reply: { delayMs: 5_000, json: {} } } });
    client = createJsonClient({ dnsServers: [], allowPrivate: LOOPBACK });
    const err = await rdapLookup('slow.top', new URL(rdap.base), { client, timeoutMs: 200 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RdapError);
    expect((err as RdapError).kind).toBe('timeout');
  });

  it('an oversized body is cut off at the cap (declared or streamed) and WHOIS answers', async () => {
    const huge = JSON.stringify({ objectClassName: 'domain', padding: 'x'.repeat(400 * 1024) });
    const domains = await service({ 'scam-cash24.top': { reply: { body: huge } } });
    expect(await domains.lookup('scam-cash24.top')).toMatchObject({ ok: true, facts: { source: 'whois' } });
    // Streamed without a length: the reader stops at the cap too.
    client = createJsonClient({ dnsServers: [], allowPrivate: LOOPBACK, maxBytes: 1024 });
    const err = await rdapLookup('scam-cash24.top', new URL(rdap!.base), { client, timeoutMs: 2_000 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'too-large' });
  });

  it('a bootstrap entry that points at a private address is refused before anything is sent', async () => {
    const domains = await service({ 'scam-cash24.top': rdapDomain('scam-cash24.top', { created, registrar: 'R', privacy: true }) }, { allowPrivate: [] });
    const c = createJsonClient({ dnsServers: [], allowPrivate: [] });
    try {
      const err = await rdapLookup('scam-cash24.top', new URL(rdap!.base), { client: c, timeoutMs: 2_000 }).catch((e: unknown) => e);
      expect(err).toMatchObject({ kind: 'refused' });
      expect((err as Error).message).toMatch(/loopback/);
      expect(await c.request(new URL('http://10.1.2.3/rdap/domain/x.top'), { method: 'GET', timeoutMs: 2_000 }).catch((e: unknown) => e)).toMatchObject({ kind: 'refused' });
    } finally {
      await c.close();
    }
    // The service falls back to WHOIS (the configured WHOIS server is the operator's, not the bootstrap's).
    const result = await domains.lookup('scam-cash24.top');
    expect(result).toMatchObject({ ok: true, facts: { source: 'whois' } });
    expect(rdap!.queries.size).toBe(0);
  });

  it('a TLD without an RDAP server (.kr) is asked over WHOIS only', async () => {
    const domains = await service({});
    const result = await domains.lookup('cash-pay.kr');
    expect(result.ok).toBe(false);
    expect(rdap!.queries.size).toBe(0);
    expect(whois!.queries.get('cash-pay.kr')).toBe(1);
  });

  it('single-flight and cached: concurrent and repeated lookups make one RDAP query', async () => {
    const domains = await service({ 'scam-cash24.top': { reply: { delayMs: 100, json: rdapDomain('scam-cash24.top', { created, registrar: 'R', privacy: true }) } } });
    const results = await Promise.all([1, 2, 3].map(() => domains.lookup('scam-cash24.top')));
    await domains.lookup('scam-cash24.top');
    expect(results.every((r) => r.ok && r.facts.source === 'rdap')).toBe(true);
    expect(rdap!.queries.get('scam-cash24.top')).toBe(1);
  });
});

describe('bootstrap', () => {
  it('the built-in snapshot maps the common gTLDs and not .kr', () => {
    const b = loadBootstrap(null);
    expect(b.baseFor('sopay-119.com')?.href).toBe('https://rdap.verisign.com/com/v1/');
    expect(b.baseFor('cash.net')?.href).toBe('https://rdap.verisign.com/net/v1/');
    for (const tld of ['org', 'info', 'biz', 'xyz', 'top', 'shop', 'site', 'online', 'store', 'club', 'app', 'dev']) {
      expect(b.baseFor(`x.${tld}`)?.protocol, tld).toBe('https:');
    }
    expect(b.baseFor('cash-pay.kr')).toBeNull();
    expect(b.baseFor('shop.co.kr')).toBeNull();
    expect(b.source).toContain(BOOTSTRAP_SNAPSHOT.publication!);
  });

  it('a dns.json file replaces the snapshot; a file that is not one is refused at start-up', async () => {
    rdap = await startRdapServer({});
    const b = loadBootstrap(rdap.bootstrapFile(['top']));
    expect(b.baseFor('cash-now.top')?.href).toBe(rdap.base);
    expect(b.baseFor('cash-now.com')).toBeNull();
    expect(() => loadBootstrap('/nonexistent/dns.json')).toThrow(/SCAMSCORE_RDAP_BOOTSTRAP/);
  });
});

describe('a scan through the service', () => {
  it("domainInfo.source is 'rdap' for a site whose registry answers RDAP, 'whois' for the others", async () => {
    harness = await startHarness({
      'cash-now.top': { routes: { '/': { body: '<html><title>소액결제 현금화</title></html>' } }, whois: { ageDays: 6, registrar: 'Gname.com Pte. Ltd.', privacy: true }, rdap: true },
      'old-shop.top': { routes: { '/': { body: '<html><title>비누</title></html>' } }, whois: { ageDays: 3000, registrar: 'Gabia, Inc.', privacy: false } },
    });
    const scan = async (host: string) =>
      (await harness!.app.inject({ method: 'POST', url: '/v1/scans', payload: { url: harness!.url(host) } })).json();
    const rdapScan = await scan('cash-now.top');
    expect(rdapScan.domainInfo).toMatchObject({ domain: 'cash-now.top', ageDays: 6, registrar: 'Gname.com Pte. Ltd.', privacy: true, source: 'rdap' });
    expect(rdapScan.domainInfo.server).toBeUndefined();
    const age = rdapScan.findings.find((f: { rule: string }) => f.rule === 'domain-age');
    expect(age.evidence[0].excerpt).toMatch(/^\{"eventAction":"registration","eventDate":"/);
    const whoisScan = await scan('old-shop.top');
    expect(whoisScan.domainInfo).toMatchObject({ domain: 'old-shop.top', source: 'whois' });
    expect(harness.rdap!.queries.get('old-shop.top')).toBe(1);
  });

  it('existing harness tests keep WHOIS: RDAP is off unless a site opts in', async () => {
    harness = await startHarness({ 'cash-now.top': { routes: {}, whois: { ageDays: 6, registrar: 'Gname.com Pte. Ltd.', privacy: true } } });
    expect(harness.env.SCAMSCORE_RDAP).toBe('off');
    expect(harness.rdap).toBeNull();
  });
});
