// Runs every rule over the facts in one pass and scores the findings. Rules are pure, so a rule that
// throws is a bug: its check says so and the rest still count.
import type { Check, Facts, Finding, Localized, Rule } from './types.js';
import { bandOf, signalKey, type Weights } from './weights.js';

export interface Verdict {
  score: number;
  band: ReturnType<typeof bandOf>;
  findings: Finding[];
  checks: Check[];
}

const fill = (template: string, vars: Record<string, string | number> = {}) =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));

function localize(message: Localized, vars?: Record<string, string | number>): Localized {
  return { en: fill(message.en, vars), ko: fill(message.ko, vars) };
}

export function evaluateRules(rules: readonly Rule[], facts: Facts, weights: Weights): Verdict {
  const findings: Finding[] = [];
  const checks: Check[] = [];
  for (const rule of rules) {
    const id = rule.meta.id;
    const missing = rule.meta.needs.find((need) => facts.unavailable[need] !== undefined || facts[need] === null);
    if (missing) {
      checks.push({ rule: id, status: 'unavailable', reason: facts.unavailable[missing] ?? `${missing} facts unavailable` });
      continue;
    }
    let hits;
    try {
      hits = rule.evaluate(facts);
    } catch (err) {
      checks.push({ rule: id, status: 'unavailable', reason: `the rule failed: ${(err as Error).message}` });
      continue;
    }
    for (const hit of hits) {
      const signal = rule.meta.signals[hit.signal];
      if (!signal) throw new Error(`rule ${id} returned unknown signal ${hit.signal}`);
      findings.push({
        rule: id,
        signal: hit.signal,
        points: weights.points[signalKey(id, hit.signal)] ?? signal.points,
        message: localize(signal.message, hit.vars),
        evidence: hit.evidence,
      });
    }
    checks.push({ rule: id, status: hits.length ? 'hit' : 'clear' });
  }
  findings.sort((a, b) => b.points - a.points);
  const sum = findings.reduce((total, f) => total + f.points, 0);
  const score = Math.max(0, Math.min(100, Math.round(sum)));
  return { score, band: bandOf(score, weights.bands), findings, checks };
}
