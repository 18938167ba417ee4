import { describe, expect, it } from 'vitest';
import { fingerprintBands, hammingDistance, TEMPLATE_MATCH_BITS, templateFingerprint } from '../../src/analysis/fingerprint.js';
import { extractPageFacts } from '../../src/scan/page-facts.js';

// A cash-out operator's page, written for this test. The rotated clone is what the same broker puts on the next
// domain: other domain and brand, other phone number and messenger IDs, two items swapped, one paragraph
// added, one title word changed.
interface Operator {
  domain: string;
  brand: string;
  latin: string;
  titleWord: string;
  phone: string;
  kakao: string;
  telegram: string;
  swap: boolean;
  dropFaq: boolean;
  extra: string;
}

function operatorPage(o: Operator): string {
  const lures = [
    '<li>신청서 작성 후 평균 7분이면 입금이 끝납니다</li>',
    '<li>새벽, 주말, 명절에도 담당자가 바로 응대합니다</li>',
    '<li>신용 조회나 서류 제출 없이 한도만 있으면 됩니다</li>',
    '<li>연체 중이거나 미납이 있어도 상담 가능합니다</li>',
    '<li>수수료는 입금 전에 미리 알려드리고 추가 비용이 없습니다</li>',
  ];
  if (o.swap) [lures[1], lures[2]] = [lures[2]!, lures[1]!];
  const faq = [
    `<p><b>Q. 정말 대출이 아닌가요?</b><br>A. 고객님 휴대폰에 남아 있는 결제 한도를 저희가 매입하는 방식이라 대출 기록이 남지 않습니다.</p>`,
    `<p><b>Q. 인증번호는 왜 알려드려야 하나요?</b><br>A. 상품 결제를 담당자가 대신 진행하기 때문에 문자로 받은 번호가 필요합니다. 결제가 나뉘면 한 번 더 여쭤볼 수 있습니다.</p>`,
    `<p><b>Q. 입금이 늦어지면 어떻게 하나요?</b><br>A. 카톡 ${o.kakao} 로 접수번호를 보내주시면 담당 팀장이 바로 확인해 드립니다.</p>`,
    `<p><b>Q. 알뜰폰도 되나요?</b><br>A. SKT, KT, LG U+ 망을 쓰는 알뜰폰이면 대부분 가능하며 통신사별 한도는 상담 시 확인해 드립니다.</p>`,
  ];
  if (o.dropFaq) faq.splice(3, 1);
  return `<!doctype html><html lang="ko"><head><meta charset="utf-8">
<title>${o.brand} | 휴대폰 소액결제 현금화 ${o.titleWord} 매입 당일 입금</title>
<meta name="description" content="${o.brand} 소액결제 현금화, 정보이용료 현금화 최대 93% 매입. 24시간 상담 ${o.phone}">
</head><body>
<header><div class="logo">${o.latin.toUpperCase()}</div>
<nav><a href="/#guide">이용 안내</a><a href="/#rate">지급률</a><a href="/apply">신청하기</a><a href="/#faq">자주 묻는 질문</a></nav></header>
<section class="hero">
<h1>쓰지 않은 소액결제 한도, 오늘 현금으로 바꿔 드립니다</h1>
<p>휴대폰 소액결제, 정보이용료, 콘텐츠이용료 모두 매입합니다. 최대 지급률 93%로 업계에서 가장 높게 쳐 드립니다.</p>
<ul>${lures.join('\n')}</ul>
<p>상담 카카오톡 ID: ${o.kakao} / 텔레그램 @${o.telegram} / 전화 ${o.phone}</p>
${o.extra ? `<p>${o.extra}</p>` : ''}
</section>
<section id="rate"><h2>이번 달 지급률 안내</h2>
<table><tr><th>결제 종류</th><th>10만원 이하</th><th>30만원 이하</th><th>50만원 이상</th></tr>
<tr><td>소액결제</td><td>88%</td><td>91%</td><td>93%</td></tr>
<tr><td>정보이용료</td><td>85%</td><td>88%</td><td>90%</td></tr>
<tr><td>콘텐츠이용료</td><td>83%</td><td>86%</td><td>88%</td></tr></table>
<p>※ 지급률은 통신사 정책에 따라 매일 바뀔 수 있으며 첫 거래 고객은 1% 더 드립니다.</p></section>
<section id="guide"><h2>진행 순서</h2>
<ol><li>아래 신청서에 통신사와 휴대폰 번호, 원하는 금액을 적어 주세요</li>
<li>담당자가 결제를 요청하면 문자로 온 인증번호를 입력해 주세요</li>
<li>결제가 확인되면 수수료를 뺀 금액을 바로 계좌로 보내 드립니다</li></ol></section>
<form id="apply" action="/apply/submit.php" method="post"><h3>간편 신청서</h3>
<label for="carrier">통신사</label><select id="carrier" name="carrier"><option>SKT</option><option>KT</option><option>LG U+</option><option>알뜰폰</option></select>
<label for="hp">휴대폰 번호</label><input id="hp" type="tel" name="hp" placeholder="휴대폰 번호를 입력하세요">
<label for="birth">생년월일 6자리</label><input id="birth" name="birth" placeholder="예) 880101">
<label for="amount">희망 금액</label><select id="amount" name="amount"><option>10만원</option><option>30만원</option><option>50만원</option><option>100만원</option></select>
<label for="bank">입금 받을 계좌</label><input id="bank" name="bank" placeholder="은행명 / 계좌번호 / 예금주">
<label for="code">인증번호</label><input id="code" name="code" placeholder="문자로 받은 인증번호">
<button type="submit">지금 바로 현금화 신청</button></form>
<section id="faq"><h2>자주 묻는 질문</h2>
${faq.join('\n')}</section>
<footer>${o.brand} | 상담시간 24시간 연중무휴 | 카톡 ${o.kakao} | 텔레그램 @${o.telegram}<br>
Copyright © ${o.latin} All rights reserved. 문의 ${o.phone}</footer>
</body></html>`;
}

