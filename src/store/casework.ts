// Casework: hotline reports about sites and identifiers, analysts' verdicts on domains, and appeals that set one
// rule aside for one domain, each write audited. Reports may carry a victim's personal data (note, amount lost,
// reporter): only getReport returns them; reportsFor, the audit trail and every other answer leave them out, and
// deleteReport removes the row. A verdict or suppression is never edited: a new one supersedes the standing one,
// and withdrawal keeps the row with who, when and why, so the audit trail can always be redone from the tables.
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { domainToASCII } from 'node:url';
import type { AnalystVerdict, IndicatorKindName, ReportFact, RuleSuppression } from '../engine/types.js';
import { BadInputError, NotFoundError, ScamscoreError } from '../errors.js';
import { urlFacts } from '../scan/url-facts.js';
import type { SqlClient, SqlQuery } from './sql.js';

// ---------- errors ----------

/** A suppression names a rule this service does not have (a typo, or a rule since removed). */
export class UnknownRuleError extends ScamscoreError {
  constructor(rule: string, known: readonly string[]) {
    super('UNKNOWN_RULE', 422, `there is no rule "${rule}" to suppress; known rules: ${known.join(', ')}`);
  }
}

/** A verdict or suppression that was already withdrawn (or superseded) cannot be withdrawn again. */
export class AlreadyWithdrawnError extends ScamscoreError {
  constructor(what: string, id: string, at: string, reason: string | null) {
    super('ALREADY_WITHDRAWN', 409, `${what} ${id} was already withdrawn at ${at}${reason ? ` (${reason})` : ''}`);
  }
}

// ---------- types ----------

export const REPORT_KINDS = ['victim', 'attempt', 'suspicious', 'spam'] as const;
/** victim: lost money or data; attempt: was approached or started but stopped; suspicious: saw it and suspects it;
 *  spam: received its advertising (SMS, messenger, search ads). */
export type ReportKind = (typeof REPORT_KINDS)[number];

export const INDICATOR_KINDS = ['phone', 'bank-account', 'kakao', 'open-chat', 'telegram', 'email', 'link', 'line', 'wechat'] as const satisfies readonly IndicatorKindName[];

export type ReportTarget = { url: string } | { domain: string } | { indicator: { kind: IndicatorKindName; value: string } };

export interface NewReport {
  target: ReportTarget;
  kind: ReportKind;
  channel?: string | null;
  /** Personal data from here on: only getReport returns them. */
  note?: string | null;
  /** Won. */
  amountLost?: number | null;
  /** Who reported (name, phone, e-mail): used, hashed, only to tell independent reports apart. */
  reporter?: string | null;
  /** Who recorded it, for the audit (an API key's owner); default "api". */
  actor?: string | null;
}

/** A report without its personal fields: what a POST answers. */
export interface ReportSummary {
  id: string;
  /** The target as stored (normalised). */
  target: ReportTarget;
  /** Registrable domain of a URL or domain target; null for identifiers and IP addresses. */
  domain: string | null;
  kind: ReportKind;
  channel: string | null;
  createdAt: string;
}

/** The whole report, personal fields included: GET /v1/reports/:id only. */
export interface Report extends ReportSummary {
  note: string | null;
  amountLost: number | null;
  reporter: string | null;
}

export interface DomainVerdict extends AnalystVerdict {
  domain: string;
  /** The verdict this one superseded, if one was standing. */
  supersedes: string | null;
}

export interface DomainSuppression extends RuleSuppression {
  domain: string;
  supersedes: string | null;
}

export interface Withdrawal {
  withdrawnAt: string;
  withdrawnBy: string;
  withdrawReason: string;
}

export interface AuditEntry {
  id: string;
  at: string;
  actor: string;
  action: 'report.add' | 'report.delete' | 'verdict.record' | 'verdict.withdraw' | 'suppression.record' | 'suppression.withdraw';
  subjectKind: 'report' | 'verdict' | 'suppression';
  subjectId: string;
  domain: string | null;
  detail: Record<string, unknown>;
}

