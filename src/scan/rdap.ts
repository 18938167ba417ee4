// One RDAP domain lookup (RFC 7482 query, RFC 9083 JSON) and the parser that turns its answer into DomainFacts.
// RDAP is WHOIS's structured successor: dates are ISO 8601 events instead of a dozen spellings of
// "Creation Date", and redaction is marked (RFC 9537 "redacted", "REDACTED FOR PRIVACY" vCards, remarks).
// The transport is json-request.ts: the fetcher's address policy, a deadline and a 256 KB cap.
import type { DomainFacts } from '../engine/types.js';
import { ScamscoreError } from '../errors.js';
import { JsonRequestError, type JsonClient } from './json-request.js';

export type RdapFailure = 'refused' | 'timeout' | 'too-large' | 'bad-answer' | 'failed';

/** Why a lookup produced no answer; the message is written for a person reading the scan result. */
export class RdapError extends ScamscoreError {
  readonly kind: RdapFailure;

  constructor(kind: RdapFailure, message: string, options?: { cause?: unknown }) {
    super(`RDAP_${kind.toUpperCase().replace(/-/g, '_')}`, 502, message, options);
    this.kind = kind;
  }
}

export interface RdapLookupOptions {
  client: JsonClient;
  timeoutMs: number;
  signal?: AbortSignal;
}

/**
 * The server's answer: the domain object, or "not found" (404). `url` is what was asked, for quoting; `text`
 * is the body as received (the JSON text, or whatever the 404 carried), kept as evidence.
 */
export type RdapAnswer =
  | { found: true; url: string; object: Record<string, unknown>; text: string }
  | { found: false; url: string; text: string };

/** GET {base}domain/{name}. `domain` is the ASCII (punycode) name; `base` ends in '/'. */
export async function rdapLookup(domain: string, base: URL, opts: RdapLookupOptions): Promise<RdapAnswer> {
  const url = new URL(`domain/${encodeURIComponent(domain)}`, base);
  let reply;
  try {
    reply = await opts.client.request(url, {
      method: 'GET',
      headers: { accept: 'application/rdap+json, application/json;q=0.9' },
      timeoutMs: opts.timeoutMs,
      signal: opts.signal,
    });
  } catch (err) {
    if (err instanceof JsonRequestError) throw new RdapError(err.kind, `RDAP ${err.message}`, { cause: err });
    throw new RdapError('failed', `RDAP lookup failed: ${String(err)}`, { cause: err });
  }
  if (reply.status === 404) return { found: false, url: url.href, text: reply.text };
  if (reply.status !== 200) {
    throw new RdapError('bad-answer', `RDAP server ${url.host} answered HTTP ${reply.status}`);
  }
  const object = reply.json;
  if (!isObject(object) || (object.objectClassName !== undefined && object.objectClassName !== 'domain')) {
    throw new RdapError('bad-answer', `RDAP server ${url.host} did not answer with a domain object`);
  }
  return { found: true, url: url.href, object, text: reply.text };
}

// ---------- the domain object ----------

// Registrant values that stand for a hidden contact (same families as in WHOIS replies).
const PRIVACY =
  /redacted|privacy|withheld|data protected|domains by proxy|proxy|not disclosed|gdpr|whoisguard|masked|anonymi[sz]ed|identity protect/i;

type Json = Record<string, unknown>;

/**
 * DomainFacts from an RDAP domain object, or null when it has no registration event (nothing to age the
 * domain by: the caller asks WHOIS instead). Lines quote the JSON members the facts came from. Pure.
 */
