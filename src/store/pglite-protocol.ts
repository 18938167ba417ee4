// The messages between sql.ts and the PGlite thread (pglite-worker.ts).
import type { Statement } from './statement.js';

export interface PgliteStart {
  dataDir: string | null;
  /** Whether the data dir already holds a database (else it is unpacked from the template). */
  dataDirExists: boolean;
  template: string | undefined;
  /** Postgres settings, `name=value`. */
  settings: string[];
}

export type PgliteRequest =
  | { id: number; op: 'query'; sql: string; params: unknown[] | undefined; tx?: number }
  | { id: number; op: 'begin' }
  /** Statements run back to back in one transaction; a statement with `onlyIf` runs only when that earlier one returned rows. */
  | { id: number; op: 'batch'; statements: Statement[] }
  | { id: number; op: 'end'; tx: number; commit: boolean }
  | { id: number; op: 'close' };

/** id 0 answers the start: rows once the database is open, or the error that kept it shut. */
export type PgliteReply = { id: number; rows: Record<string, unknown>[] } | { id: number; results: (Record<string, unknown>[] | null)[] } | { id: number; error: { name: string; message: string } & Record<string, string | number> };
