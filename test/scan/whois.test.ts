import { afterEach, describe, expect, it } from 'vitest';
import {
  ageDaysAt,
  parseWhoisDate,
  parseWhoisRecord,
  toAsciiDomain,
  whoisLookup,
  WhoisError,
} from '../../src/scan/whois.js';
import { closedPort, gtldReply, krReply, startWhoisServer, type WhoisServer } from '../support/whois-server.js';

const NOW = Date.parse('2026-11-15T12:00:00Z');
const SERVER = '127.0.0.1:43';

// Records as whois-json hands them over: camelCase keys, Korean keys kept without spaces.
const gtldPrivate = {
  domainName: 'SCAM-CASH24.TOP',
  registryDomainId: 'D20261101G10001G_12345678-top',
  creationDate: '2026-11-01T00:00:00Z',
  registryExpiryDate: '2027-11-01T00:00:00Z',
  registrar: 'NameSilo, LLC',
  registrarIanaId: '1479',
  registryRegistrantId: 'REDACTED FOR PRIVACY',
  registrantName: 'REDACTED FOR PRIVACY',
  registrantOrganization: 'PrivacyGuardian.org llc',
  dnssec: 'unsigned',
};

const krPrivate = {
  도메인이름: 'cash-pay.kr',
  등록인: '홍길동',
  등록일: '2024. 03. 05.',
  최근정보변경일: '2024. 04. 04.',
  사용종료일: '2025. 03. 05.',
  정보공개여부: 'N',
  등록대행자: '(주)가비아(http://www.gabia.co.kr)',
  dnssec: '미서명 unsigned',
  domainName: 'cash-pay.kr',
  registrant: 'Hong Gildong',
  registeredDate: '2024. 03. 05.',
  lastUpdatedDate: '2024. 04. 04.',
  expirationDate: '2025. 03. 05.',
  publishes: 'N',
  authorizedAgency: 'Gabia, Inc.(http://www.gabia.com)',
};

describe('parseWhoisRecord: gTLD / ICANN records', () => {
  it('reads creation date, registrar and a redacted registrant', () => {
    expect(parseWhoisRecord('scam-cash24.top', gtldPrivate, SERVER, NOW)).toEqual({
      domain: 'scam-cash24.top',
      createdAt: '2026-11-01T00:00:00.000Z',
      ageDays: 14,
      registrar: 'NameSilo, LLC',
      privacy: true,
      source: 'whois',
      server: SERVER,
      lines: {
        createdAt: 'Creation Date: 2026-11-01T00:00:00Z',
        registrar: 'Registrar: NameSilo, LLC',
        privacy: 'Registrant Name: REDACTED FOR PRIVACY',
      },
    });
  });

  it('a named registrant is not private', () => {
    const facts = parseWhoisRecord(
      'hanbit.com',
      { creationDate: '2009-05-20T04:11:02Z', registrar: 'Gabia, Inc.', registrantName: 'Hong Gildong', registrantOrganization: 'Hanbit Trading' },
      SERVER,
      NOW,
    );
    expect(facts?.privacy).toBe(false);
    expect(facts?.lines.privacy).toBe('Registrant Name: Hong Gildong');
    expect(facts?.ageDays).toBe(Math.floor((NOW - Date.parse('2009-05-20T04:11:02Z')) / 86_400_000));
  });

  it('a thin registry record says nothing about privacy', () => {
    const facts = parseWhoisRecord('example.com', { creationDate: '1995-08-14T04:00:00Z', registrar: 'RESERVED-Internet Assigned Numbers Authority' }, SERVER, NOW);
    expect(facts?.privacy).toBeNull();
    expect(facts?.lines.privacy).toBeUndefined();
  });

  it.each([
    ['registrantOrganization', 'Domains By Proxy, LLC'],
    ['registrantOrganization', 'Privacy service provided by Withheld for Privacy ehf'],
    ['registrantName', 'Data Protected'],
    ['registrantName', 'Contact Privacy Inc. Customer 7151571251'],
    ['registrantName', 'Redacted for privacy'],
    ['registrantEmail', 'REDACTED FOR PRIVACY'],
  ])('privacy service in %s: %s', (key, value) => {
    const facts = parseWhoisRecord('x.shop', { creationDate: '2026-10-01T00:00:00Z', [key]: value }, SERVER, NOW);
    expect(facts?.privacy).toBe(true);
    expect(facts?.lines.privacy).toContain(value);
  });

  it.each([
    ['createdOn', 'Created On', '05-Mar-2024', '2024-03-05'],
    ['created', 'created', '2024-03-05', '2024-03-05'],
    ['registrationTime', 'Registration Time', '2024-03-05 10:00:00', '2024-03-05T10:00:00.000Z'],
    ['domainRegistrationDate', 'Domain Registration Date', '2024.03.05', '2024-03-05'],
  ])('creation date under %s', (key, label, value, iso) => {
    const facts = parseWhoisRecord('x.site', { [key]: value }, SERVER, NOW);
    expect(facts?.createdAt).toBe(iso);
    expect(facts?.lines.createdAt).toBe(`${label}: ${value}`);
    expect(facts?.ageDays).toBe(Math.floor((NOW - Date.parse(iso)) / 86_400_000));
  });

  it('a date it cannot read still counts as a record, with createdAt unknown', () => {
    const facts = parseWhoisRecord('x.com', { creationDate: 'before 1995' }, SERVER, NOW);
    expect(facts).not.toBeNull();
    expect(facts?.createdAt).toBeNull();
    expect(facts?.ageDays).toBeNull();
    expect(facts?.lines.createdAt).toBe('Creation Date: before 1995');
  });

  it('a creation date ahead of our clock is age 0, not negative', () => {
    expect(parseWhoisRecord('x.top', { creationDate: '2026-11-20T00:00:00Z' }, SERVER, NOW)?.ageDays).toBe(0);
  });
});

