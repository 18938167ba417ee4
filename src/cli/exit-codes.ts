// Exit codes of `scamscore`. A list's status is its worst band, so 0–4 belong to verdicts; everything that is
// not a verdict uses the sysexits.h numbers, so a script can tell "the site is critical" (3) from "the
// server refused my key" (77) without parsing messages.
import type { VerdictBand } from '../engine/types.js';

export const EXIT = {
  low: 0,
  medium: 1,
  high: 2,
  critical: 3,
  /** A URL could not be scanned (refused target) or its page not read (band unknown). */
  unknown: 4,
  failed: 4,
  /** Bad command line: unknown flag or command, missing URLs, conflicting options. */
  usage: 64,
  /** The list was read but holds no URL, or its CSV cannot be parsed. */
  dataErr: 65,
  /** A file named by --file or --html cannot be read. */
  noInput: 66,
  /** The service cannot be reached, or answered 503 (busy, store or queue down). */
  unavailable: 69,
  /** An unexpected failure (a bug); the message says what. */
  software: 70,
  /** The service answered 429 to the batch itself: the key's batch budget is spent for now. */
  tempFail: 75,
  /** The service answered 401 or 403: no key, a bad key, or a key without the scope. */
  noPerm: 77,
} as const;

export const bandExit = (band: VerdictBand): number => EXIT[band];

/** A failure the command reports as one line on stderr with its own exit code, never as a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}
