// `npm run eval [-- --corpus DIR] [--verbose]`: scores a labeled corpus folder (the format of
// shared/tools/eval/CORPUS-FORMAT.md; default test/corpus) with the scanner in-process. The folder is
// served by loopback stand-ins (web, DNS, WHOIS), so pages go through the real fetch path and rules.
// Prints recall on scam sites, false-positive rates on legitimate ones, promo coverage, AUC and how many
// answers explain themselves. A change to a rule shows its effect at once.
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { ScanResult } from '../../src/scan/scanner.js';
import { hostOf } from '../support/corpus.js';
import { BANDS, bandRank, figures, fmt, frac, scanCorpus } from './scan-corpus.js';

const { values } = parseArgs({ options: { corpus: { type: 'string', default: 'test/corpus' }, verbose: { type: 'boolean', default: false } } });
const corpus = path.resolve(values.corpus!);
const results = await scanCorpus(corpus);

const bands = BANDS as readonly string[];
const rank = (r: (typeof results)[number]) => bandRank(r.body!.band);
const ok = results.filter((r) => r.body);
const by = (label: string) => ok.filter((r) => r.site.label === label);
const [scam, promo, legit] = [by('scam'), by('promo'), by('legit')];
const { auc, auc_promo_legit: aucPromo } = figures(ok.map((r) => ({ label: r.site.label, score: r.body!.score, rank: rank(r) })));
const explained = (b: ScanResult) => {
  const sum = b.findings.reduce((t, f) => t + f.points, 0);
  const everyQuoted = b.findings.every((f) => f.evidence.length > 0 && f.evidence.every((e) => e.excerpt.length > 0));
  const twoForHigh = bands.indexOf(b.band) < 2 || new Set(b.findings.filter((f) => f.points > 0).map((f) => f.rule)).size >= 2;
  return everyQuoted && Math.max(0, Math.min(100, sum)) === b.score && twoForHigh;
};

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
