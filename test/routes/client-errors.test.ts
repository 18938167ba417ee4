// Errors raised before a route runs, over a real socket: what Node's HTTP parser rejects (oversized headers,
// a garbage request line, an invalid header), what the router rejects (bad URL encoding) and Fastify's own
// body checks. Each must answer RFC 9457 problem details, as every route does; app.inject cannot show this,
// because it never goes through the parser.
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { ConnectionError } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientErrorHandler } from '../../src/http/problem.js';
import { startHarness, type Harness } from '../support/harness.js';

let h: Harness;
let port: number;
beforeAll(async () => {
  h = await startHarness({});
  await h.app.listen({ port: 0, host: '127.0.0.1' });
  port = (h.app.server.address() as AddressInfo).port;
});
afterAll(async () => h?.close());

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Writes bytes as they are and reads the whole answer until the server closes the connection. */
function exchange(request: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    // The server may close while a flood is still being written: the answer already read is what counts.
    socket.on('error', () => {});
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const end = text.indexOf('\r\n\r\n');
      if (end < 0) return reject(new Error(`no HTTP answer: ${JSON.stringify(text.slice(0, 200))}`));
      const [statusLine, ...lines] = text.slice(0, end).split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      resolve({ status: Number(statusLine!.split(' ')[1]), headers, body: text.slice(end + 4) });
    });
    socket.setTimeout(10_000, () => socket.destroy());
    socket.on('connect', () => socket.write(request));
  });
}

function expectProblem(r: RawAnswer, status: number, code: string) {
  expect(r.status).toBe(status);
  expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = JSON.parse(r.body);
  expect(body).toMatchObject({ status, code, type: `https://scamscore.dev/problems/${code.toLowerCase().replace(/_/g, '-')}` });
  expect(body.title).toEqual(expect.any(String));
  expect(body.detail).toEqual(expect.any(String));
  return body;
}

describe('requests the HTTP parser rejects', () => {
  it('431 HEADERS_TOO_LARGE for a 100 KB header, and the connection is closed', async () => {
    const r = await exchange(`GET /healthz HTTP/1.1\r\nHost: a\r\nX-Flood: ${'a'.repeat(100_000)}\r\n\r\n`);
    expectProblem(r, 431, 'HEADERS_TOO_LARGE');
    expect(r.headers.connection).toBe('close');
  });

  it('400 MALFORMED_REQUEST for a garbage request line', async () => {
    const r = await exchange('\x16\x03\x01 this is not http\r\n\r\n');
    const body = expectProblem(r, 400, 'MALFORMED_REQUEST');
    expect(r.headers.connection).toBe('close');
    expect(body.detail).toMatch(/not valid HTTP/);
  });

  it('400 MALFORMED_REQUEST for an invalid header name and for a control character in a value', async () => {
    expectProblem(await exchange('GET /healthz HTTP/1.1\r\nHost: a\r\nBad Header: x\r\n\r\n'), 400, 'MALFORMED_REQUEST');
    expectProblem(await exchange('GET /healthz HTTP/1.1\r\nHost: a\r\nX-A: b\x01c\r\n\r\n'), 400, 'MALFORMED_REQUEST');
  });

  it('408 REQUEST_TIMEOUT when Node gives up waiting for a request', async () => {
    // requestTimeout is 120 s; hand the handler the error Node raises then, on a real accepted socket.
    const accepted = new Promise<net.Socket>((resolve) => h.app.server.once('connection', resolve));
    const client = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    client.on('data', (c) => chunks.push(c));
    const closed = new Promise((resolve) => client.on('close', resolve));
    const serverSide = await accepted;
    h.app.server.emit('clientError', Object.assign(new Error('Request timeout'), { code: 'ERR_HTTP_REQUEST_TIMEOUT' }), serverSide);
    await closed;
    const text = Buffer.concat(chunks).toString();
    expect(text).toMatch(/^HTTP\/1\.1 408 /);
    expect(JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4))).toMatchObject({ status: 408, code: 'REQUEST_TIMEOUT' });
  });

  it('writes nothing to a socket that is already gone', () => {
    const gone = new net.Socket();
    gone.destroy();
    const err = Object.assign(new Error('Parse Error'), { code: 'HPE_INVALID_METHOD' }) as ConnectionError;
    expect(() => clientErrorHandler.call(h.app, err, gone)).not.toThrow();
    expect(gone.bytesWritten).toBe(0);
  });
});

describe('Fastify-level refusals over the wire', () => {
  const post = (body: string, headers: Record<string, string>) =>
    exchange(
      `POST /v1/scans HTTP/1.1\r\nHost: a\r\nConnection: close\r\n${Object.entries(headers)
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join('')}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );

  it('400 for a URL that is not valid percent-encoding', async () => {
    expectProblem(await exchange('GET /v1/scans/%E0%A4%A HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n'), 400, 'FST_ERR_BAD_URL');
  });

  it('404 for an unknown route and for a method a path does not have', async () => {
    expectProblem(await exchange('GET /nothing HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n'), 404, 'NOT_FOUND');
    expectProblem(await exchange('DELETE /healthz HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n'), 404, 'NOT_FOUND');
  });

  it('400 for malformed JSON, 415 for a wrong content type', async () => {
    expectProblem(await post('{"url": ', { 'Content-Type': 'application/json' }), 400, 'FST_ERR_CTP_INVALID_JSON_BODY');
    expectProblem(await post('url=x', { 'Content-Type': 'application/x-www-form-urlencoded' }), 415, 'FST_ERR_CTP_INVALID_MEDIA_TYPE');
  });

  it('413 for a body declared larger than the limit', async () => {
    const r = await exchange('POST /v1/scans HTTP/1.1\r\nHost: a\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: 50000000\r\n\r\n{}');
    expectProblem(r, 413, 'FST_ERR_CTP_BODY_TOO_LARGE');
  });
});