export interface Standing {
  verdict: AnalystVerdict | null;
  suppressions: RuleSuppression[];
}

export interface ReportQuery {
  domain: string | null;
  urls?: readonly string[];
  indicators?: readonly { kind: IndicatorKindName; value: string }[];
}

export interface Casework {
  addReport(report: NewReport): Promise<ReportSummary>;
  getReport(id: string): Promise<Report | null>;
  /** Removes the report, personal fields and all; throws NotFoundError when there is none. */
  deleteReport(id: string, by: string, reason?: string | null): Promise<void>;
  /** Reports of the last windowDays about the domain, one of the URLs or one of the identifiers, newest first. */
  reportsFor(query: ReportQuery, windowDays: number): Promise<ReportFact[]>;
  recordVerdict(input: { domain: string; verdict: 'scam' | 'legitimate'; reason: string; by: string }): Promise<DomainVerdict>;
  withdrawVerdict(id: string, input: { by: string; reason: string; domain?: string }): Promise<DomainVerdict & Withdrawal>;
  suppressRule(input: { domain: string; rule: string; reason: string; by: string }): Promise<DomainSuppression>;
  withdrawSuppression(id: string, input: { by: string; reason: string; domain?: string }): Promise<DomainSuppression & Withdrawal>;
  standingFor(domain: string): Promise<Standing>;
  /** Audit entries of the domain, newest first. */
  auditFor(domain: string, options?: { limit?: number }): Promise<AuditEntry[]>;
}

export interface CaseworkOptions {
  now?: () => number;
  /** Rule ids a suppression may name. Without it, any id of rule-id shape is accepted. */
  knownRules?: readonly string[];
  /** Key of the HMAC that turns a reporter into an independence key. Default: random per process, which is enough
   *  because keys are only compared within one answer; give one to compare them across processes. */
  sourceSecret?: string | Buffer;
}

// ---------- normalisation ----------

const MAX_DOMAIN = 253;

