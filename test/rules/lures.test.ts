import { describe, expect, it } from 'vitest';
import { rule } from '../../rules/lures.js';
import {HARD_NEGATIVES, evaluateQuoted, factsFromFixture, factsFromHtml, snippetPage } from '../support/facts.js';
import type { Facts } from '../../src/engine/types.js';

const run = (facts: Facts) => evaluateQuoted(rule, facts);
const signals = (facts: Facts) => run(facts).map((f) => f.signal).sort();
const OFFER = '<h1>소액결제 현금화 전문</h1><p>카톡 상담 : pay24</p><button>신청하기</button><p>현금화율 85% 지급</p>';
const offerPage = (html: string) => factsFromHtml(snippetPage(`${OFFER}${html}`));

describe('lures fires', () => {
  it('every lure on the information-fee site (신불자 연체자 가능 · 대출 아님 · 합법적인 ... 안전한 업체)', () => {
    const findings = run(factsFromFixture('op-infofee-kakao'));
    expect(findings.map((f) => f.signal)).toEqual(['instant-deposit', 'always-open', 'no-credit-check', 'targets-delinquent', 'false-legality']);
    const vars = Object.fromEntries(findings.map((f) => [f.signal, f.vars!.claim]));
    expect(vars).toMatchObject({ 'no-credit-check': '대출 아님', 'targets-delinquent': '신불자', 'false-legality': '합법적인' });
  });

  it('obfuscated and full-width text: 무신용 · 무담보, 금융감독원 등록 업체, 총알 입금', () => {
    const findings = run(factsFromFixture('op-openchat-obfuscated'));
    expect(findings.map((f) => f.signal).sort()).toEqual(['always-open', 'false-legality', 'instant-deposit', 'no-credit-check', 'targets-delinquent']);
    expect(findings.find((f) => f.signal === 'false-legality')!.vars).toEqual({ claim: '금융감독원 등록' });
  });

  it('on a guestbook ad planted on a pension site (a promotion, not the host\'s offer)', () => {
    const facts = factsFromFixture('promo-pension-guestbook');
    expect(signals(facts)).toEqual(['always-open', 'instant-deposit', 'no-credit-check', 'targets-delinquent']);
  });

  it.each([
    ['instant-deposit', '결제 확인 후 10분 이내 입금'],
    ['instant-deposit', '총알 입금 보장'],
    ['always-open', '24시간 연중무휴 운영'],
    ['no-credit-check', '신용조회 없이 무방문 진행'],
    ['no-credit-check', '이건 대출이 아닙니다'],
    ['targets-delinquent', '통신 미납 있어도 가능, 저신용자 환영'],
    ['targets-delinquent', '개인회생 중이어도 OK'],
    ['false-legality', '정식 등록 업체라 100% 안전합니다'],
    ['false-legality', '먹튀 걱정 없는 곳'],
  ])('%s: "%s"', (signal, sentence) => {
    const findings = run(offerPage(`<p>${sentence}</p>`));
    expect(findings.map((f) => f.signal)).toEqual([signal]);
    expect(findings[0]!.evidence[0]!.excerpt).toContain(sentence);
  });

  it('claim var is the lure as written, without trailing separators', () => {
    const findings = run(offerPage('<p>업계 최고 지급 · 당일 입금 · 신용조회 X</p>'));
    expect(findings.find((f) => f.signal === 'instant-deposit')!.vars).toEqual({ claim: '당일 입금' });
  });
});

describe('lures stays silent', () => {
  it('stays silent on a question about legality ("합법인가요?")', () => {
    expect(run(offerPage('<p>Q. 소액결제 현금화 합법인가요?</p>'))).toEqual([]);
  });

  it('stays silent on the same lures on a page that does not offer cash-out', () => {
    const facts = factsFromHtml(snippetPage('<h1>카페 영업 안내</h1><p>24시간 연중무휴 운영합니다. 주차 가능.</p>'));
    expect(run(facts)).toEqual([]);
  });

  it('stays silent on a bank fraud-prevention notice quoting "신용조회 없이 당일 입금"', () => {
    expect(run(factsFromFixture('bank-fraud-notice'))).toEqual([]);
  });

  it.each([...HARD_NEGATIVES])('stays silent on %s', (name) => {
    expect(run(factsFromFixture(name))).toEqual([]);
  });
});

describe('lures on a promotion that is not an operator page', () => {
  it('false-legality counts on an article that claims cash-out is lawful', async () => {
    const { factsFromHtml, snippetPage } = await import('../support/facts.js');
    const facts = factsFromHtml(
      snippetPage(
        '<h1>상품권 현금화, 불법은 아닙니다</h1><p>상품권 현금화는 합법적인 방법으로 자금을 마련하는 수단입니다. 정식으로 등록된 업체를 통하면 걱정할 필요가 없습니다.</p><p>현금화 절차는 상품권 구매, 핀번호 전달, 입금 확인의 세 단계입니다.</p>',
        '',
        '상품권 현금화 합법일까? 알기 쉬운 안내',
      ),
      { url: 'https://old-hobby-club.example/post/17' },
    );
    expect(rule.evaluate(facts).map((f) => f.signal)).toContain('false-legality');
  });
});
