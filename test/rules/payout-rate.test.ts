import { describe, expect, it } from 'vitest';
import { rule } from '../../rules/payout-rate.js';
import {evaluateQuoted, factsFromFixture, factsFromHtml, snippetPage } from '../support/facts.js';
import type { Facts } from '../../src/engine/types.js';

const run = (facts: Facts) => evaluateQuoted(rule, facts);
const signals = (facts: Facts) => run(facts).map((f) => f.signal).sort();
const offerPage = (claim: string) =>
  factsFromHtml(snippetPage(`<h1>소액결제 현금화 전문</h1><p>${claim}</p><p>24시간 당일 입금 · 카톡 상담 : pay24</p><button>신청하기</button>`));

describe('payout-rate fires', () => {
  it('on a micropayment cash-out site claiming 95% (implausible-payout)', () => {
    const findings = run(factsFromFixture('op-micropayment-95'));
    expect(findings.map((f) => f.signal)).toEqual(['implausible-payout']);
    expect(findings[0]!.vars).toEqual({ rate: '95%' });
    expect(findings[0]!.evidence.some((e) => e.excerpt.includes('95%'))).toBe(true);
  });

  it('on an information-fee site with full-width ９５％ and "수수료 0%" (implausible-payout + zero-fee)', () => {
    const facts = factsFromFixture('op-infofee-kakao');
    expect(signals(facts)).toEqual(['implausible-payout', 'zero-fee']);
    const zero = run(facts).find((f) => f.signal === 'zero-fee')!;
    expect(zero.vars).toEqual({ claim: '수수료 0%' });
  });

  it('on a card cash-out site claiming 90% (card cash-out is billed, so 90% is implausible)', () => {
    expect(signals(factsFromFixture('op-card-cashout'))).toEqual(['implausible-payout']);
  });

  it('on a voucher cash-out site taking carrier-billed vouchers at 92%', () => {
    const findings = run(factsFromFixture('op-voucher-pending'));
    expect(findings[0]).toMatchObject({ signal: 'implausible-payout', vars: { rate: '92%' } });
  });

  it('converts "수수료 5%" to a 95% payout', () => {
    expect(run(offerPage('수수료 단 5%!'))[0]).toMatchObject({ signal: 'implausible-payout', vars: { rate: '95%' } });
  });

  it('converts a "10o만원 결제하시면 → 9o만원 입금" example to 90%', () => {
    expect(run(offerPage('10o만원 결제하시면 → 9o만원 입금'))[0]).toMatchObject({ signal: 'implausible-payout', vars: { rate: '90%' } });
  });

  it('converts "10만원 결제시 95,000원 입금" to 95%', () => {
    expect(run(offerPage('예) 10만원 결제시 95,000원 입금'))[0]).toMatchObject({ signal: 'implausible-payout', vars: { rate: '95%' } });
  });

  it('reads full-width digits (최대 ９５％)', () => {
    expect(run(offerPage('최대 ９５％ 지급'))[0]).toMatchObject({ signal: 'implausible-payout', vars: { rate: '95%' } });
  });

  it('gives a plausible 85% claim on a cash-out offer a small payout-claim', () => {
    expect(run(offerPage('현금화율 85% (수수료 15%)')).map((f) => f.signal)).toEqual(['payout-claim']);
  });

  it('fires zero-fee alone on "수수료 무료"', () => {
    expect(signals(offerPage('수수료 무료! 노 수수료 이벤트'))).toEqual(['zero-fee']);
  });
});

describe('payout-rate stays silent', () => {
  it('stays silent on a news article warning about cash-out ads (quotes 95% and 수수료 10%)', () => {
    expect(run(factsFromFixture('news-cashout-ads'))).toEqual([]);
  });

  it('stays silent on an agency consumer alert quoting "최대 95%" and "수수료 0%"', () => {
    expect(run(factsFromFixture('agency-consumer-alert'))).toEqual([]);
  });

  it('stays silent on a licensed gift-card buy-back shop with a 문화상품권 90% 매입 rate table', () => {
    expect(run(factsFromFixture('voucher-buyback-shop'))).toEqual([]);
  });

  it('stays silent on a refund policy with a 10% fee', () => {
    expect(run(factsFromFixture('refund-policy'))).toEqual([]);
  });

  it('stays silent on a refund clause even inside a cash-out page', () => {
    expect(run(offerPage('취소 시 10% 수수료 공제 후 환불'))).toEqual([]);
  });

  it('ignores competitors\' fees quoted for comparison', () => {
    expect(run(offerPage('타 업체 수수료 15% 받을 때'))).toEqual([]);
  });

  it.each(['carrier-limit-help', 'pg-mobile-checkout', 'new-small-shop', 'personal-blog'])('stays silent on %s', (name) => {
    expect(run(factsFromFixture(name))).toEqual([]);
  });
});
