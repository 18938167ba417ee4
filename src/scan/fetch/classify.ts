// Whatever undici, net, tls, zlib or our resolver threw, turned into a stable code and a sentence a person
// can act on. Codes: TIMEOUT, CONNECT_FAILED, TLS_FAILED, HEADERS_TOO_LARGE, BAD_RESPONSE, FETCH_FAILED, or
// the code of a FetchError thrown on purpose (DNS_FAILED, BAD_ENCODING...).
import { FetchError, ScamscoreError } from '../../errors.js';

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

export const CONNECT_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'EHOSTDOWN']);
export const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);

export function isTlsError(err: unknown): boolean {
  const code = errorCode(err);
  return TLS_CODES.has(code) || code.startsWith('ERR_TLS_') || code.startsWith('ERR_SSL_');
}

export function errorCode(err: unknown): string {
  return typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
}

export function classify(err: unknown, deadline: AbortSignal): { code: string; message: string } {
  // The caller's deadline explains everything that failed after it fired (undici reports it many ways).
  if (deadline.aborted) {
    return { code: 'TIMEOUT', message: `stopped by the scan's deadline (${describe(deadline.reason)})` };
  }
  for (let e: unknown = err, depth = 0; e && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof FetchError) return { code: e.code, message: e.message };
    if (e instanceof ScamscoreError) return { code: 'FETCH_FAILED', message: e.message };
    const code = errorCode(e);
    if (code === 'UND_ERR_HEADERS_OVERFLOW') {
      return { code: 'HEADERS_TOO_LARGE', message: 'the response headers are larger than we accept' };
    }
    // llhttp refused the bytes: no status line, a bad header name or value, broken chunking...
    if (code.startsWith('HPE_') || (e instanceof Error && e.name === 'HTTPParserError')) {
      return { code: 'BAD_RESPONSE', message: `the server's answer is not valid HTTP: ${describe(e)}` };
    }
    if (TIMEOUT_CODES.has(code)) return { code: 'TIMEOUT', message: describe(e) };
    if (CONNECT_CODES.has(code)) return { code: 'CONNECT_FAILED', message: `could not connect: ${describe(e)}` };
    if (isTlsError(e)) return { code: 'TLS_FAILED', message: `TLS failed: ${describe(e)}` };
    if (e instanceof Error && e.name === 'AbortError') return { code: 'TIMEOUT', message: describe(e) };
  }
  return { code: 'FETCH_FAILED', message: describe(err) };
}

export function describe(err: unknown): string {
  if (err instanceof Error) {
    const code = errorCode(err);
    if (code === 'UND_ERR_SOCKET') return 'the server closed the connection without a complete response';
    if (code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH') {
      return 'the body does not match its declared content-length';
    }
    if (code === 'UND_ERR_HEADERS_TIMEOUT') return 'the server sent no response headers in time';
    if (code === 'UND_ERR_BODY_TIMEOUT') return 'the server stopped sending the body';
    // OpenSSL messages carry a file path and line; its short reason is what a person can act on.
    const reason = (err as { reason?: unknown }).reason;
    if (typeof reason === 'string' && reason) return code ? `${reason} (${code})` : reason;
    return code && !err.message.includes(code) ? `${err.message} (${code})` : err.message;
  }
  return String(err);
}