const original: Operator = {
  domain: 'haneul-paycash.com',
  brand: '하늘페이캐시',
  latin: 'haneulpaycash',
  titleWord: '최고가',
  phone: '010-4821-7730',
  kakao: 'sky7730',
  telegram: 'skypay_77',
  swap: false,
  dropFaq: false,
  extra: '',
};
const clone: Operator = {
  domain: 'byeol-cash24.shop',
  brand: '별빛캐시',
  latin: 'byeolcash',
  titleWord: '최고율',
  phone: '010-5930-1284',
  kakao: 'star1284',
  telegram: 'byeol_pay',
  swap: true,
  dropFaq: false,
  extra: '처음 이용하시는 분께는 담당자가 결제부터 입금까지 한 단계씩 안내해 드립니다.',
};

// Another operator's page of the same genre, written differently.
const otherOperator = `<!doctype html><html lang="ko"><head><meta charset="utf-8">
<title>모바일머니 - 정보이용료 콘텐츠이용료 현금화 전문</title></head><body>
<div class="top"><img src="/img/logo.png" alt="모바일머니"><a href="tel:01077778888">전화상담</a> <a href="https://open.kakao.com/o/sAbCdEf1">오픈채팅 상담</a></div>
<h2>한도가 남았다면 고민하지 마세요</h2>
<p>구글 결제, 게임 아이템, 각종 정보이용료 결제 한도를 현금으로 돌려드리는 모바일머니입니다.</p>
<p>매입 비율은 금액과 통신사에 따라 80%에서 92% 사이에서 정해지며, 문의 주시면 그날의 비율을 먼저 말씀드립니다.</p>
<div class="box"><h3>이런 분들이 많이 찾으십니다</h3>
<p>급하게 생활비가 필요하신 분, 카드 한도가 모자란 분, 은행 대출이 막힌 분, 주말에 돈이 필요한 분.</p></div>
<div class="box"><h3>진행은 세 단계</h3>
<p>첫째, 상담원에게 통신사와 원하는 금액을 알려주세요. 둘째, 안내에 따라 상품권을 결제합니다. 셋째, 확인 즉시 입금됩니다.</p></div>
<div class="box"><h3>안전하게 거래하세요</h3>
<p>저희는 개인정보를 거래가 끝나면 모두 지우며 어떤 경우에도 다른 곳에 넘기지 않습니다. 오랜 기간 한 자리에서 영업해 왔습니다.</p></div>
<form method="post" action="/counsel"><input name="name" placeholder="성함"><input name="tel" placeholder="연락처"><textarea name="memo" placeholder="문의 내용"></textarea><button>상담 요청</button></form>
<p class="copy">모바일머니 고객센터 010-7777-8888 · 카톡 mmoney88</p>
</body></html>`;

