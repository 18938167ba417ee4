// Every error leaves as RFC 9457 problem details (application/problem+json). 5xx answers never leak
// internals: the detail is generic and the cause goes to the log.
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ConnectionError, FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ScamscoreError } from '../errors.js';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code?: string;
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  408: 'Request timeout',
  409: 'Conflict',
  410: 'Gone',
  413: 'Request body too large',
  414: 'URI too long',
  415: 'Unsupported media type',
  422: 'Unprocessable request',
  429: 'Too many requests',
  431: 'Request header fields too large',
  500: 'Internal error',
  503: 'Service unavailable',
};

export function problem(status: number, detail: string, code?: string, extensions: Record<string, unknown> = {}): Problem & Record<string, unknown> {
  const body: Problem & Record<string, unknown> = {
    ...extensions,
    type: code ? `https://scamscore.dev/problems/${code.toLowerCase().replace(/_/g, '-')}` : 'about:blank',
    title: TITLES[status] ?? (status >= 500 ? 'Server error' : 'Client error'),
    status,
    detail,
  };
  if (code) body.code = code;
  return body;
}

export function sendProblem(reply: FastifyReply, status: number, detail: string, code?: string, extensions: Record<string, unknown> = {}) {
  return reply.status(status).type('application/problem+json').send(problem(status, detail, code, extensions));
}

/**
 * A whole HTTP/1.1 response carrying a problem, for where there is only a socket: a request Node's parser
 * rejected never becomes a Fastify request, so no reply exists. It always ends the connection, because after
 * a parse error the rest of the byte stream cannot be trusted to start a request.
 */
export function rawProblemResponse(status: number, detail: string, code: string, headers: Record<string, string> = {}): string {
  const body = JSON.stringify(problem(status, detail, code));
  const lines = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`,
    'Content-Type: application/problem+json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

/** What Node's HTTP parser (or its request timer) rejected, as status, stable code and a detail for the caller. */
function describeClientError(err: ConnectionError): { status: number; code: string; detail: string } {
  switch (err.code) {
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, code: 'HEADERS_TOO_LARGE', detail: 'the request line and headers exceed the size the server accepts' };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, code: 'REQUEST_TIMEOUT', detail: 'the request was not received completely in time' };
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return { status: 413, code: 'BODY_TOO_LARGE', detail: 'the chunk extensions of the request body are too large' };
    default:
      // llhttp's reason ("Invalid method encountered", "Invalid header value char") is safe and useful to show.
      return { status: 400, code: 'MALFORMED_REQUEST', detail: `the request is not valid HTTP/1.1: ${err.message.replace(/^Parse Error: /, '')}` };
  }
}

/**
 * Fastify's clientErrorHandler: errors on a connection before a request exists (malformed request line or
 * headers, oversized headers, a request that took too long to arrive). Fastify's default writes its own JSON.
 */
export function clientErrorHandler(this: FastifyInstance, err: ConnectionError, socket: Socket): void {
  // A reset connection, or one already gone, has no one left to answer.
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const { status, code, detail } = describeClientError(err);
  this.log.debug({ err: err.message, code: err.code }, 'client error');
  // As Node's own handler: once a response on this socket has begun, another one would corrupt the stream.
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (socket.writable && !inFlight?.headersSent) {
    socket.end(rawProblemResponse(status, detail, code));
    // end() flushes and then closes; destroy anyway if the peer does not read (a flood sender), so the
    // socket cannot linger.
    socket.setTimeout(5_000, () => socket.destroy());
  } else {
    socket.destroy();
  }
}

function describeValidation(err: FastifyError): string {
  const issues = (err.validation ?? []).map((v) => {
    const where = (v.instancePath || '').replace(/^\//, '').replace(/\//g, '.') || (v.params as { missingProperty?: string })?.missingProperty || 'body';
    return `${where}: ${v.message ?? 'invalid'}`;
  });
  return issues.length ? `invalid request ${err.validationContext ?? 'body'}: ${issues.join('; ')}` : err.message;
}

export function errorHandler(err: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (err instanceof ScamscoreError) {
    if (err.retryAfterSeconds !== null) void reply.header('retry-after', String(err.retryAfterSeconds));
    else if (err.status === 503) void reply.header('retry-after', '5');
    if (err.status >= 500 && err.status !== 503) request.log.error({ err }, 'scan failed');
    else if (err.status === 503) request.log.warn({ code: err.code, detail: err.message }, 'service unavailable');
    return sendProblem(reply, err.status, err.message, err.code, err.extensions());
  }
  if (err.validation) return sendProblem(reply, 400, describeValidation(err), 'BAD_INPUT');
  const status = err.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    // Fastify's own client errors (bad JSON, wrong content type, body too large) carry a useful message.
    return sendProblem(reply, status, err.message.replace(/^FST_\w+: /, ''), err.code);
  }
  request.log.error({ err }, 'unhandled error');
  return sendProblem(reply, status >= 500 && status < 600 ? status : 500, 'the service failed to handle this request; it has been logged');
}
