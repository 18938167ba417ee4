// Fetch one page of a site we do not trust, without letting it steer us into our own network.
// - Names are resolved by us, every address is checked, and the socket dials exactly the checked address
//   (pinned DNS): a rebinding DNS server gets one answer per connection and that answer is the one judged.
// - A dedicated undici Agent: no global dispatcher, no environment proxies, its own timeouts.
// - Redirects are followed by hand so every hop goes through the URL policy and the connect-time check.
// - The body is read up to a byte cap; what was read is kept.
// Failures are outcomes (ok: false with a code), except a submitted target that the address policy refuses:
// that is the caller's input being refused, so it throws TargetRefusedError (422).
import type { Socket } from 'node:net';
import { isIP } from 'node:net';
import { Agent, buildConnector, request } from 'undici';
import type { Dispatcher } from 'undici';
import { FetchError, ScamscoreError, TargetRefusedError } from '../errors.js';
import { createAddressPolicy, type AddressPolicy } from './address-policy.js';
import { decodeBody } from './decode.js';
import { createResolver, type TargetResolver } from './resolve.js';
import { checkTargetUrl, type UrlPolicy } from './url-policy.js';

export interface FetcherOptions {
  dnsServers: string[];
  allowPrivate: string[];
  allowedPorts: number[];
  maxBodyBytes: number;
  maxRedirects?: number;
  userAgent?: string;
}

export interface FetchOutcome {
  /** True when a response body was obtained (any HTTP status). */
  ok: boolean;
  /** The last URL that answered with an HTTP response (the submitted URL when none did). */
  finalUrl: string;
  status: number | null;
  contentType: string | null;
  /** Headers of the last response, lower-case names. */
  headers: Record<string, string>;
  /** Decoded text; '' when the response is not HTML/text or the fetch failed. */
  body: string;
  charset: string | null;
  /** Body bytes kept (at most maxBodyBytes). */
  bytes: number;
  /** The body cap was reached; what was read is still returned and decoded. */
  truncated: boolean;
  /** Each response that redirected us: its URL and status, in order. */
  redirects: { url: string; status: number }[];
  ms: number;
  error?: { code: string; message: string };
}

export interface Fetcher {
  fetchPage(url: URL, opts: { signal: AbortSignal }): Promise<FetchOutcome>;
  close(): Promise<void>;
}

const DEFAULT_MAX_REDIRECTS = 5;
const DEFAULT_USER_AGENT = 'Mozilla/5.0 (compatible; scamscore/0.1; +https://github.com/scamscore)';
const CONNECT_TIMEOUT_MS = 10_000;
const HEADERS_TIMEOUT_MS = 10_000;
const BODY_TIMEOUT_MS = 10_000;
/** A redirect's own body is drained (to reuse the connection) only while it is this small. */
const REDIRECT_DRAIN_LIMIT = 16 * 1024;
const CLOSE_GRACE_MS = 1000;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
// Text types worth decoding; a missing Content-Type is decoded too, as browsers sniff such pages as HTML.
const TEXT_TYPES = new Set(['text/html', 'application/xhtml+xml', 'text/plain']);

