// One base error class: a stable code, an HTTP status and a cause. The error handler turns these into
// RFC 9457 problem details; anything else becomes a 500 that leaks nothing.

export class ScamscoreError extends Error {
  readonly code: string;
  readonly status: number;
  /** Seconds a client should wait before trying again (sent as Retry-After on 429/503). */
  readonly retryAfterSeconds: number | null;

  constructor(code: string, status: number, message: string, options?: { cause?: unknown; retryAfterSeconds?: number }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.status = status;
    this.retryAfterSeconds = options?.retryAfterSeconds ?? null;
  }

  /** Extra members of the problem details (RFC 9457 extensions), e.g. an answer that could not be stored. */
  extensions(): Record<string, unknown> {
    return {};
  }
}

/** The caller's input is malformed (400). */
export class BadInputError extends ScamscoreError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('BAD_INPUT', 400, message, options);
  }
}

/** A target the service refuses to fetch: scheme, port, name or address policy (422). */
export class TargetRefusedError extends ScamscoreError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('TARGET_REFUSED', 422, message, options);
  }
}

/** Fetching the page failed: DNS, connect, TLS, timeout, too many redirects, not HTML (reported in fetch.error). */
export class FetchError extends ScamscoreError {
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(code, 502, message, options);
  }
}

/** A scan exceeded its deadline or resource limits. */
export class ScanAbortedError extends ScamscoreError {
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(code, 503, message, options);
  }
}

/** A page that could not be analysed within the worker's time or memory limits (a hostile page). */
export class PageAnalysisError extends ScamscoreError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('PAGE_ANALYSIS_FAILED', 422, message, options);
  }
}

export class NotFoundError extends ScamscoreError {
  constructor(message: string) {
    super('NOT_FOUND', 404, message);
  }
}

/** The raw evidence a request needs is not kept (made before evidence was, or dropped by retention or the size cap). */
export class EvidenceGoneError extends ScamscoreError {
  constructor(message: string) {
    super('EVIDENCE_GONE', 410, message);
  }
}

/** The database cannot be reached or did not answer in time; the service recovers when it is back (503). */
export class StoreUnavailableError extends ScamscoreError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('STORE_UNAVAILABLE', 503, message, { ...options, retryAfterSeconds: 5 });
  }
}

/** A scan finished but its answer could not be stored: the answer travels with the error, so it is not lost. */
export class ScanNotSavedError extends ScamscoreError {
  readonly result: unknown;

  constructor(result: unknown, cause: StoreUnavailableError) {
    super(
      'SCAN_NOT_SAVED',
      503,
      `the scan finished but its answer could not be stored (${cause.message}); the unsaved answer is in "result" ` +
        `and has no record to reopen by id: repeat the request after ${cause.retryAfterSeconds} s to store it`,
      { cause, retryAfterSeconds: cause.retryAfterSeconds ?? 5 },
    );
    this.result = result;
  }

  override extensions() {
    return { result: this.result };
  }
}

/** Too many scans are running and waiting: refused before any work is spent on it (503). */
export class ScanQueueFullError extends ScamscoreError {
  constructor(waiting: number, retryAfterSeconds: number) {
    super('SCAN_QUEUE_FULL', 503, `${waiting} scans are already waiting; retry in ${retryAfterSeconds} s`, { retryAfterSeconds });
  }
}

/** A scan waited for a free slot longer than the configured bound and was dropped without running (503). */
export class ScanQueueTimeoutError extends ScamscoreError {
  constructor(waitedMs: number, retryAfterSeconds: number) {
    super('SCAN_QUEUE_TIMEOUT', 503, `no scan slot became free within ${waitedMs} ms; the scan did not run; retry in ${retryAfterSeconds} s`, {
      retryAfterSeconds,
    });
  }
}

/** The process is shutting down: work that still arrives or asks for its threads is refused; another instance
 *  (or this one, restarted) will take it (503). */
export class ShuttingDownError extends ScamscoreError {
  static readonly RETRY_AFTER_SECONDS = 5;

  constructor() {
    const wait = ShuttingDownError.RETRY_AFTER_SECONDS;
    super('SHUTTING_DOWN', 503, `the service is shutting down; retry in ${wait} s`, { retryAfterSeconds: wait });
  }
}
