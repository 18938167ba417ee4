// A labeled corpus folder (shared/tools/eval/CORPUS-FORMAT.md) served by loopback stand-ins (web, DNS,
// WHOIS), so its pages go through the real fetch path. Used by the eval and by the storage bench.
import fs from 'node:fs';
import path from 'node:path';
import { startStandIns, type SiteSpec } from './harness.js';
import type { RawHandler } from './web-server.js';

export interface CorpusSite {
  id: string;
  url: string;
  label: 'scam' | 'promo' | 'legit';
  whois: { ageDays: number; registrar?: string; privacy?: boolean; format?: 'gtld' | 'kr' } | null;
  redirect?: string;
  why: string;
}

export const hostOf = (u: string) => new URL(u).hostname.toLowerCase();

export function readCorpus(dir: string): CorpusSite[] {
  return (JSON.parse(fs.readFileSync(path.join(dir, 'corpus.json'), 'utf8')) as { sites: CorpusSite[] }).sites;
}

/** Serves ROOT/sites/<host>/<path>: '/' → index.html, '/apply' → apply.html or apply/index.html. */
function serveFolder(root: string): RawHandler {
  const headersFile = path.join(root, '_headers.json');
  const headers = fs.existsSync(headersFile) ? JSON.parse(fs.readFileSync(headersFile, 'utf8')) : { 'content-type': 'text/html; charset=utf-8' };
  return (req, res) => {
    const rel = decodeURIComponent((req.url ?? '/').split('?')[0]!);
    const candidates = rel.endsWith('/') ? [rel + 'index.html'] : [rel, rel + '.html', rel + '/index.html'];
    const file = candidates.map((c) => path.join(root, c)).find((f) => f.startsWith(root) && fs.existsSync(f) && fs.statSync(f).isFile());
    if (!file) return res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>');
    res.writeHead(200, headers).end(fs.readFileSync(file));
  };
}

/** Starts the stand-ins for a corpus; `urlOf` gives a site's URL with the stand-in web server's port. */
export async function serveCorpus(dir: string, sites: readonly CorpusSite[], env: Record<string, string> = {}) {
  const folder = (host: string) => serveFolder(path.join(dir, 'sites', host));
  let withPort = (u: string) => u;
  const specs: Record<string, SiteSpec> = {};
  for (const s of sites) {
    const host = hostOf(s.url);
    const whois = s.whois ? { registrar: 'Example Registrar, Inc.', privacy: false, ...s.whois } : null;
    specs[host] = {
      routes: s.redirect ? (_req, res) => res.writeHead(302, { location: withPort(s.redirect!) }).end() : folder(host),
      whois,
    };
    if (s.redirect) specs[hostOf(s.redirect)] ??= { routes: folder(hostOf(s.redirect)), whois };
  }
  const standIns = await startStandIns(specs, env);
  withPort = (u) => {
    const x = new URL(u);
    x.port = String(standIns.web.port);
    return x.toString();
  };
  return { standIns, env: standIns.env, urlOf: (site: CorpusSite) => withPort(site.url), close: () => standIns.close() };
}