describe('parseWhoisRecord: KISA .kr records', () => {
  it('Publishes : N is privacy; Authorized Agency is the registrar', () => {
    expect(parseWhoisRecord('cash-pay.kr', krPrivate, 'whois.kr:43', NOW)).toEqual({
      domain: 'cash-pay.kr',
      createdAt: '2024-03-05',
      ageDays: Math.floor((NOW - Date.parse('2024-03-05')) / 86_400_000),
      registrar: 'Gabia, Inc.',
      privacy: true,
      source: 'whois',
      server: 'whois.kr:43',
      lines: {
        createdAt: 'Registered Date : 2024. 03. 05.',
        registrar: 'Authorized Agency : Gabia, Inc.(http://www.gabia.com)',
        privacy: 'Publishes : N',
      },
    });
  });

  it('Publishes : Y is not private', () => {
    const facts = parseWhoisRecord('cash-pay.kr', { ...krPrivate, publishes: 'Y', 정보공개여부: 'Y' }, SERVER, NOW);
    expect(facts?.privacy).toBe(false);
    expect(facts?.lines.privacy).toBe('Publishes : Y');
  });

  it('falls back to the Korean part', () => {
    const facts = parseWhoisRecord(
      'cash-pay.kr',
      { 등록일: '2024. 03. 05.', 정보공개여부: 'N', 등록대행자: '(주)가비아(http://www.gabia.co.kr)' },
      SERVER,
      NOW,
    );
    expect(facts).toMatchObject({ createdAt: '2024-03-05', registrar: '(주)가비아', privacy: true });
    expect(facts?.lines).toEqual({
      createdAt: '등록일 : 2024. 03. 05.',
      registrar: '등록대행자 : (주)가비아(http://www.gabia.co.kr)',
      privacy: '정보공개여부 : N',
    });
  });
});

describe('parseWhoisRecord: no record', () => {
  it.each([
    ['an empty reply', {}],
    ['Verisign "No match" with its notice', { notice: 'The expiration date displayed in this record is the date the', termsOfUse: 'You are not authorized to access or query our Whois' }],
    ['NOT FOUND with a status line', { domainStatus: 'No Object Found' }],
  ])('%s → null', (_name, record) => {
    expect(parseWhoisRecord('nothing.com', record as Record<string, string>, SERVER, NOW)).toBeNull();
  });
});

describe('parseWhoisDate', () => {
  it.each([
    ['2026-11-01T00:00:00Z', '2026-11-01T00:00:00.000Z'],
    ['2024-03-05T09:00:00.0Z', '2024-03-05T09:00:00.000Z'],
    ['2024-03-05T09:00:00+09:00', '2024-03-05T00:00:00.000Z'],
    ['2024-03-05', '2024-03-05'],
    ['2024. 03. 05.', '2024-03-05'],
    ['2024.03.05', '2024-03-05'],
    ['2024/03/05', '2024-03-05'],
    ['05-Mar-2024', '2024-03-05'],
    ['5-mar-2024', '2024-03-05'],
    ['2024-03-05T00:00:00Z 2024-03-05T00:00:00Z', '2024-03-05T00:00:00.000Z'],
  ])('%s → %s', (value, iso) => {
    expect(parseWhoisDate(value)?.iso).toBe(iso);
    expect(parseWhoisDate(value)?.ms).toBe(Date.parse(iso));
  });

  it.each(['', 'never', '2024-02-31', '2024. 13. 01.', '31-Foo-2024'])('%j → null', (value) => {
    expect(parseWhoisDate(value)).toBeNull();
  });

  it('ageDaysAt counts whole days', () => {
    expect(ageDaysAt('2026-11-01', NOW)).toBe(14);
    expect(ageDaysAt(null, NOW)).toBeNull();
  });
});

describe('toAsciiDomain', () => {
  it.each([
    ['example.com', 'example.com'],
    ['EXAMPLE.Com.', 'example.com'],
    ['상품권티켓.com', 'xn--zf0b677ajok9wdi9b.com'],
    ['xn--zf0b677ajok9wdi9b.com', 'xn--zf0b677ajok9wdi9b.com'],
    ['cash-119.co.kr', 'cash-119.co.kr'],
  ])('%s → %s', (input, ascii) => {
    expect(toAsciiDomain(input)).toBe(ascii);
  });
});

