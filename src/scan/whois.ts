// One WHOIS query (port 43, through whois-json) and the parser that turns its key/value record into
// DomainFacts. Registries answer in two shapes we care about: the gTLD/ICANN one (`Creation Date: …`) and
// KISA's bilingual .kr one (`Registered Date : 2024. 03. 05.`, `Publishes : N`).
import { domainToASCII } from 'node:url';
import whoisJson from 'whois-json';
import type { DomainFacts } from '../engine/types.js';
import { ScamscoreError } from '../errors.js';

export interface WhoisRecord {
  /** The ASCII (punycode) name that was sent. */
  domain: string;
  /** host:port of the server that answered. */
  server: string;
  /** `Key: value` lines as whois-json parsed them (camelCase keys; Korean keys kept). */
  record: Record<string, string>;
}

export interface WhoisLookupOptions {
  /** 'host:port' every query goes to, or null = the registry's server for the TLD as the whois package knows it. */
  server: string | null;
  timeoutMs: number;
  signal?: AbortSignal;
}

export type WhoisFailure = 'invalid-domain' | 'timeout' | 'refused' | 'unreachable' | 'no-server' | 'aborted' | 'failed';

/** Why a lookup produced no record; the message is written for a person reading the scan result. */
export class WhoisError extends ScamscoreError {
  readonly kind: WhoisFailure;

  constructor(kind: WhoisFailure, message: string, options?: { cause?: unknown }) {
    super(`WHOIS_${kind.toUpperCase().replace(/-/g, '_')}`, kind === 'invalid-domain' ? 400 : 502, message, options);
    this.kind = kind;
  }
}

// ---------- domain names ----------

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * The ASCII (punycode) form of a domain name, or null when it is not a plain host name. Whatever we send
 * ends up on a line of a TCP protocol, so anything beyond letters, digits, hyphens and dots is refused
 * here, before any connection.
 */
export function toAsciiDomain(input: string): string | null {
  if (typeof input !== 'string' || input.length === 0 || input.length > 1024) return null;
  // domainToASCII parses its input as a URL host: it drops tabs and newlines ("a.com\r\nb" → "a.comb") and
  // cuts at / ? # \ ("a.com/x" → "a.com"). Refuse every ASCII character a host name cannot hold instead.
  if (/[^A-Za-z0-9.\-\u0080-\uffff]/.test(input)) return null;
  let ascii = domainToASCII(input);
  if (ascii.endsWith('.')) ascii = ascii.slice(0, -1);
  if (ascii.length === 0 || ascii.length > 253) return null;
  const labels = ascii.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return null;
  // No TLD is numeric; this also keeps IPv4 literals out (the whois package would send those to ARIN).
  if (/^\d+$/.test(labels[labels.length - 1]!)) return null;
  return ascii;
}

// ---------- the query ----------

/** 'host:port' or '[v6]:port' → the object form (the whois package's own parser splits IPv6 on ':'). */
function parseServer(server: string): { host: string; port: number } {
  const m = /^\[([^\]]+)\]:(\d{1,5})$/.exec(server) ?? /^([^:]+):(\d{1,5})$/.exec(server);
  if (!m) return { host: server, port: 43 };
  return { host: m[1]!, port: Number(m[2]) };
}

export async function whoisLookup(domain: string, opts: WhoisLookupOptions): Promise<WhoisRecord> {
  const ascii = toAsciiDomain(domain);
  if (!ascii) throw new WhoisError('invalid-domain', `not a valid domain name: ${JSON.stringify(domain)}`);
  const tld = ascii.slice(ascii.lastIndexOf('.') + 1);
  // Named in every failure message, so a reader knows which server misbehaved.
  const where = opts.server ?? `the .${tld} registry's WHOIS server`;
  if (opts.signal?.aborted) throw new WhoisError('aborted', 'WHOIS lookup was cancelled', { cause: opts.signal.reason });

  const query = whoisJson(ascii, {
    ...(opts.server ? { server: parseServer(opts.server) } : {}),
    // Referrals to registrar servers are a later step; the registry record has the creation date.
    follow: 0,
    // The package's timeout is a socket idle timeout: it only closes the socket. The deadline below is what
    // bounds the caller's wait.
    timeout: opts.timeoutMs,
    verbose: true,
    encoding: 'utf8',
  });
  const parts = await bounded(query, opts.signal, { ms: opts.timeoutMs, where, tld });
  const part = parts[parts.length - 1];
  if (!part) throw new WhoisError('failed', `WHOIS query returned nothing (${where})`);
  // verbose answers name only the host; with no server configured it is the registry's, on port 43 (the
  // whois package's table lists no other ports).
  return { domain: ascii, server: opts.server ?? `${part.server}:43`, record: part.data };
}

interface QueryContext {
  ms: number;
  where: string;
  tld: string;
}

