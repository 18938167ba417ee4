// A real DNS server over UDP on 127.0.0.1, for tests that must go through the resolver the service really
// uses (node's c-ares Resolver with setServers). Answers A and AAAA from a map; unknown names get NXDOMAIN.
//   startDnsServer({ 'shop.test': '127.0.0.1', 'multi.test': ['127.0.0.1', '10.0.0.1'],
//                    'rebind.test': { rotate: ['127.0.0.1', '10.0.0.1'] } })
// A rotating record answers its next entry on each query (per record type): DNS rebinding in a box.
import dgram from 'node:dgram';
import { isIPv4, isIPv6 } from 'node:net';

export type DnsAnswer = string | string[];
export type DnsRecord = DnsAnswer | { rotate: DnsAnswer[] };

export interface DnsServer {
  /** '127.0.0.1:port', ready for createResolver / SCAMSCORE_DNS_SERVERS. */
  address: string;
  port: number;
  queries: { name: string; type: number }[];
  setRecord(name: string, value: DnsRecord | null): void;
  close(): Promise<void>;
}

export const TYPE_A = 1;
export const TYPE_AAAA = 28;
const RCODE_NXDOMAIN = 3;
const RCODE_FORMERR = 1;

export async function startDnsServer(records: Record<string, DnsRecord>): Promise<DnsServer> {
  const table = new Map<string, DnsRecord>();
  const counters = new Map<string, number>(); // `${name}/${type}` → queries answered so far
  const queries: DnsServer['queries'] = [];
  const setRecord = (name: string, value: DnsRecord | null) => {
    const key = normalise(name);
    if (value === null) table.delete(key);
    else table.set(key, value);
    for (const k of counters.keys()) if (k.startsWith(`${key}/`)) counters.delete(k);
  };
  for (const [name, value] of Object.entries(records)) setRecord(name, value);

  const socket = dgram.createSocket('udp4');
  socket.on('message', (msg, rinfo) => {
    const reply = answer(msg);
    if (reply) socket.send(reply, rinfo.port, rinfo.address);
  });

  function answer(msg: Buffer): Buffer | null {
    if (msg.length < 12) return null;
    const q = parseQuestion(msg);
    if (!q) return header(msg, RCODE_FORMERR, 0, 0);
    const name = normalise(q.name);
    queries.push({ name, type: q.type });
    const record = table.get(name);
    if (record === undefined) return Buffer.concat([header(msg, RCODE_NXDOMAIN, 1, 0), q.raw]);

    const addresses = pick(name, q.type, record).filter((ip) =>
      q.type === TYPE_A ? isIPv4(ip) : q.type === TYPE_AAAA ? isIPv6(ip) : false,
    );
    const rrs = addresses.map((ip) => resourceRecord(q.type, ip));
    return Buffer.concat([header(msg, 0, 1, rrs.length), q.raw, ...rrs]);
  }

  function pick(name: string, type: number, record: DnsRecord): string[] {
    if (typeof record === 'string') return [record];
    if (Array.isArray(record)) return record;
    const key = `${name}/${type}`;
    const n = counters.get(key) ?? 0;
    counters.set(key, n + 1);
    const entry = record.rotate[n % record.rotate.length] ?? [];
    return typeof entry === 'string' ? [entry] : entry;
  }

  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      socket.off('error', reject);
      resolve();
    });
  });
  const { port } = socket.address();

  return {
    address: `127.0.0.1:${port}`,
    port,
    queries,
    setRecord,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

function normalise(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

/** The first question: its name, type and raw bytes (echoed back as the reply's question section). */
function parseQuestion(msg: Buffer): { name: string; type: number; raw: Buffer } | null {
  if (msg.readUInt16BE(4) < 1) return null;
  const labels: string[] = [];
  let off = 12;
  for (;;) {
    const len = msg[off];
    if (len === undefined || len > 63) return null; // compression never appears in a question we are sent
    off += 1;
    if (len === 0) break;
    if (off + len > msg.length) return null;
    labels.push(msg.toString('latin1', off, off + len));
    off += len;
  }
  if (off + 4 > msg.length) return null;
  return { name: labels.join('.'), type: msg.readUInt16BE(off), raw: msg.subarray(12, off + 4) };
}

function header(query: Buffer, rcode: number, qdcount: number, ancount: number): Buffer {
  const h = Buffer.alloc(12);
  query.copy(h, 0, 0, 2); // id
  const rd = query[2]! & 0x01;
  const opcode = query[2]! & 0x78;
  h[2] = 0x80 | opcode | 0x04 | rd; // QR, opcode, AA, RD
  h[3] = 0x80 | rcode; // RA
  h.writeUInt16BE(qdcount, 4);
  h.writeUInt16BE(ancount, 6);
  return h;
}

function resourceRecord(type: number, ip: string): Buffer {
  const rdata = type === TYPE_A ? Buffer.from(ip.split('.').map(Number)) : ipv6Bytes(ip);
  const rr = Buffer.alloc(12);
  rr.writeUInt16BE(0xc00c, 0); // pointer to the question's name
  rr.writeUInt16BE(type, 2);
  rr.writeUInt16BE(1, 4); // class IN
  rr.writeUInt32BE(0, 6); // TTL 0: every lookup comes back to us
  rr.writeUInt16BE(rdata.length, 10);
  return Buffer.concat([rr, rdata]);
}

function ipv6Bytes(ip: string): Buffer {
  let text = ip;
  // Trailing dotted IPv4 (::ffff:10.0.0.1) becomes two hex groups.
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  const out = Buffer.alloc(16);
  groups.forEach((g, i) => out.writeUInt16BE(parseInt(g, 16), i * 2));
  return out;
}
