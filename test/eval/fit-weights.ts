// `npm run fit [-- --corpus DIR] [--holdout DIR] [--folds 10] [--lambda 1] [--seed 1]`: fits the rule
// points to a labeled corpus the SpamAssassin way and reports; it changes nothing (rules/weights.ts stays
// as it is: a human decides). Each site is scanned once in-process exactly as `npm run eval` does; its
// features are the rule/signal pairs that fired (binary; the engine's corroboration/single-source left
// out), its label positive for scam or promo. An L2-regularised logistic regression (logistic.ts) is fitted
// on them and scaled to points (toPoints: the decision boundary at the medium threshold). Printed: the
// eval's figures under stratified k-fold cross-validation, pooled over folds, for fitted points and for
// the hand-set ones (the answer's own score); the same after fitting on the whole corpus and scoring the
// held-out corpus (aggregate figures only); and a table of hand-set against fitted points.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_BANDS, DEFAULT_POINTS } from '../../rules/weights.js';
import type { CorpusSite } from '../support/corpus.js';
import { fitLogistic, stratifiedFolds, toPoints } from './logistic.js';
import { bandRank, figures, fmt, scanCorpus, type Scored } from './scan-corpus.js';

const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: 'test/corpus' },
    holdout: { type: 'string', default: 'test/corpus-holdout' },
    folds: { type: 'string', default: '10' },
    lambda: { type: 'string', default: '1' },
    seed: { type: 'string', default: '1' },
  },
});
const k = Number(values.folds);
const lambda = Number(values.lambda);
const seed = Number(values.seed);
if (!(Number.isInteger(k) && k >= 2) || !(lambda > 0) || !Number.isInteger(seed)) throw new Error('--folds must be an integer ≥ 2, --lambda > 0, --seed an integer');

const SKIP = 'corroboration/single-source';
interface Page {
  label: CorpusSite['label'];
  /** The answer's own score (hand-set points). */
  score: number;
  rank: number;
  fired: Set<string>;
}
async function pagesOf(dir: string): Promise<{ pages: Page[]; failed: number }> {
  const answers = await scanCorpus(path.resolve(dir));
  const pages = answers.flatMap((a) =>
    a.body
      ? [{ label: a.site.label, score: a.body.score, rank: bandRank(a.body.band), fired: new Set(a.body.findings.map((f) => `${f.rule}/${f.signal}`).filter((s) => s !== SKIP)) }]
      : [],
  );
  return { pages, failed: answers.length - pages.length };
}

const t0 = performance.now();
const tuning = await pagesOf(values.corpus!);
const holdout = await pagesOf(values.holdout!);
const scanSeconds = (performance.now() - t0) / 1000;

// Every signal of the weights table, and any other that fired on the tuning corpus.
const features = [...new Set([...Object.keys(DEFAULT_POINTS), ...tuning.pages.flatMap((p) => [...p.fired])])].sort();
const xOf = (p: Page) => features.map((f) => (p.fired.has(f) ? 1 : 0));
const yOf = (p: Page) => (p.label === 'legit' ? 0 : 1);

function bandOf(score: number): number {
  return score >= DEFAULT_BANDS.critical ? 3 : score >= DEFAULT_BANDS.high ? 2 : score >= DEFAULT_BANDS.medium ? 1 : 0;
}
const fitModel = (train: readonly Page[]) => fitLogistic(train.map(xOf), train.map(yOf), lambda);
const fitPoints = (train: readonly Page[]) => toPoints(fitModel(train), DEFAULT_BANDS.medium);
function scoreWith(points: readonly number[], p: Page): Scored {
  const sum = features.reduce((t, f, j) => t + (p.fired.has(f) ? points[j]! : 0), 0);
  const score = Math.max(0, Math.min(100, sum));
  return { label: p.label, score, rank: bandOf(score) };
}
const handSet = (p: Page): Scored => ({ label: p.label, score: p.score, rank: p.rank });