/** Settles with the work, or rejects at the deadline or on the caller's abort, whichever comes first. */
function bounded<T>(work: Promise<T>, signal: AbortSignal | undefined, ctx: QueryContext): Promise<T> {
  const { ms, where } = ctx;
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => settle(new WhoisError('timeout', `WHOIS query timed out after ${ms} ms (${where})`)),
      ms,
    );
    const onAbort = () => settle(new WhoisError('aborted', 'WHOIS lookup was cancelled', { cause: signal?.reason }));
    signal?.addEventListener('abort', onAbort, { once: true });
    function settle(err: unknown, value?: T) {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (err) reject(err);
      else resolve(value as T);
    }
    // Handled either way, so a late failure after the deadline is never an unhandled rejection.
    work.then(
      (v) => settle(undefined, v),
      (e: unknown) => settle(classify(e, ctx)),
    );
  });
}

function classify(e: unknown, { ms, where, tld }: QueryContext): WhoisError {
  const code = (e as { code?: unknown } | null)?.code;
  const message = e instanceof Error ? e.message : String(e);
  switch (code) {
    case 'ECONNREFUSED':
      return new WhoisError('refused', `WHOIS server refused the connection (${where})`, { cause: e });
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new WhoisError('unreachable', `WHOIS server name could not be resolved (${where})`, { cause: e });
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ETIMEDOUT':
      return new WhoisError('unreachable', `WHOIS server is unreachable (${where})`, { cause: e });
    case 'ECONNRESET':
    case 'EPIPE':
      return new WhoisError('failed', `WHOIS server closed the connection (${where})`, { cause: e });
  }
  if (/lookup: timeout/.test(message)) {
    return new WhoisError('timeout', `WHOIS query timed out after ${ms} ms (${where})`, { cause: e });
  }
  if (/no whois server is known/i.test(message)) {
    return new WhoisError('no-server', `no WHOIS server is known for .${tld}`, { cause: e });
  }
  return new WhoisError('failed', `WHOIS query failed (${where}): ${message}`, { cause: e });
}

// ---------- dates ----------

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

interface DateMatch {
  index: number;
  y: number;
  m: number;
  d: number;
  /** Milliseconds into the day, UTC, when the value carried a time. */
  time: number | null;
}

const DATE_FORMS: Array<{ re: RegExp; read(m: RegExpExecArray): Omit<DateMatch, 'index'> | null }> = [
  {
    // 2026-11-01T00:00:00Z, 2024-03-05 12:00:00, 2024-03-05T09:00:00.0+09:00, 2024-03-05
    re: /(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?/i,
    read: (m) => {
      const [, y, mo, d, hh, mm, ss, zone] = m;
      let time: number | null = null;
      if (hh !== undefined) {
        time = ((Number(hh) * 60 + Number(mm)) * 60 + Number(ss ?? 0)) * 1000 - zoneOffsetMs(zone);
      }
      return { y: Number(y), m: Number(mo), d: Number(d), time };
    },
  },
  // 2024. 03. 05. (KISA) and 2024.03.05
  { re: /(\d{4})\.\s*(\d{1,2})\.\s*(\d{1,2})/, read: (m) => ({ y: Number(m[1]), m: Number(m[2]), d: Number(m[3]), time: null }) },
  { re: /(\d{4})\/(\d{1,2})\/(\d{1,2})/, read: (m) => ({ y: Number(m[1]), m: Number(m[2]), d: Number(m[3]), time: null }) },
  {
    // 05-Mar-2024, 05 Mar 2024
    re: /(\d{1,2})[- ]([A-Za-z]{3})[A-Za-z]*\.?[- ](\d{4})/,
    read: (m) => {
      const month = MONTHS[m[2]!.toLowerCase()];
      return month ? { y: Number(m[3]), m: month, d: Number(m[1]), time: null } : null;
    },
  },
];

function zoneOffsetMs(zone: string | undefined): number {
  if (!zone || /^(Z|UTC|GMT)$/i.test(zone)) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!m) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return (m[1] === '-' ? -1 : 1) * minutes * 60_000;
}

/**
 * The first date in a WHOIS value, as epoch ms and an ISO string (YYYY-MM-DD when the value had no time,
 * full ISO otherwise). Values without a zone are read as UTC. Null when there is no valid date.
 */
export function parseWhoisDate(value: string): { ms: number; iso: string } | null {
  let best: DateMatch | null = null;
  for (const form of DATE_FORMS) {
    const m = form.re.exec(value);
    if (!m || (best && best.index <= m.index)) continue;
    const read = form.read(m);
    if (read) best = { index: m.index, ...read };
  }
  if (!best) return null;
  const { y, m, d, time } = best;
  const day = Date.UTC(y, m - 1, d);
  const check = new Date(day);
  // Date.UTC rolls 2024-02-31 over into March; a roll-over means the value was not a real date.
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return null;
  if (time === null) return { ms: day, iso: check.toISOString().slice(0, 10) };
  const ms = day + time;
  return { ms, iso: new Date(ms).toISOString() };
}

/** Whole days from createdAt to now; 0 when the record's date is ahead of our clock. */
export function ageDaysAt(createdAt: string | null, now: number): number | null {
  if (createdAt === null) return null;
  const ms = Date.parse(createdAt);
  if (Number.isNaN(ms)) return null;
  return Math.max(0, Math.floor((now - ms) / 86_400_000));
}

