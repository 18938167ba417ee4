// Statements (a scan's evidence, from EvidenceStore.statements) run one by one inside a transaction the test
// holds, to roll it back or keep it open while a purge runs; a scan's save sends them as one batch instead.
import type { SqlQuery, Statement } from '../../src/store/sql.js';

export async function runStatements(tx: SqlQuery, statements: readonly Statement[]): Promise<void> {
  for (const st of statements) await tx.query(st.sql, st.params);
}
