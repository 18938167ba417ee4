// The store's schema, as numbered migrations run at start by umzug on PGlite and on Postgres alike. A store
// written by an earlier version opens and migrates without loss: the first migration is the schema that
// version made (hence `if not exists`), and each later one only adds. Never edit a migration that has shipped.
import { Umzug, type UmzugStorage } from 'umzug';
import type { SqlClient } from './sql.js';

interface Migration {
  name: string;
  statements: string[];
}

export const MIGRATIONS: Migration[] = [
  {
    // The schema of the versions before migrations existed: a stored answer per scan.
    name: '0001-scans',
    statements: [
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
    ],
  },
  {
    // Memory: evidence, indicators, templates, hotline reports, analyst verdicts and rule appeals, with an audit trail.
    name: '0002-memory',
    statements: [
      // Hot columns for history queries without opening the stored answer.
      `alter table scans add column if not exists host text`,
      `alter table scans add column if not exists page_sha256 text`,
      `create index if not exists scans_host_scanned_at on scans (host, scanned_at desc)`,
      `create index if not exists scans_scanned_at on scans (scanned_at)`,
      // Raw bytes, content-addressed (SHA-256 of the raw bytes) and stored once, compressed.
      `create table blobs (
         sha256 text primary key,
         size integer not null,
         encoding text not null,
         data bytea not null,
         created_at timestamptz not null default now()
       )`,
      // What a scan saw, without the bytes: pages, response chains, headers, addresses, WHOIS/RDAP, timings.
      `create table scan_evidence (
         scan_id uuid primary key references scans (id) on delete cascade,
         manifest jsonb not null,
         purged_at timestamptz
       )`,
      // Which blobs a scan uses: retention drops the scan's rows here, then blobs no scan uses.
      `create table evidence_blobs (
         scan_id uuid not null references scans (id) on delete cascade,
         sha256 text not null,
         primary key (scan_id, sha256)
       )`,
      `create index evidence_blobs_sha256 on evidence_blobs (sha256)`,
      `create table indicators (
         kind text not null,
         value text not null,
         scan_id uuid not null references scans (id) on delete cascade,
         domain text,
         seen_at timestamptz not null,
         primary key (kind, value, scan_id)
       )`,
      `create index indicators_scan on indicators (scan_id)`,
      `create index indicators_domain on indicators (domain)`,
      // Page template fingerprint (64-bit one-bit MinHash as 16 hex digits) and its four 16-bit bands: two pages within
      // three bits of each other share at least one band, so candidates come from four index lookups.
      `create table fingerprints (
         scan_id uuid primary key references scans (id) on delete cascade,
         domain text,
         seen_at timestamptz not null,
         simhash text not null,
         band0 integer not null,
         band1 integer not null,
         band2 integer not null,
         band3 integer not null
       )`,
      `create index fingerprints_band0 on fingerprints (band0)`,
      `create index fingerprints_band1 on fingerprints (band1)`,
      `create index fingerprints_band2 on fingerprints (band2)`,
      `create index fingerprints_band3 on fingerprints (band3)`,
      // Hotline reports. note, amount_lost and reporter may be a victim's personal data: they are only ever
      // returned by GET /v1/reports/:id, and DELETE removes the row.
      `create table reports (
         id uuid primary key,
         target_kind text not null,
         target text not null,
         domain text,
         indicator_kind text,
         indicator_value text,
         kind text not null,
         channel text,
         note text,
         amount_lost bigint,
         reporter text,
         created_at timestamptz not null
       )`,
      `create index reports_domain on reports (domain, created_at desc)`,
      `create index reports_indicator on reports (indicator_kind, indicator_value, created_at desc)`,
      `create table analyst_verdicts (
         id uuid primary key,
         domain text not null,
         verdict text not null,
         reason text not null,
         actor text not null,
         created_at timestamptz not null,
         withdrawn_at timestamptz,
         withdrawn_by text,
         withdraw_reason text
       )`,
      `create index analyst_verdicts_domain on analyst_verdicts (domain, created_at desc)`,
      `create table rule_suppressions (
         id uuid primary key,
         domain text not null,
         rule text not null,
         reason text not null,
         actor text not null,
         created_at timestamptz not null,
         withdrawn_at timestamptz,
         withdrawn_by text,
         withdraw_reason text
       )`,
      `create index rule_suppressions_domain on rule_suppressions (domain, created_at desc)`,
      `create table audit_log (
         id bigserial primary key,
         at timestamptz not null,
         actor text not null,
         action text not null,
         subject_kind text not null,
         subject_id text not null,
         domain text,
         detail jsonb
       )`,
      `create index audit_log_domain on audit_log (domain, at desc)`,
    ],
  },
  {
    // API keys: only a SHA-256 of each key is kept (the key itself is shown once, at creation); `id` is the short
    // public part of the key, safe to list and log.
    name: '0005-keys',
    statements: [
      `create table api_keys (
         id text primary key,
         key_sha256 text not null unique,
         owner text not null,
         scopes text not null,
         created_at timestamptz not null,
         revoked_at timestamptz
       )`,
    ],
  },
];

/** Applied migrations are recorded in a table of their own, the same on both stores. */
function storage(sql: SqlClient): UmzugStorage {
  const ready = sql.query(`create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())`);
  return {
    async executed() {
      await ready;
      const { rows } = await sql.query<{ name: string }>(`select name from schema_migrations order by name`);
      return rows.map((r) => r.name);
    },
    async logMigration({ name }) {
      await sql.query(`insert into schema_migrations (name) values ($1) on conflict do nothing`, [name]);
    },
    async unlogMigration({ name }) {
      await sql.query(`delete from schema_migrations where name = $1`, [name]);
    },
  };
}

/** Brings the schema up to date; each migration runs in one transaction, so a crash never leaves half of one. */
export async function migrate(sql: SqlClient, migrations: Migration[] = MIGRATIONS): Promise<string[]> {
  const umzug = new Umzug({
    migrations: migrations.map((m) => ({
      name: m.name,
      up: () =>
        sql.transaction(async (tx) => {
          for (const statement of m.statements) await tx.query(statement);
          // Recorded in the same transaction: a crash cannot leave a migration applied but not recorded.
          await tx.query(`insert into schema_migrations (name) values ($1)`, [m.name]);
        }),
    })),
    storage: storage(sql),
    logger: undefined,
  });
  const applied = await umzug.up();
  return applied.map((m) => m.name);
}