// ---------- the record ----------

// Keys as whois-json names them, in order of preference, with the label the registry printed.
const CREATED_KEYS: Array<[key: string, label: string]> = [
  ['creationDate', 'Creation Date'],
  ['registeredDate', 'Registered Date'],
  ['createdOn', 'Created On'],
  ['created', 'created'],
  ['registrationTime', 'Registration Time'],
  ['domainRegistrationDate', 'Domain Registration Date'],
  ['registrationDate', 'Registration Date'],
  ['registeredOn', 'Registered On'],
  ['domainCreateDate', 'Domain Create Date'],
  ['등록일', '등록일'],
];

const REGISTRAR_KEYS: Array<[key: string, label: string]> = [
  ['registrar', 'Registrar'],
  ['authorizedAgency', 'Authorized Agency'],
  ['registrarName', 'Registrar Name'],
  ['sponsoringRegistrar', 'Sponsoring Registrar'],
  ['등록대행자', '등록대행자'],
];

// KISA's "is the contact published" flag: N means hidden.
const PUBLISHES_KEYS: Array<[key: string, label: string]> = [
  ['publishes', 'Publishes'],
  ['정보공개여부', '정보공개여부'],
  ['공개여부', '공개여부'],
];

const KISA_KEYS = ['registeredDate', 'authorizedAgency', 'publishes', '등록일', '등록대행자', '정보공개여부'];

// Registrant fields that name who holds the domain; a real value here means the contact is public.
const REGISTRANT_NAME_KEYS = ['registrantName', 'registrantOrganization', 'registrant', 'registrantContactName'];

const PRIVACY =
  /redacted|privacy|withheld|data protected|domains by proxy|proxy|not disclosed|gdpr|whoisguard|masked|anonymi[sz]ed|identity protect/i;

const LABELS: Record<string, string> = {
  registryRegistrantId: 'Registry Registrant ID',
  registrantId: 'Registrant ID',
};

/** whois-json's camelCase key back to the printed label: registrantName → Registrant Name. */
function labelOf(key: string): string {
  return LABELS[key] ?? key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/^[a-z]/, (c) => c.toUpperCase());
}

function first(record: Record<string, string>, keys: Array<[string, string]>): { value: string; label: string } | null {
  for (const [key, label] of keys) {
    const value = record[key]?.trim();
    if (value) return { value, label };
  }
  return null;
}

/**
 * DomainFacts from a parsed WHOIS record, or null when the record has no creation date: the registry
 * answered "No match" / "NOT FOUND", or with nothing we recognise. Pure.
 */
export function parseWhoisRecord(
  domain: string,
  record: Record<string, string>,
  server: string,
  now: number,
): DomainFacts | null {
  const created = first(record, CREATED_KEYS);
  if (!created) return null;

  // KISA pads its keys, in both languages: "Registered Date : …"; everyone else writes "Creation Date: …".
  const kisa = KISA_KEYS.some((k) => k in record);
  const line = (label: string, value: string) => `${label}${kisa ? ' : ' : ': '}${value}`;
  const lines: DomainFacts['lines'] = { createdAt: line(created.label, created.value) };

  const date = parseWhoisDate(created.value);
  const createdAt = date?.iso ?? null;

  let registrar: string | null = null;
  const reg = first(record, REGISTRAR_KEYS);
  if (reg) {
    // KISA appends the agency's site: "Gabia, Inc.(http://www.gabia.com)".
    registrar = reg.value.replace(/\s*\(https?:\/\/[^)]*\)\s*$/i, '').trim() || reg.value;
    lines.registrar = line(reg.label, reg.value);
  }

  const privacy = readPrivacy(record, line);
  if (privacy.line) lines.privacy = privacy.line;

  return {
    domain,
    createdAt,
    ageDays: date ? Math.max(0, Math.floor((now - date.ms) / 86_400_000)) : null,
    registrar,
    privacy: privacy.value,
    source: 'whois',
    server,
    lines,
  };
}

function readPrivacy(
  record: Record<string, string>,
  line: (label: string, value: string) => string,
): { value: boolean | null; line?: string } {
  const publishes = first(record, PUBLISHES_KEYS);
  if (publishes && /^[NY]/i.test(publishes.value)) {
    return { value: /^N/i.test(publishes.value), line: line(publishes.label, publishes.value) };
  }
  // Name and organisation first, so the quoted line is the one a reader expects.
  const keys = Object.keys(record)
    .filter((k) => /registrant/i.test(k))
    .sort((a, b) => rank(a) - rank(b));
  for (const key of keys) {
    const value = record[key]!.trim();
    if (PRIVACY.test(value)) return { value: true, line: line(labelOf(key), value) };
  }
  for (const key of REGISTRANT_NAME_KEYS) {
    const value = record[key]?.trim();
    if (value) return { value: false, line: line(labelOf(key), value) };
  }
  return { value: null };
}

function rank(key: string): number {
  const i = REGISTRANT_NAME_KEYS.indexOf(key);
  return i === -1 ? REGISTRANT_NAME_KEYS.length : i;
}
