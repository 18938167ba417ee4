import { describe, expect, it } from 'vitest';
import { rule } from '../../rules/advance-fee.js';
import {HARD_NEGATIVES, evaluateQuoted, factsFromFixture, factsFromHtml, snippetPage } from '../support/facts.js';
import type { Facts } from '../../src/engine/types.js';

const run = (facts: Facts) => evaluateQuoted(rule, facts);
const signals = (facts: Facts) => run(facts).map((f) => f.signal).sort();
const OFFER = '<h1>소액결제 현금화 95% 지급</h1><p>24시간 당일 입금 · 카톡 상담 : pay24</p><button>신청하기</button>';
const offerPage = (html: string) => factsFromHtml(snippetPage(`${OFFER}${html}`));

describe('advance-fee fires', () => {
  it('upfront-fee and repay-to-release: a site demanding a 보증금 and a 재결제 to release the payout', () => {
    const findings = run(factsFromFixture('op-deposit-repay'));
    expect(findings.map((f) => f.signal)).toEqual(['upfront-fee', 'repay-to-release']);
    expect(findings[0]!.vars).toEqual({ claim: '본인 확인 보증금 5만원을 먼저 입금' });
    expect(findings[0]!.evidence.map((e) => e.excerpt).join('\n')).toContain('인증 수수료 3만원이 선결제로 발생합니다');
    expect(findings[1]!.vars!.claim).toContain('출금 해제를 위해');
    expect(findings[1]!.evidence.map((e) => e.excerpt).join('\n')).toContain('한도 해제 수수료 10만원');
  });

  it.each([
    '진행 전 선입금 20만원 송금해 주셔야 합니다.',
    '수수료를 먼저 입금하시면 바로 진행해 드립니다.',
    '신규 고객은 보증금 10만원이 필요합니다.',
  ])('upfront-fee: "%s"', (sentence) => {
    expect(signals(offerPage(`<p>${sentence}</p>`))).toEqual(['upfront-fee']);
  });

  it.each([
    '재입금 하시면 전액 환급해 드립니다.',
    '계좌 정지 해제를 위해 추가 입금이 필요합니다.',
    '승인 오류로 동결 해제 비용 30만원을 보내주셔야 출금됩니다.',
  ])('repay-to-release: "%s"', (sentence) => {
    expect(signals(offerPage(`<p>${sentence}</p>`))).toEqual(['repay-to-release']);
  });

  it('repay-to-release even on an unlicensed page without cash-out words', () => {
    const facts = factsFromHtml(snippetPage('<p>출금 해제를 위해 결제 금액만큼 재결제해 주시면 전액 입금됩니다.</p>'));
    expect(signals(facts)).toEqual(['repay-to-release']);
  });
});

describe('advance-fee stays silent', () => {
  it('stays silent on a bank fraud-prevention notice (보증금·선입금·재입금 요구는 사기)', () => {
    expect(run(factsFromFixture('bank-fraud-notice'))).toEqual([]);
  });

  it.each(['선입금 절대 없습니다.', '보증금 X, 선입금 요구 안 함!', '선입금 없이 결제 확인 후 바로 입금', '선입금을 요구하는 업체는 100% 사기입니다.'])(
    'stays silent on the claim "%s" on a cash-out page',
    (sentence) => {
      expect(run(offerPage(`<p>${sentence}</p>`))).toEqual([]);
    },
  );

  it('stays silent on the Telegram operator that says "선입금 절대 없습니다"', () => {
    expect(run(factsFromFixture('op-identity-telegram'))).toEqual([]);
  });

  it('stays silent on a pension booking page (예약금, 보증금 반환) without cash-out', () => {
    const facts = factsFromHtml(
      snippetPage('<h1>예약 안내</h1><p>예약금 30%를 입금하시면 예약이 확정됩니다. 바비큐 그릴 보증금 1만원은 퇴실 시 반환해 드립니다.</p><p>취소 시 수수료를 공제하고 반환합니다.</p>'),
    );
    expect(run(facts)).toEqual([]);
  });

  it('stays silent on a rental shop deposit on an unlicensed page', () => {
    const facts = factsFromHtml(snippetPage('<h1>캠핑 장비 대여</h1><p>대여 시 보증금 5만원을 입금해 주셔야 합니다.</p>'));
    expect(run(facts)).toEqual([]);
  });

  it.each([...HARD_NEGATIVES])('stays silent on %s', (name) => {
    expect(run(factsFromFixture(name))).toEqual([]);
  });
});
