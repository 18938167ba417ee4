import { describe, expect, it } from 'vitest';
import { selectLinkedPages } from '../../src/scan/linked-pages.js';
import { extractPageFacts } from '../../src/scan/page-facts.js';

const home = (links: string) => extractPageFacts(`<html><body><nav>${links}</nav></body></html>`, 'https://cash-now.top/');

describe('selectLinkedPages', () => {
  it('picks same-site pages that lead to an application form, best first', () => {
    const page = home(`
      <a href="/about">회사소개</a>
      <a href="/apply">현금화 신청</a>
      <a href="/%EC%8B%A0%EC%B2%AD">바로 신청하기</a>
      <a href="https://cash-now.top/guide/step1">이용안내</a>
      <a href="https://www.cash-now.top/consult">카톡 상담</a>`);
    expect(selectLinkedPages(page)).toEqual([
      'https://cash-now.top/apply',
      'https://cash-now.top/%EC%8B%A0%EC%B2%AD',
      'https://www.cash-now.top/consult',
    ]);
  });

  it('never leaves the registrable domain, and skips assets, mail, fragments and the page itself', () => {
    const page = home(`
      <a href="https://other-site.top/apply">신청</a>
      <a href="https://t.me/cashnow">텔레그램 상담</a>
      <a href="mailto:a@cash-now.top">문의</a>
      <a href="/apply.pdf">신청서 다운로드</a>
      <a href="#apply">신청</a>
      <a href="/">신청</a>`);
    expect(selectLinkedPages(page)).toEqual([]);
  });

  it('fetches at most three', () => {
    const page = home(['a', 'b', 'c', 'd', 'e'].map((x) => `<a href="/apply-${x}">신청 ${x}</a>`).join(''));
    expect(selectLinkedPages(page)).toHaveLength(3);
  });
});
