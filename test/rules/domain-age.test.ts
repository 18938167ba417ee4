import { describe, expect, it } from 'vitest';
import { rule } from '../../rules/domain-age.js';
import {FIXED_NOW, evaluateQuoted, factsFromHtml, snippetPage } from '../support/facts.js';
import type { DomainFacts, Facts } from '../../src/engine/types.js';

const factsWithDomain = (domain: Partial<DomainFacts>) =>
  factsFromHtml(snippetPage('<p>본문</p>'), { url: 'https://pay24cash.shop/', domain });

const run = (facts: Facts) => evaluateQuoted(rule, facts);

describe('domain-age fires', () => {
  it('very-young under 30 days, quoting the WHOIS creation line with the server as location', () => {
    const findings = run(factsWithDomain({ ageDays: 12 }));
    expect(findings.map((f) => f.signal)).toEqual(['very-young']);
    expect(findings[0]!.vars).toEqual({ days: 12 });
    expect(findings[0]!.evidence[0]).toMatchObject({ source: 'whois', location: 'WHOIS whois.verisign-grs.com:43' });
    expect(findings[0]!.evidence[0]!.excerpt).toMatch(/^Creation Date: 2026-11-03/);
  });

  it('young under 90 days and recent under a year', () => {
    expect(run(factsWithDomain({ ageDays: 45 })).map((f) => f.signal)).toEqual(['young']);
    expect(run(factsWithDomain({ ageDays: 200 })).map((f) => f.signal)).toEqual(['recent']);
  });

  it('steps of points decrease with age', () => {
    const p = rule.meta.signals;
    expect(p['very-young']!.points).toBeGreaterThan(p.young!.points);
    expect(p.young!.points).toBeGreaterThan(p.recent!.points);
  });

  it('hidden-registrant only together with a young domain', () => {
    const findings = run(factsWithDomain({ ageDays: 5, privacy: true, lines: { privacy: 'Registrant Name: REDACTED FOR PRIVACY' } }));
    expect(findings.map((f) => f.signal)).toEqual(['very-young', 'hidden-registrant']);
    expect(findings[1]!.evidence[0]!.excerpt).toBe('Registrant Name: REDACTED FOR PRIVACY');
  });

  it('established (negative points) for a domain of 5 years or more', () => {
    const findings = run(factsWithDomain({ ageDays: 3000, privacy: true, lines: { privacy: 'Publishes : N' } }));
    expect(findings.map((f) => f.signal)).toEqual(['established']);
    expect(findings[0]!.vars).toEqual({ years: 8 });
    expect(rule.meta.signals.established!.points).toBeLessThan(0);
  });

  it('no established trust for an old domain that carries cash-out promotion (the hijacked-site pattern)', () => {
    const promotion = snippetPage(
      '<h1>소액결제 현금화 방법과 수수료 총정리</h1><p>소액결제 현금화는 급전이 필요할 때 간편한 방법입니다. 수수료는 20% 안팎입니다.</p><p>현금화 절차는 3단계로 끝납니다.</p>',
      '',
      '소액결제 현금화 방법과 수수료 총정리',
    );
    expect(run(factsFromHtml(promotion, { domain: { ageDays: 3000 } })).map((f) => f.signal)).toEqual([]);
    expect(run(factsFromHtml(snippetPage('<h1>우리 동호회 소식</h1><p>정기 모임 안내</p>'), { domain: { ageDays: 3000 } })).map((f) => f.signal)).toEqual(['established']);
  });

  it('computes the age from createdAt and facts.now when ageDays is missing (.kr style line)', () => {
    const findings = run(
      factsWithDomain({ ageDays: null, createdAt: '2026-11-01T00:00:00Z', lines: { createdAt: 'Registered Date : 2026. 11. 01.' } }),
    );
    expect(findings.map((f) => f.signal)).toEqual(['very-young']);
    expect(findings[0]!.vars).toEqual({ days: Math.floor((FIXED_NOW - Date.parse('2026-11-01T00:00:00Z')) / 86_400_000) });
  });
});

describe('domain-age stays silent', () => {
  it('stays silent on a domain between one and five years old, even with a hidden registrant', () => {
    expect(run(factsWithDomain({ ageDays: 800, privacy: true, lines: { privacy: 'Registrant Organization: Privacy service' } }))).toEqual([]);
  });

  it('stays silent when the record has no creation date', () => {
    expect(run(factsWithDomain({ ageDays: null, createdAt: null, lines: {} }))).toEqual([]);
  });

  it('declares that it needs domain facts (the engine marks it unavailable without them)', () => {
    expect(rule.meta.needs).toEqual(['domain']);
  });
});
