// The web page for people: one HTML shell and its assets, served by the same process at `/`.
// Rendering happens in the browser with lit-html (7 KB, no build step): its template bindings always
// escape, so data from scanned sites can only ever become text nodes or attribute values, never markup.
// The page calls the /v1 API like any other client; these routes only serve files and the page's headers.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

const here = path.dirname(fileURLToPath(import.meta.url));
// The build copies src/web/assets beside the compiled file, so `npm start` serves from dist alone.
export const ASSETS_DIR = path.join(here, 'assets');
// The browser build of lit-html (the package's `browser.default` export) sits at the package root; Node's
// resolution would pick its server build, so find the root and name the file.
const LIT_HTML = path.join(path.dirname(createRequire(import.meta.url).resolve('lit-html')), '..', 'lit-html.js');

/** Strict enough that injected markup could run nothing even if an escaping bug let it in. */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/** Paths the page's script renders a view for; each gets the same shell. */
const VIEWS = ['/', '/site/:domain', '/indicator/:kind/:value', '/batch', '/batch/:id'];

export async function webRoutes(app: FastifyInstance): Promise<void> {
  const shell = fs.readFileSync(path.join(ASSETS_DIR, 'index.html'));
  // A slow office PC on a busy line: the script and style shrink to a third. Registered inside this plugin,
  // so the API's answers are not compressed or changed in any way.
  await app.register(fastifyCompress, { encodings: ['br', 'gzip'], threshold: 1024 });
  // This plugin's hooks stay inside it (no fastify-plugin wrapper), so /v1 answers keep their own headers.
  app.addHook('onSend', async (_request, reply, payload) => {
    void reply.header('content-security-policy', PAGE_CSP);
    void reply.header('x-content-type-options', 'nosniff');
    void reply.header('referrer-policy', 'no-referrer');
    void reply.header('x-frame-options', 'DENY');
    void reply.header('cross-origin-opener-policy', 'same-origin');
    return payload;
  });
  for (const url of VIEWS) {
    app.get(url, { schema: { hide: true } }, async (_request, reply) => {
      void reply.header('cache-control', 'no-cache');
      return reply.type('text/html; charset=utf-8').send(shell);
    });
  }
  app.get('/assets/vendor/lit-html.js', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=86400').send(fs.createReadStream(LIT_HTML)),
  );
  await app.register(fastifyStatic, { root: ASSETS_DIR, prefix: '/assets/', index: false, schemaHide: true, maxAge: 60_000 });
}
