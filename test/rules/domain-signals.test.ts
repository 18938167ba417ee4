import { describe, expect, it } from 'vitest';
import { domainToASCII } from 'node:url';
import { rule } from '../../rules/domain-signals.js';
import { urlFacts } from '../../src/scan/url-facts.js';
import { factsFromHtml, loadPage, snippetPage, unquotedEvidence } from '../support/facts.js';
import type { Facts } from '../../src/engine/types.js';

const CASHOUT_PAGE = snippetPage('<h1>소액결제 현금화 최대 90% 지급</h1><p>24시간 당일 입금 · 카톡 상담 : pay24</p><button>신청하기</button>');
const CANDLE_PAGE = loadPage('new-small-shop');

/** Facts with the real URL facts (Public Suffix List, punycode decoded). */
function factsAt(href: string, html: string | null = CASHOUT_PAGE): Facts {
  const base = factsFromHtml(html ?? snippetPage('<p>-</p>'), { url: href });
  return { ...base, url: urlFacts(href), ...(html === null ? { page: null, unavailable: { page: 'site down' } } : {}) };
}

function run(facts: Facts) {
  return rule.evaluate(facts);
}
const signals = (facts: Facts) => run(facts).map((f) => f.signal).sort();

describe('domain-signals fires', () => {
  it('cashout-keyword and risky-tld on sopay24.shop serving cash-out, quoting the hostname', () => {
    const facts = factsAt('https://sopay24.shop/');
    const findings = run(facts);
    expect(findings.map((f) => f.signal).sort()).toEqual(['cashout-keyword', 'risky-tld']);
    expect(unquotedEvidence(facts, findings)).toEqual([]);
    expect(findings[0]!.evidence[0]).toEqual({ source: 'url', excerpt: 'sopay24.shop', location: 'registrable domain' });
    expect(findings.find((f) => f.signal === 'risky-tld')!.vars).toEqual({ tld: 'shop' });
  });

  it.each([
    ['https://www.hyunkeum119.com/', 'hyunkeum'],
    ['https://hyungeum-pay.net/', 'hyungeum'],
    ['https://giftcash.kr/', 'giftcash'],
    ['https://maeip365.co.kr/', 'maeip'],
    ['https://payticket.co.kr/', 'pay+ticket'],
    ['https://ticket119.net/', 'ticket119'],
    ['https://365pay.com/', '365pay'],
  ])('cashout-keyword on %s ("%s")', (href, keyword) => {
    const findings = run(factsAt(href, null));
    expect(findings.map((f) => f.signal)).toEqual(['cashout-keyword']);
    expect(findings[0]!.vars!.keyword).toBe(keyword);
  });

  it('cashout-keyword on a Korean IDN name, quoting it decoded with the punycode form', () => {
    const ascii = domainToASCII('머니티켓.com');
    const facts = factsAt(`https://${ascii}/`);
    const findings = run(facts);
    expect(findings.map((f) => f.signal)).toEqual(['cashout-keyword']);
    expect(findings[0]!.vars).toMatchObject({ keyword: '티켓', host: '머니티켓.com' });
    expect(findings[0]!.evidence[0]!.excerpt).toBe(`머니티켓.com (${ascii})`);
    expect(String(findings[0]!.vars!.idn_en)).toContain(ascii);
  });

  it.each([
    ['https://kakaopay-cash.com/', 'KakaoPay'],
    ['https://toss-event.xyz/', 'Toss'],
    ['https://danalpay24.com/', 'Danal'],
    ['https://cultureland-gift.shop/', 'Cultureland'],
    ['https://happymoney24.net/', 'Happymoney'],
    ['https://mobilians-help.com/', 'KG Mobilians'],
    ['https://tworld-event.com/', 'SK Telecom T world'],
    ['https://googleplay-gift.com/', 'Google Play'],
  ])('brand-lookalike on %s (%s)', (href, brand) => {
    const findings = run(factsAt(href, null));
    const lookalike = findings.find((f) => f.signal === 'brand-lookalike');
    expect(lookalike?.vars).toMatchObject({ brand_en: brand });
    expect(lookalike!.evidence[0]!.source).toBe('url');
  });

  it('brand-lookalike on a Korean IDN name borrowing 컬쳐랜드', () => {
    const ascii = domainToASCII('컬쳐랜드상품권.com');
    expect(signals(factsAt(`https://${ascii}/`, null))).toEqual(['brand-lookalike', 'cashout-keyword']);
  });

  it('free-builder on a cash-out page under isweb.co.kr, reading the site\'s own label', () => {
    const facts = factsAt('https://cash119.isweb.co.kr/');
    const findings = run(facts);
    expect(findings.map((f) => f.signal).sort()).toEqual(['cashout-keyword', 'free-builder']);
    expect(findings.find((f) => f.signal === 'free-builder')!.vars).toEqual({ builder: 'isweb.co.kr' });
    expect(unquotedEvidence(facts, findings)).toEqual([]);
  });

  it('risky-tld without a keyword when the page offers cash-out', () => {
    expect(signals(factsAt('https://dalbit77.top/'))).toEqual(['risky-tld']);
  });

  it('works without page facts (site down): keyword only, no TLD or builder points', () => {
    expect(signals(factsAt('https://moneycard-pay.shop/', null))).toEqual(['cashout-keyword', 'risky-tld']);
    expect(signals(factsAt('https://nail77.wixsite.com/', null))).toEqual([]);
    expect(rule.meta.needs).toEqual([]);
  });
});

describe('domain-signals stays silent', () => {
  it('on a new .shop candle store (a risky TLD alone counts for nothing)', () => {
    expect(run(factsAt('https://dalbit-candle.shop/', CANDLE_PAGE))).toEqual([]);
  });

  it.each([
    'https://www.kakaopay.com/',
    'https://toss.im/',
    'https://pay.naver.com/',
    'https://www.danal.co.kr/',
    'https://www.payco.com/',
    'https://www.mobilians.co.kr/',
    'https://www.cultureland.co.kr/',
    'https://www.happymoney.co.kr/',
    'https://www.booknlife.com/',
    'https://www.tworld.co.kr/',
    'https://play.google.com/',
  ])('on the brand\'s own domain %s', (href) => {
    expect(run(factsAt(href, CANDLE_PAGE))).toEqual([]);
  });

  it.each([
    ['a knitwear shop', 'https://cashmere-knit.co.kr/'],
    ['a gift-card mall without money words', 'https://giftcardmall.co.kr/'],
    ['a word merely containing toss', 'https://tossa-bakery.com/'],
    ['a blog on a free builder without cash-out', 'https://myrecipes.blogspot.com/'],
    ['an IP address', 'http://203.0.113.7/'],
  ])('on %s (%s)', (_what, href) => {
    expect(run(factsAt(href, CANDLE_PAGE))).toEqual([]);
  });

  it('on a news site writing about cash-out (no keyword in its name)', () => {
    expect(run(factsAt('https://www.saeachim.co.kr/news/1201', loadPage('news-long-quoted-ads')))).toEqual([]);
  });
});
