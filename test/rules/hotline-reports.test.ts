import { describe, expect, it } from 'vitest';
import { rule } from '../../rules/hotline-reports.js';
import { evaluateRules } from '../../src/engine/engine.js';
import { defaultWeights } from '../../src/engine/weights.js';
import type { Facts, MemoryFacts, ReportFact } from '../../src/engine/types.js';
import { FIXED_NOW, factsFromHtml, snippetPage } from '../support/facts.js';

const DAY = 86_400_000;

let seq = 0;
function report(daysAgo: number, over: Partial<ReportFact> = {}): ReportFact {
  seq++;
  return {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    kind: 'victim',
    channel: 'hotline',
    at: new Date(FIXED_NOW - daysAgo * DAY).toISOString(),
    matched: 'domain',
    source: `reporter:${seq.toString(16).padStart(16, '0')}`,
    ...over,
  };
}

function memory(reports: ReportFact[]): MemoryFacts {
  return { reading: 'offer', seen: { firstSeen: null, lastSeen: null, scans: 0 }, related: [], reports, verdict: null, suppressions: [] } as MemoryFacts;
}

const facts = (reports: ReportFact[] | null): Facts => ({
  ...factsFromHtml(snippetPage('<p>소액결제 현금화</p>'), { url: 'https://cash-now.top/' }),
  memory: reports === null ? null : memory(reports),
});

const signals = (f: Facts) => rule.evaluate(f).map((x) => x.signal);

describe('hotline-reports fires', () => {
  it('scores through the engine with its default points', () => {
    const run = evaluateRules([rule], facts([report(1), report(2), report(3)]), defaultWeights([rule]));
    expect(run.findings.map((f) => [f.signal, f.points])).toEqual([['several-reports', 30]]);
    expect(run.checks).toEqual([{ rule: 'hotline-reports', status: 'hit' }]);
  });

  it('several-reports at 3 independent reports within 90 days, with real points', () => {
    const findings = rule.evaluate(facts([report(1), report(30, { kind: 'suspicious', channel: 'web' }), report(89, { matched: 'indicator' })]));
    expect(findings.map((f) => f.signal)).toEqual(['several-reports']);
    expect(findings[0]!.vars).toEqual({ count: 3, independent: 3, victims: 2 });
    expect(rule.meta.signals['several-reports']!.points).toBeGreaterThanOrEqual(25);
  });

  it('lists each report as evidence, newest first: kind, channel, day and what matched, no id', () => {
    const reports = [report(40, { kind: 'spam', channel: 'sms', matched: 'indicator' }), report(2, { matched: 'url' }), report(10, { channel: null })];
    const [finding] = rule.evaluate(facts(reports));
    expect(finding!.evidence).toEqual([
      { source: 'report', excerpt: `victim report via hotline, ${reports[1]!.at.slice(0, 10)}`, location: 'report about this URL' },
      { source: 'report', excerpt: `victim report, ${reports[2]!.at.slice(0, 10)}`, location: 'report about the domain' },
      { source: 'report', excerpt: `spam report via sms, ${reports[0]!.at.slice(0, 10)}`, location: 'report about an identifier on the page' },
    ]);
    const shown = JSON.stringify(finding);
    for (const r of reports) {
      expect(shown).not.toContain(r.id);
      expect(shown).not.toContain(r.source);
    }
  });

  it('one report alone is only reported, with small points', () => {
    const findings = rule.evaluate(facts([report(5)]));
    expect(findings.map((f) => f.signal)).toEqual(['reported']);
    expect(findings[0]!.vars).toEqual({ count: 1, independent: 1, victims: 1 });
    const p = rule.meta.signals;
    expect(p.reported!.points).toBeGreaterThan(0);
    expect(p.reported!.points).toBeLessThanOrEqual(10);
    expect(p.reported!.points).toBeLessThan(p['several-reports']!.points);
  });

  it('fills every message placeholder from the finding vars', () => {
    for (const reports of [[report(1)], [report(1), report(2), report(3)]]) {
      const [finding] = rule.evaluate(facts(reports));
      const meta = rule.meta.signals[finding!.signal]!;
      for (const template of [meta.message.en, meta.message.ko]) {
        for (const [, name] of template.matchAll(/\{(\w+)\}/g)) expect(finding!.vars?.[name!], name).toBeDefined();
      }
    }
  });
});

describe('hotline-reports counts independence, not volume', () => {
  it('three reports from one source are only reported', () => {
    const one = 'reporter:aaaaaaaaaaaaaaaa';
    const findings = rule.evaluate(facts([report(1, { source: one }), report(2, { source: one }), report(3, { source: one })]));
    expect(findings.map((f) => f.signal)).toEqual(['reported']);
    expect(findings[0]!.vars).toMatchObject({ count: 3, independent: 1 });
  });

  it('two sources among four reports are still short of a case', () => {
    const reports = [report(1, { source: 'a' }), report(2, { source: 'a' }), report(3, { source: 'b' }), report(4, { source: 'b' })];
    expect(signals(facts(reports))).toEqual(['reported']);
  });

  it('a victim report weighs like any other: the kind does not change the signal', () => {
    const suspicious = [1, 2].map((d) => report(d, { kind: 'suspicious' }));
    const victims = [1, 2].map((d) => report(d, { kind: 'victim' }));
    expect(signals(facts(suspicious))).toEqual(signals(facts(victims)));
  });
});

describe('hotline-reports stays silent', () => {
  it('with no reports', () => {
    expect(rule.evaluate(facts([]))).toEqual([]);
  });

  it('without memory facts (no store: the CLI check), and the engine marks the check unavailable', () => {
    expect(rule.evaluate(facts(null))).toEqual([]);
    const f = facts(null);
    const run = evaluateRules([rule], { ...f, unavailable: { ...f.unavailable, memory: 'no store' } }, defaultWeights([rule]));
    expect(run.checks).toEqual([{ rule: 'hotline-reports', status: 'unavailable', reason: 'no store' }]);
  });

  it('ignores reports older than 90 days, and counts only those in the window', () => {
    expect(rule.evaluate(facts([report(91), report(120), report(400)]))).toEqual([]);
    expect(signals(facts([report(91), report(95), report(10)]))).toEqual(['reported']);
    expect(signals(facts([report(89.9), report(60), report(10)]))).toEqual(['several-reports']);
  });

  it('ignores reports made after the scan (a rescore of an old scan)', () => {
    expect(rule.evaluate(facts([report(-1), report(-2), report(-3)]))).toEqual([]);
  });
});
