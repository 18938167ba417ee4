import { describe, expect, it } from 'vitest';
import { rule } from '../../rules/cashout-offer.js';
import { rule as licensing } from '../../rules/licensing.js';
import { rule as warningPage } from '../../rules/warning-page.js';
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

// Patterns of the real web (issue 8), each in a page written here: promotion without contacts, in English,
// under a boilerplate 주의사항 heading, dressed as a warning; and the warnings that must stay silent.
const page = (title: string, body: string, footer = '') =>
  `<!DOCTYPE html><html lang="ko"><head><title>${title}</title></head><body>${body}${footer ? `<footer>${footer}</footer>` : ''}</body></html>`;

const ARTICLE = page(
  '소액결제 현금화란? 방법, 수수료, 장점 한눈에 정리',
  `<h1>소액결제 현금화란? 방법, 수수료, 장점 한눈에 정리</h1>
   <p>소액결제 현금화는 휴대폰 소액결제 한도로 상품권이나 콘텐츠를 구매한 뒤 이를 되팔아 현금을 마련하는 방식입니다.</p>
   <h2>현금화 방법</h2><p>먼저 본인의 소액결제 한도를 확인하고, 구매한 상품권 핀번호를 넘기면 수수료를 뺀 금액이 입금됩니다.</p>
   <h2>수수료는 얼마일까</h2><p>보통 수수료는 20~30% 선이며 시기와 상품에 따라 달라집니다.</p>
   <h2>장점</h2><p>신용 조회 없이 급전이 필요할 때 간편하게 이용할 수 있다는 점이 가장 큰 장점으로 꼽힙니다.</p>
   <h2>마무리</h2><p>소액결제 현금화는 갑작스러운 지출이 생겼을 때 고려해 볼 만한 방법입니다.</p>`,
);

const PARAPHRASED = page(
  '휴대전화 소액결재 캐시화 하는법 알아보기 - 생활정보 노트',
  `<h1>휴대전화 소액결재 캐시화 하는법</h1>
   <p>휴대전화 소액결재 한도를 현금으로 바꾸는 것은 요즘 많은 분들이 찾는 돈 마련 수단 입니다. 캐시화 과정은 간단 합니다.</p>
   <p>소액결재로 구입한 상품을 매입처에 넘기면 현금으로 바꿔 받게 됩니다. 이용 방법은 3단계로 되어있습니다.</p>
   <p>정보이용료 캐시화 역시 같은 방식으로 진행 되며 편리한 것이 이점 입니다.</p>`,
);

const ENGLISH = `<!DOCTYPE html><html lang="en"><head><title>Micropayment cash-out in Korea: how it works and what it costs</title></head><body>
  <h1>Micropayment cash-out in Korea: how it works and what it costs</h1>
  <p>Micropayment cash-out (소액결제 현금화) lets you turn the unused limit on your phone bill into cash within a day.</p>
  <p>The fee usually sits between 15% and 25%. The main benefits are speed and the fact that no credit check is involved.</p>
  <h2>Choosing a provider</h2><p>We suggest working with a verified intermediary such as PhonePay Partners, who handled our test request in minutes.</p>
  </body></html>`;

const BOILERPLATE_HEADING = page(
  '소액결제 현금화 이용 시 주의사항 - 자유게시판',
  `<h1>소액결제 현금화 이용 시 주의사항</h1><div class="info">작성자 : 머니팁 | 조회 : 812</div>
   <p>소액결제 현금화를 처음 하시는 분들이 꼭 알아야 할 점 정리합니다. 수수료가 너무 낮은 곳보다는 정식 등록된 업체를 고르셔야 합니다.</p>
   <p>저는 여러 곳 써보고 지금은 카톡 ID: paysafe77 로 진행하는데 당일 입금이라 만족합니다.</p>
   <div>댓글 3</div>`,
);

