import { describe, expect, it } from 'vitest';
import { rule } from '../../rules/messenger-contact.js';
import { HARD_NEGATIVES, evaluateQuoted, factsFromFixture, factsFromHtml, snippetPage } from '../support/facts.js';
import type { Facts } from '../../src/engine/types.js';

const run = (facts: Facts) => evaluateQuoted(rule, facts);
const signals = (facts: Facts) => run(facts).map((f) => f.signal).sort();
const OFFER = '<h1>소액결제 현금화 95% 지급</h1><p>24시간 당일 입금 · 신용조회 없음</p><button>신청하기</button>';
const offerPage = (html: string, footer = '') => factsFromHtml(snippetPage(`${OFFER}${html}`, footer));

describe('messenger-contact fires', () => {
  it('messenger-only: KakaoTalk ID and open chat, no phone, no address', () => {
    const findings = run(factsFromFixture('op-micropayment-95'));
    expect(findings.map((f) => f.signal)).toEqual(['messenger-only']);
    expect(findings[0]!.vars).toEqual({ contacts: 'KakaoTalk paymoney24, open chat https://open.kakao.com/o/sPay2424' });
    expect(findings[0]!.evidence.map((e) => e.excerpt)).toContain('https://open.kakao.com/o/sPay2424');
  });

  it('messenger-only: a mobile number in the footer is not a business line (ㅋr톡 and Telegram)', () => {
    const findings = run(factsFromFixture('op-infofee-kakao'));
    expect(findings.map((f) => f.signal)).toEqual(['messenger-only']);
    expect(findings[0]!.vars).toEqual({ contacts: 'KakaoTalk cashtalk77, Telegram @cashtalk_kr, https://t.me/cashtalk_kr' });
    expect(findings[0]!.evidence.some((e) => e.excerpt.includes('010-2938-4471'))).toBe(true);
  });

  it('messenger-only: a 0507 virtual number is not a business line', () => {
    expect(signals(factsFromFixture('op-remote-anydesk'))).toEqual(['messenger-only']);
  });

  it('messenger-only: obfuscated IDs come out clean (◈za32◈, ［KaKaotalk:za32］, 【cash5959】, 탤ㄹH)', () => {
    const findings = run(factsFromFixture('op-openchat-obfuscated'));
    expect(findings.map((f) => f.signal)).toEqual(['messenger-only']);
    expect(findings[0]!.vars).toEqual({
      contacts: 'KakaoTalk za32, KakaoTalk cash5959, open chat https://open.kakao.com/o/sZa32Cash, Telegram @za32cash',
    });
  });

  it('messenger-only: Telegram only (t.me link and handle)', () => {
    const findings = run(factsFromFixture('op-identity-telegram'));
    expect(findings.map((f) => f.signal)).toEqual(['messenger-only']);
    expect(findings[0]!.evidence.map((e) => e.excerpt)).toContain('https://t.me/naegu_bridge');
  });

  it('messenger-only: a Kakao channel link, a LINE ID and a WeChat ID count as messengers', () => {
    const findings = run(offerPage('<p><a href="https://pf.kakao.com/_xAbCd">카카오톡 채널 추가</a> · 라인 ID : cashline · 위챗 : wxcash88</p>'));
    expect(findings.map((f) => f.signal)).toEqual(['messenger-only']);
    expect(findings[0]!.vars).toEqual({ contacts: 'LINE cashline, WeChat wxcash88, https://pf.kakao.com/_xAbCd' });
  });

  it('messenger-only: "카톡 친구추가" without an ID in the text (the ID is in an image)', () => {
    const findings = run(offerPage('<p>카톡 친구추가 후 상담해 주세요 <img src="/kakao_id.png" alt=""></p>'));
    expect(findings.map((f) => f.signal)).toEqual(['messenger-only']);
  });

  it('messenger-contact: KakaoTalk ID with a representative number and an address', () => {
    const findings = run(factsFromFixture('op-deposit-repay'));
    expect(findings.map((f) => f.signal)).toEqual(['messenger-contact']);
    expect(findings[0]!.vars).toEqual({ contacts: 'KakaoTalk smartticket24' });
  });

  it('messenger-only on a board-spam ad: the host company\'s phone and address are not the broker\'s', () => {
    const findings = run(factsFromFixture('promo-machinery-qna'));
    expect(findings.map((f) => f.signal)).toEqual(['messenger-only']);
    expect(findings[0]!.vars!.contacts).toBe('KakaoTalk kk5959, Telegram @kk5959');
  });
});

describe('messenger-contact stays silent', () => {
  it('stays silent on a cash-out page without messenger contacts', () => {
    expect(run(factsFromFixture('op-card-cashout'))).toEqual([]);
  });

  it('stays silent on a shop with a KakaoTalk channel and no cash-out', () => {
    const facts = factsFromHtml(snippetPage('<h1>수제 케이크 주문</h1><p>주문 문의는 카톡 ID : cakehouse 로 주세요.</p>'));
    expect(run(facts)).toEqual([]);
  });

  it.each([...HARD_NEGATIVES])('stays silent on %s', (name) => {
    expect(run(factsFromFixture(name))).toEqual([]);
  });
});
