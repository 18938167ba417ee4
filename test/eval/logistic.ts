// L2-regularised logistic regression on binary features, fitted by Newton's method (IRLS), and the
// deterministic stratified folds the weight fit cross-validates with. Written here because the one
// maintained npm package (ml-logistic-regression 2.0.0) has no regularisation, no intercept and a
// fixed-step gradient descent; the corpus is separable, so an unregularised fit would not converge.
import { seededRandom } from '../support/prng.js';

export interface LogisticModel {
  /** The unpenalised intercept. */
  bias: number;
  /** One coefficient per feature column. */
  weights: number[];
}

/**
 * Minimises −Σ log-likelihood + (lambda/2)·Σ weights² (bias not penalised). X: rows of 0/1 features,
 * y: 0/1 labels. Newton steps on the (strictly convex) objective until no coefficient moves by 1e-9.
 */
export function fitLogistic(X: readonly (readonly number[])[], y: readonly number[], lambda = 1, maxIter = 100): LogisticModel {
  const d = (X[0]?.length ?? 0) + 1; // column 0 is the bias
  const row = (i: number) => [1, ...X[i]!];
  let beta = new Array<number>(d).fill(0);
  for (let iter = 0; iter < maxIter; iter++) {
    const g = beta.map((b, j) => (j === 0 ? 0 : lambda * b));
    const H = Array.from({ length: d }, (_, j) => Array.from({ length: d }, (_, k) => (j === k ? (j === 0 ? 1e-9 : lambda) : 0)));
    for (let i = 0; i < X.length; i++) {
      const x = row(i);
      const p = 1 / (1 + Math.exp(-x.reduce((t, v, j) => t + v * beta[j]!, 0)));
      const w = p * (1 - p);
      for (let j = 0; j < d; j++) {
        if (!x[j]) continue;
        g[j]! += (p - y[i]!) * x[j]!;
        for (let k = 0; k < d; k++) if (x[k]) H[j]![k]! += w * x[j]! * x[k]!;
      }
    }
    const step = solve(H, g);
    beta = beta.map((b, j) => b - step[j]!);
    if (Math.max(...step.map(Math.abs)) < 1e-9) break;
  }
  return { bias: beta[0]!, weights: beta.slice(1) };
}

/** Solves A·x = b by Gaussian elimination with partial pivoting (A is symmetric positive definite here). */
function solve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((r, i) => [...r, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r]![c]!) > Math.abs(M[p]![c]!)) p = r;
    [M[c], M[p]] = [M[p]!, M[c]!];
    for (let r = c + 1; r < n; r++) {
      const f = M[r]![c]! / M[c]![c]!;
      for (let k = c; k <= n; k++) M[r]![k]! -= f * M[c]![k]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = M[r]![n]!;
    for (let k = r + 1; k < n; k++) s -= M[r]![k]! * x[k]!;
    x[r] = s / M[r]![r]!;
  }
  return x;
}

/**
 * Points on the 0–100 scale. The model says positive where bias + Σ w·x > 0, i.e. Σ w·x > −bias; the
 * score says medium or above where Σ points·x ≥ `threshold`. Scaling every coefficient by
 * threshold / (−bias) puts the fitted decision boundary exactly on the threshold (ties aside); the bias
 * itself is dropped, since a score has no constant term. Needs bias < 0, i.e. a page with no finding
 * leans negative — true of any corpus whose plain pages are legitimate. Rounded to whole points like
 * rules/weights.ts; negative coefficients become trust points.
 */
export function toPoints(model: LogisticModel, threshold: number): number[] {
  if (!(model.bias < 0)) throw new Error(`fitted bias ${model.bias} is not negative: a page without findings would lean positive, no scale puts the boundary at ${threshold}`);
  const scale = threshold / -model.bias;
  return model.weights.map((w) => Math.round(w * scale) + 0); // + 0 turns -0 into 0
}


/** Fold number (0..k−1) of each item: each stratum shuffled with the seed, then dealt out in turn. */
export function stratifiedFolds(strata: readonly string[], k: number, seed = 1): number[] {
  const rand = seededRandom(seed);
  const fold = new Array<number>(strata.length).fill(0);
  let next = 0; // carried across strata, so small strata do not all land in fold 0
  for (const s of [...new Set(strata)].sort()) {
    const idx = strata.flatMap((t, i) => (t === s ? [i] : []));
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [idx[i], idx[j]] = [idx[j]!, idx[i]!];
    }
    for (const i of idx) fold[i] = next++ % k;
  }
  return fold;
}
