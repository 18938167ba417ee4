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

describe('promotion on unrelated sites (parasite ads)', () => {
  it.each([
    ['promo-pension-guestbook', 'money77'],
    ['promo-yoga-wp-post', 'sopay2424'],
    ['promo-machinery-qna', 'KK5959'],
  ] as const)('%s is a promotion, with the broker contact %s', (name, id) => {
    const ctx = ctxOf(name);
    expect(ctx.kind).toBe('promo');
    expect(ctx.promotes).toBe(true);
    expect(ctx.offers).toBe(false);
    expect(ctx.warning).toBe(false);
    expect(ctx.hostCues).toContain('user-content');
    expect(ctx.contactIds.some((c) => c.includes(id))).toBe(true);
    expect(ctx.evidence.some((e) => e.excerpt.includes(id))).toBe(true);
  });

  it('guestbook spam between genuine reviews: the host is confined, its title and footer are the pension', () => {
    const ctx = ctxOf('promo-pension-guestbook');
    expect(ctx.hostCues).toEqual(expect.arrayContaining(['title', 'confined', 'footer-business']));
    expect(ctx.contactIds).toContain('https://open.kakao.com/o/sMoney77');
  });

  it('a hijacked WordPress post links to the broker site', () => {
    const ctx = ctxOf('promo-yoga-wp-post');
    expect(ctx.contactIds).toContain('https://sopay24.shop/?ref=haneul');
    expect(ctx.hostCues).toContain('site-name');
  });

  it('an obfuscated board post (ㅋr톡, 현.금.화, keyword stuffing) on a licensed maker\'s Q&A board', () => {
    const ctx = ctxOf('promo-machinery-qna');
    expect(ctx.products).toEqual(expect.arrayContaining(['micropayment', 'information-fee', 'gift-card']));
    expect(ctx.hostCues).toContain('footer-business');
  });

  it('keyword stuffing on a personal blog is a promotion', () => {
    const html = `<!DOCTYPE html><html lang="ko"><head><title>주말 캠핑 일기 :: 바람의 캠핑로그</title></head><body>
      <nav><a href="/camping">캠핑</a> <a href="/gear">장비 리뷰</a> <a href="/recipe">캠핑 요리</a> <a href="/guestbook">방명록</a></nav>
      <h2>가평 캠핑장 1박 후기</h2><p>지난 주말 가평에 다녀왔다. 계곡 옆 사이트라 밤에 물소리가 좋았다.</p>
      <h2>장비 정리</h2><p>새로 산 타프가 바람에 조금 약했다. 다음에는 폴대를 하나 더 챙겨야겠다.</p>
      <p>소액결제현금화 휴대폰소액결제현금화 정보이용료현금화 콘텐츠이용료현금화 구글기프트카드현금화 상품권현금화 카톡 cash77</p>
      <p>댓글 2 · 카테고리 : 캠핑</p></body></html>`;
    const ctx = ctxOfHtml(html);
    expect(ctx.kind).toBe('promo');
    expect(ctx.contactIds[0]).toContain('cash77');
  });

  it('an operator page whose brand says nothing of cash-out stays an offer (the whole page sells)', () => {
    const ctx = ctxOfHtml(
      snippetPage(
        '<h1>소액결제 현금화 95% 지급</h1><p>당일 입금 · 카톡 상담 : pay24</p><button>신청하기</button>',
        '<p>상호 : (주)한빛 | 대표이사 : 홍길동 | 주소 : 서울특별시 강남구 테헤란로 1 | 전화 : 02-555-1234</p>',
      ),
    );
    expect(ctx.kind).toBe('offer');
    expect(ctx.promotes).toBe(true);
  });

  it('a genuine guestbook without ads is not a promotion', () => {
    const ctx = ctxOfHtml(
      snippetPage('<h2>방명록</h2><p>작성자 : 김하영 | 작성일 : 2026-10-27</p><p>계곡 물놀이 최고였어요. 다음에 또 올게요!</p><p>글쓰기 목록</p>'),
    );
    expect(ctx.kind).toBe('none');
    expect(ctx.promotes).toBe(false);
  });
});

