import { describe, expect, it } from 'vitest';
import { rule } from '../../rules/identity-capture.js';
import {HARD_NEGATIVES, evaluateQuoted, factsFromFixture, factsFromHtml, snippetPage } from '../support/facts.js';
import type { Facts } from '../../src/engine/types.js';

const run = (facts: Facts) => evaluateQuoted(rule, facts);
const signals = (facts: Facts) => run(facts).map((f) => f.signal).sort();
const OFFER = '<h1>소액결제 현금화 95% 지급</h1><p>24시간 당일 입금 · 카톡 상담 : pay24</p><button>신청하기</button>';
const offerPage = (html: string) => factsFromHtml(snippetPage(`${OFFER}${html}`));
const COMPLETE_FOOTER =
  '<p>상호 : (주)다온페이먼츠 | 대표이사 : 한상훈 | 주소 : 서울특별시 구로구 디지털로 300 | 고객센터 : 1600-2350</p><p>사업자등록번호 : 120-81-47521 | 통신판매업 신고번호 : 제2015-서울구로-0123호</p>';

describe('identity-capture fires', () => {
  it('identity-capture: a Telegram operator asking for 신분증 사진, 등본, 통장 비밀번호, OTP (text and form)', () => {
    const findings = run(factsFromFixture('op-identity-telegram'));
    expect(findings.map((f) => f.signal)).toEqual(['identity-capture']);
    expect(findings[0]!.vars).toEqual({ items: '통장 비밀번호, OTP·보안카드, 신분증 사진, 주민등록번호' });
    const excerpts = findings[0]!.evidence.map((e) => e.excerpt);
    expect(excerpts.some((e) => e.includes('통장 비밀번호와 OTP 번호도 텔레그램으로 보내주셔야'))).toBe(true);
    expect(findings[0]!.evidence.some((e) => e.source === 'form' && e.excerpt === '계좌 비밀번호 (4자리)')).toBe(true);
  });

  it('identity-capture: an ID-card file input together with a 주민번호 뒷자리 field', () => {
    const form =
      '<form><label for="a">신분증</label><input id="a" type="file" name="upload1"><label for="b">주민등록번호 뒷자리</label><input id="b" name="jumin2" type="password"></form>';
    const findings = run(offerPage(form));
    expect(findings.map((f) => f.signal)).toEqual(['identity-capture']);
    expect(findings[0]!.evidence.map((e) => e.source)).toEqual(['form', 'form']);
  });

  it('identity-capture: a secret alone (공동인증서 비밀번호) is enough on a cash-out page', () => {
    expect(signals(offerPage('<p>진행을 위해 공동인증서 비밀번호를 카톡으로 알려주세요.</p>'))).toEqual(['identity-capture']);
  });

  it('identity-capture: banking secrets asked for by text even without cash-out words (unlicensed page)', () => {
    const facts = factsFromHtml(snippetPage('<h1>정부지원 긴급 생활자금</h1><p>승인 후 보안카드 번호 전체를 사진으로 찍어 보내주세요.</p>'));
    expect(signals(facts)).toEqual(['identity-capture']);
  });

  it('identity-item: a single ID-card photo request on a cash-out page', () => {
    const findings = run(offerPage('<p>첫 거래 시 신분증 사진을 카톡으로 보내주세요.</p>'));
    expect(findings.map((f) => f.signal)).toEqual(['identity-item']);
    expect(findings[0]!.vars).toEqual({ items: '신분증 사진' });
  });

  it('identity-item with spaced-out filter evasion (신 분 증 사 진)', () => {
    expect(signals(offerPage('<p>신 분 증 사 진 보내주시면 바로 진행</p>'))).toEqual(['identity-item']);
  });
});

describe('identity-capture stays silent', () => {
  it('stays silent on a bank fraud-prevention notice (never asks for 통장 비밀번호/OTP/신분증)', () => {
    expect(run(factsFromFixture('bank-fraud-notice'))).toEqual([]);
  });

  it('stays silent on the bank notice sentences even inside a cash-out page', () => {
    const html =
      '<p>당행은 어떠한 경우에도 통장 비밀번호, OTP 번호, 보안카드 번호 전체를 요구하지 않습니다.</p><p>신분증 사진을 요구하면 사기입니다.</p><p>공동인증서 비밀번호를 절대 알려주지 마세요.</p>';
    expect(run(offerPage(html))).toEqual([]);
  });

  it.each(['신분증 필요 없음, 무서류 진행', '서류 없이 진행 (신분증 사본 X)', '통장 비밀번호 입력 없이 바로 진행'])(
    'stays silent on the no-documents lure "%s"',
    (sentence) => {
      expect(run(offerPage(`<p>${sentence}</p>`))).toEqual([]);
    },
  );

  it('stays silent on a victim recounting the request', () => {
    const facts = factsFromHtml(snippetPage('<p>소액결제 현금화 업체가 통장 비밀번호를 보내달라고 했다. 이상해서 차단했다.</p>'));
    expect(run(facts)).toEqual([]);
  });

  it('stays silent on the card form with CVC and 주민번호 뒷자리 (scored by carrier-auth-code)', () => {
    expect(run(factsFromFixture('op-card-cashout'))).toEqual([]);
  });

  it('stays silent on a job ad asking for 등본 and 신분증 사본 (no cash-out, no banking secret)', () => {
    const facts = factsFromHtml(snippetPage('<h1>물류센터 단기 알바 모집</h1><p>첫 출근 시 주민등록등본 1통과 신분증 사본을 제출해 주세요.</p>'));
    expect(run(facts)).toEqual([]);
  });

  it('stays silent on a licensed page with complete business information and no offer', () => {
    const facts = factsFromHtml(snippetPage('<h1>비대면 계좌 개설</h1><p>신분증 촬영 후 본인 명의 계좌로 인증해 주세요.</p>', COMPLETE_FOOTER));
    expect(run(facts)).toEqual([]);
  });

  it.each([...HARD_NEGATIVES])('stays silent on %s', (name) => {
    expect(run(factsFromFixture(name))).toEqual([]);
  });
});
