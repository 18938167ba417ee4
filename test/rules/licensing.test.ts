import { describe, expect, it } from 'vitest';
import { rule } from '../../rules/licensing.js';
import {evaluateQuoted, factsFromFixture, factsFromHtml, snippetPage } from '../support/facts.js';
import { businessInfo } from '../../src/analysis/business-info.js';
import type { Facts, RegistryEntry } from '../../src/engine/types.js';

const run = (facts: Facts) => evaluateQuoted(rule, facts);
const signals = (facts: Facts) => run(facts).map((f) => f.signal).sort();
const shopPage = (footer: string) =>
  factsFromHtml(snippetPage('<h1>핸드메이드 비누</h1><p>라벤더 비누 판매가 12,000원</p><button>장바구니 담기</button>', footer));

describe('licensing fires', () => {
  it('missing: a cash-out site with no business information, quoting the footer where it looked', () => {
    const findings = run(factsFromFixture('op-micropayment-95'));
    expect(findings.map((f) => f.signal)).toEqual(['missing']);
    expect(findings[0]!.evidence[0]).toMatchObject({ location: 'footer' });
    expect(findings[0]!.evidence[0]!.excerpt).toContain('PAYMONEY24');
  });

  it('missing: quotes the end of the page when there is no footer', () => {
    const facts = factsFromHtml(
      snippetPage('<h1>정보이용료 현금화</h1><p>최대 90% 당일 입금</p><p>카톡 상담 : cash99</p><p>지금 바로 신청하세요</p>'),
    );
    const findings = run(facts);
    expect(findings.map((f) => f.signal)).toEqual(['missing']);
    expect(findings[0]!.evidence[0]!.location).toContain('no footer');
    expect(findings[0]!.evidence[0]!.excerpt).toContain('지금 바로 신청하세요');
  });

  it('incomplete: names the missing core fields', () => {
    const findings = run(factsFromFixture('op-infofee-kakao'));
    expect(findings.map((f) => f.signal)).toEqual(['incomplete']);
    expect(findings[0]!.vars).toMatchObject({ fields_ko: '주소, 사업자등록번호, 통신판매업 신고번호' });
    expect(String(findings[0]!.vars!.fields_en)).toContain('address');
  });

  it('invalid-business-number: quotes a number that fails the checksum', () => {
    const findings = run(factsFromFixture('op-card-cashout'));
    expect(findings.map((f) => f.signal)).toEqual(['invalid-business-number']);
    expect(findings[0]!.vars).toEqual({ number: '123-45-67890' });
    expect(findings[0]!.evidence[0]!.excerpt).toContain('123-45-67890');
  });

  it('pending and image-only: "사업자정보 준비중" and business info only in an image', () => {
    const facts = factsFromFixture('op-voucher-pending');
    expect(signals(facts)).toEqual(['image-only', 'pending']);
    const imageOnly = run(facts).find((f) => f.signal === 'image-only')!;
    expect(imageOnly.evidence[0]).toMatchObject({ excerpt: '사업자정보', location: 'img[alt] (footer)' });
  });

  it('image-only: recognises biz_info.png in the footer by its file name', () => {
    const facts = shopPage('<img src="/images/biz_info.png"><p>© 비누공방</p>');
    const findings = run(facts);
    expect(findings.map((f) => f.signal)).toEqual(['image-only']);
    expect(findings[0]!.evidence[0]!.excerpt).toContain('biz_info.png');
  });

  it('invalid-business-number fires on a shop too, with 220-81-62518', () => {
    expect(signals(shopPage('상호 : 비누공방 | 대표 : 홍길동 | 사업자등록번호 : 220-81-62518'))).toContain('invalid-business-number');
  });

  it('complete: a new small shop with complete, valid information is a trust signal', () => {
    const findings = run(factsFromFixture('new-small-shop'));
    expect(findings.map((f) => f.signal)).toEqual(['complete']);
    expect(rule.meta.signals.complete!.points).toBeLessThan(0);
    expect(findings[0]!.vars).toEqual({ number: '214-12-34567' });
  });

  it.each(['pg-mobile-checkout', 'voucher-buyback-shop', 'refund-policy', 'carrier-limit-help'])('complete: %s', (name) => {
    expect(signals(factsFromFixture(name))).toEqual(['complete']);
  });

  it('complete with a check digit of 0 (220-81-15940)', () => {
    const facts = shopPage(
      '<p>상호 : (주)북스토리 | 대표이사 : 윤서진 | 주소 : 경기도 파주시 회동길 145 | 전화 : 031-955-1234</p><p>사업자등록번호 : 220-81-15940 | 통신판매업신고 : 제2011-경기파주-0789호</p>',
    );
    expect(signals(facts)).toEqual(['complete']);
  });
});