const DISGUISED = page(
  '소액결제 현금화 사기 피하는 법 | 피해 유형 총정리',
  `<h1>소액결제 현금화 사기 피하는 법</h1>
   <p>최근 소액결제 현금화 과정에서 돈을 받지 못하는 피해가 늘고 있습니다. 대표적인 사기 유형은 다음과 같습니다.</p>
   <ul><li>인증번호를 받은 뒤 연락을 끊는 먹튀</li><li>보증금을 먼저 요구하는 경우</li><li>원격 앱 설치를 요구하는 경우</li></ul>
   <p>피해를 입었다면 경찰청 사이버수사국 182에 신고하세요.</p>
   <h2>그렇다면 어디서 해야 할까?</h2><p>수년간 피해 사례가 없는 검증된 업체를 이용하는 것이 가장 안전합니다. 저희가 확인한 곳은 아래 채널입니다.</p>
   <p><a href="https://open.kakao.com/o/sSafeCash9">안전 현금화 상담 채널</a></p>`,
);

const LEGALITY = page(
  '상품권 현금화 합법일까? 알기 쉬운 안내',
  `<h1>상품권 현금화, 불법은 아닙니다</h1>
   <p>상품권 현금화는 합법적인 방법으로 자금을 마련하는 수단입니다. 정식으로 등록된 업체를 통하면 걱정할 필요가 없습니다.</p>
   <p>현금화 절차는 상품권 구매, 핀번호 전달, 입금 확인의 세 단계입니다.</p>`,
);

const PLAIN_WARNING = page(
  '소액결제 현금화, 이런 말에 넘어가면 당합니다',
  `<h1>소액결제 현금화, 이런 말에 넘어가면 당합니다</h1>
   <p>"당일 입금", "수수료 10%", "원격제어 앱 설치 요구" 같은 문구가 보이면 의심부터 해야 합니다.</p>
   <p>현금화를 해주겠다며 인증번호를 요구하는 곳에 연락하지 마세요. 다음 달 요금만 고스란히 남는 경우가 대부분입니다.</p>
   <p>급하게 돈이 필요하다면 합법적 대안부터 검토하세요: 정식 등록된 대부업체나 서민금융 상품이 있습니다.</p>`,
);

const ENGLISH_NEWS = `<!DOCTYPE html><html lang="en"><head><title>Phone-bill cash-out schemes leave Korean users with debts</title></head><body>
  <h1>Phone-bill cash-out schemes leave Korean users with debts</h1><p>By Mina Park, staff reporter</p>
  <p>Brokers offering micropayment cash-out promise instant money, but victims describe paying the full bill while receiving nothing.</p>
  <p>The Financial Supervisory Service warned consumers not to share verification codes. Do not contact brokers who advertise on social media.</p>
  </body></html>`;

const QUESTION = page(
  '소액결제 현금화 해도 되나요? - 지식 Q&A',
  `<h1>소액결제 현금화 해도 되나요?</h1><p>급하게 50만원이 필요한데 소액결제 현금화라는 게 있더라고요. 괜찮을까요?</p>
   <div class="answer"><p>답변: 하지 않는 것이 좋습니다. 업체에 인증번호를 넘기면 피해를 입어도 돌려받기 어렵고, 현금화 광고와 영업은 불법입니다. 통신사 114에 소액결제 차단을 요청해 두세요.</p></div>`,
);

