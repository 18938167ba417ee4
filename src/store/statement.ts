// A statement of a batch (SqlClient.batch), and the rule both stores apply to its `onlyIf`.

/** `onlyIf` names an earlier statement of the batch: this one runs only when that one returned rows. */
export interface Statement {
  sql: string;
  params?: unknown[];
  onlyIf?: number;
}

/** Whether the statement is skipped, given the rows of the statements before it (null: skipped too). */
export function skippedByOnlyIf(statement: Statement, results: readonly (readonly unknown[] | null)[]): boolean {
  if (statement.onlyIf === undefined) return false;
  const guard = results[statement.onlyIf];
  return guard === null || guard === undefined || guard.length === 0;
}
