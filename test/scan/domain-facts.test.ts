import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { createDomainFactsService } from '../../src/scan/domain-facts.js';
import { closedPort, gtldReply, krReply, referralReply, startWhoisServer, type WhoisServer } from '../support/whois-server.js';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-15T12:00:00Z');
const created = new Date('2026-11-01T00:00:00Z');

const RECORDS = {
  'scam-cash24.top': gtldReply('scam-cash24.top', { created, registrar: 'NameSilo, LLC', privacy: true }),
  'hanbit-trading.com': gtldReply('hanbit-trading.com', { created: new Date('2009-05-20T04:11:02Z'), registrar: 'Gabia, Inc.', privacy: false }),
  'cash-pay.kr': krReply('cash-pay.kr', { created: new Date('2024-03-05T00:00:00Z'), registrar: 'Gabia, Inc.(http://www.gabia.com)', privacy: true }),
  'xn--zf0b677ajok9wdi9b.com': gtldReply('xn--zf0b677ajok9wdi9b.com', { created, registrar: 'Gabia, Inc.', privacy: true }),
};

let server: WhoisServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A clock the test moves by hand. */
function clock(start = NOW) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe('domain facts: answers', () => {
  it('a young gTLD domain behind a privacy service', async () => {
    server = await startWhoisServer(RECORDS);
    const service = createDomainFactsService({ whoisServer: server.address, now: () => NOW });
    expect(await service.lookup('scam-cash24.top')).toEqual({
      ok: true,
      facts: {
        domain: 'scam-cash24.top',
        createdAt: '2026-11-01T00:00:00.000Z',
        ageDays: 14,
        registrar: 'NameSilo, LLC',
        privacy: true,
        source: 'whois',
        server: server.address,
        lines: {
          createdAt: 'Creation Date: 2026-11-01T00:00:00Z',
          registrar: 'Registrar: NameSilo, LLC',
          privacy: 'Registrant Name: REDACTED FOR PRIVACY',
        },
      },
      // The reply exactly as the server sent it, and which server that was.
      capture: { domain: 'scam-cash24.top', source: 'whois', server: server.address, raw: RECORDS['scam-cash24.top'] },
    });
  });

  it('an old gTLD domain with a named registrant', async () => {
    server = await startWhoisServer(RECORDS);
    const service = createDomainFactsService({ whoisServer: server.address, now: () => NOW });
    const result = await service.lookup('hanbit-trading.com');
    expect(result).toMatchObject({ ok: true, facts: { registrar: 'Gabia, Inc.', privacy: false } });
    if (result.ok) expect(result.facts.ageDays).toBeGreaterThan(6000);
  });

  it('a .kr domain from the KISA reply', async () => {
    server = await startWhoisServer(RECORDS);
    const service = createDomainFactsService({ whoisServer: server.address, now: () => NOW });
    expect(await service.lookup('cash-pay.kr')).toMatchObject({
      ok: true,
      facts: {
        domain: 'cash-pay.kr',
        createdAt: '2024-03-05',
        ageDays: Math.floor((NOW - Date.parse('2024-03-05')) / DAY),
        registrar: 'Gabia, Inc.',
        privacy: true,
        lines: {
          createdAt: 'Registered Date : 2024. 03. 05.',
          registrar: 'Authorized Agency : Gabia, Inc.(http://www.gabia.com)',
          privacy: 'Publishes : N',
        },
      },
    });
  });

  it('an IDN is asked for in punycode', async () => {
    server = await startWhoisServer(RECORDS);
    const service = createDomainFactsService({ whoisServer: server.address, now: () => NOW });
    const result = await service.lookup('상품권티켓.com');
    expect(result).toMatchObject({ ok: true, facts: { domain: 'xn--zf0b677ajok9wdi9b.com', ageDays: 14 } });
    expect([...server.queries.keys()]).toEqual(['xn--zf0b677ajok9wdi9b.com']);
  });

  it('"No match" is no record', async () => {
    server = await startWhoisServer(RECORDS);
    const service = createDomainFactsService({ whoisServer: server.address });
    expect(await service.lookup('nothing-here.com')).toEqual({
      ok: false,
      reason: 'WHOIS has no record for nothing-here.com',
      capture: { domain: 'nothing-here.com', source: 'whois', server: server.address, raw: 'No match for "NOTHING-HERE.COM".\r\n' },
    });
  });

  it('the capture is the reply text as received: a cp949 .kr reply decoded, a KISA layout kept line for line', async () => {
    const kisa = krReply('cash-pay.kr', { created: new Date('2024-03-05T00:00:00Z'), registrar: '(주)가비아', privacy: true });
    server = await startWhoisServer({ 'cash-pay.kr': iconv.encode(kisa, 'cp949') });
    const service = createDomainFactsService({ whoisServer: server.address, now: () => NOW });
    const result = await service.lookup('cash-pay.kr');
    expect(result).toMatchObject({ ok: true, facts: { registrar: '(주)가비아' } });
    expect(result.capture).toEqual({ domain: 'cash-pay.kr', source: 'whois', server: server.address, raw: kisa });
  });
});

