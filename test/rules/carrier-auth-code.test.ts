import { describe, expect, it } from 'vitest';
import { rule } from '../../rules/carrier-auth-code.js';
import {evaluateQuoted, factsFromFixture, factsFromHtml, snippetPage } from '../support/facts.js';
import type { Facts } from '../../src/engine/types.js';

const run = (facts: Facts) => evaluateQuoted(rule, facts);
const signals = (facts: Facts) => run(facts).map((f) => f.signal).sort();
const OFFER = '<h1>소액결제 현금화 95% 지급</h1><p>24시간 당일 입금 · 카톡 상담 : pay24</p><button>신청하기</button>';
const COMPLETE_FOOTER =
  '<p>상호 : (주)다온페이먼츠 | 대표이사 : 한상훈 | 주소 : 서울특별시 구로구 디지털로 300 | 고객센터 : 1600-2350</p><p>사업자등록번호 : 120-81-47521 | 통신판매업 신고번호 : 제2015-서울구로-0123호</p>';
const AUTH_FORM =
  '<form><label for="p">휴대폰 번호</label><input id="p" type="tel" name="phone"><select name="telecom"><option>SKT</option><option>KT</option><option>LG U+</option></select><label for="c">인증번호</label><input id="c" name="auth_code"><button>인증번호 요청</button></form>';

describe('carrier-auth-code fires', () => {
  it('auth-code-form: an 인증번호 form with phone and carrier choice on a cash-out page', () => {
    const findings = run(factsFromFixture('op-micropayment-95'));
    expect(findings.map((f) => f.signal)).toEqual(['auth-code-form']);
    expect(findings[0]!.vars).toEqual({ fields: '인증번호, 휴대폰 번호, 통신사' });
    expect(findings[0]!.evidence.map((e) => e.source)).toContain('form');
  });

  it('code-by-messenger: asks to send the code by KakaoTalk (and does not count the sentence twice)', () => {
    const findings = run(factsFromFixture('op-infofee-kakao'));
    expect(findings.map((f) => f.signal)).toEqual(['code-by-messenger']);
    expect(findings[0]!.evidence[0]!.excerpt).toContain('인증번호를 카톡으로 보내주시면');
  });

  it('code-by-messenger even without cash-out words on the page', () => {
    const facts = factsFromHtml(snippetPage('<p>결제 완료 후 받은 인증번호를 텔레그램으로 전달해 주세요.</p>'));
    expect(signals(facts)).toEqual(['code-by-messenger']);
  });

  it('code-by-messenger with obfuscated ㅋr톡', () => {
    const facts = factsFromHtml(snippetPage(`${OFFER}<p>문자로 온 승인번호 ㅋr톡으로 보내주세요</p>`));
    expect(signals(facts)).toContain('code-by-messenger');
  });

  it('payment-password and resident-number: card cash-out form with CVC, 결제 비밀번호, 주민등록번호 뒷자리', () => {
    const facts = factsFromFixture('op-card-cashout');
    expect(signals(facts)).toEqual(['payment-password', 'resident-number']);
    const password = run(facts).find((f) => f.signal === 'payment-password')!;
    expect(password.vars).toEqual({ fields: 'CVC, 결제 비밀번호' });
  });

  it('ars-pass-approval: "PASS 인증 대행" on a voucher cash-out site', () => {
    const findings = run(factsFromFixture('op-voucher-pending'));
    expect(findings.map((f) => f.signal)).toEqual(['ars-pass-approval']);
    expect(findings[0]!.evidence[0]!.excerpt).toContain('PASS 인증은 상담원이 대행');
  });

  it('ars-pass-approval: a PASS screen capture request, even outside a cash-out page', () => {
    const facts = factsFromHtml(snippetPage('<p>PASS 앱 승인 화면을 캡처해서 보내주시면 처리해 드립니다.</p>'));
    expect(signals(facts)).toEqual(['ars-pass-approval']);
  });

  it('ars-pass-approval: ARS 인증 on a cash-out page', () => {
    const facts = factsFromHtml(snippetPage(`${OFFER}<p>ARS 인증 전화가 오면 안내에 따라 진행해 주세요.</p>`));
    expect(signals(facts)).toEqual(['ars-pass-approval']);
  });

  it('auth-code-form from text alone on a cash-out page', () => {
    const findings = run(factsFromHtml(snippetPage(`${OFFER}<p>휴대폰으로 전송된 인증번호 입력 후 5분 이내 입금</p>`)));
    expect(findings.map((f) => f.signal)).toEqual(['auth-code-form']);
    expect(findings[0]!.vars).toEqual({ fields: '인증번호 입력' });
  });

  it('auth-code-form on a cash-out page even with a complete (copied) footer', () => {
    expect(signals(factsFromHtml(snippetPage(`${OFFER}${AUTH_FORM}`, COMPLETE_FOOTER)))).toEqual(['auth-code-form']);
  });
});

describe('carrier-auth-code stays silent', () => {
  it('stays silent on a news article warning about cash-out ads (quotes 인증번호 and 카톡)', () => {
    expect(run(factsFromFixture('news-cashout-ads'))).toEqual([]);
  });

  it('stays silent on a police/FSS-style consumer alert', () => {
    expect(run(factsFromFixture('agency-consumer-alert'))).toEqual([]);
  });

  it('stays silent on a carrier help page for 소액결제 한도/차단 with an 인증번호 form', () => {
    expect(run(factsFromFixture('carrier-limit-help'))).toEqual([]);
  });

  it('stays silent on a payment gateway 휴대폰 결제 window (carrier, phone, 주민번호 앞자리, 인증번호)', () => {
    expect(run(factsFromFixture('pg-mobile-checkout'))).toEqual([]);
  });

  it('stays silent on the same auth form with complete business info and no cash-out content', () => {
    expect(run(factsFromHtml(snippetPage(`<h1>휴대폰 결제</h1><p>결제금액 11,000원</p>${AUTH_FORM}`, COMPLETE_FOOTER)))).toEqual([]);
  });

  it('stays silent on text telling users never to send the code by messenger', () => {
    const facts = factsFromHtml(snippetPage('<p>인증번호를 카톡으로 보내지 마세요.</p><p>절대 인증번호를 문자로 알려주지 마세요.</p>'));
    expect(run(facts)).toEqual([]);
  });

  it('stays silent on a personal blog recounting how a broker asked for the code', () => {
    const facts = factsFromHtml(
      snippetPage('<p>소액결제 현금화 업체에 연락했더니 인증번호를 카톡으로 보내달라고 했다. 이상해서 그냥 차단했다.</p>'),
    );
    expect(run(facts)).toEqual([]);
  });

  it.each(['voucher-buyback-shop', 'refund-policy', 'new-small-shop', 'personal-blog'])('stays silent on %s', (name) => {
    expect(run(factsFromFixture(name))).toEqual([]);
  });
});
