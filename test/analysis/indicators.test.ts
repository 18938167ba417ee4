import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractIndicators, indicatorHits } from '../../src/analysis/indicators.js';
import { factsFromFixture, factsFromHtml, snippetPage } from '../support/facts.js';

const pageOf = (body: string, footer = '') => factsFromHtml(snippetPage(body, footer)).page!;
const indicators = (body: string, footer = '') => extractIndicators(pageOf(body, footer));

describe('extractIndicators', () => {
  it('obfuscated KakaoTalk IDs come out clean and deduplicated (◈za32◈, ［KaKaotalk:za32］, 【cash5959】)', () => {
    const found = extractIndicators(factsFromFixture('op-openchat-obfuscated').page!);
    expect(found.kakaoIds).toEqual(['za32', 'cash5959']);
    expect(found.openChats).toEqual(['https://open.kakao.com/o/sZa32Cash']);
    expect(found.telegram).toEqual(['@za32cash']);
    expect(found.bankAccounts).toEqual(['국민 123-45-678901']);
  });

  it('ㅋr톡 【 id 】, Telegram handle and t.me link; the footer mobile number', () => {
    const found = extractIndicators(factsFromFixture('op-infofee-kakao').page!);
    expect(found).toMatchObject({
      kakaoIds: ['cashtalk77'],
      telegram: ['@cashtalk_kr'],
      links: ['https://t.me/cashtalk_kr'],
      phones: ['010-2938-4471'],
    });
  });

  it('normalises phone numbers of every kind and drops placeholders', () => {
    const found = indicators(
      '<p>상담 010 2222 3333 / 0507.1388.2424 / 1588 1234 / 02)123-4567 / 031.765.4321 / 070-8812-3456</p><input placeholder="010-0000-0000"><p>예시 010-1234-5678</p><a href="tel:01055551212">전화</a>',
    );
    expect(found.phones).toEqual(['010-2222-3333', '0507-1388-2424', '1588-1234', '02-123-4567', '031-765-4321', '070-8812-3456', '010-5555-1212']);
  });

  it('skips agency hotlines (1332, 182, 112, 114) but keeps a warning page\'s other numbers', () => {
    const found = extractIndicators(factsFromFixture('agency-consumer-alert').page!);
    expect(found.phones).toEqual(['02-3145-0000']);
  });

  it('bank accounts with the bank name as stated, and after an account label', () => {
    const found = indicators(
      '<p>입금 계좌 : KB국민은행 123456-01-234567 (예금주 김철수)</p><p>신한 110 123 456789 로 송금</p><p>계좌 : 3333012345678</p><p>농협 302-1234-5678-91 예금주 박</p>',
    );
    expect(found.bankAccounts).toEqual(['국민 123456-01-234567', '신한 110-123-456789', '3333012345678', '농협 302-1234-5678-91']);
    expect(found.phones).toEqual([]);
  });

  it('does not read bank names out of ordinary words or short numbers', () => {
    const found = indicators('<p>우리 가게는 2009년에 문을 열었습니다. 하나 1234원.</p><p>기업 120-81-47521 소개</p>');
    expect(found.bankAccounts).toEqual([]);
  });

  it('LINE and WeChat IDs, Kakao channel links, e-mails in body text', () => {
    const found = indicators('<p>라인 ID : CashLine · 위챗: wxcash88 · 메일 Boss@Cash.xyz</p><a href="https://pf.kakao.com/_xAbCd">채널</a><a href="https://t.me/joinchat/AbCd">단톡</a>');
    expect(found).toMatchObject({
      lineIds: ['cashline'],
      wechatIds: ['wxcash88'],
      emails: ['boss@cash.xyz'],
      links: ['https://pf.kakao.com/_xAbCd', 'https://t.me/joinchat/AbCd'],
      telegram: [],
    });
  });

  it('words after a messenger name are not IDs ("카톡 상담 24시간", "카톡 OK", "카카오 뱅크")', () => {
    const found = indicators('<p>카톡 상담 24시간 · 카톡 OK · 카카오 3333-01-1234567 · 텔레그램 상담 환영</p>');
    expect(found.kakaoIds).toEqual([]);
    expect(found.telegram).toEqual([]);
  });

  it('messenger IDs and phones from the footer, but not its e-mail or bank account', () => {
    const found = indicators('<p>본문</p>', '<p>카톡 ID : footid | 전화 02-777-1234 | help@shop.kr | 입금 계좌 : 농협 351-0000-1234-56</p>');
    expect(found).toMatchObject({ kakaoIds: ['footid'], phones: ['02-777-1234'], emails: [], bankAccounts: [] });
  });

  it.runIf(existsSync(new URL('../fixtures/pages/promo-pension-guestbook.html', import.meta.url)))('deduplicates across text and links (open chat written out and linked)', () => {
    const found = extractIndicators(factsFromFixture('promo-pension-guestbook').page!);
    expect(found.openChats).toEqual(['https://open.kakao.com/o/sMoney77']);
    expect(found.kakaoIds).toEqual(['money77']);
  });

  it('every hit carries evidence quoted from the page', () => {
    const page = factsFromFixture('op-openchat-obfuscated').page!;
    const texts = [...page.segments.map((s) => s.text), ...page.links.map((l) => l.href)].join('\n');
    for (const hit of indicatorHits(page)) {
      expect(hit.evidence.excerpt.trim()).not.toBe('');
      expect(texts).toContain(hit.evidence.excerpt.replace(/^…|…$/g, ''));
    }
  });

  it('an empty page has no indicators', () => {
    expect(indicators('<p>안녕하세요</p>')).toEqual({
      phones: [], bankAccounts: [], kakaoIds: [], openChats: [], telegram: [], emails: [], links: [], lineIds: [], wechatIds: [],
    });
  });

  it('stays fast on a hostile run of ID-like characters', () => {
    const start = performance.now();
    indicators(`<p>카톡 ${'a1_'.repeat(30_000)} ${'0'.repeat(50_000)} ${'카톡 :'.repeat(5_000)}</p>`);
    expect(performance.now() - start).toBeLessThan(1_500);
  });
});

describe('messenger links the URL parser decodes', () => {
  it('reads hosts written in capitals, escapes, full-width letters or after spaces', () => {
    const html = snippetPage(
      '<a href="HTTPS://T.ME/HandleOne">a</a><a href="https://%74.me/handletwo">b</a><a href="https://ｔ.ｍｅ/handlethree">c</a><a href=" https://t.me/handlefour">d</a><a href="/board/1">e</a>',
    );
    expect(extractIndicators(factsFromHtml(html).page!).telegram).toEqual(['@handleone', '@handletwo', '@handlethree', '@handlefour']);
  });

  it('reads escapes in an href\'s authority however its path is written, and skips hrefs escaped only past it', () => {
    // Hrefs as written (page facts resolve them, which decodes the host already): the reading must not rely on it.
    const page = factsFromHtml(snippetPage('<p>본문</p>')).page!;
    const hrefs = [
      'https://t%2Eme/handlefive?q=%EC%98%A4',
      't%2eme/handlesix',
      'https:///t%2eme/handleseven',
      'https://u%40x@t%2eme/handleeight',
      'https://dongne.example/tag/%EC%98%A4%EB%8A%98',
      'https://dongne.example/t%2eme/x',
    ];
    const links = hrefs.map((href) => ({ href, text: '', page: page.url }));
    expect(extractIndicators({ ...page, links }).telegram).toEqual(['@handlefive', '@handlesix', '@handleseven', '@handleeight']);
  });
});