// A news article warning about cash-out scams.
const newsArticle = `<!doctype html><html lang="ko"><head><meta charset="utf-8">
<title>"한도만 있으면 현금으로" 소액결제 현금화 피해 잇따라 - 한빛일보</title></head><body>
<nav><a href="/">홈</a><a href="/society">사회</a><a href="/economy">경제</a></nav>
<article><h1>"한도만 있으면 현금으로" 소액결제 현금화 피해 잇따라</h1>
<p class="byline">김서연 기자 | 입력 2025.03.14</p>
<p>휴대폰 소액결제 한도를 현금으로 바꿔 준다는 이른바 '소액결제 현금화' 광고를 보고 연락했다가 돈을 받지 못하거나 개인정보를 빼앗기는 피해가 늘고 있다.</p>
<p>14일 관계 당국에 따르면 올해 들어 접수된 관련 상담은 지난해 같은 기간보다 크게 늘었다. 피해자들은 대부분 급하게 돈이 필요한 20대와 30대였다.</p>
<p>업자들은 결제에 필요한 인증번호를 받아 낸 뒤 약속한 금액을 보내지 않거나, 처음 말한 것보다 훨씬 적은 돈만 입금한 것으로 조사됐다. 일부는 같은 인증번호로 여러 차례 결제를 일으킨 것으로 알려졌다.</p>
<p>전문가들은 이 같은 거래가 정보통신망법 위반에 해당할 수 있다고 지적한다. 현금화를 의뢰한 이용자도 처벌 대상이 될 수 있고, 결제 대금은 고스란히 다음 달 요금으로 청구된다.</p>
<p>당국은 "인증번호는 어떤 경우에도 다른 사람에게 알려주면 안 된다"며 "피해를 입었다면 즉시 통신사에 결제 취소와 차단을 요청하고 경찰에 신고해 달라"고 당부했다.</p>
</article>
<footer>한빛일보 | 등록번호 서울 아00000 | 발행인 홍길동 | 무단 전재 및 재배포 금지</footer>
</body></html>`;

const tiny = `<!doctype html><html><head><title>상담</title></head><body>
<a href="https://open.kakao.com/o/xyz123">카톡</a> / <a href="tel:01012345678">전화</a></body></html>`;

const fp = (html: string, url: string) => templateFingerprint(extractPageFacts(html, url));