const INVALID = [
  '',
  'localhost',
  'a..com',
  '.com',
  '-cash.com',
  'cash-.com',
  'a_b.com',
  'exa mple.com',
  'cash.com\r\nevil.com',
  'cash.com\tx',
  '127.0.0.1',
  'http://cash.com',
  'cash.com/apply',
  'cash.com?x',
  'cash.com#x',
  'ca\\sh.com',
  'user@cash.com',
  'cash.com:43',
  `${'a'.repeat(64)}.com`,
  `${Array.from({ length: 60 }, () => 'abcd').join('.')}.com`,
  'xn--zz.com',
];

describe('whoisLookup against a loopback WHOIS server', () => {
  let server: WhoisServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('never sends an invalid name', async () => {
    server = await startWhoisServer({});
    for (const name of INVALID) {
      const err = await whoisLookup(name, { server: server.address, timeoutMs: 1000 }).catch((e: unknown) => e);
      expect(err, name).toBeInstanceOf(WhoisError);
      expect((err as WhoisError).kind, name).toBe('invalid-domain');
      expect((err as WhoisError).message, name).toMatch(/^not a valid domain name: /);
    }
    expect(server.queries.size).toBe(0);
  });

  it('looks up a gTLD domain and parses the reply', async () => {
    const created = new Date('2026-11-01T00:00:00Z');
    server = await startWhoisServer({ 'scam-cash24.top': gtldReply('scam-cash24.top', { created, registrar: 'NameSilo, LLC', privacy: true }) });
    const answer = await whoisLookup('scam-cash24.top', { server: server.address, timeoutMs: 2000 });
    expect(answer.server).toBe(server.address);
    expect(answer.domain).toBe('scam-cash24.top');
    expect(answer.record.creationDate).toBe('2026-11-01T00:00:00Z');
    expect(server.queries.get('scam-cash24.top')).toBe(1);

    const facts = parseWhoisRecord(answer.domain, answer.record, answer.server, NOW);
    expect(facts).toMatchObject({
      createdAt: '2026-11-01T00:00:00.000Z',
      ageDays: 14,
      registrar: 'NameSilo, LLC',
      privacy: true,
      server: server.address,
      lines: {
        createdAt: 'Creation Date: 2026-11-01T00:00:00Z',
        registrar: 'Registrar: NameSilo, LLC',
        privacy: 'Registrant Name: REDACTED FOR PRIVACY',
      },
    });
  });

  it('looks up a .kr domain and parses the bilingual reply', async () => {
    const created = new Date('2024-03-05T00:00:00Z');
    server = await startWhoisServer({
      'cash-pay.kr': krReply('cash-pay.kr', { created, registrar: 'Gabia, Inc.(http://www.gabia.com)', privacy: false }),
    });
    const answer = await whoisLookup('cash-pay.kr', { server: server.address, timeoutMs: 2000 });
    expect(answer.record['등록일']).toBe('2024. 03. 05.');
    const facts = parseWhoisRecord(answer.domain, answer.record, answer.server, NOW);
    expect(facts).toMatchObject({
      createdAt: '2024-03-05',
      registrar: 'Gabia, Inc.',
      privacy: false,
      lines: { createdAt: 'Registered Date : 2024. 03. 05.', privacy: 'Publishes : Y' },
    });
  });

  it('sends an IDN as punycode', async () => {
    server = await startWhoisServer({});
    await whoisLookup('상품권티켓.com', { server: server.address, timeoutMs: 2000 });
    expect([...server.queries.keys()]).toEqual(['xn--zf0b677ajok9wdi9b.com']);
  });

  it('gives up at the deadline on a slow server', async () => {
    server = await startWhoisServer({}, { delayMs: 3000 });
    const started = Date.now();
    const err = await whoisLookup('slow.com', { server: server.address, timeoutMs: 150 }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(err).toBeInstanceOf(WhoisError);
    expect((err as WhoisError).kind).toBe('timeout');
    expect((err as WhoisError).message).toBe(`WHOIS query timed out after 150 ms (${server.address})`);
  });

  it("stops waiting when the caller's signal aborts", async () => {
    server = await startWhoisServer({}, { delayMs: 3000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    const err = await whoisLookup('slow.com', { server: server.address, timeoutMs: 5000, signal: controller.signal }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(1500);
    expect((err as WhoisError).kind).toBe('aborted');
  });

  it('reports a refused connection', async () => {
    const address = await closedPort();
    const err = await whoisLookup('cash.com', { server: address, timeoutMs: 2000 }).catch((e: unknown) => e);
    expect((err as WhoisError).kind).toBe('refused');
    expect((err as WhoisError).message).toBe(`WHOIS server refused the connection (${address})`);
  });
});
