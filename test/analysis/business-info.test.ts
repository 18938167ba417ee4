import { describe, expect, it } from 'vitest';
import { businessInfo, businessNumberKind, isValidBusinessNumber } from '../../src/analysis/business-info.js';
import { factsFromFixture, factsFromHtml, snippetPage } from '../support/facts.js';

const pageOf = (html: string) => factsFromHtml(html).page!;
const footerPage = (footer: string, body = '<p>본문</p>') => pageOf(snippetPage(body, footer));

describe('isValidBusinessNumber', () => {
  it.each(['220-81-62517', '120-81-47521', '116-82-00276', '134-86-72683'])('accepts the published number %s', (n) => {
    expect(isValidBusinessNumber(n)).toBe(true);
  });

  it('accepts a check digit of 0 (220-81-15940), which (10 - S mod 10) without the final mod 10 rejects', () => {
    expect(isValidBusinessNumber('2208115940')).toBe(true);
  });

  it.each(['123-45-67890', '220-81-62518', '220-81-15941', '120-81-47520'])('rejects %s', (n) => {
    expect(isValidBusinessNumber(n)).toBe(false);
  });

  it('rejects wrong lengths', () => {
    expect(isValidBusinessNumber('220-81-6251')).toBe(false);
    expect(isValidBusinessNumber('')).toBe(false);
  });
});

describe('businessNumberKind', () => {
  it('reads the middle two digits', () => {
    expect(businessNumberKind('220-81-62517')).toBe('corporation');
    expect(businessNumberKind('134-86-72683')).toBe('corporation');
    expect(businessNumberKind('116-82-00276')).toBe('non-profit');
    expect(businessNumberKind('214-12-34567')).toBe('individual');
    expect(businessNumberKind('214-80-00000')).toBe('individual-other');
    expect(businessNumberKind('214-83-00000')).toBe('government');
    expect(businessNumberKind('214-85-00000')).toBe('corporate-branch');
    expect(businessNumberKind('214-95-00000')).toBe('individual-tax-exempt');
  });
});

describe('businessInfo on fixture pages', () => {
  it('finds complete, valid information in a payment gateway footer', () => {
    const info = businessInfo(factsFromFixture('pg-mobile-checkout').page!);
    expect(info.complete).toBe(true);
    expect(info.missing).toEqual([]);
    expect(info.businessNumbers[0]).toMatchObject({ raw: '120-81-47521', valid: true, kind: 'corporation' });
    expect(info.present).toEqual(expect.arrayContaining(['name', 'representative', 'address', 'phone', 'mailOrderNumber', 'privacyOfficer', 'terms']));
    expect(info.fields.businessNumber?.excerpt).toContain('120-81-47521');
  });

  it('finds the FTC business-information link and the hosting provider of a buy-back shop', () => {
    const info = businessInfo(factsFromFixture('voucher-buyback-shop').page!);
    expect(info.complete).toBe(true);
    expect(info.fields.ftcLink?.location).toContain('bizCommPop');
    expect(info.fields.hosting?.excerpt).toContain('카페24');
  });

  it.each(['사업자정보확인', '사업자 정보 조회', '사 업 자\n정보\t확 인'])('finds the FTC link by its text "%s", white space anywhere in it', (text) => {
    const info = businessInfo(footerPage(`<a href="/biz">${text}</a>`));
    expect(info.fields.ftcLink).toMatchObject({ excerpt: text.replace(/\s+/g, ' ') });
  });

  it('finds no FTC link in other text', () => {
    expect(businessInfo(footerPage('<a href="/biz">사업자 정보</a><a href="/x">정보 확인</a>')).fields.ftcLink).toBeUndefined();
  });

  it('finds an e-mail in the body, and none on a page of digit and % runs', () => {
    expect(businessInfo(pageOf(snippetPage('<p>문의: help.desk@dongne.co.kr 로 보내주세요</p>', '<p>상호: 동네</p>'))).fields.email?.excerpt).toContain('help.desk@dongne.co.kr');
    expect(businessInfo(pageOf(snippetPage(`<p>${'1234567890%9o9o9o%0000 95%'.repeat(2000)}</p>`, ''))).fields.email).toBeUndefined();
  });

  it('flags a number that fails the checksum and keeps the information incomplete', () => {
    const info = businessInfo(factsFromFixture('op-card-cashout').page!);
    expect(info.invalidNumbers.map((n) => n.raw)).toEqual(['123-45-67890']);
    expect(info.complete).toBe(false);
    expect(info.missing).toContain('businessNumber');
  });

  it('finds "준비중" placeholders and business info given only as an image', () => {
    const info = businessInfo(factsFromFixture('op-voucher-pending').page!);
    expect(info.pending.map((p) => p.field).sort()).toEqual(['businessInfo', 'mailOrderNumber']);
    expect(info.imageOnly[0]).toMatchObject({ excerpt: '사업자정보', location: 'img[alt] (footer)' });
    expect(info.complete).toBe(false);
  });

  it('reports every core field missing on an operator page and quotes the footer where it looked', () => {
    const info = businessInfo(factsFromFixture('op-micropayment-95').page!);
    expect(info.missing).toEqual(['name', 'representative', 'address', 'phone', 'businessNumber', 'registration']);
    expect(info.searched.location).toBe('footer');
    expect(info.searched.excerpt).toContain('PAYMONEY24');
  });

  it('memoises per page object', () => {
    const page = factsFromFixture('refund-policy').page!;
    expect(businessInfo(page)).toBe(businessInfo(page));
  });
});