describe('cashout-offer on the real web', () => {
  it.each([
    ['a how-it-works article with no contact at all', ARTICLE],
    ['a machine-paraphrased article (소액결재, 캐시화, 현금으로 바꾸는)', PARAPHRASED],
    ['an English article with the Korean keyword and a "verified intermediary"', ENGLISH],
    ['a board post headed 주의사항 that recommends a firm and a KakaoTalk ID', BOILERPLATE_HEADING],
    ['a legality claim off an operator page', LEGALITY],
  ])('promotes-cashout on %s', (_what, html) => {
    const findings = run(factsFromHtml(html, { url: 'https://old-hobby-club.example/post/17' }));
    expect(findings.map((f) => f.signal)).toEqual(['promotes-cashout']);
    expect(findings[0]!.evidence.length).toBeGreaterThan(0);
  });

  it('names the recommended firm of an English promotion as evidence', () => {
    const evidence = run(factsFromHtml(ENGLISH, { url: 'https://riverside-gazette.example/guides/cash' }))[0]!.evidence;
    expect(evidence.some((e) => /verified intermediary/.test(e.excerpt))).toBe(true);
  });

  it('disguised-promotion on "how to avoid cash-out scams" that ends by recommending a channel, quoting the recommendation', () => {
    const findings = run(factsFromHtml(DISGUISED, { url: 'https://money-notes.example/avoid-scams' }));
    expect(findings.map((f) => f.signal)).toEqual(['disguised-promotion']);
    const excerpts = findings[0]!.evidence.map((e) => e.excerpt).join('\n');
    expect(excerpts).toMatch(/검증된 업체/);
    expect(excerpts).toContain('https://open.kakao.com/o/sSafeCash9');
  });

  it('a disguised promotion is never scored as a warning', () => {
    expect(warningPage.evaluate(factsFromHtml(DISGUISED))).toEqual([]);
  });

  it.each([
    ['a warning quoting ad phrases and pointing to legal alternatives, naming no law or agency', PLAIN_WARNING],
    ['an English news report on phone-bill cash-out schemes', ENGLISH_NEWS],
    ['a Q&A whose answer tells the asker not to', QUESTION],
  ])('stays silent on %s', (_what, html) => {
    expect(run(factsFromHtml(html))).toEqual([]);
  });
});

describe('cashout-offer on a thin landing page', () => {
  const THIN = `<html><head><title>휴대폰 소액결제 최고가 | 정보이용료 즉시</title></head><body><img src="main.jpg" alt="">
    <a class="btn" href="https://open.kakao.com/o/sFast24">카톡</a> <a class="btn" href="tel:010-2345-6789">전화</a></body></html>`;

  it('offers-cashout from a headline that pairs carrier billing with a buying price, quoting it and the chat link', () => {
    const findings = run(factsFromHtml(THIN, { url: 'https://blue-nara.example/' }));
    expect(findings.map((f) => f.signal)).toEqual(['offers-cashout']);
    expect(findings[0]!.evidence.map((e) => e.excerpt)).toEqual(expect.arrayContaining([expect.stringContaining('최고가'), 'https://open.kakao.com/o/sFast24']));
  });

  it('stays silent on a carrier page titled with micropayment limits', () => {
    const help = `<html><head><title>휴대폰 소액결제 한도 조회·변경 | 고객센터</title></head><body><h1>소액결제 한도 변경</h1><p>한도는 마이페이지에서 변경할 수 있습니다.</p></body></html>`;
    expect(run(factsFromHtml(help))).toEqual([]);
  });
});

describe('cashout-offer: stances learned from the tuning set', () => {
  it('promotes-cashout on an unrelated English post whose only cash-out text is keyword links to a broker', () => {
    const html = `<html lang="en"><head><title>Keeping a planted tank tidy | Pond Notes</title></head><body><nav><a href="https://pond-notes.example/">Home</a> <a href="https://pond-notes.example/plants">Plants</a> <a href="https://pond-notes.example/fish">Fish</a></nav><h1>Keeping a planted tank tidy</h1>
      <p>Trim stems weekly and keep the filter flow gentle. Money spent on good lighting is rarely wasted, unlike <a href="https://quick-sopay.example/">소액결제현금화</a> offers.</p>
      <p>More reading: <a href="https://news-portal.example/search?query=%EC%A0%95%EB%B3%B4%EC%9D%B4%EC%9A%A9%EB%A3%8C%ED%98%84%EA%B8%88%ED%99%94">news</a></p></body></html>`;
    const findings = run(factsFromHtml(html, { url: 'https://pond-notes.example/tank' }));
    expect(findings.map((f) => f.signal)).toEqual(['promotes-cashout']);
    expect(findings[0]!.evidence.map((e) => e.excerpt)).toContain('https://quick-sopay.example/');
  });

  it.each([
    [
      "a victim's story headlined with the money lost",
      '정보이용료 현금화 맡겼다가 40만원 날린 후기',
      '<p>연락처는 카톡 아이디 하나뿐이었고 인증번호를 보내자 답이 끊겼습니다. 다음 달 요금은 고스란히 제가 냈어요.</p>',
    ],
    [
      'an explainer that quotes the ads and says no safe version exists',
      '"즉시 입금, 수수료 5%" 현금화 광고 문구 뜯어보기',
      '<p>"검증된 업체"라는 말은 누구나 쓸 수 있습니다. 이 거래에는 안전한 방법이 없습니다. 쓰지 않는 소액결제는 통신사에서 차단해 두세요.</p>',
    ],
    [
      'a Q&A whose asker wants a firm and whose answer declines',
      '소액결제 현금화 업체 괜찮은가요?',
      '<p>수수료만 내면 된다던데 업체 추천 부탁드려요.</p><p>답변: 업체 추천은 드릴 수 없습니다. 합법적 대안부터 알아보세요.</p>',
    ],
  ])('stays silent on %s', (_what, title, body) => {
    expect(run(factsFromHtml(page(title, `<h1>${title}</h1>${body}`)))).toEqual([]);
  });
});