// Cross-validation: fit on k−1 folds, score the held-out fold, pool the held-out scores.
const fold = stratifiedFolds(tuning.pages.map((p) => p.label), k, seed);
const cvFitted: Scored[] = [];
const cvHand: Scored[] = [];
for (let f = 0; f < k; f++) {
  const points = fitPoints(tuning.pages.filter((_, i) => fold[i] !== f));
  for (const [i, p] of tuning.pages.entries()) {
    if (fold[i] !== f) continue;
    cvFitted.push(scoreWith(points, p));
    cvHand.push(handSet(p));
  }
}
const wholeModel = fitModel(tuning.pages);
const whole = toPoints(wholeModel, DEFAULT_BANDS.medium);
// How far binary features reproduce the hand-set score: the engine's corroboration cap and a signal found
// twice on a page make the answer's score differ from clamp(Σ hand-set points of the signals that fired).
const handSum = (p: Page) => Math.max(0, Math.min(100, [...p.fired].reduce((t, f) => t + ((DEFAULT_POINTS as Record<string, number>)[f] ?? 0), 0)));
const differ = tuning.pages.filter((p) => handSum(p) !== p.score).length;

const counts = (pages: readonly Page[]) => ['scam', 'promo', 'legit'].map((l) => `${pages.filter((p) => p.label === l).length} ${l}`).join(', ');
const row = (name: string, xs: readonly Scored[]) => {
  const m = figures(xs);
  return `| ${name} | ${fmt(m.promo_flagged)} | ${fmt(m.recall_scam)} | ${fmt(m.fpr_legit)} | ${fmt(m.soft_fpr_legit)} | ${fmt(m.auc)} | ${fmt(m.auc_promo_legit)} |`;
};
const head = '| points | promo_flagged | recall_scam | fpr_legit | soft_fpr_legit | auc | auc_promo_legit |\n|---|---|---|---|---|---|---|';

console.log(`tuning ${values.corpus}: ${tuning.pages.length} answered (${counts(tuning.pages)}), ${tuning.failed} failed; holdout ${values.holdout}: ${holdout.pages.length} answered (${counts(holdout.pages)}), ${holdout.failed} failed; scanned in ${scanSeconds.toFixed(0)} s`);
console.log(`L2 logistic regression, lambda ${lambda}, ${features.length} features; ${k}-fold CV stratified by label, seed ${seed}`);
console.log(`whole-corpus fit: bias ${wholeModel.bias.toFixed(3)}, ${(DEFAULT_BANDS.medium / -wholeModel.bias).toFixed(2)} points per unit of log-odds`);
console.log(`${differ}/${tuning.pages.length} tuning answers score other than the clamped sum of the hand-set points of their signals (corroboration cap, repeated findings)\n`);
console.log(`Cross-validated on ${values.corpus} (held-out folds pooled; hand-set points are the answers' own scores):\n`);
console.log(`${head}\n${row('hand-set', cvHand)}\n${row('fitted', cvFitted)}\n`);
console.log(`Fitted on all of ${values.corpus}, scored on ${values.holdout}:\n`);
console.log(`${head}\n${row('hand-set', holdout.pages.map(handSet))}\n${row('fitted', holdout.pages.map((p) => scoreWith(whole, p)))}\n`);
console.log(`Points fitted on all of ${values.corpus}; pages fired counted on ${values.corpus}:\n`);
console.log('| rule/signal | hand-set points | fitted points | fired in scam / promo / legit |\n|---|---|---|---|');
for (const [j, f] of features.entries()) {
  const fired = ['scam', 'promo', 'legit'].map((l) => tuning.pages.filter((p) => p.label === l && p.fired.has(f)).length).join(' / ');
  const hand = (DEFAULT_POINTS as Record<string, number>)[f];
  console.log(`| \`${f}\` | ${hand ?? '—'} | ${whole[j]} | ${fired} |`);
}
