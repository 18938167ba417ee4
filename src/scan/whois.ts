// One WHOIS lookup (port 43, on our own socket: whois-client.ts) and the parser that turns its key/value
// record into DomainFacts. whois-json still does the `Key: value` parsing; the transport, server choice and
// referrals are ours, so that the deadline, the reply cap and the address policy apply to every byte.
// Registries answer in two shapes we care about: the gTLD/ICANN one (`Creation Date: …`) and KISA's
// bilingual .kr one (`Registered Date : 2024. 03. 05.`, `Publishes : N`).
import { domainToASCII } from 'node:url';
import parseRawData from 'whois-json/parse-raw-data.js';
import type { DomainFacts } from '../engine/types.js';
import { ScamscoreError } from '../errors.js';
import { createAddressPolicy } from './address-policy.js';
import { createResolver } from './resolve.js';
import { buildQueryLine, decodeWhoisReply, DEFAULT_MAX_REPLY_BYTES, exchange, type WhoisTarget } from './whois-client.js';
import { checkReferral, findReferral, parseReferral } from './whois-referral.js';
import { configuredServer, formatServer, registryServer } from './whois-servers.js';

export interface WhoisRecord {
  /** The ASCII (punycode) name that was sent. */
  domain: string;
  /** host:port of the server that answered, as named (configured, registry table, or referral). */
  server: string;
  /** `Key: value` lines as whois-json's parser reads them (camelCase keys; Korean keys kept). */
  record: Record<string, string>;
  /** The decoded reply of that server, for quoting. */
  text: string;
  /** The reply was cut at the byte cap. */
  truncated: boolean;
  /** host:port of every server dialled, in order (referrals by the address that passed the policy). */
  asked: string[];
  /** Why a referral the reply named was not followed (refused, loop, limit, failure); null when none was. */
  referral: string | null;
}

