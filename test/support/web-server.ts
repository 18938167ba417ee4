// A real HTTP server on a loopback address and an ephemeral port, with virtual hosts chosen by the Host
// header, so tests can point several fake sites (via the test DNS server) at one listener:
//   startWebServer({
//     'shop.test': { '/': { body: '<html>…' }, '/old': { status: 302, headers: { location: '/' } } },
//     'raw.test': (req, res) => { … },           // a whole host handled by hand
//   }, { fallback: (req, res) => { … } })       // anything unmatched (default: 404)
// `sites` is read on every request, so a test may add routes after start (e.g. a Location with the port).
// Header names in RouteSpec.headers should be lower-case (they override the default content-type).
// startRawServer gives a bare TCP listener for answers no HTTP server would send (garbage status lines,
// header floods, silence).
import http from 'node:http';
import net from 'node:net';
import { listen } from './listen.js';

export type RawHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export interface RouteSpec {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Wait this long before answering (timeouts, aborts). */
  delayMs?: number;
}

export type HostRoutes = Record<string /* path, query included when present */, RouteSpec | RawHandler>;
export type Sites = Record<string /* host, without port */, HostRoutes | RawHandler>;

export interface Hit {
  host: string;
  path: string;
  method: string;
  headers: http.IncomingHttpHeaders;
}

export interface WebServer {
  port: number;
  /** Listen address (127.0.0.1 unless asked otherwise). */
  host: string;
  /** `http://<name>:<port>` for a virtual host name. */
  url(name: string, path?: string): string;
  hits: Hit[];
  /** TCP connections accepted so far: proves whether an address was dialled at all. */
  connections: number;
  /** TCP connections accepted and not yet closed: proves that a client hung up. */
  openConnections: number;
  close(): Promise<void>;
}

export interface WebServerOptions {
  fallback?: RawHandler;
  /** Loopback address to listen on (Linux answers on all of 127/8). */
  host?: string;
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
}

export async function startWebServer(sites: Sites, options: WebServerOptions = {}): Promise<WebServer> {
  const listenHost = options.host ?? '127.0.0.1';
  const hits: Hit[] = [];
  const state = { connections: 0, open: 0 };

  const server = http.createServer((req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const path = req.url ?? '/';
    hits.push({ host, path, method: req.method ?? 'GET', headers: req.headers });

    const site = sites[host];
    if (typeof site === 'function') return site(req, res);
    const route = site?.[path] ?? site?.[path.split('?')[0] ?? path];
    if (typeof route === 'function') return route(req, res);
    if (route) return serve(route, res);
    if (options.fallback) return options.fallback(req, res);
    res.writeHead(404, { 'content-type': 'text/plain' }).end(`no route for ${host}${path}`);
  });
  server.on('connection', (socket: net.Socket) => {
    state.connections += 1;
    state.open += 1;
    socket.on('close', () => {
      state.open -= 1;
    });
  });

  const port = await listen(server, listenHost, options.port);

  return {
    port,
    host: listenHost,
    url: (name, path = '/') => `http://${name}:${port}${path}`,
    hits,
    get connections() {
      return state.connections;
    },
    get openConnections() {
      return state.open;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function serve(route: RouteSpec, res: http.ServerResponse): void {
  const send = () => {
    if (res.destroyed) return;
    const body = route.body ?? '';
    const headers = { 'content-type': 'text/html; charset=utf-8', ...route.headers };
    res.writeHead(route.status ?? 200, headers).end(body);
  };
  if (route.delayMs) setTimeout(send, route.delayMs);
  else send();
}

export interface RawServer {
  port: number;
  host: string;
  /** TCP connections accepted so far. */
  connections: number;
  /** Connections accepted and not yet closed. */
  openConnections: number;
  close(): Promise<void>;
}

/** A TCP listener whose every connection is handed to `onConnection` as is: no HTTP parsing at all. */
export async function startRawServer(
  onConnection: (socket: net.Socket) => void,
  options: { host?: string; port?: number } = {},
): Promise<RawServer> {
  const host = options.host ?? '127.0.0.1';
  const sockets = new Set<net.Socket>();
  const state = { connections: 0 };
  const server = net.createServer((socket) => {
    state.connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {}); // clients hanging up mid-write is what these tests are about
    onConnection(socket);
  });
  const port = await listen(server, host, options.port);
  return {
    port,
    host,
    get connections() {
      return state.connections;
    },
    get openConnections() {
      return sockets.size;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
