// Fetch one page of a site we do not trust, without letting it steer us into our own network.
// - Names are resolved by us, every address is checked, and the socket dials exactly the checked address
//   (pinned DNS, fetch/connector.ts).
// - A dedicated undici Agent: no global dispatcher, no environment proxies (HTTP_PROXY and friends are read
//   only by undici's EnvHttpProxyAgent, never by a plain Agent), its own timeouts and header size limit.
// - Every hop is followed by hand under one policy: 3xx Location, the Refresh header and <meta refresh>.
// - The body is decompressed by us (fetch/read-body.ts) with caps on wire and decoded bytes, and sniffed:
//   a binary file labelled text/html is not parsed as a page.
// Failures are outcomes (ok: false with a code), except a submitted target that the address policy refuses:
// that is the caller's input being refused, so it throws TargetRefusedError (422).
import { Agent, request } from 'undici';
import type { Dispatcher } from 'undici';
import { createAddressPolicy } from './address-policy.js';
import type { CapturedResponse } from './capture.js';
import { charsetForLabel, charsetOf, decodeBody } from './decode.js';
import { abortable, discard } from './fetch/abortable.js';
import { classify } from './fetch/classify.js';
import { findRefusal, pinnedConnector } from './fetch/connector.js';
import { parseContentType } from './fetch/content-type.js';
import { ACCEPT_ENCODING, parseContentEncoding } from './fetch/decompress.js';
import { readBody } from './fetch/read-body.js';
import { findMetaRefreshInBytes, parseRefresh, type Refresh } from './fetch/refresh.js';
import { track, type RemoteAddress } from './fetch/remote-address.js';
import { createResolver } from './resolve.js';
import { checkTargetUrl, type UrlPolicy } from './url-policy.js';

export interface FetcherOptions {
  dnsServers: string[];
  allowPrivate: string[];
  allowedPorts: number[];
  /** Cap on body bytes, both as received and after decompression. */
  maxBodyBytes: number;
  /** Hops of any kind (3xx, Refresh header, meta refresh). Default 5. */
  maxRedirects?: number;
  userAgent?: string;
  /** TCP (and TLS) connect, per address. Default 5 s. */
  connectTimeoutMs?: number;
  /** From sending the request to the end of the response headers. Default 10 s. */
  headersTimeoutMs?: number;
  /** Longest silence between two body chunks. Default 10 s. */
  bodyTimeoutMs?: number;
  /** Largest response head (status line and headers) accepted. Default 32 KiB. */
  maxHeaderBytes?: number;
  /** Refreshes that wait longer than this are not followed (a person would read the page). Default 10 s. */
  maxRefreshDelaySeconds?: number;
}

export interface FetchOutcome {
  /** True when a response body was obtained (any HTTP status). */
  ok: boolean;
  /** The last URL that answered with an HTTP response (the submitted URL when none did). */
  finalUrl: string;
  status: number | null;
  /** The Content-Type header, or "<type> (sniffed)" when the first bytes showed a binary format. */
  contentType: string | null;
  /** Headers of the last response, lower-case names. */
  headers: Record<string, string>;
  /**
   * Decoded text; '' when the response is not HTML/text or the fetch failed. Decoded from `raw` when first
   * read: the server never reads it (its analysis worker decodes `raw`), the CLI and tests do.
   */
  readonly body: string;
  /**
   * The bytes `body` was decoded from: content-encoding undone, charset not yet applied (at most maxBodyBytes).
   * Null when no page body was read (not a text type, sniffed binary, a failure, a redirect-only chain).
   */
  raw: Buffer | null;
  charset: string | null;
  /** Body bytes taken off the wire (at most maxBodyBytes; compressed size when compressed). */
  bytes: number;
  /** Body bytes after decompression that were kept and decoded (at most maxBodyBytes). */
  decodedBytes: number;
  /** A byte cap was reached or the compressed stream broke off; what was read is still returned and decoded. */
  truncated: boolean;
  /**
   * Each response that sent us on, in order: its URL and status. `via` marks hops made by a Refresh header
   * or a <meta http-equiv="refresh">, whose status is that of the page carrying them.
   */
  redirects: { url: string; status: number; via?: 'refresh-header' | 'meta-refresh' }[];
  /**
   * Every HTTP response received, in order: each hop (with `via`) and the last response (without), also on
   * failure. A response whose hop was refused (loop, limit, policy) still carries its `via`.
   */
  chain: CapturedResponse[];
  ms: number;
  error?: { code: string; message: string };
}

