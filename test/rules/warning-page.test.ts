import { describe, expect, it } from 'vitest';
import { rule } from '../../rules/warning-page.js';
import {evaluateQuoted, factsFromFixture, factsFromHtml, snippetPage } from '../support/facts.js';
import type { Facts } from '../../src/engine/types.js';

const run = (facts: Facts) => evaluateQuoted(rule, facts);

describe('warning-page fires', () => {
  it.each([
    ['news-cashout-ads', '언론 기사'],
    ['news-long-quoted-ads', '언론 기사'],
    ['agency-consumer-alert', '정부·공공기관·단체 안내'],
    ['carrier-limit-help', '통신사·금융사·결제사 안내 페이지'],
  ] as const)('warning-article on %s (%s)', (name, source) => {
    const findings = run(factsFromFixture(name));
    expect(findings.map((f) => f.signal)).toEqual(['warning-article']);
    expect(findings[0]!.vars!.source_ko).toBe(source);
    expect(rule.meta.signals['warning-article']!.points).toBeLessThan(0);
  });

  it('warning-article shows the reason: the headline and the warning framing', () => {
    const evidence = run(factsFromFixture('agency-consumer-alert'))[0]!.evidence;
    expect(evidence[0]!.excerpt).toContain('속지 마세요');
    expect(evidence.some((e) => e.excerpt.includes('1332'))).toBe(true);
  });

  it('warning-article on a news article quotes its warning headline', () => {
    const evidence = run(factsFromFixture('news-long-quoted-ads'))[0]!.evidence;
    expect(evidence[0]).toMatchObject({ location: 'title (/)' });
    expect(evidence[0]!.excerpt).toContain('광고의 덫');
  });

  it('warning-post (small trust) on a community Q&A thread', () => {
    const findings = run(factsFromFixture('community-warning-thread'));
    expect(findings.map((f) => f.signal)).toEqual(['warning-post']);
    const points = rule.meta.signals;
    expect(points['warning-post']!.points).toBeLessThan(0);
    expect(points['warning-post']!.points).toBeGreaterThan(points['warning-article']!.points);
  });

  it('warning-post on a short alert with "절대 알려주지 마세요" and 1332', () => {
    const facts = factsFromHtml(
      snippetPage('<h2>소액결제 현금화 사기 주의</h2><p>인증번호는 절대 알려주지 마세요. 피해 시 국번 없이 1332로 신고하세요.</p>'),
    );
    const findings = run(facts);
    expect(findings.map((f) => f.signal)).toEqual(['warning-post']);
    expect(findings[0]!.evidence.some((e) => e.excerpt.includes('절대 알려주지 마세요'))).toBe(true);
  });
});

describe('warning-page stays silent', () => {
  it('on an operator page with a token "불법업체 주의" box', () => {
    expect(run(factsFromFixture('op-caution-box'))).toEqual([]);
  });

  it('on an operator warning about "먹튀" competitors', () => {
    const facts = factsFromHtml(
      snippetPage('<h1>폰테크 내구제 전문</h1><p>먹튀 업체 주의! 불법 업체 조심하세요. 피해 시 182 신고.</p><p>저희 업체는 24시간 당일 입금, 카톡 상담 : phone77</p><p>지금 바로 상담 신청하세요</p>'),
    );
    expect(run(facts)).toEqual([]);
  });

  it.each(['promo-pension-guestbook', 'promo-yoga-wp-post', 'promo-machinery-qna'])('on the promotion %s', (name) => {
    expect(run(factsFromFixture(name))).toEqual([]);
  });

  it.each(['op-micropayment-95', 'op-infofee-kakao', 'op-card-cashout', 'op-voucher-pending'])('on the operator page %s', (name) => {
    expect(run(factsFromFixture(name))).toEqual([]);
  });

  it.each(['voucher-buyback-shop', 'pg-mobile-checkout', 'new-small-shop', 'personal-blog', 'refund-policy'])('on %s', (name) => {
    expect(run(factsFromFixture(name))).toEqual([]);
  });
});
