// Aborting an undici request on time, and dropping a response body on purpose: shared by page fetches and
// the JSON lookups (RDAP, business registry).
import type { Dispatcher } from 'undici';

type Body = Dispatcher.ResponseData['body'];

/**
 * undici only notices an abort once the request is on a socket, so a slow DNS answer or connect would
 * outlive the deadline; race the signal so the caller gets its answer on time.
 */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.then(destroyBody, () => {});
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
  const body = (value as { body?: Body } | null)?.body;
  if (body) discard(body);
}

/** Stop a response body. undici turns a plain destroy() into an 'error' event: swallow it, we chose this. */
export function discard(body: Body): void {
  body.on('error', () => {});
  body.destroy();
}