export interface Fetcher {
  fetchPage(url: URL, opts: { signal: AbortSignal }): Promise<FetchOutcome>;
  close(): Promise<void>;
}

const DEFAULT_MAX_REDIRECTS = 5;
const DEFAULT_USER_AGENT = 'Mozilla/5.0 (compatible; scamscore/0.1; +https://github.com/scamscore)';
const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;
const DEFAULT_BODY_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_HEADER_BYTES = 32 * 1024;
const DEFAULT_MAX_REFRESH_DELAY_S = 10;
/** A declared body this much larger than the cap is not a page we want a piece of: refuse it unread. */
const DECLARED_LENGTH_FACTOR = 10;
const DECLARED_LENGTH_LIMIT = 100 * 1024 * 1024;
/** A redirect's own body is drained (to reuse the connection) only while it is this small. */
const REDIRECT_DRAIN_LIMIT = 16 * 1024;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
// Text types worth decoding; a missing Content-Type is decoded too, as browsers sniff such pages as HTML.
const TEXT_TYPES = new Set(['text/html', 'application/xhtml+xml', 'text/plain']);
const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

type Body = Dispatcher.ResponseData['body'];

export function createFetcher(options: FetcherOptions): Fetcher {
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
  const maxRefreshDelay = options.maxRefreshDelaySeconds ?? DEFAULT_MAX_REFRESH_DELAY_S;
  const maxBodyBytes = options.maxBodyBytes;
  const declaredLimit = Math.min(maxBodyBytes * DECLARED_LENGTH_FACTOR, DECLARED_LENGTH_LIMIT);
  const urlPolicy: UrlPolicy = { allowedPorts: options.allowedPorts };
  const refusals = new WeakSet<object>();
  const agent = new Agent({
    connect: pinnedConnector(
      createResolver(options.dnsServers),
      createAddressPolicy(options.allowPrivate),
      refusals,
      options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    ),
    headersTimeout: options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS,
    bodyTimeout: options.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS,
    maxHeaderSize: options.maxHeaderBytes ?? DEFAULT_MAX_HEADER_BYTES,
  });

  async function fetchPage(url: URL, { signal }: { signal: AbortSignal }): Promise<FetchOutcome> {
    // Everything this call starts listens to `inner`, which is aborted when the call returns: no request,
    // body or drain outlives fetchPage, whatever path it returned by.
    const inner = new AbortController();
    const forward = () => inner.abort(signal.reason);
    if (signal.aborted) forward();
    else signal.addEventListener('abort', forward, { once: true });
    try {
      return await follow(url, signal, inner.signal);
    } finally {
      signal.removeEventListener('abort', forward);
      inner.abort(new Error('fetchPage returned'));
    }
  }

  /** `deadline` is the caller's signal (it tells a timeout from other failures); `stop` aborts our work. */
  async function follow(url: URL, deadline: AbortSignal, stop: AbortSignal): Promise<FetchOutcome> {
    const started = performance.now();
    const redirects: FetchOutcome['redirects'] = [];
    const chain: CapturedResponse[] = [];
    let current = withoutHash(checkTargetUrl(url.href, urlPolicy));
    const visited = new Set<string>([current.href]);
    let last: { url: string; status: number; headers: Record<string, string> } | null = null;

    const finish = (extra: Partial<FetchOutcome> & { ok: boolean }): FetchOutcome => ({
      finalUrl: last?.url ?? current.href,
      status: last?.status ?? null,
      contentType: last?.headers['content-type'] ?? null,
      headers: last?.headers ?? {},
      body: '',
      raw: null,
      charset: null,
      bytes: 0,
      decodedBytes: 0,
      truncated: false,
      redirects,
      chain,
      ms: Math.round(performance.now() - started),
      ...extra,
    });
    const fail = (code: string, message: string) => finish({ ok: false, error: { code, message } });

    /**
     * Take one hop of any kind to `target` (as written in the response). Returns the outcome to give up
     * with, or null when `current` now names the next URL to fetch.
     */
    const takeHop = (target: string, status: number, via?: 'refresh-header' | 'meta-refresh'): FetchOutcome | null => {
      redirects.push(via ? { url: current.href, status, via } : { url: current.href, status });
      // The response that asked for this hop is the last one received.
      chain[chain.length - 1]!.via = via ?? 'location';
      const what = via ? `${via === 'meta-refresh' ? 'meta refresh' : 'Refresh header'}` : 'redirect';
      let next: URL;
      try {
        next = withoutHash(new URL(target, current));
      } catch {
        return fail('FETCH_FAILED', `${current.href} sent a ${what} to an invalid URL: ${JSON.stringify(target)}`);
      }
      if (visited.has(next.href)) {
        return fail('TOO_MANY_REDIRECTS', `redirect loop: ${current.href} sends us back to ${next.href} (${what})`);
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
      return null;
    };

    /** A refresh we follow: soon enough, with a URL, and not to the page itself (that is a reload). */
    const refreshTarget = (refresh: Refresh | null): string | null => {
      if (!refresh || refresh.url === null || refresh.delaySeconds > maxRefreshDelay) return null;
      try {
        if (withoutHash(new URL(refresh.url, current)).href === current.href) return null;
      } catch {
        // An unparsable target is still a hop the page asked for; takeHop reports it.
      }
      return refresh.url;
    };

    for (;;) {
      const hop = redirects.length;
      const hopStarted = performance.now();
      let remote: RemoteAddress = { address: null };
      let res: Dispatcher.ResponseData;
      try {
        const sent = track(() =>
          request(current, {
            dispatcher: agent,
            method: 'GET',
            signal: stop,
            headers: {
              'user-agent': userAgent,
              accept: 'text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.5',
              'accept-language': 'ko-KR,ko;q=0.9,en;q=0.8',
              'accept-encoding': ACCEPT_ENCODING,
            },
          }),
        );
        remote = sent.remote;
        res = await abortable(sent.result, stop);
      } catch (err) {
        const refusal = findRefusal(err, refusals);
        if (refusal) {
          if (hop === 0) throw refusal;
          return fail('REDIRECT_REFUSED', `redirect to ${current.href} refused: ${refusal.message}`);
        }
        const { code, message } = classify(err, deadline);
        return fail(code, hop === 0 ? message : `following the redirect to ${current.href}: ${message}`);
      }

      const headers = flattenHeaders(res.headers);
      last = { url: current.href, status: res.statusCode, headers };
      chain.push({
        url: current.href,
        status: res.statusCode,
        headers: { ...headers },
        remoteAddress: remote.address,
        ms: Math.round(performance.now() - hopStarted),
      });
      // Several Location headers would be joined by flattenHeaders: follow the first, as browsers do.
      const rawLocation = res.headers.location;
      const location = Array.isArray(rawLocation) ? rawLocation[0] : rawLocation;

      if (REDIRECT_STATUSES.has(res.statusCode) && location) {
        dropRedirectBody(res.body, headers, stop);
        const stopHere = takeHop(location, res.statusCode);
        if (stopHere) return stopHere;
        continue;
      }

      const refreshHeader = refreshTarget(headers.refresh === undefined ? null : parseRefresh(headers.refresh));
      if (refreshHeader !== null) {
        discard(res.body);
        const stopHere = takeHop(refreshHeader, res.statusCode, 'refresh-header');
        if (stopHere) return stopHere;
        continue;
      }

      const contentType = headers['content-type'];
      // A missing, empty or unparseable Content-Type says nothing: browsers sniff all three.
      const { type, charset: declaredCharset } = parseContentType(contentType);
      if (type !== null && !TEXT_TYPES.has(type)) {
        // Not a page: do not download it.
        discard(res.body);
        return finish({ ok: true });
      }
      const declared = declaredLength(headers['content-length']);
      if (declared !== null && declared > declaredLimit) {
        discard(res.body);
        return fail(
          'BODY_TOO_LARGE',
          `${current.href} declares a body too large to read (content-length ${declared}, limit ${declaredLimit})`,
        );
      }
      const coding = parseContentEncoding(headers['content-encoding']);
      if (!coding.ok) {
        discard(res.body);
        return fail('UNSUPPORTED_ENCODING', `${current.href}: ${coding.reason}`);
      }

      const read = await readBody(res.body, {
        coding: coding.coding,
        maxBytes: maxBodyBytes,
        sniff: true,
        utf16: declaredCharset !== null && (charsetForLabel(declaredCharset)?.startsWith('utf-16') ?? false),
        signal: stop,
      });
      if (read.kind === 'failed') {
        const { code, message } = classify(read.error, deadline);
        return fail(code, `reading the body of ${current.href}: ${message}`);
      }
      if (read.kind === 'binary') {
        return finish({ ok: true, contentType: `${read.sniffed} (sniffed)`, bytes: read.wireBytes });
      }
      // The page's text is not built here: the scanner hands the bytes to the analysis worker (page-source.ts).
      const charset = charsetOf(read.data, contentType);
      if (type === null || HTML_TYPES.has(type)) {
        const metaRefresh = refreshTarget(findMetaRefreshInBytes(read.data, contentType, charset));
        if (metaRefresh !== null) {
          const stopHere = takeHop(metaRefresh, res.statusCode, 'meta-refresh');
          if (stopHere) return stopHere;
          continue;
        }
      }
      return withLazyBody(
        finish({
          ok: true,
          raw: read.data,
          charset,
          bytes: read.wireBytes,
          decodedBytes: read.data.length,
          truncated: read.truncated,
        }),
        contentType,
      );
    }
  }

  return {
    fetchPage,
    async close() {
      // Whoever closes the fetcher has its answers already (the CLI after its last scan, the server after its
      // grace period): a fetch still running serves nobody, so it is dropped rather than waited for.
      await agent.destroy();
    },
  };
}

/** Keep the connection for the next hop when the redirect's body is small and declared; else drop it. */
function dropRedirectBody(body: Body, headers: Record<string, string>, stop: AbortSignal): void {
  const declared = declaredLength(headers['content-length']);
  if (declared !== null && declared <= REDIRECT_DRAIN_LIMIT && headers['content-encoding'] === undefined) {
    // `stop` ends a drain that is still running when fetchPage returns.
    body.dump({ limit: REDIRECT_DRAIN_LIMIT, signal: stop }).catch(() => {});
  } else {
    discard(body);
  }
}

function declaredLength(value: string | undefined): number | null {
  return value !== undefined && /^\s*\d+\s*$/.test(value) ? Number(value) : null;
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function withoutHash(url: URL): URL {
  const copy = new URL(url.href);
  copy.hash = '';
  return copy;
}

/** Defines `body` as the text of `raw`, decoded once when first read. */
function withLazyBody(outcome: FetchOutcome, contentType: string | undefined): FetchOutcome {
  const raw = outcome.raw!;
  let text: string | undefined;
  return Object.defineProperty(outcome, 'body', {
    get: () => (text ??= decodeBody(raw, contentType).text),
    enumerable: true,
    configurable: true,
  });
}
