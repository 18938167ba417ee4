// Runs rules over the facts in one pass, then scores the findings. Rules are pure, so a rule that throws is
// a bug: its check says so and the rest still count. Running and scoring are apart because a scan runs its
// rules in two places (page rules off the event loop, memory rules after the store was asked) and scores once.
import type { Check, Facts, Finding, Localized, Rule, RuleSuppression } from './types.js';
import { bandOf, signalKey, type Weights } from './weights.js';

export interface RuleRun {
  findings: Finding[];
  checks: Check[];
}

/** A finding an analyst's appeal took out of the score for this domain: still shown, with the appeal. */
export interface SuppressedFinding extends Finding {
  suppression: RuleSuppression;
}

export interface Verdict extends RuleRun {
  score: number;
  band: ReturnType<typeof bandOf>;
  /** Findings of rules suppressed for this domain; their points are not in the score. */
  suppressed: SuppressedFinding[];
}

const fill = (template: string, vars: Record<string, string | number> = {}) =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));

function localize(message: Localized, vars?: Record<string, string | number>): Localized {
  return { en: fill(message.en, vars), ko: fill(message.ko, vars) };
}

export function evaluateRules(rules: readonly Rule[], facts: Facts, weights: Weights): Verdict {
  return scoreFindings(runRules(rules, facts, weights), weights, facts.memory?.suppressions ?? []);
}

export function runRules(rules: readonly Rule[], facts: Facts, weights: Weights): RuleRun {
  const findings: Finding[] = [];
  const checks: Check[] = [];
  for (const rule of rules) {
    const id = rule.meta.id;
    const missing = rule.meta.needs.find((need) => facts.unavailable[need] !== undefined || facts[need] == null);
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
  return { findings, checks };
}

/** The score of a rule run: suppressed rules set aside, the corroboration guard applied, points summed. */
export function scoreFindings(run: RuleRun, weights: Weights, suppressions: readonly RuleSuppression[] = []): Verdict {
  const suppressedRules = new Map(suppressions.map((s) => [s.rule, s]));
  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const f of run.findings) {
    const suppression = suppressedRules.get(f.rule);
    if (suppression) suppressed.push({ ...f, suppression });
    else findings.push(f);
  }
  findings.sort((a, b) => b.points - a.points);
  const guard = corroborationGuard(findings, weights);
  if (guard) findings.push(guard);
  const sum = findings.reduce((total, f) => total + f.points, 0);
  const score = Math.max(0, Math.min(100, Math.round(sum)));
  return { score, band: bandOf(score, weights.bands), findings, checks: run.checks, suppressed };
}

export const CORROBORATION_RULE = 'corroboration';

/**
 * A high or critical verdict must rest on at least two independent findings (two different rules). When
 * one rule alone would carry the score that far, a visible finding with negative points holds it just
 * below the high band, so the score is still the sum of the points shown.
 */
function corroborationGuard(findings: readonly Finding[], weights: Weights): Finding | null {
  const positive = findings.filter((f) => f.points > 0);
  const rules = new Set(positive.map((f) => f.rule));
  const sum = findings.reduce((total, f) => total + f.points, 0);
  if (rules.size !== 1 || sum < weights.bands.high) return null;
  const [rule] = rules;
  const hold = weights.bands.high - 1 - sum;
  const signals = positive.map((f) => `${f.rule}/${f.signal} +${f.points}`).join(', ');
  return {
    rule: CORROBORATION_RULE,
    signal: 'single-source',
    points: hold,
    message: {
      en: `Only one check (${rule}) found risk; a high verdict needs two independent findings, so the score is held at ${weights.bands.high - 1}`,
      ko: `위험 근거가 한 가지 검사(${rule})에서만 나왔습니다. 높음 이상 판정에는 서로 다른 근거 두 가지가 필요하므로 점수를 ${weights.bands.high - 1}점으로 제한합니다`,
    },
    evidence: [{ source: 'meta', excerpt: signals, location: 'scoring' }],
  };
}
