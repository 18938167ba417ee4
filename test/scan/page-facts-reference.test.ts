import { describe, expect, it } from 'vitest';
import { extractPageFacts } from '../../src/scan/page-facts.js';
import { adversarialPages, realisticPage } from '../bench/pages.js';
import { seededRandom } from '../support/prng.js';
import { extractPageFacts as reference } from './page-facts-reference.js';

const URL_ = 'https://baro-cash.example/a/b?c=1';

describe('extractPageFacts against the stock-Parser implementation (page-facts-reference.ts)', () => {
  it('reads the bench pages the same', () => {
    for (const html of [realisticPage(80 * 1024), ...Object.values(adversarialPages(30 * 1024))]) {
      expect(extractPageFacts(html, URL_)).toEqual(reference(html, URL_));
    }
  });

  it('reads random tag soup with forms, labels, links and footers the same', () => {
    const r = seededRandom(9);
    const pieces = [
      '<form action="/apply" method=POST>', '</form>', '<label for="tel">', '<label>', '</label>', '<input id="tel" name="phone" placeholder="휴대폰 번호">',
      '<input type=radio name=agree>', '<input type=submit value="신청">', '<input type=hidden name=csrf>', '<select name=t>', '</select>',
      '<option>', '</option>', '<textarea placeholder="문의">', '</textarea>', '<a href="/x y?q=\'1\'">', '<a href="../up/./x">', '<a href=/board/1>',
      '<a>', '</a>', '<img src="/i.png" alt="사업자정보" title="정보">', '<div class="footer-info">', '<div id="ft" class="x">', '</div>', '<footer>',
      '</footer>', '<p>', '</p>', '<h1>', '</h1>', '<button title="카톡 상담">', '</button>', '<script>', '</script>', '<title>', '</title>',
      '<meta name="description" content="소액 결제">', '<html lang="ko">', '<br>', '<li>', '<ul>', '</ul>', '<span title="t">', '</span>',
      '<svg>', '</svg>', '<noscript>', '</noscript>', '현.금.화 ', '정 보 이 용 료 ', ' ㅋr톡 ', '10o만원 ', '&amp; ', '\n  ', 'text ', '\u200b',
    ];
    for (let n = 0; n < 400; n++) {
      const html = Array.from({ length: 60 }, () => pieces[Math.floor(r() * pieces.length)]).join('');
      expect(extractPageFacts(html, URL_), html).toEqual(reference(html, URL_));
    }
  });

  it('reads option, placeholder and field texts repeated over many forms the same (each is normalised once a page)', () => {
    const r = seededRandom(11);
    const texts = ['SKT', ' KT ', 'LG U+', '\n  알뜰  폰 ', '인증번호', '현 금 화', '정.보.이.용.료', 'ㅋr톡'];
    const pick = () => texts[Math.floor(r() * texts.length)]!;
    for (let n = 0; n < 50; n++) {
      const form = () =>
        `<form action="/a"><input name="${pick().trim()}" placeholder="${pick()}"><select name="c">${Array.from({ length: 3 }, () => `<option>${pick()}`).join('')}</select>` +
        `<label><input type=radio name=r>${pick()}</label><textarea placeholder="${pick()}"></textarea></form>`;
      const html = Array.from({ length: 12 }, form).join('');
      expect(extractPageFacts(html, URL_), html).toEqual(reference(html, URL_));
    }
  });
});
