// The Agent's connect function: resolve, check every address, then dial a checked address with the original
// name kept for TLS SNI and certificate checks (pinned DNS). A rebinding DNS server gets one answer per
// connection and that answer is the one judged. Refusals are remembered so they can be recognised however
// undici wraps them.
import type { Socket } from 'node:net';
import { isIP } from 'node:net';
import { buildConnector } from 'undici';
import { FetchError, TargetRefusedError } from '../../errors.js';
import type { AddressPolicy } from '../address-policy.js';
import type { TargetResolver } from '../resolve.js';
import { CONNECT_CODES, describe, errorCode, isTlsError, TIMEOUT_CODES } from './classify.js';
import { markDialled } from './remote-address.js';

export function pinnedConnector(
  resolver: TargetResolver,
  policy: AddressPolicy,
  refusals: WeakSet<object>,
  connectTimeoutMs: number,
): buildConnector.connector {
  const dial = buildConnector({ timeout: connectTimeoutMs });

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
        const socket = await dialAddress(opts, ip, servername);
        markDialled(socket, ip);
        return socket;
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

export function findRefusal(err: unknown, refusals: WeakSet<object>): TargetRefusedError | null {
  for (let e: unknown = err, depth = 0; e && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof TargetRefusedError || (typeof e === 'object' && refusals.has(e))) {
      return e as TargetRefusedError;
    }
  }
  return null;
}