export function createFetcher(options: FetcherOptions): Fetcher {
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
  const urlPolicy: UrlPolicy = { allowedPorts: options.allowedPorts };
  const refusals = new WeakSet<object>();
  const agent = new Agent({
    connect: pinnedConnector(createResolver(options.dnsServers), createAddressPolicy(options.allowPrivate), refusals),
    headersTimeout: HEADERS_TIMEOUT_MS,
    bodyTimeout: BODY_TIMEOUT_MS,
  });

  async function fetchPage(url: URL, { signal }: { signal: AbortSignal }): Promise<FetchOutcome> {
    const started = performance.now();
    const redirects: FetchOutcome['redirects'] = [];
    let current = withoutHash(checkTargetUrl(url.href, urlPolicy));
    const visited = new Set<string>([current.href]);
    let last: { url: string; status: number; headers: Record<string, string> } | null = null;

    const finish = (extra: Partial<FetchOutcome> & { ok: boolean }): FetchOutcome => ({
      finalUrl: last?.url ?? current.href,
      status: last?.status ?? null,
      contentType: last?.headers['content-type'] ?? null,
      headers: last?.headers ?? {},
      body: '',
      charset: null,
      bytes: 0,
      truncated: false,
      redirects,
      ms: Math.round(performance.now() - started),
      ...extra,
    });
    const fail = (code: string, message: string) => finish({ ok: false, error: { code, message } });

    for (;;) {
      const hop = redirects.length;
      let res: Dispatcher.ResponseData;
      try {
        res = await abortable(
          request(current, {
            dispatcher: agent,
            method: 'GET',
            signal,
            headers: {
              'user-agent': userAgent,
              accept: 'text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.5',
              'accept-language': 'ko-KR,ko;q=0.9,en;q=0.8',
              // Decompression comes later; until then we must not be sent bytes we cannot read.
              'accept-encoding': 'identity',
            },
          }),
          signal,
        );
      } catch (err) {
        const refusal = findRefusal(err, refusals);
        if (refusal) {
          if (hop === 0) throw refusal;
          return fail('REDIRECT_REFUSED', `redirect to ${current.href} refused: ${refusal.message}`);
        }
        const { code, message } = classify(err, signal);
        return fail(code, hop === 0 ? message : `following the redirect to ${current.href}: ${message}`);
      }

      const headers = flattenHeaders(res.headers);
      last = { url: current.href, status: res.statusCode, headers };
      // Several Location headers would be joined by flattenHeaders: follow the first, as browsers do.
      const rawLocation = res.headers.location;
      const location = Array.isArray(rawLocation) ? rawLocation[0] : rawLocation;

      if (REDIRECT_STATUSES.has(res.statusCode) && location) {
        res.body.dump({ limit: REDIRECT_DRAIN_LIMIT, signal }).catch(() => {});
        redirects.push({ url: current.href, status: res.statusCode });

        let next: URL;
        try {
          next = withoutHash(new URL(location, current));
        } catch {
          return fail('FETCH_FAILED', `${current.href} redirected to an invalid URL: ${JSON.stringify(location)}`);
        }
        if (visited.has(next.href)) {
          return fail('TOO_MANY_REDIRECTS', `redirect loop: ${current.href} redirects back to ${next.href}`);
        }
        if (redirects.length > maxRedirects) {
          return fail('TOO_MANY_REDIRECTS', `more than ${maxRedirects} redirects (the last one to ${next.href})`);
        }
        try {
          checkTargetUrl(next.href, urlPolicy);
        } catch (err) {
          const why = err instanceof Error ? err.message : String(err);
          return fail('REDIRECT_REFUSED', `redirect to ${next.href} refused: ${why}`);
        }
        visited.add(next.href);
        current = next;
        continue;
      }

      const contentType = headers['content-type'];
      if (contentType !== undefined && !TEXT_TYPES.has(mediaType(contentType))) {
        // Not a page: do not download it.
        discard(res.body);
        return finish({ ok: true });
      }
      try {
        const { data, truncated } = await readCapped(res.body, options.maxBodyBytes);
        const { text, charset } = decodeBody(data, contentType);
        return finish({ ok: true, body: text, charset, bytes: data.length, truncated });
      } catch (err) {
        discard(res.body);
        const { code, message } = classify(err, signal);
        return fail(code, `reading the body of ${current.href}: ${message}`);
      }
    }
  }

  return {
    fetchPage,
    async close() {
      // Graceful, but bounded: a request abandoned by its deadline can still be waiting on DNS or connect.
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), CLOSE_GRACE_MS);
      });
      const result = await Promise.race([agent.close().then(() => 'closed' as const), grace]);
      clearTimeout(timer);
      if (result === 'late') await agent.destroy();
    },
  };
}

/**
 * The Agent's connect function: resolve, check every address, then dial a checked address with the original
 * name kept for TLS SNI and certificate checks. Refusals are remembered so they can be recognised however
 * undici wraps them.
 */
function pinnedConnector(
  resolver: TargetResolver,
  policy: AddressPolicy,
  refusals: WeakSet<object>,
): buildConnector.connector {
  const dial = buildConnector({ timeout: CONNECT_TIMEOUT_MS });

  const dialAddress = (opts: buildConnector.Options, ip: string, servername: string | undefined) =>
    new Promise<Socket>((resolve, reject) => {
      dial({ ...opts, hostname: ip, servername }, (err, socket) => (err ? reject(err) : resolve(socket!)));
    });

  async function connect(opts: buildConnector.Options): Promise<Socket> {
    const host = opts.hostname;
    const literal = isIP(host) !== 0;
    const addresses = await resolver.resolve(host);
    for (const ip of addresses) {
      const verdict = policy.check(ip);
      // One bad address refuses the name: we cannot know which one a later connection would get.
      if (!verdict.ok) {
        const refusal = new TargetRefusedError(
          literal ? verdict.reason : `${host} resolves to a non-public address: ${verdict.reason}`,
        );
        refusals.add(refusal);
        throw refusal;
      }
    }
    const servername = opts.servername ?? (literal ? undefined : host.replace(/\.$/, ''));
    let lastError: unknown;
    for (const ip of addresses) {
      try {
        return await dialAddress(opts, ip, servername);
      } catch (err) {
        lastError = dialFailure(err, opts, ip);
        // Handshake problems are the site's, not the address's: another address will not fix them.
        if (lastError instanceof FetchError && lastError.code === 'TLS_FAILED') break;
      }
    }
    throw lastError;
  }

  return (opts, callback) => {
    connect(opts).then(
      (socket) => callback(null, socket),
      (err: unknown) => callback(err instanceof Error ? err : new Error(String(err)), null),
    );
  };
}

