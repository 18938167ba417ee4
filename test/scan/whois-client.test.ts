// The WHOIS transport: deadline and abort close the socket, the reply cap holds, replies decode as UTF-8 or
// cp949, and nothing but a valid name ever reaches a server. Real loopback servers throughout.
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { buildQueryLine, decodeWhoisReply, DEFAULT_MAX_REPLY_BYTES } from '../../src/scan/whois-client.js';
import { registryServer } from '../../src/scan/whois-servers.js';
import { parseWhoisRecord, whoisLookup, WhoisError } from '../../src/scan/whois.js';
import {
  gtldReply,
  krReply,
  startTcpProbe,
  startWhoisServer,
  type TcpProbe,
  type WhoisServer,
} from '../support/whois-server.js';

const NOW = Date.parse('2026-11-15T12:00:00Z');
// Time the server may take to notice our close after the deadline, on a loaded CI machine.
const SLACK_MS = 400;

let probe: TcpProbe | undefined;
let server: WhoisServer | undefined;
afterEach(async () => {
  await probe?.close();
  await server?.close();
  probe = undefined;
  server = undefined;
});

describe('deadline and abort close the socket', () => {
  it('a server trickling one byte a second is disconnected at the deadline', async () => {
    probe = await startTcpProbe({ mode: 'trickle', intervalMs: 1000 });
    const err = await whoisLookup('slow.com', { server: probe.address, timeoutMs: 300 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WhoisError);
    expect((err as WhoisError).kind).toBe('timeout');
    expect((err as WhoisError).message).toBe(`WHOIS query timed out after 300 ms (${probe.address})`);

    await probe.closed(1);
    const [conn] = probe.connections;
    expect(conn!.received.toString('latin1')).toBe('slow.com\r\n');
    // The server itself saw the close: the socket was destroyed, not merely abandoned.
    expect(conn!.closedAt! - conn!.openedAt).toBeLessThan(300 + SLACK_MS);
  });

  it("the caller's abort closes the socket too", async () => {
    probe = await startTcpProbe({ mode: 'trickle', intervalMs: 100 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const err = await whoisLookup('slow.com', { server: probe.address, timeoutMs: 10_000, signal: controller.signal }).catch(
      (e: unknown) => e,
    );
    expect((err as WhoisError).kind).toBe('aborted');
    await probe.closed(1);
    const [conn] = probe.connections;
    expect(conn!.closedAt! - conn!.openedAt).toBeLessThan(150 + SLACK_MS);
  });
});

describe('reply size cap', () => {
  // A record first, then a megabyte of notice lines: the head must still be parsed.
  const padded = (domain: string) =>
    gtldReply(domain, { created: new Date('2026-11-01T00:00:00Z'), registrar: 'NameSilo, LLC', privacy: true }) +
    `Remarks: ${'x'.repeat(1000)}\r\n`.repeat(1024);

  it('a reply larger than the default cap is cut and still parsed', async () => {
    server = await startWhoisServer({ 'big.top': padded('big.top') });
    const answer = await whoisLookup('big.top', { server: server.address, timeoutMs: 5000 });
    expect(answer.truncated).toBe(true);
    expect(Buffer.byteLength(answer.text)).toBeLessThanOrEqual(DEFAULT_MAX_REPLY_BYTES);
    expect(parseWhoisRecord(answer.domain, answer.record, answer.server, NOW)).toMatchObject({
      createdAt: '2026-11-01T00:00:00.000Z',
      registrar: 'NameSilo, LLC',
    });
  });

  it('honours a smaller cap', async () => {
    server = await startWhoisServer({ 'big.top': padded('big.top') });
    const answer = await whoisLookup('big.top', { server: server.address, timeoutMs: 5000, maxBytes: 4096 });
    expect(answer.truncated).toBe(true);
    expect(Buffer.byteLength(answer.text)).toBeLessThanOrEqual(4096);
    expect(answer.record.creationDate).toBe('2026-11-01T00:00:00Z');
  });

  it('a reply under the cap is not marked truncated', async () => {
    server = await startWhoisServer({ 'big.top': padded('big.top') });
    const answer = await whoisLookup('nothing.top', { server: server.address, timeoutMs: 5000 });
    expect(answer.truncated).toBe(false);
  });
});

describe('decoding', () => {
  const kr = krReply('cash-pay.kr', { created: new Date('2024-03-05T00:00:00Z'), registrar: '(주)가비아(http://www.gabia.co.kr)', privacy: true });

  it('a cp949-encoded .kr reply decodes', async () => {
    server = await startWhoisServer({ 'cash-pay.kr': iconv.encode(kr, 'cp949') });
    const answer = await whoisLookup('cash-pay.kr', { server: server.address, timeoutMs: 2000 });
    expect(answer.record['등록일']).toBe('2024. 03. 05.');
    expect(answer.record['등록대행자']).toBe('(주)가비아(http://www.gabia.co.kr)');
    expect(answer.text).toContain('# KOREAN(UTF8)');
    expect(parseWhoisRecord(answer.domain, answer.record, answer.server, NOW)).toMatchObject({
      createdAt: '2024-03-05',
      privacy: true,
    });
  });

  it('a UTF-8 .kr reply stays UTF-8', async () => {
    server = await startWhoisServer({ 'cash-pay.kr': Buffer.from(kr, 'utf8') });
    const answer = await whoisLookup('cash-pay.kr', { server: server.address, timeoutMs: 2000 });
    expect(answer.record['등록대행자']).toBe('(주)가비아(http://www.gabia.co.kr)');
  });

  it('a UTF-8 reply cut inside a character is still read as UTF-8', () => {
    const bytes = Buffer.from('등록일 : 2024. 03. 05.\r\n등록대행자 : 가비아', 'utf8');
    const cut = bytes.subarray(0, bytes.length - 1);
    expect(decodeWhoisReply(cut, true)).toBe('등록일 : 2024. 03. 05.\r\n등록대행자 : 가비');
    // Uncut, the same broken tail means the bytes are not UTF-8.
    expect(decodeWhoisReply(cut, false)).not.toContain('등록일');
  });
});

describe('only a valid name reaches the socket', () => {
  it.each(['cash.com\r\nevil.com', 'cash.com\nx', 'cash.com\r', 'exa mple.com', 'cash.com evil.com', ' cash.com', 'cash.com\t'])(
    '%j: the server sees no connection and zero bytes',
    async (name) => {
      probe = await startTcpProbe();
      const err = await whoisLookup(name, { server: probe.address, timeoutMs: 500 }).catch((e: unknown) => e);
      expect((err as WhoisError).kind).toBe('invalid-domain');
      // Give a stray connection time to show up before counting.
      await new Promise((r) => setTimeout(r, 50));
      expect(probe.connections).toHaveLength(0);
    },
  );

  it('the transport refuses a line break even if validation were bypassed', () => {
    expect(() => buildQueryLine('$addr\r\n', 'cash.com\r\nevil.com')).toThrow(TypeError);
    expect(() => buildQueryLine('$addr\r\n', 'cash.com evil.com')).toThrow(TypeError);
    expect(() => buildQueryLine('$addr\r\nX\r\n', 'cash.com')).toThrow(TypeError);
    expect(buildQueryLine('DOMAIN $addr\r\n', 'cash.com')).toBe('DOMAIN cash.com\r\n');
  });
});

describe('server choice', () => {
  it('the registry server for the TLD comes from the whois package table', () => {
    expect(registryServer('cash-pay.kr')).toEqual({ host: 'whois.kr', port: 43, query: '$addr\r\n' });
    expect(registryServer('cash-119.co.kr')).toMatchObject({ host: 'whois.kr', port: 43 });
    expect(registryServer('scam.top')).toMatchObject({ host: 'whois.nic.top', port: 43 });
    expect(registryServer('cash.com')).toEqual({ host: 'whois.verisign-grs.com', port: 43, query: 'DOMAIN $addr\r\n' });
    expect(registryServer('x.mil')).toBeNull();
  });

  it('a TLD with no known server fails without a connection', async () => {
    const err = await whoisLookup('army.mil', { server: null, timeoutMs: 500 }).catch((e: unknown) => e);
    expect((err as WhoisError).kind).toBe('no-server');
    expect((err as WhoisError).message).toBe('no WHOIS server is known for .mil');
  });

  it('the configured server is asked first, as configured', async () => {
    server = await startWhoisServer({});
    const answer = await whoisLookup('cash-pay.kr', { server: server.address, timeoutMs: 2000 });
    expect(answer.server).toBe(server.address);
    expect(answer.asked).toEqual([server.address]);
    expect(answer.referral).toBeNull();
  });
});