describe('cashout-offer: publishers name their subject, they do not sell it', () => {
  it('stays silent on a news investigation that tabulates what each firm\'s ads claimed', () => {
    const html = page(
      '[기획] 현금화 업체 다섯 곳에 직접 물어보니',
      `<h1>[기획] 현금화 업체 다섯 곳에 직접 물어보니</h1><p class="byline">김하늘 기자 입력 2026.03.02</p>
       <table><tr><th>광고 문구</th><th>실제 요구</th></tr><tr><td>정식 등록 업체</td><td>신분증 사진</td></tr><tr><td>당일 입금</td><td>보증금 선입금</td></tr></table>
       <p>정보통신망법은 이런 영업과 광고를 모두 처벌한다. 금융감독원은 소액결제 차단을 권고했다.</p><footer>무단 전재 및 재배포 금지</footer>`,
    );
    expect(run(factsFromHtml(html))).toEqual([]);
  });

  it("stays silent on a youth counselling centre's card news that offers its own KakaoTalk channel", () => {
    const html = page(
      '[카드뉴스] 폰깡, 청소년에게도 다가옵니다 | 푸른청소년상담복지센터',
      `<nav><a href="/">센터소개</a><a href="/apply">상담신청</a><a href="/news">소식</a></nav><h1>폰깡, 청소년에게도 다가옵니다</h1>
       <p>"폰만 있으면 바로 현금" 같은 DM을 받으면 답하지 마세요. 결제 요금은 고스란히 가족에게 돌아옵니다.</p>
       <p>고민이 있다면 1388 (24시간) 또는 카카오톡 채널 '푸른상담센터'로 상담할 수 있어요.</p>`,
    );
    expect(run(factsFromHtml(html, { url: 'https://purun-youth.or.kr/news/3' }))).toEqual([]);
  });
});

describe('cashout-offer: promotion hidden in a post about something else, and analyses that only ask', () => {
  it('promotes-cashout on a diary post whose one paragraph endorses cash-out from experience, quoting that paragraph', () => {
    const html = page(
      '이번 달 가계부 정리 - 소소한 일상',
      `<h1>이번 달 가계부 정리</h1><p>식비가 생각보다 많이 나왔다. 장보기를 줄여야겠다.</p>
       <p>월세가 부족해서 정보이용료 현금화를 처음 해 봤는데 수수료도 적고 당일에 들어와서 편했다.</p><p>다음 달엔 저축을 늘려 보자.</p>`,
    );
    const findings = run(factsFromHtml(html, { url: 'https://sosohan-ilsang.example/diary/12' }));
    expect(findings.map((f) => f.signal)).toEqual(['promotes-cashout']);
    expect(findings[0]!.evidence.some((e) => e.excerpt.includes('수수료도 적고'))).toBe(true);
  });

  it.each([
    ['a victim in the same passage ("빠르다길래 했는데 결국 못 받았다")', '이번 달 가계부 정리', '<p>빠르다길래 소액결제 현금화를 해 봤는데 결국 돈은 못 받았다.</p>'],
    ['an analysis under a question headline', '휴대폰 현금화 수수료는 왜 그렇게 비쌀까', '<p>휴대폰 현금화는 급전 수요를 노린다. 현금화 수수료는 중간 업자가 여럿 끼면서 커진다. 현금화 과정에서 이용자가 손해를 보지 않기 어렵다.</p>'],
    ['a thread of people who were cheated', '폰 한도 현금화 하다가 당한 썰 모아 봅시다', '<p>작성자 익명 | 조회 120</p><p>저는 선입금 보냈다가 연락 끊겼어요. 사기였죠.</p><p>댓글 4</p>'],
    ['a review that ends "여러분은 하지 마세요"', '현금화 광고 세 곳에 연락해 봤습니다 (여러분은 하지 마세요)', '<p>세 곳 모두 인증번호부터 달라고 했습니다.</p>'],
  ])('stays silent on %s', (_what, title, body) => {
    expect(run(factsFromHtml(page(title, `<h1>${title}</h1>${body}`)))).toEqual([]);
  });
});

