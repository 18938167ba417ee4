// The API-key check, as one onRequest hook. A route that names a scope (`config: { scope }`) needs a key with
// that scope (or 'admin'); routes without one (health, metrics, the OpenAPI document and reference) are open.
// With no key in the store (revoked ones count: revoking the last key must not reopen it) the service is open
// as before, but only when it listens on loopback or the operator said so (SCAMSCORE_OPEN=1): a fresh install
// bound to a public address must not serve everyone.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ScamscoreError } from '../errors.js';
import type { Caller, KeyVerifier } from './keys.js';
import type { Scope } from './scopes.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who called, when an API key was used; null on open installs and open routes. */
    caller: Caller | null;
  }
}

export class AuthError extends ScamscoreError {
  /** The WWW-Authenticate challenge (RFC 6750) sent with the problem. */
  readonly challenge: string;

  constructor(code: string, status: 401 | 403, message: string, challenge: string) {
    super(code, status, message);
    this.challenge = challenge;
  }
}

const REALM = 'Bearer realm="scamscore"';

export interface AccessPolicy {
  /** The address the server listens on (HOST). */
  listenHost: string;
  /** SCAMSCORE_OPEN: serve without keys even when not on loopback. */
  allowOpen: boolean;
}

export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || h === '::ffff:127.0.0.1';
}

/** The key a request carries: `Authorization: Bearer <key>`, else `X-API-Key`. */
export function presentedKey(request: FastifyRequest): string | null {
  const auth = request.headers.authorization;
  if (typeof auth === 'string') {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    if (m) return m[1]!;
  }
  const header = request.headers['x-api-key'];
  const value = Array.isArray(header) ? header[0] : header;
  return value?.trim() || null;
}

export function installAuth(app: FastifyInstance, verifier: KeyVerifier, policy: AccessPolicy): void {
  const openWithoutKeys = policy.allowOpen || isLoopbackHost(policy.listenHost);
  app.decorateRequest('caller', null);
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const scope: Scope | undefined = request.routeOptions.config?.scope;
    if (!scope) return;
    const key = presentedKey(request);
    if (!(await verifier.anyKeys())) {
      if (openWithoutKeys) return;
      throw challenge(
        reply,
        new AuthError(
          'API_KEYS_REQUIRED',
          401,
          `this service listens on ${policy.listenHost} and has no API keys yet: create one with \`scamscore keys create\`, or set SCAMSCORE_OPEN=1 to serve without keys`,
          REALM,
        ),
      );
    }
    if (!key) {
      throw challenge(reply, new AuthError('API_KEY_MISSING', 401, `${request.method} ${request.routeOptions.url} needs an API key with scope "${scope}": send Authorization: Bearer <key>`, REALM));
    }
    const check = await verifier.verify(key);
    if (!check.ok) {
      const [code, detail] =
        check.reason === 'revoked' ? ['API_KEY_REVOKED', 'this API key was revoked'] : ['API_KEY_INVALID', 'this API key is not valid'];
      throw challenge(reply, new AuthError(code, 401, detail, `${REALM}, error="invalid_token", error_description="${detail}"`));
    }
    if (!check.caller.scopes.includes(scope) && !check.caller.scopes.includes('admin')) {
      throw challenge(
        reply,
        new AuthError(
          'INSUFFICIENT_SCOPE',
          403,
          `${request.method} ${request.routeOptions.url} needs scope "${scope}"; key ${check.caller.keyId} has ${check.caller.scopes.join(', ')}`,
          `${REALM}, error="insufficient_scope", scope="${scope}"`,
        ),
      );
    }
    request.caller = check.caller;
  });
}

function challenge(reply: FastifyReply, err: AuthError): AuthError {
  void reply.header('www-authenticate', err.challenge);
  return err;
}

/**
 * Who an audit entry names: the key's owner when a key was used (with the body's `by`, if given, as the person
 * acting under it), else the body's `by` (open local installs, where nobody is authenticated).
 */
export function actorOf(caller: Caller | null, by: string | undefined | null): string | null {
  const named = by?.trim() || null;
  if (!caller) return named;
  return named && named !== caller.owner ? `${caller.owner} (${named})` : caller.owner;
}
