// Small JSON exchanges with services we chose but whose addresses come from files and settings (RDAP servers
// from a bootstrap file, a business-registry endpoint): they get the page fetcher's safety, not a plain fetch.
// - Pinned DNS and the address policy (fetch/connector.ts): a bootstrap entry or endpoint that names a
//   private address is refused, however its name resolves; SCAMSCORE_ALLOW_PRIVATE exempts loopback in tests.
// - A dedicated undici Agent (no environment proxies), no redirects followed (a redirect could lead anywhere).
// - One deadline for the whole exchange, and a byte cap on the body: a registry answer is a few KB.
// Failures throw JsonRequestError with a kind and a sentence a person can read.
import { Agent, request } from 'undici';
import { ScamscoreError } from '../errors.js';
import { createAddressPolicy } from './address-policy.js';
import { abortable } from './fetch/abortable.js';
import { classify } from './fetch/classify.js';
import { findRefusal, pinnedConnector } from './fetch/connector.js';
import { createResolver } from './resolve.js';

export const DEFAULT_MAX_JSON_BYTES = 256 * 1024;

export interface JsonClientOptions {
  dnsServers: string[];
  allowPrivate: string[];
  /** Body bytes read at most; default DEFAULT_MAX_JSON_BYTES. */
  maxBytes?: number;
  connectTimeoutMs?: number;
  userAgent?: string;
}

export interface JsonRequest {
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** Sent as application/json. */
  body?: unknown;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface JsonReply {
  status: number;
  contentType: string | null;
  /** The parsed body; undefined when the body is empty or not JSON (a 404 page, say). */
  json: unknown;
  /** The body as received, read as UTF-8: what `json` was parsed from, kept as evidence. */
  text: string;
}

export type JsonFailure = 'refused' | 'timeout' | 'too-large' | 'failed';

export class JsonRequestError extends ScamscoreError {
  readonly kind: JsonFailure;

  constructor(kind: JsonFailure, message: string, options?: { cause?: unknown }) {
    super(`JSON_${kind.toUpperCase().replace(/-/g, '_')}`, 502, message, options);
    this.kind = kind;
  }
}

export interface JsonClient {
  request(url: URL, req: JsonRequest): Promise<JsonReply>;
  close(): Promise<void>;
}

export function createJsonClient(options: JsonClientOptions): JsonClient {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_JSON_BYTES;
  const userAgent = options.userAgent ?? 'scamscore/0.1 (+https://github.com/scamscore)';
  const refusals = new WeakSet<object>();
  const agent = new Agent({
    connect: pinnedConnector(
      createResolver(options.dnsServers),
      createAddressPolicy(options.allowPrivate),
      refusals,
      options.connectTimeoutMs ?? 5_000,
    ),
    maxHeaderSize: 32 * 1024,
  });

  async function exchange(url: URL, req: JsonRequest, stop: AbortSignal): Promise<JsonReply> {
    // Only web URLs, and no credentials: a settings typo must not send a password in the clear.
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) {
      throw new JsonRequestError('refused', `${url.origin} is not an http(s) URL without credentials`);
    }
    const headers: Record<string, string> = { 'user-agent': userAgent, ...req.headers };
    if (req.body !== undefined) headers['content-type'] = 'application/json';
    let res;
    try {
      res = await abortable(
        request(url, {
          dispatcher: agent,
          method: req.method,
          headers,
          body: req.body === undefined ? undefined : JSON.stringify(req.body),
          signal: stop,
          headersTimeout: req.timeoutMs,
          bodyTimeout: req.timeoutMs,
        }),
        stop,
      );
    } catch (err) {
      throw failure(err, url, stop, refusals);
    }
    const declared = Number(res.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      res.body.destroy();
      throw new JsonRequestError('too-large', `${url.host} sent ${declared} bytes; at most ${maxBytes} are read`);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of res.body as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > maxBytes) {
          res.body.destroy();
          throw new JsonRequestError('too-large', `${url.host} sent more than ${maxBytes} bytes`);
        }
        chunks.push(chunk);
      }
    } catch (err) {
      throw failure(err, url, stop, refusals);
    }
    const raw = res.headers['content-type'];
    const contentType = (Array.isArray(raw) ? raw[0] : raw) ?? null;
    const text = Buffer.concat(chunks).toString('utf8');
    return { status: res.statusCode, contentType, json: parseJson(text), text };
  }

  return {
    async request(url, req) {
      const deadline = AbortSignal.timeout(req.timeoutMs);
      const stop = req.signal ? AbortSignal.any([req.signal, deadline]) : deadline;
      return exchange(url, req, stop);
    },
    async close() {
      // Closing happens at shutdown: a lookup still running serves nobody.
      await agent.destroy();
    },
  };
}

function failure(err: unknown, url: URL, stop: AbortSignal, refusals: WeakSet<object>): JsonRequestError {
  if (err instanceof JsonRequestError) return err;
  const refusal = findRefusal(err, refusals);
  if (refusal) return new JsonRequestError('refused', `${url.host} refused: ${refusal.message}`, { cause: err });
  const { code, message } = classify(err, stop);
  if (code === 'TIMEOUT') return new JsonRequestError('timeout', `${url.host} did not answer in time`, { cause: err });
  return new JsonRequestError('failed', `${url.host}: ${message}`, { cause: err });
}

function parseJson(text: string): unknown {
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
