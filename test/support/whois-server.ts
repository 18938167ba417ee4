// A real WHOIS server (RFC 3912: one query line in, the reply out, then close) on 127.0.0.1, so lookups
// are tested through the same TCP path as production. Replies are rendered in the registries' own shapes.
import net from 'node:net';
import { listen } from './listen.js';

export interface WhoisServer {
  /** '127.0.0.1:port', ready for SCAMSCORE_WHOIS_SERVER. */
  address: string;
  /** How many times each query (lower-cased, as received) was asked. */
  queries: Map<string, number>;
  close(): Promise<void>;
}

export async function startWhoisServer(
  records: Record<string, string | Buffer>,
  /** host/port: bind elsewhere than 127.0.0.1:ephemeral, e.g. 127.0.0.3:43 for referral tests. */
  opts: { delayMs?: number; host?: string; port?: number } = {},
): Promise<WhoisServer> {
  const byName = new Map(Object.entries(records).map(([k, v]) => [k.toLowerCase(), v]));
  const queries = new Map<string, number>();
  const sockets = new Set<net.Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // A client that gives up (timeout, abort) resets the connection; that is expected here.
    socket.on('error', () => {});
    let buffered = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      const end = buffered.indexOf('\n');
      if (end === -1) return;
      const query = buffered.slice(0, end).trim().toLowerCase();
      socket.removeAllListeners('data');
      queries.set(query, (queries.get(query) ?? 0) + 1);
      const reply = byName.get(query) ?? `No match for "${query.toUpperCase()}".\r\n`;
      const send = () => {
        if (!socket.destroyed) {
          if (typeof reply === 'string') socket.end(reply, 'utf8');
          else socket.end(reply);
        }
      };
      if (opts.delayMs) {
        const t = setTimeout(() => {
          timers.delete(t);
          send();
        }, opts.delayMs);
        timers.add(t);
      } else {
        send();
      }
    });
  });

  const port = await listen(server, opts.host ?? '127.0.0.1', opts.port);

  return {
    address: `${opts.host ?? '127.0.0.1'}:${port}`,
    queries,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** 'host:port' of a loopback port nobody listens on: bind an ephemeral one and let it go. */
export async function closedPort(): Promise<string> {
  const s = net.createServer();
  const port = await listen(s, '127.0.0.1');
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return `127.0.0.1:${port}`;
}

// ---------- raw TCP probes ----------

export interface TcpProbe {
  address: string;
  /** One entry per connection: when it opened and closed (Date.now()), and the bytes it received. */
  connections: Array<{ openedAt: number; closedAt: number | null; received: Buffer }>;
  /** Resolves when `n` connections have closed. */
  closed(n?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * A TCP server that records what reaches it, for proving what the client did (or did not) send:
 *   'silent'  never answers (a canary: any connection at all is the failure);
 *   'trickle' answers one byte every `intervalMs` and never closes (a server holding the socket).
 */
export async function startTcpProbe(
  opts: { host?: string; port?: number; mode?: 'silent' | 'trickle'; intervalMs?: number } = {},
): Promise<TcpProbe> {
  const connections: TcpProbe['connections'] = [];
  const sockets = new Set<net.Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let waiters: Array<{ n: number; resolve: () => void }> = [];
  const closedCount = () => connections.filter((c) => c.closedAt !== null).length;

  const server = net.createServer((socket) => {
    const entry: TcpProbe['connections'][number] = { openedAt: Date.now(), closedAt: null, received: Buffer.alloc(0) };
    connections.push(entry);
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('data', (chunk: Buffer) => {
      entry.received = Buffer.concat([entry.received, chunk]);
    });
    if (opts.mode === 'trickle') {
      const t = setInterval(() => {
        if (!socket.destroyed) socket.write('%');
      }, opts.intervalMs ?? 1000);
      timers.add(t);
      socket.write('%');
    }
    socket.on('close', () => {
      sockets.delete(socket);
      entry.closedAt = Date.now();
      const done = closedCount();
      waiters = waiters.filter((w) => (w.n <= done ? (w.resolve(), false) : true));
    });
  });

  const port = await listen(server, opts.host ?? '127.0.0.1', opts.port);

  return {
    address: `${opts.host ?? '127.0.0.1'}:${port}`,
    connections,
    closed: (n = 1) =>
      n <= closedCount() ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ n, resolve })),
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearInterval(t);
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

// ---------- replies ----------

/** A thin reply with no creation date that names another server, as IANA or a thin registry answers. */
export function referralReply(domain: string, line: string): string {
  return [`   Domain Name: ${domain.toUpperCase()}`, `   ${line}`, '   Domain Status: ok', ''].join('\r\n');
}

export interface ReplyFacts {
  created: Date;
  registrar: string;
  /** Registrant hidden behind a privacy service (gTLD) / Publishes : N (.kr). */
  privacy: boolean;
}

const DAY = 86_400_000;
const isoSeconds = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
const kisaDate = (d: Date) => {
  const [y, m, day] = d.toISOString().slice(0, 10).split('-');
  return `${y}. ${m}. ${day}.`;
};
const addYears = (d: Date, years: number) => {
  const x = new Date(d);
  x.setUTCFullYear(x.getUTCFullYear() + years);
  return x;
};

/** A registry reply in the Verisign/ICANN shape (thick record, as for .top/.shop/.xyz). */
export function gtldReply(domain: string, facts: ReplyFacts): string {
  const name = domain.toUpperCase();
  const updated = new Date(facts.created.getTime() + 2 * DAY);
  const slug = facts.registrar.toLowerCase().replace(/[^a-z0-9]+/g, '');
  const registrant = facts.privacy
    ? [
        'Registry Registrant ID: REDACTED FOR PRIVACY',
        'Registrant Name: REDACTED FOR PRIVACY',
        'Registrant Organization: Privacy service provided by Withheld for Privacy ehf',
        'Registrant Street: REDACTED FOR PRIVACY',
        'Registrant City: REDACTED FOR PRIVACY',
        'Registrant Country: IS',
        'Registrant Email: Please query the RDDS service of the Registrar of Record identified in this output for information on how to contact the Registrant, Admin, or Tech contact of the queried domain name.',
      ]
    : [
        'Registry Registrant ID: C12345678-REG',
        'Registrant Name: Hong Gildong',
        'Registrant Organization: Hanbit Trading Co., Ltd.',
        'Registrant Street: 123 Teheran-ro',
        'Registrant City: Seoul',
        'Registrant Country: KR',
        'Registrant Email: owner@hanbit-trading.example',
      ];
  return [
    `   Domain Name: ${name}`,
    `   Registry Domain ID: 2873451122_DOMAIN_COM-VRSN`,
    `   Registrar WHOIS Server: whois.${slug}.example`,
    `   Registrar URL: http://www.${slug}.example`,
    `   Updated Date: ${isoSeconds(updated)}`,
    `   Creation Date: ${isoSeconds(facts.created)}`,
    `   Registry Expiry Date: ${isoSeconds(addYears(facts.created, 1))}`,
    `   Registrar: ${facts.registrar}`,
    `   Registrar IANA ID: 1068`,
    `   Registrar Abuse Contact Email: abuse@${slug}.example`,
    `   Registrar Abuse Contact Phone: +1.6613102107`,
    `   Domain Status: clientTransferProhibited https://icann.org/epp#clientTransferProhibited`,
    ...registrant.map((l) => `   ${l}`),
    `   Name Server: NS1.${slug.toUpperCase()}.EXAMPLE`,
    `   Name Server: NS2.${slug.toUpperCase()}.EXAMPLE`,
    `   DNSSEC: unsigned`,
    `   URL of the ICANN Whois Inaccuracy Complaint Form: https://www.icann.org/wicf/`,
    `>>> Last update of whois database: ${isoSeconds(new Date(facts.created.getTime() + 3 * DAY))} <<<`,
    '',
    'For more information on Whois status codes, please visit https://icann.org/epp',
    '',
    'NOTICE: The expiration date displayed in this record is the date the',
    "registrar's sponsorship of the domain name registration in the registry is",
    'currently set to expire.',
    '',
  ].join('\r\n');
}

/** A KISA (whois.kr) reply: the Korean part first, then `# ENGLISH`, then the service footer. */
export function krReply(domain: string, facts: ReplyFacts): string {
  const created = kisaDate(facts.created);
  const updated = kisaDate(new Date(facts.created.getTime() + 30 * DAY));
  const expires = kisaDate(addYears(facts.created, 1));
  const publishes = facts.privacy ? 'N' : 'Y';
  // With Publishes : N KISA shows the registrant's name but leaves the address and contacts out.
  const koContact = facts.privacy
    ? []
    : ['등록인 주소                 : 서울특별시 강남구 테헤란로 123', '책임자                      : 홍길동', '책임자 전자우편             : owner@hanbit.example'];
  const enContact = facts.privacy
    ? []
    : ['Registrant Address          : 123, Teheran-ro, Gangnam-gu, Seoul', 'Administrative Contact(AC)  : Hong Gildong', 'AC E-Mail                   : owner@hanbit.example'];
  return [
    `query : ${domain}`,
    '',
    '',
    '# KOREAN(UTF8)',
    '',
    `도메인이름                  : ${domain}`,
    '등록인                      : 홍길동',
    ...koContact,
    `등록일                      : ${created}`,
    `최근 정보 변경일            : ${updated}`,
    `사용 종료일                 : ${expires}`,
    `정보공개여부                : ${publishes}`,
    `등록대행자                  : ${facts.registrar}`,
    'DNSSEC                      : 미서명',
    '',
    '1차 네임서버 정보',
    `   호스트이름               : ns1.${domain}`,
    '',
    '네임서버 이름이 .kr이 아닌 경우는 IP주소가 보이지 않습니다.',
    '',
    '',
    '# ENGLISH',
    '',
    `Domain Name                 : ${domain}`,
    'Registrant                  : Hong Gildong',
    ...enContact,
    `Registered Date             : ${created}`,
    `Last Updated Date           : ${updated}`,
    `Expiration Date             : ${expires}`,
    `Publishes                   : ${publishes}`,
    `Authorized Agency           : ${facts.registrar}`,
    'DNSSEC                      : unsigned',
    '',
    'Primary Name Server',
    `   Host Name                : ns1.${domain}`,
    '',
    '',
    '- KISA/KRNIC WHOIS Service -',
    '',
  ].join('\r\n');
}
