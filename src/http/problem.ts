// Every error leaves as RFC 9457 problem details (application/problem+json). 5xx answers never leak
// internals: the detail is generic and the cause goes to the log.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
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
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  413: 'Request body too large',
  415: 'Unsupported media type',
  422: 'Target refused',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Service unavailable',
};

export function sendProblem(reply: FastifyReply, status: number, detail: string, code?: string, extensions: Record<string, unknown> = {}) {
  const problem: Problem & Record<string, unknown> = {
    ...extensions,
    type: code ? `https://scamscore.dev/problems/${code.toLowerCase().replace(/_/g, '-')}` : 'about:blank',
    title: TITLES[status] ?? (status >= 500 ? 'Server error' : 'Client error'),
    status,
    detail,
  };
  if (code) problem.code = code;
  return reply.status(status).type('application/problem+json').send(problem);
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
