import { describe, expect, it } from 'vitest';
import { cashoutContext } from '../../src/analysis/cashout-context.js';
import { factsFromFixture, factsFromHtml, snippetPage } from '../support/facts.js';

const ctxOf = (name: string) => cashoutContext(factsFromFixture(name).page!);
const ctxOfHtml = (html: string) => cashoutContext(factsFromHtml(html).page!);

describe('offers cash-out', () => {
  it.each([
    ['op-micropayment-95', 'micropayment'],
    ['op-infofee-kakao', 'information-fee'],
    ['op-card-cashout', 'credit-card'],
    ['op-voucher-pending', 'voucher'],
  ] as const)('%s offers %s cash-out', (name, product) => {
    const ctx = ctxOf(name);
    expect(ctx.kind).toBe('offer');
    expect(ctx.offers).toBe(true);
    expect(ctx.warning).toBe(false);
    expect(ctx.products).toContain(product);
    expect(ctx.strength).toBeGreaterThan(0.5);
    expect(ctx.evidence.length).toBeGreaterThan(0);
    expect(ctx.evidence.every((e) => e.excerpt.length > 0)).toBe(true);
  });

  it('does not take a gift-card offer for card cash-out', () => {
    expect(ctxOf('op-voucher-pending').products).not.toContain('credit-card');
  });

  it('sees through 현.금.화 and spaced-out keywords', () => {
    const ctx = ctxOfHtml(
      snippetPage('<h1>소 액 결 제 현.금.화</h1><p>최대 95% 지급, 당일 입금</p><p>ㅋr톡 상담 : abc123</p><button>신청하기</button>', '', '정보이용료 현♡금♡화'),
    );
    expect(ctx.offers).toBe(true);
    expect(ctx.products).toEqual(expect.arrayContaining(['micropayment', 'information-fee']));
  });

  it('still offers when an operator warns about "먹튀" competitors', () => {
    const ctx = ctxOfHtml(
      snippetPage(
        '<h1>폰테크 내구제 전문</h1><p>먹튀 업체 주의! 불법 업체 조심하세요.</p><p>저희 업체는 24시간 당일 입금, 카톡 상담 : phone77</p><p>지금 바로 상담 신청하세요</p>',
      ),
    );
    expect(ctx.offers).toBe(true);
    expect(ctx.warning).toBe(false);
  });
});

describe('warning pages', () => {
  it.each(['news-cashout-ads', 'agency-consumer-alert', 'carrier-limit-help'])('%s is a warning, not an offer', (name) => {
    const ctx = ctxOf(name);
    expect(ctx.kind).toBe('warning');
    expect(ctx.warning).toBe(true);
    expect(ctx.offers).toBe(false);
    expect(ctx.evidence.length).toBeGreaterThan(0);
  });

  it('a news article quoting every scam phrase still comes out a warning', () => {
    const ctx = ctxOf('news-cashout-ads');
    expect(ctx.promoCues).toEqual(expect.arrayContaining(['payout', 'speed']));
    expect(ctx.warningCues).toEqual(expect.arrayContaining(['news', 'law', 'authority', 'hotline']));
  });

  it('a short alert with a hotline and "절대 알려주지 마세요" is a warning', () => {
    const ctx = ctxOfHtml(
      snippetPage('<h2>소액결제 현금화 사기 주의</h2><p>인증번호는 절대 알려주지 마세요. 피해 시 국번 없이 1332로 신고하세요.</p>'),
    );
    expect(ctx.warning).toBe(true);
    expect(ctx.offers).toBe(false);
  });
});

describe('neither offer nor warning', () => {
  it('a licensed voucher buy-back shop that refuses carrier-billed vouchers is a buy-back shop', () => {
    const ctx = ctxOf('voucher-buyback-shop');
    expect(ctx.kind).toBe('buyback');
    expect(ctx.offers).toBe(false);
    expect(ctx.evidence[0]?.excerpt).toContain('매입이 불가');
  });

  it.each(['pg-mobile-checkout', 'refund-policy', 'new-small-shop'])('%s has no cash-out at all', (name) => {
    const ctx = ctxOf(name);
    expect(ctx.kind).toBe('none');
    expect(ctx.offers).toBe(false);
    expect(ctx.mentions).toBe(false);
  });

  it('a personal blog only mentions cash-out', () => {
    const ctx = ctxOf('personal-blog');
    expect(ctx.kind).toBe('mention');
    expect(ctx.mentions).toBe(true);
    expect(ctx.offers).toBe(false);
  });

  it('memoises per page object', () => {
    const page = factsFromFixture('op-card-cashout').page!;
    expect(cashoutContext(page)).toBe(cashoutContext(page));
  });
});