/** Name a failed dial after its phase: TCP (CONNECT_FAILED, TIMEOUT) or, for https, the TLS handshake. */
function dialFailure(err: unknown, opts: buildConnector.Options, ip: string): unknown {
  const code = errorCode(err);
  const where = `${opts.hostname === ip ? ip : `${opts.hostname} (${ip})`} port ${opts.port || (opts.protocol === 'https:' ? 443 : 80)}`;
  if (CONNECT_CODES.has(code)) {
    return new FetchError('CONNECT_FAILED', `could not connect to ${where}: ${describe(err)}`, { cause: err });
  }
  if (TIMEOUT_CODES.has(code)) {
    return new FetchError('TIMEOUT', `connecting to ${where} timed out`, { cause: err });
  }
  // Once TCP is up, anything that stops an https connection (bad certificate, reset, garbage instead of a
  // ServerHello) is a failed handshake.
  if (opts.protocol === 'https:' || isTlsError(err)) {
    return new FetchError('TLS_FAILED', `TLS handshake with ${where} failed: ${describe(err)}`, { cause: err });
  }
  return err;
}

function findRefusal(err: unknown, refusals: WeakSet<object>): TargetRefusedError | null {
  for (let e: unknown = err, depth = 0; e && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof TargetRefusedError || (typeof e === 'object' && refusals.has(e))) {
      return e as TargetRefusedError;
    }
  }
  return null;
}

const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_UNTRUSTED',
  'CERT_REVOKED',
  'HOSTNAME_MISMATCH',
  'EPROTO',
]);

function isTlsError(err: unknown): boolean {
  const code = errorCode(err);
  return TLS_CODES.has(code) || code.startsWith('ERR_TLS_') || code.startsWith('ERR_SSL_');
}

function errorCode(err: unknown): string {
  return typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
}

const CONNECT_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'EHOSTDOWN']);
const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);

/** Map whatever undici, net, tls or our resolver threw to a stable code and a sentence. */
function classify(err: unknown, signal: AbortSignal): { code: string; message: string } {
  if (signal.aborted) {
    return { code: 'TIMEOUT', message: `stopped by the scan's deadline (${describe(signal.reason)})` };
  }
  for (let e: unknown = err, depth = 0; e && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof FetchError) return { code: e.code, message: e.message };
    if (e instanceof ScamscoreError) return { code: 'FETCH_FAILED', message: e.message };
    const code = errorCode(e);
    if (TIMEOUT_CODES.has(code)) return { code: 'TIMEOUT', message: describe(e) };
    if (CONNECT_CODES.has(code)) return { code: 'CONNECT_FAILED', message: `could not connect: ${describe(e)}` };
    if (isTlsError(e)) return { code: 'TLS_FAILED', message: `TLS failed: ${describe(e)}` };
    if (e instanceof Error && e.name === 'AbortError') return { code: 'TIMEOUT', message: describe(e) };
  }
  return { code: 'FETCH_FAILED', message: describe(err) };
}

function describe(err: unknown): string {
  if (err instanceof Error) {
    const code = errorCode(err);
    if (code === 'UND_ERR_SOCKET') return 'the server closed the connection without a complete response';
    // OpenSSL messages carry a file path and line; its short reason is what a person can act on.
    const reason = (err as { reason?: unknown }).reason;
    if (typeof reason === 'string' && reason) return code ? `${reason} (${code})` : reason;
    return code && !err.message.includes(code) ? `${err.message} (${code})` : err.message;
  }
  return String(err);
}

/**
 * undici only notices an abort once the request is on a socket, so a slow DNS answer or connect would
 * outlive the deadline; race the signal so the caller gets its answer on time.
 */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => {});
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        if (signal.aborted) destroyBody(value);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}

function destroyBody(value: unknown): void {
  const body = (value as { body?: Dispatcher.ResponseData['body'] } | null)?.body;
  if (body) discard(body);
}

/** Stop a response body. undici turns a plain destroy() into an 'error' event: swallow it, we chose this. */
function discard(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => {});
  body.destroy();
}

async function readCapped(
  body: Dispatcher.ResponseData['body'],
  max: number,
): Promise<{ data: Buffer; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let total = 0;
  let truncated = false;
  body.on('error', () => {}); // the iterator below still sees errors; this only stops the 'error' event escaping
  for await (const chunk of body as AsyncIterable<Buffer>) {
    const room = max - total;
    if (chunk.length > room) {
      if (room > 0) chunks.push(chunk.subarray(0, room));
      total += room;
      truncated = true;
      break; // leaving the loop destroys the stream: the rest is never downloaded
    }
    chunks.push(chunk);
    total += chunk.length;
  }
  return { data: Buffer.concat(chunks, total), truncated };
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function mediaType(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

function withoutHash(url: URL): URL {
  const copy = new URL(url.href);
  copy.hash = '';
  return copy;
}