describe('cashout-offer: a page that tells its reader to do it', () => {
  it('promotes-cashout on a club post that urges members to try cash-out, quoting the urging sentence', () => {
    const html = page(
      '엔진 수리비 마련 후기 - 자유게시판',
      `<h1>엔진 수리비 마련 후기</h1><p>작성자 : 달리는곰 | 조회 : 231</p><p>수리비 70이 모자라서 고민하다가 해결했습니다.</p>
       <p>회원님들도 급하실 때 휴대폰 소액결제 현금화 한 번 알아보세요. 은행보다 훨씬 빠릅니다.</p><p>댓글 2</p>`,
    );
    const findings = run(factsFromHtml(html, { url: 'https://hanbit-carclub.example/board/free/77' }));
    expect(findings.map((f) => f.signal)).toEqual(['promotes-cashout']);
    expect(findings[0]!.evidence.some((e) => e.excerpt.includes('알아보세요'))).toBe(true);
  });

  it('promotes-cashout on an English post about a phone bill limit turned into money', () => {
    const html = `<html lang="en"><head><title>How my phone bill limit turned into rent money</title></head><body><h1>How my phone bill limit turned into rent money</h1>
      <p>A service bought the vouchers back and the money arrived in fifteen minutes. No credit check, and honestly it was so simple.</p></body></html>`;
    expect(signals(factsFromHtml(html, { url: 'https://garden-club.example/files/rent.html' }))).toEqual(['promotes-cashout']);
  });

  it('stays silent on a warning that urges a lawful alternative instead ("현금화 대신 … 이용하세요")', () => {
    const html = page('급전이 필요할 때', '<h1>급전이 필요할 때</h1><p>소액결제 현금화 대신 서민금융 상품을 이용하세요.</p>');
    expect(run(factsFromHtml(html))).toEqual([]);
  });
});

describe('cashout-offer: questions and their answers', () => {
  it('promotes-cashout on a Q&A whose answer names the firm the answerer liked and its KakaoTalk ID', () => {
    const title = '휴대폰 소액결제 현금화 처음인데 괜찮을까요?';
    const html = page(
      `Q&A - ${title}`,
      `<h1>${title}</h1><p>부품값이 모자라서 해 보려는데 처음이라 걱정돼요.</p>
       <p>답변: 저는 몇 번 해 봤는데 "하나페이"라는 곳이 제일 무난했어요. 입금도 15분 안에 됐고요. 카톡 아이디 hanapay77 로 연락해 보세요.</p>`,
    );
    const findings = run(factsFromHtml(html, { url: 'https://qna.bike-forum.example/q/88' }));
    expect(findings.map((f) => f.signal)).toEqual(['promotes-cashout']);
    expect(String(findings[0]!.vars!.contact_ko)).toContain('hanapay77');
  });

  it('stays silent on a question asking for a "safe firm" whose answers refuse and explain the law', () => {
    const html = page(
      '안전한 소액결제 현금화 업체 있나요?',
      `<h1>안전한 소액결제 현금화 업체 있나요?</h1><p>소액결제 현금화 하려고 하는데 안전한 업체 추천 부탁드립니다.</p>
       <p>답변: 그런 업체는 없습니다. 현금화 영업과 광고는 정보통신망법으로 처벌됩니다. 피해를 입으면 182에 신고하세요.</p>`,
    );
    expect(run(factsFromHtml(html))).toEqual([]);
  });
});