describe('domain facts: failures are reasons, never throws', () => {
  it('an invalid name is refused without a query', async () => {
    server = await startWhoisServer(RECORDS);
    const service = createDomainFactsService({ whoisServer: server.address });
    for (const name of ['', 'localhost', 'cash.com\r\nevil.com', '-cash.com', '10.0.0.1', 'cash.com/apply']) {
      const result = await service.lookup(name);
      expect(result.ok, name).toBe(false);
      if (!result.ok) expect(result.reason, name).toMatch(/^not a valid domain name: /);
    }
    expect(server.queries.size).toBe(0);
  });

  it('a slow server times out', async () => {
    server = await startWhoisServer(RECORDS, { delayMs: 3000 });
    const service = createDomainFactsService({ whoisServer: server.address, timeoutMs: 200 });
    const started = Date.now();
    expect(await service.lookup('scam-cash24.top')).toEqual({
      ok: false,
      reason: `WHOIS query timed out after 200 ms (${server.address})`,
    });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('a closed port is a refused connection', async () => {
    const address = await closedPort();
    const service = createDomainFactsService({ whoisServer: address, timeoutMs: 2000 });
    expect(await service.lookup('scam-cash24.top')).toEqual({
      ok: false,
      reason: `WHOIS server refused the connection (${address})`,
    });
  });
});

describe('domain facts: referrals (see whois-referral.test.ts for the full set)', () => {
  it('by default a referral into private space is refused, and the reason says so', async () => {
    server = await startWhoisServer({ 'thin.top': referralReply('thin.top', 'ReferralServer: whois://10.0.0.5') });
    const service = createDomainFactsService({ whoisServer: server.address });
    expect(await service.lookup('thin.top')).toEqual({
      ok: false,
      reason: 'WHOIS has no record for thin.top (WHOIS referral to 10.0.0.5 refused: 10.0.0.5 is private (10.0.0.0/8))',
      // The reply that named the refused referral is the one kept.
      capture: { domain: 'thin.top', source: 'whois', server: server.address, raw: referralReply('thin.top', 'ReferralServer: whois://10.0.0.5') },
    });
  });

  it('a malformed allowPrivate entry is refused when the service is built', () => {
    expect(() => createDomainFactsService({ whoisServer: null, allowPrivate: ['not-a-cidr'] })).toThrow(/allowPrivate entry/);
  });
});

describe('domain facts: cache and single flight', () => {
  it('a second lookup is answered from the cache, under any spelling of the name', async () => {
    server = await startWhoisServer(RECORDS);
    const service = createDomainFactsService({ whoisServer: server.address, now: () => NOW });
    const first = await service.lookup('scam-cash24.top');
    const second = await service.lookup('SCAM-CASH24.top.');
    expect(second).toEqual(first);
    expect(second.capture?.raw).toBe(RECORDS['scam-cash24.top']);
    expect(server.queries.get('scam-cash24.top')).toBe(1);
  });

  it('the age of a cached record moves on with the clock', async () => {
    server = await startWhoisServer(RECORDS);
    const c = clock();
    const service = createDomainFactsService({ whoisServer: server.address, now: c.now, ttlMs: 7 * DAY });
    expect(await service.lookup('scam-cash24.top')).toMatchObject({ ok: true, facts: { ageDays: 14 } });
    c.advance(2 * DAY);
    expect(await service.lookup('scam-cash24.top')).toMatchObject({ ok: true, facts: { ageDays: 16 } });
    expect(server.queries.get('scam-cash24.top')).toBe(1);
  });

  it('a record expires after its TTL, "no record" sooner', async () => {
    server = await startWhoisServer(RECORDS);
    const c = clock();
    const service = createDomainFactsService({ whoisServer: server.address, now: c.now, ttlMs: 6 * 60 * 60_000, noRecordTtlMs: 30 * 60_000 });
    await service.lookup('scam-cash24.top');
    await service.lookup('nothing-here.com');
    c.advance(20 * 60_000);
    await service.lookup('scam-cash24.top');
    await service.lookup('nothing-here.com');
    expect(server.queries.get('scam-cash24.top')).toBe(1);
    expect(server.queries.get('nothing-here.com')).toBe(1);

    c.advance(20 * 60_000); // 40 min: "no record" has expired, the record has not
    await service.lookup('scam-cash24.top');
    await service.lookup('nothing-here.com');
    expect(server.queries.get('scam-cash24.top')).toBe(1);
    expect(server.queries.get('nothing-here.com')).toBe(2);

    c.advance(6 * 60 * 60_000);
    await service.lookup('scam-cash24.top');
    expect(server.queries.get('scam-cash24.top')).toBe(2);
  });

  it('a failure is kept briefly, so a struggling server is not hammered', async () => {
    server = await startWhoisServer(RECORDS, { delayMs: 3000 });
    const c = clock();
    const service = createDomainFactsService({ whoisServer: server.address, timeoutMs: 100, now: c.now });
    await service.lookup('scam-cash24.top');
    await service.lookup('scam-cash24.top');
    expect(server.queries.get('scam-cash24.top')).toBe(1);
    c.advance(61_000);
    await service.lookup('scam-cash24.top');
    expect(server.queries.get('scam-cash24.top')).toBe(2);
  });

  it('50 concurrent lookups of one domain make one query', async () => {
    server = await startWhoisServer(RECORDS, { delayMs: 100 });
    const service = createDomainFactsService({ whoisServer: server.address, now: () => NOW });
    const results = await Promise.all(Array.from({ length: 50 }, () => service.lookup('scam-cash24.top')));
    expect(server.queries.get('scam-cash24.top')).toBe(1);
    expect(results.every((r) => r.ok && r.facts.registrar === 'NameSilo, LLC')).toBe(true);
  });

  it("one caller's abort does not cancel the shared query for the others", async () => {
    server = await startWhoisServer(RECORDS, { delayMs: 200 });
    const service = createDomainFactsService({ whoisServer: server.address, now: () => NOW });
    const controller = new AbortController();
    const aborted = service.lookup('scam-cash24.top', controller.signal);
    const patient = service.lookup('scam-cash24.top');
    setTimeout(() => controller.abort(), 20);

    expect(await aborted).toEqual({ ok: false, reason: 'WHOIS lookup was cancelled' });
    expect(await patient).toMatchObject({ ok: true, facts: { ageDays: 14 } });
    // The answer was cached for the next caller too.
    expect(await service.lookup('scam-cash24.top')).toMatchObject({ ok: true });
    expect(server.queries.get('scam-cash24.top')).toBe(1);
  });

  it('an already aborted signal makes no query', async () => {
    server = await startWhoisServer(RECORDS);
    const service = createDomainFactsService({ whoisServer: server.address });
    expect(await service.lookup('scam-cash24.top', AbortSignal.abort())).toEqual({ ok: false, reason: 'WHOIS lookup was cancelled' });
    expect(server.queries.size).toBe(0);
  });
});
