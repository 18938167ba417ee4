// Which address a request was actually sent to, for the evidence chain. undici hands a response no socket, and
// a kept-alive connection may serve several hops, so the address is found per request: the connector tags each
// socket with the checked IP it dialled, and undici's diagnostics channels tie a request to the socket that
// carried its headers. A request is tied to its caller because undici creates it synchronously inside
// request(): `track` marks that window.
import diagnostics from 'node:diagnostics_channel';

const dialledBy = new WeakMap<object, string>();
const byRequest = new WeakMap<object, RemoteAddress>();
let pending: RemoteAddress | null = null;
let subscribed = false;

/** Filled in when the request's headers go out on a socket; null until then (or when it never did). */
export interface RemoteAddress {
  address: string | null;
}

/** Called by the connector with the socket it opened and the checked IP it dialled. */
export function markDialled(socket: object, ip: string): void {
  dialledBy.set(socket, ip);
}

/** Runs `start` (which must create its undici request synchronously) and reports where that request went. */
export function track<T>(start: () => T): { result: T; remote: RemoteAddress } {
  subscribe();
  const remote: RemoteAddress = { address: null };
  pending = remote;
  try {
    return { result: start(), remote };
  } finally {
    pending = null;
  }
}

function subscribe(): void {
  if (subscribed) return;
  subscribed = true;
  diagnostics.subscribe('undici:request:create', (message) => {
    if (!pending) return;
    byRequest.set((message as { request: object }).request, pending);
    pending = null;
  });
  diagnostics.subscribe('undici:client:sendHeaders', (message) => {
    const { request, socket } = message as { request: object; socket: { remoteAddress?: string } };
    const remote = byRequest.get(request);
    // The connector's tag is the address the policy checked; remoteAddress covers a socket it did not open.
    if (remote) remote.address = dialledBy.get(socket) ?? socket.remoteAddress ?? null;
  });
}
