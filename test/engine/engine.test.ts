import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateRules } from '../../src/engine/engine.js';
import type { Facts, Rule } from '../../src/engine/types.js';
import { bandOf, DEFAULT_BANDS, defaultWeights, loadWeights } from '../../src/engine/weights.js';

const evidence = [{ source: 'text' as const, excerpt: 'quoted' }];
const rule = (id: string, points: Record<string, number>, fire: string[], needs: Rule['meta']['needs'] = []): Rule => ({
  meta: {
    id,
    title: { en: id, ko: id },
    description: { en: id, ko: id },
    needs,
    signals: Object.fromEntries(Object.entries(points).map(([s, p]) => [s, { points: p, message: { en: `${s} {n}`, ko: `${s} {n}` } }])),
  },
  evaluate: () => fire.map((signal) => ({ signal, vars: { n: 7 }, evidence })),
});
const facts = (unavailable: Facts['unavailable'] = {}): Facts => ({
  url: { href: 'https://a.example/', hostname: 'a.example', hostnameUnicode: 'a.example', domain: 'a.example', publicSuffix: 'example', isIp: false },
  page: null,
  domain: null,
  headers: {},
  unavailable,
  now: 0,
});

describe('evaluateRules', () => {
  it('holds a score that rests on one rule alone below high, with a visible finding', () => {
    const rules = [rule('a', { x: 40, y: 35 }, ['x', 'y']), rule('b', { z: 10 }, [])];
    const v = evaluateRules(rules, facts(), defaultWeights(rules));
    expect(v.score).toBe(59);
    expect(v.band).toBe('medium');
    const guard = v.findings.find((f) => f.rule === 'corroboration')!;
    expect(guard.points).toBe(-16);
    expect(guard.evidence[0]!.excerpt).toBe('a/x +40, a/y +35');
    expect(v.findings.reduce((t, f) => t + f.points, 0)).toBe(59);
  });

  it('lets two independent rules reach high', () => {
    const rules = [rule('a', { x: 40 }, ['x']), rule('b', { y: 30 }, ['y'])];
    const v = evaluateRules(rules, facts(), defaultWeights(rules));
    expect(v.score).toBe(70);
    expect(v.findings.some((f) => f.rule === 'corroboration')).toBe(false);
  });

  it('sums points, clamps to 0..100 and fills message templates', () => {
    const rules = [rule('a', { x: 70 }, ['x']), rule('b', { y: 50, z: -10 }, ['y'])];
    const v = evaluateRules(rules, facts(), defaultWeights(rules));
    expect(v.score).toBe(100);
    expect(v.band).toBe('critical');
    expect(v.findings.map((f) => [f.rule, f.signal, f.points])).toEqual([['a', 'x', 70], ['b', 'y', 50]]);
    expect(v.findings[0]!.message.en).toBe('x 7');
  });

  it('never goes below zero with trust signals', () => {
    const rules = [rule('a', { trust: -40 }, ['trust'])];
    expect(evaluateRules(rules, facts(), defaultWeights(rules)).score).toBe(0);
  });

  it('marks checks hit, clear or unavailable with the reason', () => {
    const rules = [rule('a', { x: 10 }, ['x']), rule('b', { y: 10 }, []), rule('c', { z: 10 }, ['z'], ['domain'])];
    const v = evaluateRules(rules, facts({ domain: 'WHOIS query timed out' }), defaultWeights(rules));
    expect(v.checks).toEqual([
      { rule: 'a', status: 'hit' },
      { rule: 'b', status: 'clear' },
      { rule: 'c', status: 'unavailable', reason: 'WHOIS query timed out' },
    ]);
    expect(v.score).toBe(10);
  });

  it('turns a rule that throws into an unavailable check, not a failed scan', () => {
    const broken: Rule = { ...rule('a', { x: 10 }, []), evaluate: () => { throw new Error('boom'); } };
    const v = evaluateRules([broken], facts(), defaultWeights([broken]));
    expect(v.checks[0]).toEqual({ rule: 'a', status: 'unavailable', reason: 'the rule failed: boom' });
  });
});

describe('weights', () => {
  const rules = [rule('a', { x: 20 }, ['x']), rule('b', { y: 5 }, ['y'])];
  const file = (content: unknown) => {
    const p = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'w-')), 'weights.json');
    fs.writeFileSync(p, JSON.stringify(content));
    return p;
  };

  it('bands at 30, 60 and 85', () => {
    expect([0, 29, 30, 59, 60, 84, 85, 100].map((s) => bandOf(s, DEFAULT_BANDS))).toEqual([
      'low', 'low', 'medium', 'medium', 'high', 'high', 'critical', 'critical',
    ]);
  });

  it('overrides points and bands from a file and records where they came from', () => {
    const p = file({ points: { 'a/x': 45 }, bands: { medium: 20, high: 40, critical: 90 } });
    const w = loadWeights(rules, p);
    expect(w.source).toBe(p);
    const v = evaluateRules(rules, facts(), w);
    expect(v.findings[0]!.points).toBe(45);
    expect(v.score).toBe(50);
    expect(v.band).toBe('high');
  });

  it('refuses unknown signals and falling thresholds', () => {
    expect(() => loadWeights(rules, file({ points: { 'a/nope': 1 } }))).toThrow(/no signal a\/nope/);
    expect(() => loadWeights(rules, file({ bands: { medium: 50, high: 40, critical: 90 } }))).toThrow(/must rise/);
  });
});