describe('offer against warning, weighed by where the cues are', () => {
  it('an operator page with a token "불법업체 주의" box (hotlines, "절대 알려주지 마세요") is still an offer', () => {
    const ctx = ctxOf('op-caution-box');
    expect(ctx.warningCues).toEqual(expect.arrayContaining(['never-share', 'hotline', 'authority']));
    expect(ctx.kind).toBe('offer');
    expect(ctx.warning).toBe(false);
    expect(ctx.warningSource).toBeNull();
  });

  it('a long news article quoting many ads is a warning; the quoted ads are not its own voice', () => {
    const ctx = ctxOf('news-long-quoted-ads');
    expect(ctx.kind).toBe('warning');
    expect(ctx.warningSource).toBe('news');
    expect(ctx.promoCues).toEqual(expect.arrayContaining(['payout', 'speed', 'no-credit-check', 'legitimacy-claim']));
    expect(ctx.ownPromoCues).not.toContain('payout');
    expect(ctx.ownPromoCues).not.toContain('legitimacy-claim');
    expect(ctx.promotes).toBe(false);
    expect(ctx.contacts).toEqual([]);
  });

  it('a community Q&A thread recounting an ad and a scam is a community warning', () => {
    const ctx = ctxOf('community-warning-thread');
    expect(ctx.kind).toBe('warning');
    expect(ctx.warningSource).toBe('community');
    expect(ctx.ownPromoCues).not.toContain('payout');
  });

  it('board spam that stuffs "상품권매입" among its keywords is a promo, never a licensed buy-back shop', () => {
    const ctx = ctxOfHtml(`<html><head><title>소액결제현금화 ◆ㅋr톡 QQ7171◆ 정보이용료현금화 - 고객문의 - (주)한빛기계</title></head><body>
      <nav><a href="/company">회사소개</a> <a href="/products">제품소개</a> <a href="/qna">고객문의</a></nav>
      <div class="board-view"><h3>소액결제현금화 ◆ㅋr톡 QQ7171◆ 정보이용료현금화 당일입금</h3><p>작성자 : 소액결제현금화 | 조회 : 7</p>
      <p>소액결제현금화 정보이용료현금화 신용카드현금화 상품권매입 컬쳐랜드현금화 당일입금 24시간</p>
      <p>한도가 남아 있다면 은행에 가지 않아도 됩니다. 한도 초과 결제는 제한되니 미리 확인하세요.</p>
      <p>◆ 상담 ㅋr톡 : QQ7171 ◆ 24시간 ◆ 당일입금</p></div>
      <ul class="board-list"><li>CNC 선반 가공 견적 문의</li><li>[답변] 납기 일정 안내</li></ul>
      <footer>(주)한빛기계 | 대표이사 : 김한빛 | 사업자등록번호 : 134-86-72683 | 주소 : 경기도 시흥시 공단1대로 12 | TEL : 031-499-1234</footer>
      </body></html>`);
    expect(ctx.buyback).toBe(false);
    expect(ctx.kind).toBe('promo');
    expect(ctx.promotes).toBe(true);
  });

  it('a question about an offer, told in hearsay, is not the offer: "95% 준다는 곳 믿어도 되나요?"', () => {
    const ctx = ctxOfHtml(`<html><head><title>소액결제 현금화 95% 준다는 곳 믿어도 되나요? - 지식Q&A | 머니톡</title></head><body>
      <h2>소액결제 현금화 95% 준다는 곳 믿어도 되나요?</h2>
      <p>검색하다 보니 95% 당일 입금해 준다는 곳이 많더라고요. 카톡 ID만 있고 인증번호만 보내주면 10분 안에 입금해 준대요.</p>
      <p>답변: 절대 하지 마세요. 저도 인증번호 보냈다가 결제가 세 번 찍히는 피해를 봤습니다. 불법 광고이고 정보통신망법 위반입니다.
      경찰 182, 금감원 1332에 신고하세요.</p></body></html>`);
    expect(ctx.kind).toBe('warning');
    expect(ctx.ownPromoCues).toEqual([]);
  });

  it.each([
    ['news-cashout-ads', 'news'],
    ['agency-consumer-alert', 'agency'],
    ['carrier-limit-help', 'business'],
  ] as const)('%s is a warning from %s', (name, source) => {
    expect(ctxOf(name).warningSource).toBe(source);
  });

  it('ad phrases framed by "~라는 광고" do not count as the page\'s own', () => {
    const ctx = ctxOfHtml(snippetPage("<p>'정보이용료 현금화 수수료 0% 당일 입금'이라는 광고를 보고 연락했다가 피해를 봤다.</p>"));
    expect(ctx.promoCues).toContain('payout');
    expect(ctx.ownPromoCues).toEqual([]);
    expect(ctx.promotes).toBe(false);
  });

  it('an operator headline with "사기 걱정 없는" reassurance is not warning framing', () => {
    const ctx = ctxOfHtml(
      snippetPage(
        '<h1>사기 걱정 없는 소액결제 현금화</h1><p>인증번호 절대 요구하지 않습니다. 경찰청 182 신고 업체 주의.</p><p>당일 입금 · 카톡 상담 : safe24</p><button>신청하기</button>',
        '',
        '먹튀 없는 소액결제 현금화 | 세이프24',
      ),
    );
    expect(ctx.kind).toBe('offer');
  });

  it('offers and promotions both promote; warnings, buy-back shops and mentions do not', () => {
    expect(ctxOf('op-micropayment-95').promotes).toBe(true);
    for (const name of ['news-cashout-ads', 'voucher-buyback-shop', 'personal-blog', 'carrier-limit-help']) {
      expect(ctxOf(name).promotes).toBe(false);
    }
  });
});
