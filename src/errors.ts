// One base error class: a stable code, an HTTP status and a cause. The error handler turns these into
// RFC 9457 problem details; anything else becomes a 500 that leaks nothing.

export class ScamscoreError extends Error {
  readonly code: string;
  readonly status: number;

  constructor(code: string, status: number, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.status = status;
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