describe('templateFingerprint', () => {
  const a = fp(operatorPage(original), `http://${original.domain}/`);
  const b = fp(operatorPage(clone), `http://${clone.domain}/`);

  it('is 16 lower-case hex digits, the same for the same page', () => {
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(fp(operatorPage(original), `http://${original.domain}/`)).toBe(a);
  });

  it('matches the rotated clone of an operator page', () => {
    expect(b).not.toBeNull();
    expect(hammingDistance(a!, b!)).toBeLessThanOrEqual(TEMPLATE_MATCH_BITS);
    // and, by pigeonhole, the band index finds it
    const [x, y] = [fingerprintBands(a!), fingerprintBands(b!)];
    expect(x.some((band, i) => band === y[i])).toBe(true);
  });

  it('matches the clone with a paragraph removed instead of added', () => {
    const removed = fp(operatorPage({ ...clone, extra: '', dropFaq: true }), `http://${clone.domain}/`);
    expect(hammingDistance(a!, removed!)).toBeLessThanOrEqual(TEMPLATE_MATCH_BITS);
  });

  it('does not depend on the identifiers alone: the same page with other IDs, phone and domain is (nearly) the same', () => {
    const idsOnly = fp(
      operatorPage({ ...original, domain: 'moa-cash77.top', latin: 'moacash77', phone: '010-2222-3434', kakao: 'moa77', telegram: 'moa_cash' }),
      'http://moa-cash77.top/',
    );
    expect(hammingDistance(a!, idsOnly!)).toBeLessThanOrEqual(1);
  });

  it('does not match another operator of the same genre, nor a news article about cash-out', () => {
    const other = fp(otherOperator, 'http://mobile-money.xyz/');
    const news = fp(newsArticle, 'https://www.hanbit-ilbo.co.kr/news/articleView.html?idxno=1234');
    expect(other).not.toBeNull();
    expect(news).not.toBeNull();
    expect(hammingDistance(a!, other!)).toBeGreaterThan(TEMPLATE_MATCH_BITS);
    expect(hammingDistance(a!, news!)).toBeGreaterThan(TEMPLATE_MATCH_BITS);
    expect(hammingDistance(b!, other!)).toBeGreaterThan(TEMPLATE_MATCH_BITS);
    expect(hammingDistance(other!, news!)).toBeGreaterThan(TEMPLATE_MATCH_BITS);
  });

  it('is null for a page with too little text', () => {
    expect(fp(tiny, 'http://kk-cash.top/')).toBeNull();
    expect(fp('<html><body></body></html>', 'http://empty.example/')).toBeNull();
  });
});

describe('fingerprintBands and hammingDistance', () => {
  it('splits the 64 bits into four 16-bit bands, band0 the highest', () => {
    expect(fingerprintBands('0123456789abcdef')).toEqual([0x0123, 0x4567, 0x89ab, 0xcdef]);
    expect(fingerprintBands('ffff000000000001')).toEqual([65535, 0, 0, 1]);
    expect(fingerprintBands('0000000000000000')).toEqual([0, 0, 0, 0]);
  });

  it('counts differing bits', () => {
    expect(hammingDistance('0123456789abcdef', '0123456789abcdef')).toBe(0);
    expect(hammingDistance('0000000000000000', 'ffffffffffffffff')).toBe(64);
    expect(hammingDistance('8000000000000000', '0000000000000001')).toBe(2);
    expect(hammingDistance('00000000000000ff', '000000000000000f')).toBe(4);
    expect(hammingDistance('f0f0f0f0f0f0f0f0', '0f0f0f0f0f0f0f0f')).toBe(64);
  });

  it('two fingerprints within TEMPLATE_MATCH_BITS always share a band', () => {
    expect(TEMPLATE_MATCH_BITS).toBeLessThanOrEqual(3);
    const base = 'a5a5a5a55a5a5a5a';
    // flip TEMPLATE_MATCH_BITS bits, one in each of the first bands
    let x = BigInt(`0x${base}`);
    for (let k = 0; k < TEMPLATE_MATCH_BITS; k++) x ^= 1n << BigInt(63 - 16 * k);
    const flipped = x.toString(16).padStart(16, '0');
    expect(hammingDistance(base, flipped)).toBe(TEMPLATE_MATCH_BITS);
    expect(fingerprintBands(base).some((band, i) => band === fingerprintBands(flipped)[i])).toBe(true);
  });

  it('rejects what is not a 64-bit hex fingerprint', () => {
    expect(() => fingerprintBands('123')).toThrow(RangeError);
    expect(() => hammingDistance('0123456789ABCDEF', '0123456789abcdef')).toThrow(RangeError);
    expect(() => hammingDistance('0123456789abcdeg', '0123456789abcdef')).toThrow(RangeError);
  });
});
