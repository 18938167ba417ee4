// The store's schema, as numbered migrations run at start by umzug on PGlite and on Postgres alike. A store
// written by an earlier version opens and migrates without loss: the first migration is the schema that
// version made (hence `if not exists`), and each later one only adds. Never edit a migration that has shipped.
import { Umzug, type UmzugStorage } from 'umzug';
import type { SqlClient, SqlQuery } from './sql.js';

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
    // Lookups: the latest scan of an exact URL, and the hash-prefix index of expressions the service has verdicts for.
    name: '0003-lookup',
    statements: [
      `create index if not exists scans_url_scanned_at on scans (url, scanned_at desc)`,
      // One row per expression and kind (url, host, domain), pointing at the newest scan that gave it a verdict.
      // prefix = the hash's first four bytes as a signed integer: the same number on PGlite and Postgres.
      `create table verdict_hashes (
         hash text not null,
         kind text not null,
         prefix integer not null,
         scan_id uuid not null references scans (id) on delete cascade,
         domain text,
         band text not null,
         score integer not null,
         complete boolean not null,
         scanned_at timestamptz not null,
         primary key (hash, kind)
       )`,
      `create index verdict_hashes_prefix on verdict_hashes (prefix)`,
      `create index verdict_hashes_scan on verdict_hashes (scan_id)`,
    ],
  },
  {
    // Batches (POST /v1/batches): a batch and one item per distinct target URL, so a batch survives restarts of
    // the API and of the workers; an item leaves 'pending' once, which is what keeps a retried job from scanning
    // it again.
    name: '0004-batches',
    statements: [
      `create table batches (
         id uuid primary key,
         name text,
         total integer not null,
         duplicates integer not null,
         created_at timestamptz not null,
         finished_at timestamptz
       )`,
      `create table batch_items (
         batch_id uuid not null references batches (id) on delete cascade,
         seq integer not null,
         line integer not null,
         url text not null,
         target text,
         status text not null,
         scan_id uuid,
         score integer,
         band text,
         reused boolean not null default false,
         error_code text,
         error_detail text,
         finished_at timestamptz,
         primary key (batch_id, seq)
       )`,
      `create index batch_items_pending on batch_items (batch_id, seq) where status = 'pending'`,
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
  {
    // Who asked: the owner of the API key behind a scan request or a batch (null on an open install). Kept beside
    // the answer, never in it: a verdict does not say who looked it up.
    name: '0006-requesters',
    statements: [`alter table scans add column if not exists requested_by text`, `alter table batches add column if not exists created_by text`],
  },
  {
    // Items of a batch still pending, counted down by the statement that finishes each: the finisher that takes
    // it to zero finishes the batch, in its own transaction (the row lock orders concurrent finishers), so no
    // second statement per item asks whether the batch is done.
    name: '0007-batch-pending',
    statements: [
      `alter table batches add column pending integer not null default 0`,
      `update batches b set pending = (select count(*) from batch_items i where i.batch_id = b.id and i.status = 'pending')`,
    ],
  },
];

/** Held (for its transaction) by whoever migrates: API replicas and workers starting together against one
 *  Postgres take turns, and the later ones find the schema current. */
const MIGRATION_LOCK_KEY = 7_310_457_331_002;

/** Applied migrations are recorded in a table of their own, the same on both stores. */
function storage(tx: SqlQuery): UmzugStorage {
  return {
    async executed() {
      const { rows } = await tx.query<{ name: string }>(`select name from schema_migrations order by name`);
      return rows.map((r) => r.name);
    },
    async logMigration({ name }) {
      await tx.query(`insert into schema_migrations (name) values ($1) on conflict do nothing`, [name]);
    },
    async unlogMigration({ name }) {
      await tx.query(`delete from schema_migrations where name = $1`, [name]);
    },
  };
}

/** Brings the schema up to date in one transaction under a lock: a crash never leaves half a migration, and
 *  two processes starting at once never apply one twice. */
export async function migrate(sql: SqlClient, migrations: Migration[] = MIGRATIONS): Promise<string[]> {
  return sql.transaction(async (tx) => {
    await tx.query(`select pg_advisory_xact_lock($1)`, [MIGRATION_LOCK_KEY]);
    await tx.query(`create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())`);
    const umzug = new Umzug({
      migrations: migrations.map((m) => ({
        name: m.name,
        up: async () => {
          for (const statement of m.statements) await tx.query(statement);
        },
      })),
      storage: storage(tx),
      logger: undefined,
    });
    const applied = await umzug.up();
    return applied.map((m) => m.name);
  });
}