describe('licensing stays silent', () => {
  it('stays silent on a personal blog without business information', () => {
    expect(run(factsFromFixture('personal-blog'))).toEqual([]);
  });

  it('stays silent on a news article warning about cash-out ads', () => {
    expect(run(factsFromFixture('news-cashout-ads'))).toEqual([]);
  });

  it('stays silent on a police/FSS-style consumer alert', () => {
    expect(run(factsFromFixture('agency-consumer-alert'))).toEqual([]);
  });

  it('gives no trust points to a cash-out offer that shows a (copied) complete footer', () => {
    const facts = factsFromHtml(
      snippetPage(
        '<h1>소액결제 현금화 95% 지급</h1><p>당일 입금 · 카톡 상담 : pay24</p><button>신청하기</button>',
        '<p>상호 : (주)한빛 | 대표이사 : 홍길동 | 주소 : 서울특별시 강남구 테헤란로 1 | 전화 : 02-555-1234</p><p>사업자등록번호 : 220-81-62517 | 통신판매업 신고번호 : 제2020-서울강남-0001호</p>',
      ),
    );
    expect(run(facts)).toEqual([]);
  });

  it('does not count a comment form as collecting data', () => {
    const facts = factsFromHtml(
      snippetPage('<p>오늘의 일기</p><form><input name="author" placeholder="닉네임"><textarea name="comment"></textarea></form>'),
    );
    expect(run(facts)).toEqual([]);
  });
});

describe('licensing with the business registry (an optional fact gathered before the rules)', () => {
  const FOOTER =
    '<p>상호 : (주)한빛 | 대표이사 : 홍길동 | 주소 : 서울특별시 강남구 테헤란로 1 | 전화 : 02-555-1234</p><p>사업자등록번호 : 220-81-62517 | 통신판매업 신고번호 : 제2020-서울강남-0001호</p>';
  const withRegistry = (facts: Facts, status: RegistryEntry['status'], label = ''): Facts => ({
    ...facts,
    registry: new Map([['2208162517', { status, label, closedOn: null }]]),
  });

  it('registry-closed: a closed number takes the place of the trust signal, quoting the number', () => {
    const findings = run(withRegistry(shopPage(FOOTER), 'closed', '폐업자'));
    expect(findings.map((f) => f.signal)).toEqual(['registry-closed']);
    expect(findings[0]!.vars).toEqual({ number: '220-81-62517', status_en: 'closed', label: '폐업자' });
    expect(findings[0]!.evidence[0]!.excerpt).toContain('220-81-62517');
    expect(rule.meta.signals['registry-closed']!.points).toBeGreaterThan(0);
  });

  it('registry-closed: a suspended (휴업) number, with the Korean word when the registry gave none', () => {
    const findings = run(withRegistry(shopPage(FOOTER), 'suspended'));
    expect(findings.map((f) => f.signal)).toEqual(['registry-closed']);
    expect(findings[0]!.vars).toMatchObject({ status_en: 'suspended', label: '휴업자' });
  });

  it('registry-closed on a cash-out offer with a copied complete footer', () => {
    const facts = factsFromHtml(
      snippetPage('<h1>소액결제 현금화 95% 지급</h1><p>당일 입금 · 카톡 상담 : pay24</p><button>신청하기</button>', FOOTER),
    );
    expect(signals(withRegistry(facts, 'closed', '폐업자'))).toEqual(['registry-closed']);
  });

  it.each(['active', 'unknown'] as const)('nothing extra for an %s number: complete stays complete', (status) => {
    expect(signals(withRegistry(shopPage(FOOTER), status))).toEqual(['complete']);
  });

  it('no registry fact (provider off or failed): as before', () => {
    expect(signals({ ...shopPage(FOOTER), registry: null })).toEqual(['complete']);
  });

  it('stays silent on a warning article even when a number it quotes is closed', () => {
    const facts = factsFromFixture('news-cashout-ads');
    const numbers = businessInfo(facts.page!).businessNumbers.map((n) => n.digits);
    const registry = new Map(
      [...numbers, '2208162517'].map((n) => [n, { status: 'closed' as const, label: '폐업자', closedOn: null }]),
    );
    expect(run({ ...facts, registry })).toEqual([]);
  });
});