export interface WhoisLookupOptions {
  /** 'host:port' every query goes to first, or null = the registry's server for the TLD (whois's servers.json). */
  server: string | null;
  /** Bounds the whole lookup, referrals included. */
  timeoutMs: number;
  signal?: AbortSignal;
  /** DNS servers referral hosts are resolved with (the scanner's); empty = the system resolver. */
  dnsServers?: string[];
  /** CIDRs a referral may point into despite the private-address block (tests and labs). */
  allowPrivate?: string[];
  /** Reply byte cap; default DEFAULT_MAX_REPLY_BYTES. */
  maxBytes?: number;
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

/** How many referrals one lookup follows: IANA → registry → registrar is the longest useful chain. */
const MAX_REFERRALS = 2;

interface Hop {
  /** host:port as named (configured, table or referral), for messages and DomainFacts.server. */
  server: string;
  /** The address actually dialled: the checked IP for referrals, the name as given otherwise. */
  dialled: string;
  text: string;
  truncated: boolean;
  record: Record<string, string>;
}

export async function whoisLookup(domain: string, opts: WhoisLookupOptions): Promise<WhoisRecord> {
  const ascii = toAsciiDomain(domain);
  if (!ascii) throw new WhoisError('invalid-domain', `not a valid domain name: ${JSON.stringify(domain)}`);
  const tld = ascii.slice(ascii.lastIndexOf('.') + 1);
  const first = opts.server ? configuredServer(opts.server) : registryServer(ascii);
  if (!first) throw new WhoisError('no-server', `no WHOIS server is known for .${tld}`);
  if (opts.signal?.aborted) throw new WhoisError('aborted', 'WHOIS lookup was cancelled', { cause: opts.signal.reason });

  const ms = opts.timeoutMs;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_REPLY_BYTES;
  // One deadline for the whole lookup, referrals included; aborting it destroys whichever socket is open.
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new Error('WHOIS deadline')), ms);
  const signal = opts.signal ? AbortSignal.any([deadline.signal, opts.signal]) : deadline.signal;
  /** A failure of the hop asking `where`, as the error a reader sees. */
  const failure = (e: unknown, where: string): WhoisError => {
    if (opts.signal?.aborted) return new WhoisError('aborted', 'WHOIS lookup was cancelled', { cause: opts.signal.reason });
    if (deadline.signal.aborted) return new WhoisError('timeout', `WHOIS query timed out after ${ms} ms (${where})`);
    return classify(e, where);
  };

  async function ask(server: string, target: WhoisTarget, template: string): Promise<Hop> {
    const { bytes, truncated } = await exchange(target, buildQueryLine(template, ascii!), { maxBytes, signal });
    const text = decodeWhoisReply(bytes, truncated);
    return { server, dialled: formatServer(target.host, target.port), text, truncated, record: parseRawData(text) };
  }

  try {
    // The operator's server is named as configured; the table's by its host and port.
    const where = opts.server ?? formatServer(first.host, first.port);
    let hop: Hop;
    try {
      hop = await ask(where, first, first.query);
    } catch (e) {
      throw failure(e, where);
    }
    const asked = [hop.dialled];
    const follow = await followReferrals(hop, asked);
    return {
      domain: ascii,
      server: follow.hop.server,
      record: follow.hop.record,
      text: follow.hop.text,
      truncated: follow.hop.truncated,
      asked,
      referral: follow.note,
    };
  } finally {
    clearTimeout(timer);
  }

  /**
   * Follows referrals while the reply lacks a creation date. A referral that is refused, loops, exceeds the
   * limit or fails keeps the reply we have, with a note saying why; only the caller's abort is thrown.
   */
  async function followReferrals(start: Hop, asked: string[]): Promise<{ hop: Hop; note: string | null }> {
    const deps = { resolver: createResolver(opts.dnsServers ?? []), policy: createAddressPolicy(opts.allowPrivate ?? []) };
    // Names and addresses already asked: a server naming itself or an earlier one ends the chain.
    const seen = new Set([first!.host.toLowerCase(), start.dialled]);
    let hop = start;
    for (let followed = 0; !hasCreationDate(hop.record); followed++) {
      const named = findReferral(hop.record);
      if (!named) return { hop, note: null };
      const parsed = parseReferral(named);
      if (!parsed.ok) return { hop, note: parsed.reason };
      // The loop first: it is the more precise reason when a chain both loops and hits the limit.
      if (seen.has(parsed.host)) return { hop, note: `WHOIS referral to ${parsed.host} not followed: it loops back` };
      if (followed >= MAX_REFERRALS) {
        return { hop, note: `WHOIS referral to ${parsed.host} not followed: at most ${MAX_REFERRALS} referrals are followed` };
      }
      const where = `${parsed.host}:43`;
      try {
        const checked = await checkReferral(parsed.host, deps, signal);
        if (!checked.ok) return { hop, note: checked.reason };
        const target = { host: checked.address, port: 43 };
        if (seen.has(formatServer(target.host, 43))) {
          return { hop, note: `WHOIS referral to ${parsed.host} not followed: it loops back to ${checked.address}` };
        }
        seen.add(parsed.host);
        seen.add(formatServer(target.host, 43));
        asked.push(formatServer(target.host, 43));
        // Referral servers take the plain query: the table's templates belong to the registries they name.
        hop = await ask(where, target, '$addr\r\n');
      } catch (e) {
        const err = failure(e, where);
        if (err.kind === 'aborted') throw err;
        return { hop, note: `WHOIS referral to ${parsed.host} failed: ${err.message}` };
      }
    }
    return { hop, note: null };
  }
}

/** A node socket error as the failure a reader sees, naming the server that misbehaved. */
function classify(e: unknown, where: string): WhoisError {
  if (e instanceof WhoisError) return e;
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

/** Whether the record carries a creation date; a reply without one is thin or "no match", so worth a referral. */
export function hasCreationDate(record: Record<string, string>): boolean {
  return first(record, CREATED_KEYS) !== null;
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
