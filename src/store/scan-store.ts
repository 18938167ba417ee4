// Scan results, kept so a hotline can reopen an answer by id. Writes never touch earlier rows.
import type { ScanResult } from '../scan/scanner.js';
import type { SqlClient } from './sql.js';

const MIGRATIONS = [
  `create table if not exists scans (
     id uuid primary key,
     url text not null,
     domain text,
     score integer not null,
     band text not null,
     scanned_at timestamptz not null,
     result jsonb not null
   )`,
  `create index if not exists scans_domain_scanned_at on scans (domain, scanned_at desc)`,
];

export interface ScanStore {
  save(result: ScanResult): Promise<void>;
  get(id: string): Promise<ScanResult | null>;
  close(): Promise<void>;
}

export async function createScanStore(sql: SqlClient): Promise<ScanStore> {
  for (const statement of MIGRATIONS) await sql.query(statement);
  return {
    async save(r) {
      // Idempotent, so a write retried after a dropped connection cannot fail on its own first attempt.
      await sql.query(
        `insert into scans (id, url, domain, score, band, scanned_at, result) values ($1, $2, $3, $4, $5, $6, $7)
         on conflict (id) do nothing`,
        [r.id, r.url, r.domain, r.score, r.band, r.scannedAt, JSON.stringify(r)],
      );
    },
    async get(id) {
      const { rows } = await sql.query<{ result: ScanResult | string }>(`select result from scans where id = $1`, [id]);
      const row = rows[0];
      if (!row) return null;
      return typeof row.result === 'string' ? (JSON.parse(row.result) as ScanResult) : row.result;
    },
    close: () => sql.close(),
  };
}
