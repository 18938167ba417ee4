// `npm run eval [-- --corpus DIR] [--verbose]`: scores a labeled corpus folder (the format of
// shared/tools/eval/CORPUS-FORMAT.md; default test/corpus) with the scanner in-process. The folder is
// served by loopback stand-ins (web, DNS, WHOIS), so pages go through the real fetch path and rules.
// Prints recall on scam sites, false-positive rates on legitimate ones, promo coverage, AUC and how many
// answers explain themselves. A change to a rule shows its effect at once.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../src/config.js';
import type { ScanResult } from '../../src/scan/scanner.js';
import { createScanning } from '../../src/services.js';
import { startStandIns, type SiteSpec } from '../support/harness.js';
import type { RawHandler } from '../support/web-server.js';

interface CorpusSite {
  id: string;
  url: string;
  label: 'scam' | 'promo' | 'legit';
  whois: { ageDays: number; registrar?: string; privacy?: boolean; format?: 'gtld' | 'kr' } | null;
  redirect?: string;
  why: string;
}

const { values } = parseArgs({ options: { corpus: { type: 'string', default: 'test/corpus' }, verbose: { type: 'boolean', default: false } } });
const corpus = path.resolve(values.corpus!);
const { sites } = JSON.parse(fs.readFileSync(path.join(corpus, 'corpus.json'), 'utf8')) as { sites: CorpusSite[] };
const hostOf = (u: string) => new URL(u).hostname.toLowerCase();

/** Serves ROOT/sites/<host>/<path>: '/' → index.html, '/apply' → apply.html or apply/index.html. */
function serveFolder(host: string): RawHandler {
  const root = path.join(corpus, 'sites', host);
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

let withPort = (u: string) => u;
const specs: Record<string, SiteSpec> = {};
for (const s of sites) {
  const host = hostOf(s.url);
  const whois = s.whois ? { registrar: 'Example Registrar, Inc.', privacy: false, ...s.whois } : null;
  specs[host] = {
    routes: s.redirect ? (_req, res) => res.writeHead(302, { location: withPort(s.redirect!) }).end() : serveFolder(host),
    whois,
  };
  if (s.redirect) specs[hostOf(s.redirect)] ??= { routes: serveFolder(hostOf(s.redirect)), whois };
}
const standIns = await startStandIns(specs, { SCAMSCORE_SCAN_TIMEOUT_MS: '15000' });
withPort = (u) => {
  const x = new URL(u);
  x.port = String(standIns.web.port);
  return x.toString();
};
const scanning = createScanning(loadConfig(standIns.env));

const results: { site: CorpusSite; body: ScanResult | null; error?: string; ms: number }[] = [];
for (const site of sites) {
  const t = performance.now();
  try {
    results.push({ site, body: (await scanning.scanner.scan({ url: withPort(site.url) })).result, ms: performance.now() - t });
  } catch (err) {
    results.push({ site, body: null, error: (err as Error).message, ms: performance.now() - t });
  }
}
await scanning.close();
await standIns.close();

const bands = ['low', 'medium', 'high', 'critical'];
const rank = (r: (typeof results)[number]) => bands.indexOf(r.body!.band);
const ok = results.filter((r) => r.body);
const by = (label: string) => ok.filter((r) => r.site.label === label);
const frac = <T>(xs: T[], f: (x: T) => boolean) => (xs.length ? xs.filter(f).length / xs.length : NaN);
const [scam, promo, legit] = [by('scam'), by('promo'), by('legit')];
/** ROC AUC of scores: the chance a random positive scores above a random negative (ties count half). */
function aucOf(positives: readonly (typeof ok)[number][], negatives: readonly (typeof ok)[number][]): number {
  let sum = 0;
  for (const p of positives) for (const n of negatives) sum += p.body!.score > n.body!.score ? 1 : p.body!.score === n.body!.score ? 0.5 : 0;
  return positives.length && negatives.length ? sum / (positives.length * negatives.length) : NaN;
}
const auc = aucOf([...scam, ...promo], legit);
// The measure for promotion: promotion pages against legitimate ones, operators left out.
const aucPromo = aucOf(promo, legit);
const explained = (b: ScanResult) => {
  const sum = b.findings.reduce((t, f) => t + f.points, 0);
  const everyQuoted = b.findings.every((f) => f.evidence.length > 0 && f.evidence.every((e) => e.excerpt.length > 0));
  const twoForHigh = bands.indexOf(b.band) < 2 || new Set(b.findings.filter((f) => f.points > 0).map((f) => f.rule)).size >= 2;
  return everyQuoted && Math.max(0, Math.min(100, sum)) === b.score && twoForHigh;
};
const fmt = (x: number) => (Number.isNaN(x) ? 'n/a' : x.toFixed(2));

if (values.verbose) {
  for (const r of results) {
    const rules = r.body?.findings.map((f) => `${f.rule}/${f.signal}:${f.points}`).join(' ') ?? r.error;
    console.log(`${r.site.id.padEnd(5)} ${r.site.label.padEnd(6)} ${String(r.body?.score ?? '-').padStart(3)} ${(r.body?.band ?? '-').padEnd(8)} ${hostOf(r.site.url).padEnd(30)} ${rules}`);
  }
}
const misses = [
  ...scam.filter((r) => rank(r) < 2).map((r) => `${r.site.id} scam at ${r.body!.band}`),
  ...promo.filter((r) => rank(r) < 1).map((r) => `${r.site.id} promo at ${r.body!.band}`),
  ...legit.filter((r) => rank(r) >= 1).map((r) => `${r.site.id} legit at ${r.body!.band}`),
];
console.log(`corpus ${path.relative(process.cwd(), corpus) || corpus}: ${ok.length}/${results.length} answered; scam ${scam.length}, promo ${promo.length}, legit ${legit.length}`);
if (misses.length) console.log(`off target: ${misses.join('; ')}`);
console.log(
  `eval: recall_scam=${fmt(frac(scam, (r) => rank(r) >= 2))} fpr_legit=${fmt(frac(legit, (r) => rank(r) >= 2))} soft_fpr_legit=${fmt(frac(legit, (r) => rank(r) >= 1))} promo_flagged=${fmt(frac(promo, (r) => rank(r) >= 1))} auc=${fmt(auc)} auc_promo_legit=${fmt(aucPromo)} explained=${fmt(frac(ok, (r) => explained(r.body!)))}`,
);
