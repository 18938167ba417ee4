// A TCP proxy in front of a real server (Postgres here) that a test can break on purpose: 'forward' passes
// bytes both ways; 'refuse' stops listening (connections are refused) and cuts the open ones, as a server that
// went down; 'silent' accepts connections and never answers, as a hung server or a black-holed port.
import net from 'node:net';
import { listen } from './listen.js';

export type ProxyMode = 'forward' | 'refuse' | 'silent';

export interface TcpProxy {
  port: number;
  setMode(mode: ProxyMode): Promise<void>;
  /** Connections accepted so far. */
  readonly connections: number;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }, initial: ProxyMode = 'forward'): Promise<TcpProxy> {
  let mode: ProxyMode = initial;
  let connections = 0;
  const open = new Set<net.Socket>();
  const server = net.createServer((client) => {
    connections += 1;
    open.add(client);
    client.on('close', () => open.delete(client));
    client.on('error', () => {});
    if (mode === 'silent') return;
    const upstream = net.connect(target.port, target.host);
    open.add(upstream);
    upstream.on('close', () => {
      open.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    client.pipe(upstream).pipe(client);
  });
  // The port is fixed after the first listen, so a client retrying later reaches the same address.
  const port = await listen(server, '127.0.0.1');
  let listening = initial !== 'refuse';
  if (!listening) await new Promise<void>((r) => server.close(() => r()));

  return {
    port,
    get connections() {
      return connections;
    },
    async setMode(next) {
      mode = next;
      if (next === 'refuse') {
        for (const s of open) s.destroy();
        if (listening) {
          listening = false;
          await new Promise<void>((r) => server.close(() => r()));
        }
      } else if (!listening) {
        await listen(server, '127.0.0.1', port);
        listening = true;
      }
    },
    async close() {
      for (const s of open) s.destroy();
      if (listening) await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