describe('businessInfo on snippets', () => {
  it('reads a number without dashes, or with spaces, after its label', () => {
    expect(businessInfo(footerPage('사업자번호 2208162517')).businessNumbers[0]).toMatchObject({ digits: '2208162517', valid: true });
    expect(businessInfo(footerPage('사업자등록번호: 220 81 62517')).businessNumbers[0]).toMatchObject({ digits: '2208162517', valid: true });
  });

  it('does not read a bare 10-digit run without a label as a business number', () => {
    expect(businessInfo(footerPage('주문번호 2208162517')).businessNumbers).toEqual([]);
  });

  it.each([
    ['통신판매업 신고번호 : 제2023-서울강남-01234호'],
    ['통신판매업 신고 : 제 강남구청 126호'],
    ['통신판매업신고: 2021-서울마포-1234'],
    ['통신판매업 신고번호 제 2019-경기성남-0012 호'],
    ['통신판매업 신고번호 : 제2025-성남분당A-1432호'],
  ])('reads the mail-order number leniently: %s', (text) => {
    expect(businessInfo(footerPage(text)).fields.mailOrderNumber).toBeDefined();
  });

  it('treats "신고 진행중" as pending, not as a number', () => {
    const info = businessInfo(footerPage('통신판매업 신고번호 : 신고 진행중'));
    expect(info.fields.mailOrderNumber).toBeUndefined();
    expect(info.pending[0]?.field).toBe('mailOrderNumber');
  });

  it('tells phone kinds apart, noting 0507 virtual numbers', () => {
    const info = businessInfo(footerPage('고객센터 0507-1234-5678 | 대표번호 1588-1234 | 02-555-1234 | 010-1234-5678'));
    expect(info.phones.map((p) => p.kind)).toEqual(['virtual', 'representative', 'landline', 'mobile']);
  });

  it('does not take "대표번호" or "대표적인" for a representative', () => {
    expect(businessInfo(footerPage('대표번호 1588-1234')).fields.representative).toBeUndefined();
    expect(businessInfo(pageOf(snippetPage('<p>대표적인 수법은 다음과 같다</p>'))).fields.representative).toBeUndefined();
  });

  it('finds a lender registration number', () => {
    const info = businessInfo(footerPage('대부중개업 등록번호 : 2023-서울강남-0012 | 상호 : 한빛대부'));
    expect(info.fields.lenderNumber?.excerpt).toContain('2023-서울강남-0012');
  });

  it('falls back to the whole page when there is no footer, and says where it looked', () => {
    const info = businessInfo(
      pageOf(snippetPage('<div><p>상품 소개</p><p>상호: 한빛상회 대표: 홍길동 사업자등록번호: 220-81-62517</p></div>')),
    );
    expect(info.hasFooter).toBe(false);
    expect(info.businessNumbers[0]?.valid).toBe(true);
    expect(info.fields.name).toBeDefined();
    expect(info.searched.location).toContain('no footer');
  });

  it('counts a complete footer as complete', () => {
    const info = businessInfo(
      footerPage(
        '<p>상호 : (주)한빛 | 대표이사 : 홍길동 | 주소 : 서울특별시 강남구 테헤란로 1 | 전화 : 02-555-1234</p><p>사업자등록번호 : 220-81-15940 | 통신판매업 신고번호 : 제2020-서울강남-0001호</p>',
      ),
    );
    expect(info.complete).toBe(true);
  });
});