/** A host name → its ASCII (punycode) form, lower-case, or a BadInputError. */
function asciiHost(input: string, field: string): string {
  const raw = input.trim().toLowerCase().replace(/\.$/, '');
  if (!raw || raw.length > MAX_DOMAIN || /[\s/:@?#\\]/.test(raw)) throw new BadInputError(`${field} "${input.slice(0, 100)}" is not a domain name`);
  const ascii = domainToASCII(raw);
  if (!ascii || !ascii.includes('.')) throw new BadInputError(`${field} "${input.slice(0, 100)}" is not a domain name`);
  return ascii;
}

/** A host or domain name → its registrable domain (eTLD+1, Public Suffix List), as answers key domains. */
export function registrableDomain(input: string, field = 'domain'): string {
  const host = asciiHost(input, field);
  const facts = urlFacts(`http://${host}/`);
  if (facts.isIp || !facts.domain) throw new BadInputError(`${field} "${input.slice(0, 100)}" has no registrable domain (an IP address or a public suffix)`);
  return facts.domain;
}

/** Registrable domain when the input is one, else the input lower-cased: for lookups, which must not throw. */
function lookupDomain(input: string): string {
  try {
    return registrableDomain(input);
  } catch {
    return input.trim().toLowerCase();
  }
}

function normalizeUrl(input: string): { href: string; domain: string | null } {
  const trimmed = input.trim();
  // A hotline types "cash.example/apply" as often as the whole URL.
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : `http://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new BadInputError(`url "${input.slice(0, 100)}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new BadInputError(`url must be http or https, not ${url.protocol.replace(/:$/, '')}`);
  if (!url.hostname.includes('.') && !url.hostname.startsWith('[')) throw new BadInputError(`url "${input.slice(0, 100)}" has no domain name`);
  url.hash = '';
  return { href: url.href, domain: urlFacts(url.href).domain };
}

/** URLs compare without their fragment, as stored. */
function urlKey(input: string): string | null {
  try {
    return normalizeUrl(input).href;
  } catch {
    return null;
  }
}

// Hotlines of agencies and carriers are never an operator's: a report naming one is a mistake.
const HOTLINES = new Set(['1332', '182', '118', '112', '114', '1372']);

/** Digits of a Korean number with dashes, as src/analysis/indicators.ts formats them (010-1234-5678, 02-123-4567). */
function formatPhone(input: string): string | null {
  let d = input.replace(/\D/g, '');
  if (/^\+?\s*82/.test(input.trim()) || (d.startsWith('82') && d.length >= 10)) d = `0${d.slice(2).replace(/^0/, '')}`;
  if (HOTLINES.has(d)) return null;
  if (!/^(?:0\d{8,11}|1[5-9]\d{6})$/.test(d)) return null;
  let parts: string[];
  if (d.startsWith('02')) parts = [d.slice(0, 2), d.slice(2, d.length - 4), d.slice(-4)];
  else if (/^1[5-9]/.test(d) && d.length === 8) parts = [d.slice(0, 4), d.slice(4)];
  else if (/^050\d/.test(d)) parts = [d.slice(0, 4), d.slice(4, d.length - 4), d.slice(-4)];
  else parts = [d.slice(0, 3), d.slice(3, d.length - 4), d.slice(-4)];
  return parts.join('-');
}

const HANDLE = /^[a-z0-9][a-z0-9._-]{1,63}$/;

/**
 * An identifier → the form shown (`value`) and the form matched (`key`). Keys are the forms the indicator module
 * gives a scan's identifiers (phones with dashes, IDs lower-case, open-chat codes case kept), except bank accounts:
 * pages and people write the bank name in many ways ("국민", "KB국민은행", none), so accounts match on their digits.
 * Null when the value is not an identifier of that kind.
 */
export function normalizeIndicator(kind: IndicatorKindName, input: string): { value: string; key: string } | null {
  const raw = input.normalize('NFKC').trim();
  if (!raw || raw.length > 300) return null;
  const same = (v: string | null) => (v ? { value: v, key: v } : null);
  switch (kind) {
    case 'phone':
      return same(formatPhone(raw));
    case 'bank-account': {
      const digits = raw.replace(/\D/g, '');
      if (digits.length < 8 || digits.length > 20) return null;
      return { value: raw.replace(/\s+/g, ' '), key: digits };
    }
    case 'kakao':
    case 'line':
    case 'wechat': {
      const id = raw.toLowerCase().replace(/^@/, '');
      return same(HANDLE.test(id) ? id : null);
    }
    case 'telegram': {
      const id = raw.toLowerCase().replace(/^(?:https?:\/\/)?(?:t|telegram)\.me\//, '').replace(/^@/, '').replace(/\/+$/, '');
      return same(/^[a-z][a-z0-9_]{3,31}$/.test(id) ? `@${id}` : null);
    }
    case 'open-chat': {
      const code = /^(?:(?:https?:\/\/)?open\.kakao\.com\/o\/)?([A-Za-z0-9]{4,20})\/?$/.exec(raw)?.[1];
      return same(code ? `https://open.kakao.com/o/${code}` : null);
    }
    case 'email': {
      const email = raw.toLowerCase();
      return same(/^[a-z0-9._%+-]{1,64}@[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63})+$/.test(email) ? email : null);
    }
    case 'link': {
      let url: URL;
      try {
        url = new URL(/^[a-z][a-z0-9+.-]*:/i.test(raw) ? raw : `https://${raw}`);
      } catch {
        return null;
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
      const host = url.hostname.toLowerCase().replace(/^www\./, '');
      return same(`https://${host}${url.pathname.replace(/\/+$/, '')}`.toLowerCase());
    }
    default:
      return null;
  }
}

const TOKEN = /^[a-z0-9][a-z0-9._-]{0,39}$/;

function normalizeChannel(channel: string | null | undefined): string | null {
  if (channel === null || channel === undefined) return null;
  const c = channel.trim().toLowerCase();
  if (!c) return null;
  if (!TOKEN.test(c)) throw new BadInputError(`channel must be a short word such as "hotline", "web" or "extension" (letters, digits, . _ -), not "${channel.slice(0, 40)}"`);
  return c;
}

function required(value: string, field: string, max: number): string {
  const v = typeof value === 'string' ? value.trim() : '';
  if (!v) throw new BadInputError(`${field} is required and must not be empty`);
  if (v.length > max) throw new BadInputError(`${field} must be at most ${max} characters`);
  return v;
}

/**
 * How the audit trail names a report: a digest of its id, not the id. Until API keys exist a report id is all it
 * takes to read the victim's note (GET /v1/reports/:id), and the audit of a domain is for anyone to read; whoever
 * holds the id can still find its entries (reportRef(id)).
 */
export function reportRef(id: string): string {
  return `report-${createHash('sha256').update(id).digest('hex').slice(0, 16)}`;
}

// ---------- rows ----------

const iso = (v: unknown): string => (v instanceof Date ? v : new Date(String(v))).toISOString();
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

interface ReportRow extends Record<string, unknown> {
  id: string;
  target_kind: 'url' | 'domain' | 'indicator';
  target: string;
  domain: string | null;
  indicator_kind: IndicatorKindName | null;
  indicator_value: string | null;
  kind: ReportKind;
  channel: string | null;
  note: string | null;
  amount_lost: unknown;
  reporter: string | null;
  created_at: unknown;
}

function targetOf(row: ReportRow): ReportTarget {
  if (row.target_kind === 'url') return { url: row.target };
  if (row.target_kind === 'domain') return { domain: row.target };
  return { indicator: { kind: row.indicator_kind!, value: row.target } };
}

function summaryOf(row: ReportRow): ReportSummary {
  return { id: row.id, target: targetOf(row), domain: row.domain, kind: row.kind, channel: row.channel, createdAt: iso(row.created_at) };
}

interface StandingRow extends Record<string, unknown> {
  id: string;
  domain: string;
  reason: string;
  actor: string;
  created_at: unknown;
  withdrawn_at: unknown;
  withdrawn_by: string | null;
  withdraw_reason: string | null;
}

/** jsonb as the drivers give it: parsed (pg, PGlite), or text. */
const asJson = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

const verdictOf = (r: StandingRow & { verdict: 'scam' | 'legitimate' }): AnalystVerdict => ({ id: r.id, verdict: r.verdict, reason: r.reason, by: r.actor, at: iso(r.created_at) });
const suppressionOf = (r: StandingRow & { rule: string }): RuleSuppression => ({ id: r.id, rule: r.rule, reason: r.reason, by: r.actor, at: iso(r.created_at) });

/** SQL joining the standing analyst verdict of the domain `domainSql` names, as columns av_* (for queries that
 *  read it beside other rows in one round trip: lookups, hash-prefix answers). */
export const standingVerdictJoin = (domainSql: string) =>
  `left join lateral (select id as av_id, verdict as av_verdict, reason as av_reason, actor as av_actor, created_at as av_at
     from analyst_verdicts where domain = ${domainSql} and withdrawn_at is null order by created_at desc limit 1) av on true`;

export type StandingVerdictColumns = {
  av_id: string | null;
  av_verdict: 'scam' | 'legitimate' | null;
  av_reason: string | null;
  av_actor: string | null;
  av_at: Date | string | null;
};

/** The verdict the columns of standingVerdictJoin describe, or null. */
export const standingVerdictOf = (r: StandingVerdictColumns): AnalystVerdict | null =>
  r.av_id ? { id: r.av_id, verdict: r.av_verdict!, reason: r.av_reason!, by: r.av_actor!, at: iso(r.av_at!) } : null;

const DAY = 86_400_000;
const KST = 9 * 3_600_000;
/** Korean calendar day of an instant: "the same day" for a hotline in Seoul. */
const kstDay = (at: string) => new Date(Date.parse(at) + KST).toISOString().slice(0, 10);

// Advisory lock namespace of casework writes: one standing verdict per domain and one suppression per domain and
// rule, even when two analysts press the button at once on different processes.
const LOCK_NAMESPACE = 7301;

// ---------- the store ----------

export function createCasework(sql: SqlClient, options: CaseworkOptions = {}): Casework {
  const now = options.now ?? Date.now;
  const knownRules = options.knownRules ? [...options.knownRules].sort() : null;
  const secret = options.sourceSecret ?? randomBytes(32);

  /** The independence key of a report: the same reporter, or the same channel on the same day, is one source. */
  function sourceOf(reporter: string | null, channel: string | null, at: string): string {
    const who = reporter?.normalize('NFKC').toLowerCase().replace(/[\s\-().]/g, '');
    if (who) return `reporter:${createHmac('sha256', secret).update(who).digest('hex').slice(0, 16)}`;
    return `channel:${channel ?? 'unknown'}:${kstDay(at)}`;
  }

  async function audit(
    tx: SqlQuery,
    entry: { at: string; actor: string; action: AuditEntry['action']; subjectKind: AuditEntry['subjectKind']; subjectId: string; domain: string | null; detail: Record<string, unknown> },
  ) {
    await tx.query(
      `insert into audit_log (at, actor, action, subject_kind, subject_id, domain, detail) values ($1, $2, $3, $4, $5, $6, $7::jsonb)`,
      [entry.at, entry.actor, entry.action, entry.subjectKind, entry.subjectId, entry.domain, JSON.stringify(entry.detail)],
    );
  }

  const lock = (tx: SqlQuery, key: string) => tx.query(`select 1 as locked from pg_advisory_xact_lock(${LOCK_NAMESPACE}, hashtext($1))`, [key]);

  /** Withdraws a verdict or suppression row inside tx; throws when absent (or of another domain) or already withdrawn. */
  async function withdraw(
    tx: SqlQuery,
    table: 'analyst_verdicts' | 'rule_suppressions',
    id: string,
    input: { by: string; reason: string; domain?: string },
    at: string,
  ): Promise<StandingRow & Record<string, unknown>> {
    const what = table === 'analyst_verdicts' ? 'verdict' : 'suppression';
    const { rows } = await tx.query<StandingRow>(`select * from ${table} where id = $1 for update`, [id]);
    const row = rows[0];
    if (!row || (input.domain !== undefined && row.domain !== lookupDomain(input.domain))) {
      throw new NotFoundError(`no ${what} ${id}${input.domain !== undefined ? ` for ${input.domain}` : ''}`);
    }
    if (row.withdrawn_at) throw new AlreadyWithdrawnError(what, id, iso(row.withdrawn_at), row.withdraw_reason);
    const { rows: updated } = await tx.query<StandingRow>(
      `update ${table} set withdrawn_at = $2, withdrawn_by = $3, withdraw_reason = $4 where id = $1 returning *`,
      [id, at, input.by, input.reason],
    );
    await audit(tx, {
      at,
      actor: input.by,
      action: `${what}.withdraw`,
      subjectKind: what,
      subjectId: id,
      domain: row.domain,
      detail: { reason: input.reason, withdrawn: { ...pick(row, ['verdict', 'rule', 'reason']), by: row.actor, at: iso(row.created_at) } },
    });
    return updated[0]!;
  }

  const withdrawalOf = (r: StandingRow): Withdrawal => ({ withdrawnAt: iso(r.withdrawn_at), withdrawnBy: r.withdrawn_by!, withdrawReason: r.withdraw_reason! });

  return {
    async addReport(input) {
      const kind = input.kind;
      if (!REPORT_KINDS.includes(kind)) throw new BadInputError(`kind must be one of ${REPORT_KINDS.join(', ')}`);
      const channel = normalizeChannel(input.channel);
      const amountLost = input.amountLost ?? null;
      if (amountLost !== null && (!Number.isSafeInteger(amountLost) || amountLost < 0)) throw new BadInputError('amountLost must be a whole number of won, 0 or more');
      const note = input.note?.trim() || null;
      const reporter = input.reporter?.trim() || null;

      const t = input.target as Partial<{ url: string; domain: string; indicator: { kind: IndicatorKindName; value: string } }>;
      const named = (['url', 'domain', 'indicator'] as const).filter((k) => t?.[k] !== undefined);
      if (named.length !== 1) throw new BadInputError('target must name exactly one of url, domain or indicator');
      let row: Pick<ReportRow, 'target_kind' | 'target' | 'domain' | 'indicator_kind' | 'indicator_value'>;
      if (t.url !== undefined) {
        const u = normalizeUrl(t.url);
        row = { target_kind: 'url', target: u.href, domain: u.domain, indicator_kind: null, indicator_value: null };
      } else if (t.domain !== undefined) {
        const host = asciiHost(t.domain, 'target.domain');
        row = { target_kind: 'domain', target: host, domain: registrableDomain(host, 'target.domain'), indicator_kind: null, indicator_value: null };
      } else {
        const ind = t.indicator!;
        if (!INDICATOR_KINDS.includes(ind.kind)) throw new BadInputError(`target.indicator.kind must be one of ${INDICATOR_KINDS.join(', ')}`);
        const n = normalizeIndicator(ind.kind, String(ind.value ?? ''));
        if (!n) throw new BadInputError(`target.indicator.value "${String(ind.value).slice(0, 60)}" is not a ${ind.kind} identifier`);
        row = { target_kind: 'indicator', target: n.value, domain: null, indicator_kind: ind.kind, indicator_value: n.key };
      }

      const target = targetOf(row as ReportRow);
      const id = randomUUID();
      const createdAt = new Date(now()).toISOString();
      await sql.transaction(async (tx) => {
        await tx.query(
          `insert into reports (id, target_kind, target, domain, indicator_kind, indicator_value, kind, channel, note, amount_lost, reporter, created_at)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
          [id, row.target_kind, row.target, row.domain, row.indicator_kind, row.indicator_value, kind, channel, note, amountLost, reporter, createdAt],
        );
        // Not the note, amount or reporter: the audit trail outlives a deleted report.
        await audit(tx, {
          at: createdAt,
          actor: input.actor?.trim() || 'api',
          action: 'report.add',
          subjectKind: 'report',
          subjectId: reportRef(id),
          domain: row.domain,
          detail: { target, kind, channel },
        });
      });
      return { id, target, domain: row.domain, kind, channel, createdAt };
    },

    async getReport(id) {
      const { rows } = await sql.query<ReportRow>(`select id, target_kind, target, domain, indicator_kind, indicator_value, kind, channel, note, amount_lost::text as amount_lost, reporter, created_at
         from reports where id = $1`, [id]);
      const row = rows[0];
      if (!row) return null;
      return { ...summaryOf(row), note: row.note, amountLost: num(row.amount_lost), reporter: row.reporter };
    },

    async deleteReport(id, by, reason) {
      const actor = required(by, 'by', 200);
      const at = new Date(now()).toISOString();
      await sql.transaction(async (tx) => {
        const { rows } = await tx.query<ReportRow>(
          `delete from reports where id = $1 returning id, target_kind, target, domain, indicator_kind, indicator_value, kind, channel, created_at`,
          [id],
        );
        const row = rows[0];
        if (!row) throw new NotFoundError(`no report ${id}`);
        await audit(tx, {
          at,
          actor,
          action: 'report.delete',
          subjectKind: 'report',
          subjectId: reportRef(id),
          domain: row.domain,
          detail: { ...(reason?.trim() ? { reason: reason.trim() } : {}), target: targetOf(row), kind: row.kind, channel: row.channel, createdAt: iso(row.created_at) },
        });
      });
    },

    async reportsFor(query, windowDays) {
      const since = new Date(now() - windowDays * DAY).toISOString();
      const urls = [...new Set((query.urls ?? []).map(urlKey).filter((u): u is string => u !== null))];
      const indicators = (query.indicators ?? []).flatMap((i) => {
        const n = normalizeIndicator(i.kind, i.value);
        return n ? [{ kind: i.kind, value: n.key }] : [];
      });
      const domain = query.domain ? lookupDomain(query.domain) : null;
      if (!domain && !urls.length && !indicators.length) return [];
      const { rows } = await sql.query<ReportRow>(
        `select id, target_kind, target, domain, indicator_kind, kind, channel, reporter, created_at from reports
         where created_at >= $1 and (
           ($2::text is not null and domain = $2::text)
           or (target_kind = 'url' and target in (select jsonb_array_elements_text($3::jsonb)))
           or (indicator_kind, indicator_value) in (select kind, value from jsonb_to_recordset($4::jsonb) as i(kind text, value text))
         )
         order by created_at desc, id`,
        [since, domain, JSON.stringify(urls), JSON.stringify(indicators)],
      );
      const urlSet = new Set(urls);
      return rows.map((r) => {
        const at = iso(r.created_at);
        const matched: ReportFact['matched'] =
          r.target_kind === 'indicator' ? 'indicator' : r.target_kind === 'url' && urlSet.has(r.target) ? 'url' : 'domain';
        return { id: r.id, kind: r.kind, channel: r.channel, at, matched, source: sourceOf(r.reporter, r.channel, at) };
      });
    },

    async recordVerdict(input) {
      const domain = registrableDomain(input.domain);
      if (input.verdict !== 'scam' && input.verdict !== 'legitimate') throw new BadInputError('verdict must be "scam" or "legitimate"');
      const reason = required(input.reason, 'reason', 2000);
      const by = required(input.by, 'by', 200);
      const id = randomUUID();
      const at = new Date(now()).toISOString();
      return sql.transaction(async (tx) => {
        await lock(tx, `verdict:${domain}`);
        const { rows: standing } = await tx.query<{ id: string }>(
          `select id from analyst_verdicts where domain = $1 and withdrawn_at is null order by created_at desc`,
          [domain],
        );
        for (const s of standing) await withdraw(tx, 'analyst_verdicts', s.id, { by, reason: 'superseded' }, at);
        const supersedes = standing[0]?.id ?? null;
        await tx.query(`insert into analyst_verdicts (id, domain, verdict, reason, actor, created_at) values ($1, $2, $3, $4, $5, $6)`, [
          id,
          domain,
          input.verdict,
          reason,
          by,
          at,
        ]);
        await audit(tx, { at, actor: by, action: 'verdict.record', subjectKind: 'verdict', subjectId: id, domain, detail: { verdict: input.verdict, reason, supersedes } });
        return { id, domain, verdict: input.verdict, reason, by, at, supersedes };
      });
    },

    async withdrawVerdict(id, input) {
      const by = required(input.by, 'by', 200);
      const reason = required(input.reason, 'reason', 2000);
      const at = new Date(now()).toISOString();
      const row = await sql.transaction((tx) => withdraw(tx, 'analyst_verdicts', id, { ...input, by, reason }, at));
      const r = row as StandingRow & { verdict: 'scam' | 'legitimate' };
      return { ...verdictOf(r), domain: r.domain, supersedes: null, ...withdrawalOf(r) };
    },

    async suppressRule(input) {
      const domain = registrableDomain(input.domain);
      const rule = required(input.rule, 'rule', 100);
      if (knownRules ? !knownRules.includes(rule) : !/^[a-z0-9][a-z0-9-]*$/.test(rule)) throw new UnknownRuleError(rule, knownRules ?? []);
      const reason = required(input.reason, 'reason', 2000);
      const by = required(input.by, 'by', 200);
      const id = randomUUID();
      const at = new Date(now()).toISOString();
      return sql.transaction(async (tx) => {
        await lock(tx, `suppression:${domain}:${rule}`);
        const { rows: standing } = await tx.query<{ id: string }>(
          `select id from rule_suppressions where domain = $1 and rule = $2 and withdrawn_at is null order by created_at desc`,
          [domain, rule],
        );
        for (const s of standing) await withdraw(tx, 'rule_suppressions', s.id, { by, reason: 'superseded' }, at);
        const supersedes = standing[0]?.id ?? null;
        await tx.query(`insert into rule_suppressions (id, domain, rule, reason, actor, created_at) values ($1, $2, $3, $4, $5, $6)`, [id, domain, rule, reason, by, at]);
        await audit(tx, { at, actor: by, action: 'suppression.record', subjectKind: 'suppression', subjectId: id, domain, detail: { rule, reason, supersedes } });
        return { id, domain, rule, reason, by, at, supersedes };
      });
    },

    async withdrawSuppression(id, input) {
      const by = required(input.by, 'by', 200);
      const reason = required(input.reason, 'reason', 2000);
      const at = new Date(now()).toISOString();
      const row = await sql.transaction((tx) => withdraw(tx, 'rule_suppressions', id, { ...input, by, reason }, at));
      const r = row as StandingRow & { rule: string };
      return { ...suppressionOf(r), domain: r.domain, supersedes: null, ...withdrawalOf(r) };
    },

    async standingFor(input) {
      const domain = lookupDomain(input);
      // The verdict and the suppressions in one statement: a scan's recall asks this every time.
      const { rows } = await sql.query<{ verdict: unknown; suppressions: unknown }>(
        `select (select to_jsonb(v) from (select * from analyst_verdicts where domain = $1 and withdrawn_at is null order by created_at desc limit 1) v) as verdict,
                (select coalesce(jsonb_agg(to_jsonb(s) order by s.rule, s.created_at desc), '[]'::jsonb)
                   from (select * from rule_suppressions where domain = $1 and withdrawn_at is null) s) as suppressions`,
        [domain],
      );
      const verdict = asJson<(StandingRow & { verdict: 'scam' | 'legitimate' }) | null>(rows[0]!.verdict);
      const suppressions = asJson<(StandingRow & { rule: string })[]>(rows[0]!.suppressions);
      const seen = new Set<string>();
      return {
        verdict: verdict ? verdictOf(verdict) : null,
        suppressions: suppressions.filter((r) => !seen.has(r.rule) && seen.add(r.rule)).map(suppressionOf),
      };
    },

    async auditFor(input, opts = {}) {
      const domain = lookupDomain(input);
      const limit = Math.max(1, Math.min(opts.limit ?? 500, 5_000));
      const { rows } = await sql.query<{
        id: unknown;
        at: unknown;
        actor: string;
        action: AuditEntry['action'];
        subject_kind: AuditEntry['subjectKind'];
        subject_id: string;
        domain: string | null;
        detail: unknown;
      }>(`select * from audit_log where domain = $1 order by at desc, id desc limit ${limit}`, [domain]);
      return rows.map((r) => ({
        id: String(r.id),
        at: iso(r.at),
        actor: r.actor,
        action: r.action,
        subjectKind: r.subject_kind,
        subjectId: r.subject_id,
        domain: r.domain,
        detail: (typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail ?? {}) as Record<string, unknown>,
      }));
    },
  };
}

function pick(row: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => row[k] !== undefined).map((k) => [k, row[k]]));
}

/** Identifiers in the form they are stored and matched under (indicators table, reports, lookups); ones that are not
 *  identifiers of their kind (an agency hotline, a too-short account) are left out. */
export function indicatorKeys(list: readonly { kind: IndicatorKindName; value: string }[]): { kind: IndicatorKindName; value: string }[] {
  const seen = new Set<string>();
  return list.flatMap(({ kind, value }) => {
    const key = normalizeIndicator(kind, value)?.key;
    if (!key || seen.has(`${kind}\u0000${key}`)) return [];
    seen.add(`${kind}\u0000${key}`);
    return [{ kind, value: key }];
  });
}
