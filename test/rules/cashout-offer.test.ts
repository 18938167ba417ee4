import { describe, expect, it } from 'vitest';
import { rule } from '../../rules/cashout-offer.js';
import { rule as licensing } from '../../rules/licensing.js';
import {evaluateQuoted, factsFromFixture, factsFromHtml, snippetPage } from '../support/facts.js';
import type { Facts } from '../../src/engine/types.js';

const run = (facts: Facts) => evaluateQuoted(rule, facts);
const signals = (facts: Facts) => run(facts).map((f) => f.signal);

describe('cashout-offer fires', () => {
  it.each([
    ['op-micropayment-95', '휴대폰 소액결제'],
    ['op-infofee-kakao', '정보이용료·콘텐츠이용료'],
    ['op-card-cashout', '신용카드'],
    ['op-voucher-pending', '상품권'],
  ] as const)('offers-cashout on %s (%s)', (name, product) => {
    const findings = run(factsFromFixture(name));
    expect(findings.map((f) => f.signal)).toEqual(['offers-cashout']);
    expect(String(findings[0]!.vars!.products_ko)).toContain(product);
    expect(findings[0]!.evidence.length).toBeGreaterThan(0);
  });

  it('offers-cashout quotes the headline and the messenger link', () => {
    const evidence = run(factsFromFixture('op-micropayment-95'))[0]!.evidence;
    expect(evidence[0]).toMatchObject({ source: 'meta', location: 'title (/)' });
    expect(evidence.some((e) => e.source === 'link' && e.excerpt === 'https://open.kakao.com/o/sPay2424')).toBe(true);
  });

  it('offers-cashout on an operator page with a token "불법업체 주의" box', () => {
    expect(signals(factsFromFixture('op-caution-box'))).toEqual(['offers-cashout']);
  });

  it('offers-cashout on voucher-only cash-out that takes vouchers bought by 소액결제', () => {
    const facts = factsFromHtml(
      snippetPage('<h1>상품권 현금화 최대 92% 즉시 입금</h1><p>소액결제로 구매한 컬쳐랜드 상품권도 매입 가능!</p><p>오픈채팅 상담 24시간</p><button>판매 신청하기</button>'),
    );
    expect(signals(facts)).toEqual(['offers-cashout']);
  });

  it.each([
    ['promo-pension-guestbook', 'money77'],
    ['promo-yoga-wp-post', 'sopay2424'],
    ['promo-machinery-qna', 'KK5959'],
  ] as const)('promotes-cashout on %s, quoting the ad and the broker contact %s', (name, id) => {
    const findings = run(factsFromFixture(name));
    expect(findings.map((f) => f.signal)).toEqual(['promotes-cashout']);
    expect(String(findings[0]!.vars!.contact_ko)).toContain(id);
    expect(findings[0]!.evidence.some((e) => e.excerpt.includes(id))).toBe(true);
    expect(findings[0]!.evidence.some((e) => /현금화|현.금.화/.test(e.excerpt))).toBe(true);
  });

  it('promotes-cashout outweighs an offer: ads planted on an unrelated site exist only to push victims', () => {
    expect(rule.meta.signals['promotes-cashout']!.points).toBeGreaterThan(rule.meta.signals['offers-cashout']!.points);
  });

  it('promotes-cashout quotes the broker site a hijacked post links to', () => {
    const evidence = run(factsFromFixture('promo-yoga-wp-post'))[0]!.evidence;
    expect(evidence).toContainEqual(expect.objectContaining({ source: 'link', excerpt: 'https://sopay24.shop/?ref=haneul' }));
  });

  it('a hijacked licensed host gets no "complete" trust from licensing', () => {
    const facts = factsFromFixture('promo-machinery-qna');
    expect(signals(facts)).toEqual(['promotes-cashout']);
    expect(licensing.evaluate(facts).map((f) => f.signal)).not.toContain('complete');
  });
});

describe('cashout-offer stays silent', () => {
  it.each([
    ['a news article warning about cash-out ads', 'news-cashout-ads'],
    ['a long news article quoting many ads and broker IDs', 'news-long-quoted-ads'],
    ['an FSS-style consumer alert', 'agency-consumer-alert'],
    ['a community Q&A thread warning others', 'community-warning-thread'],
    ['a carrier help page for 소액결제 limits', 'carrier-limit-help'],
    ['a licensed buy-back shop refusing carrier-billed vouchers', 'voucher-buyback-shop'],
    ['a PG mobile checkout', 'pg-mobile-checkout'],
    ['a refund policy with a 10% fee', 'refund-policy'],
    ['a new small shop', 'new-small-shop'],
    ['a personal blog mentioning cash-out spam', 'personal-blog'],
  ])('on %s', (_what, name) => {
    expect(run(factsFromFixture(name))).toEqual([]);
  });

  it('on a short warning with "1332에 신고"', () => {
    const facts = factsFromHtml(
      snippetPage('<h2>소액결제 현금화 사기 주의</h2><p>인증번호는 절대 알려주지 마세요. 피해 시 국번 없이 1332로 신고하세요.</p>'),
    );
    expect(run(facts)).toEqual([]);
  });
});
