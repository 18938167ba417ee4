import { describe, expect, it } from 'vitest';
import { fitLogistic, stratifiedFolds, toPoints } from './logistic.js';

// 40 pages: "signal" fires on every positive and no negative, "noise" on every other page of both labels,
// "trust" on a third of the negatives only.
const X: number[][] = [];
const y: number[] = [];
for (let i = 0; i < 40; i++) {
  const pos = i < 20 ? 1 : 0;
  X.push([pos, i % 2, !pos && i % 3 === 0 ? 1 : 0]);
  y.push(pos);
}

describe('fitLogistic', () => {
  it('weights a separating feature far above a noise feature, and a negative-only feature below zero', () => {
    const m = fitLogistic(X, y, 1);
    const [signal, noise, trust] = m.weights;
    expect(signal).toBeGreaterThan(2);
    expect(Math.abs(noise!)).toBeLessThan(0.5);
    expect(trust).toBeLessThan(0);
    expect(m.bias).toBeLessThan(0);
  });

  it('stops at the minimum: the penalised gradient is zero', () => {
    const lambda = 0.5;
    const m = fitLogistic(X, y, lambda);
    const grad = [0, ...m.weights.map((w) => lambda * w)];
    X.forEach((x, i) => {
      const p = 1 / (1 + Math.exp(-(m.bias + x.reduce((t, v, j) => t + v * m.weights[j]!, 0))));
      [1, ...x].forEach((v, j) => (grad[j]! += (p - y[i]!) * v));
    });
    for (const g of grad) expect(Math.abs(g)).toBeLessThan(1e-6);
  });

  it('a stronger penalty shrinks the weights', () => {
    expect(fitLogistic(X, y, 10).weights[0]).toBeLessThan(fitLogistic(X, y, 0.1).weights[0]!);
  });
});

describe('toPoints', () => {
  it('puts the decision boundary on the threshold', () => {
    expect(toPoints({ bias: -2, weights: [3, 1, -1] }, 30)).toEqual([45, 15, -15]);
    const points = toPoints(fitLogistic(X, y, 1), 30);
    expect(points[0]).toBeGreaterThanOrEqual(30); // the signal alone reaches medium
    expect(points[1]).toBeLessThan(30);
  });
  it('refuses a model whose empty page leans positive', () => {
    expect(() => toPoints({ bias: 0.5, weights: [1] }, 30)).toThrow(/not negative/);
  });
});

describe('stratifiedFolds', () => {
  it('deals each label evenly over the folds, the same way for the same seed', () => {
    const labels = [...Array(30).fill('legit'), ...Array(20).fill('promo'), ...Array(5).fill('scam')] as string[];
    const folds = stratifiedFolds(labels, 5, 7);
    expect(stratifiedFolds(labels, 5, 7)).toEqual(folds);
    for (const l of ['legit', 'promo', 'scam']) {
      const per = [0, 1, 2, 3, 4].map((f) => labels.filter((t, i) => t === l && folds[i] === f).length);
      expect(Math.max(...per) - Math.min(...per)).toBeLessThanOrEqual(1);
    }
  });
});
