// A loopback RDAP server (RFC 7482/9083: GET {base}domain/{name} → application/rdap+json), so domain facts are
// tested through the same HTTP path, address policy and caps as production. Answers are shaped like the
// registries' own (events, a registrar entity with a jCard, a redacted registrant, RFC 9537 "redacted").
//   startRdapServer({ 'cash-now.top': rdapDomain('cash-now.top', { created, registrar, privacy: true }) })
//   startRdapServer({ 'slow.top': { reply: { delayMs: 3000, json: … } }, 'big.top': { reply: { body: 'x'.repeat(1e6) } } })
// Unknown names get RDAP's 404 error object.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { listen } from './listen.js';

/** An answer shaped by hand: status, a raw body instead of JSON, a delay. */
export interface RdapReply {
  status?: number;
  json?: unknown;
  body?: string;
  delayMs?: number;
  contentType?: string;
}

/** A domain object served as it is, or { reply } for an answer shaped by hand. */
export type RdapAnswerSpec = Record<string, unknown> | { reply: RdapReply };

export interface RdapServer {
  /** Base URL ending in '/', as a bootstrap file lists it: http://127.0.0.1:port/rdap/ */
  base: string;
  /** How many times each domain (lower-cased) was asked for. */
  queries: Map<string, number>;
  /** Writes a dns.json-format bootstrap file mapping `tlds` to this server; removed on close. */
  bootstrapFile(tlds: string[]): string;
  close(): Promise<void>;
}


export async function startRdapServer(records: Record<string, RdapAnswerSpec>, opts: { host?: string } = {}): Promise<RdapServer> {
  const byName = new Map(Object.entries(records).map(([k, v]) => [k.toLowerCase(), v]));
  const queries = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  const files: string[] = [];

  const server = http.createServer((req, res) => {
    const m = /^\/rdap\/domain\/([^/?]+)$/.exec(req.url ?? '');
    if (!m) return send(res, 400, { errorCode: 400, title: 'Bad Request' });
    const name = decodeURIComponent(m[1]!).toLowerCase();
    queries.set(name, (queries.get(name) ?? 0) + 1);
    const answer = byName.get(name);
    if (!answer) return send(res, 404, { errorCode: 404, title: 'Not Found', description: [`${name} is not registered here`] });
    if (!('reply' in answer)) return send(res, 200, answer);
    const spec = answer.reply as RdapReply;
    const reply = () => {
      if (res.destroyed) return;
      if (spec.body !== undefined) {
        res.writeHead(spec.status ?? 200, { 'content-type': spec.contentType ?? 'application/rdap+json' });
        res.end(spec.body);
      } else {
        send(res, spec.status ?? 200, spec.json ?? {});
      }
    };
    if (!spec.delayMs) return reply();
    const t = setTimeout(() => {
      timers.delete(t);
      reply();
    }, spec.delayMs);
    timers.add(t);
  });

  const host = opts.host ?? '127.0.0.1';
  const port = await listen(server, host);
  const base = `http://${host}:${port}/rdap/`;

  return {
    base,
    queries,
    bootstrapFile(tlds) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scamscore-rdap-'));
      const file = path.join(dir, 'dns.json');
      fs.writeFileSync(file, JSON.stringify({ version: '1.0', publication: new Date().toISOString(), services: [[tlds, [base]]] }));
      files.push(dir);
      return file;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        for (const dir of files) fs.rmSync(dir, { recursive: true, force: true });
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(res: http.ServerResponse, status: number, json: unknown): void {
  res.writeHead(status, { 'content-type': 'application/rdap+json' });
  res.end(JSON.stringify(json));
}

export interface RdapFacts {
  created: Date;
  registrar: string;
  privacy: boolean;
  expires?: Date;
}

/**
 * A domain object as a gTLD registry with a thick record answers it under ICANN's RDAP profile: events,
 * status, the registrar entity with a jCard and IANA id, and a registrant that is either named or redacted
 * ("REDACTED FOR PRIVACY" in the jCard, an RFC 9537 "redacted" member, a remark).
 */
export function rdapDomain(domain: string, facts: RdapFacts): Record<string, unknown> {
  const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const expires = facts.expires ?? new Date(facts.created.getTime() + 365 * 86_400_000);
  const registrant = facts.privacy
    ? {
        objectClassName: 'entity',
        roles: ['registrant'],
        vcardArray: ['vcard', [['version', {}, 'text', '4.0'], ['fn', {}, 'text', 'REDACTED FOR PRIVACY'], ['adr', { cc: 'KR' }, 'text', ['', '', '', '', '', '', 'KR']]]],
        remarks: [{ title: 'REDACTED FOR PRIVACY', type: 'object redacted due to authorization', description: ['Some of the data in this object has been removed.'] }],
      }
    : {
        objectClassName: 'entity',
        roles: ['registrant'],
        vcardArray: ['vcard', [['version', {}, 'text', '4.0'], ['fn', {}, 'text', 'Hanbit Trading Co., Ltd.'], ['adr', { cc: 'KR' }, 'text', ['', '', '', '', '', '', 'KR']]]],
      };
  return {
    objectClassName: 'domain',
    handle: `${domain.toUpperCase().replace(/\./g, '_')}-DOMAIN`,
    ldhName: domain,
    rdapConformance: ['rdap_level_0', 'icann_rdap_response_profile_1', 'icann_rdap_technical_implementation_guide_1', ...(facts.privacy ? ['redacted'] : [])],
    status: ['client transfer prohibited'],
    events: [
      { eventAction: 'registration', eventDate: iso(facts.created) },
      { eventAction: 'expiration', eventDate: iso(expires) },
      { eventAction: 'last changed', eventDate: iso(facts.created) },
      { eventAction: 'last update of RDAP database', eventDate: iso(new Date()) },
    ],
    entities: [
      {
        objectClassName: 'entity',
        handle: '1868',
        roles: ['registrar'],
        publicIds: [{ type: 'IANA Registrar ID', identifier: '1868' }],
        vcardArray: ['vcard', [['version', {}, 'text', '4.0'], ['fn', {}, 'text', facts.registrar]]],
        entities: [{ objectClassName: 'entity', roles: ['abuse'], vcardArray: ['vcard', [['version', {}, 'text', '4.0'], ['fn', {}, 'text', 'Abuse Contact']]] }],
      },
      registrant,
    ],
    ...(facts.privacy
      ? { redacted: [{ name: { type: 'Registrant Name' }, prePath: "$.entities[?(@.roles[0]=='registrant')].vcardArray[1][?(@[0]=='fn')][3]", method: 'replacement', reason: { type: 'Server policy' } }] }
      : {}),
    nameservers: [{ objectClassName: 'nameserver', ldhName: `ns1.${domain}` }],
    secureDNS: { delegationSigned: false },
    notices: [{ title: 'Terms of Use', description: ['Service subject to Terms of Use.'] }],
  };
}