export function parseRdapDomain(domain: string, object: Json, url: string, now: number): DomainFacts | null {
  const events = list(object.events).filter(isObject);
  const registration = findEvent(events, 'registration');
  const created = registration ? Date.parse(String(registration.eventDate)) : NaN;
  if (!registration || Number.isNaN(created)) return null;

  const lines: DomainFacts['lines'] = { createdAt: quoteEvent(registration) };
  const expiration = findEvent(events, 'expiration');
  const expires = expiration ? Date.parse(String(expiration.eventDate)) : NaN;

  const registrar = registrarOf(object);
  if (registrar) lines.registrar = registrar.line;
  const privacy = privacyOf(object);
  if (privacy.line) lines.privacy = privacy.line;

  return {
    domain,
    createdAt: new Date(created).toISOString(),
    ageDays: Math.max(0, Math.floor((now - created) / 86_400_000)),
    registrar: registrar?.name ?? null,
    privacy: privacy.value,
    source: 'rdap',
    server: url,
    lines,
    expiresAt: Number.isNaN(expires) ? null : new Date(expires).toISOString(),
    status: list(object.status).filter((s): s is string => typeof s === 'string'),
  };
}

function findEvent(events: Json[], action: string): Json | undefined {
  return events.find((e) => typeof e.eventAction === 'string' && e.eventAction.toLowerCase() === action && typeof e.eventDate === 'string');
}

function quoteEvent(event: Json): string {
  return JSON.stringify({ eventAction: event.eventAction, eventDate: event.eventDate });
}

/** Entities with a role, the domain's own first, then those nested in them (RFC 9083 allows both). */
function entitiesWithRole(object: Json, role: string): Json[] {
  const top = list(object.entities).filter(isObject);
  const nested = top.flatMap((e) => list(e.entities).filter(isObject));
  return [...top, ...nested].filter((e) => list(e.roles).some((r) => typeof r === 'string' && r.toLowerCase() === role));
}

/** A jCard property (RFC 7095): ["fn", {}, "text", "NameSilo, LLC"]. */
function vcardProperty(entity: Json, name: string): unknown[] | null {
  const vcard = list(entity.vcardArray);
  const props = list(vcard[1]).filter(Array.isArray) as unknown[][];
  return props.find((p) => p[0] === name && typeof p[3] === 'string') ?? null;
}

function registrarOf(object: Json): { name: string; line: string } | null {
  for (const entity of entitiesWithRole(object, 'registrar')) {
    const fn = vcardProperty(entity, 'fn') ?? vcardProperty(entity, 'org');
    const name = fn && String(fn[3]).trim();
    if (fn && name) return { name, line: JSON.stringify(fn) };
  }
  return null;
}

function privacyOf(object: Json): { value: boolean | null; line?: string } {
  const registrants = entitiesWithRole(object, 'registrant');
  for (const entity of registrants) {
    for (const prop of ['fn', 'org'] as const) {
      const p = vcardProperty(entity, prop);
      if (p && PRIVACY.test(String(p[3]))) return { value: true, line: JSON.stringify(p) };
    }
    const remark = redactionRemark(entity);
    if (remark) return { value: true, line: remark };
  }
  // RFC 9537: the server lists what it removed; a registrant field among them means the contact is hidden.
  for (const entry of list(object.redacted).filter(isObject)) {
    const name = isObject(entry.name) ? entry.name : {};
    const label = [name.type, name.description].find((v) => typeof v === 'string') as string | undefined;
    if (label && /registrant/i.test(label)) return { value: true, line: JSON.stringify({ name: entry.name, method: entry.method }) };
  }
  const remark = redactionRemark(object);
  if (remark) return { value: true, line: remark };
  for (const entity of registrants) {
    const fn = vcardProperty(entity, 'fn');
    if (fn && String(fn[3]).trim()) return { value: false, line: JSON.stringify(fn) };
  }
  // A thin registry (Verisign's .com) shows no registrant at all: that says nothing either way.
  return { value: null };
}

/** A remark whose title or description says data was redacted ("REDACTED FOR PRIVACY"). */
function redactionRemark(object: Json): string | null {
  for (const remark of list(object.remarks).filter(isObject)) {
    const texts = [remark.title, ...list(remark.description)].filter((t): t is string => typeof t === 'string');
    const hit = texts.find((t) => /redacted/i.test(t));
    if (hit) return JSON.stringify(hit);
  }
  return null;
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
