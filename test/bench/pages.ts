// Pages for the speed benches, made here from a seeded generator (no page of the web is copied): a
// realistic Korean community/blog page of any size, and adversarial pages of the same size.
// Realistic means the proportions of real portal pages: about half the bytes markup (nav, sidebars, class
// attributes, a script and a style block), Korean body text with numbers, English words and links, tables,
// a comment form, one post about carrier-billing cash-out among ordinary ones, and a business footer.
import { seededRandom } from '../support/prng.js';

const WORDS = [
  '오늘', '정말', '우리', '동네', '맛집', '후기', '사진', '여행', '주말', '가족', '아이', '학교', '회사', '점심', '저녁', '커피',
  '날씨', '비', '눈', '바람', '산책', '공원', '운동', '헬스', '요가', '수영', '자전거', '등산', '캠핑', '낚시', '영화', '드라마',
  '음악', '공연', '책', '독서', '공부', '시험', '자격증', '취업', '이직', '면접', '월급', '적금', '예금', '대출', '금리', '주식',
  '부동산', '전세', '월세', '이사', '인테리어', '청소', '빨래', '요리', '레시피', '김치', '된장찌개', '불고기', '비빔밥', '떡볶이',
  '휴대폰', '요금제', '통신사', '데이터', '충전', '결제', '카드', '포인트', '할인', '쿠폰', '이벤트', '배송', '주문', '반품', '교환',
  '고객센터', '문의', '답변', '공지', '안내', '확인', '신청', '방법', '정리', '추천', '비교', '장점', '단점', '가격', '품질', '만족',
  'iPhone', 'Galaxy', 'Wi-Fi', 'SNS', 'PC', 'TV', 'OTT', 'AI', 'app', 'update', 'review', 'blog', 'event', 'sale',
];
const ENDINGS = ['입니다.', '했어요.', '좋았습니다.', '같아요.', '해보세요!', '인가요?', '였습니다.', '하네요.', '추천합니다.', '있어요.'];
const CASHOUT_POST = [
  '휴대폰 소액결제 현금화를 처음 알아보시는 분들을 위해 정리했습니다.',
  '정보이용료 한도가 남아 있다면 상품권으로 결제한 뒤 매입 업체에 넘기는 방식이 가장 흔합니다.',
  '수수료는 업체마다 다르지만 보통 20~30% 선이라고 합니다.',
  '진행 전에는 본인 명의 휴대폰인지, 이번 달 한도가 얼마인지 꼭 확인하세요.',
];


const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');

/** A realistic page of about `bytes` UTF-8 bytes (±2 KB). */
export function realisticPage(bytes: number, seed = 7): string {
  const r = seededRandom(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const sentence = () => {
    const n = 4 + Math.floor(r() * 9);
    const words = Array.from({ length: n }, () => (r() < 0.08 ? String(Math.floor(r() * 10_000)) : pick(WORDS)));
    return `${words.join(' ')} ${pick(ENDINGS)}`;
  };
  const paragraph = () => Array.from({ length: 2 + Math.floor(r() * 4) }, sentence).join(' ');
  const link = (i: number) => `<li class="nav-item"><a class="nav-link" href="/board/${i}?page=${Math.floor(r() * 50)}">${pick(WORDS)} ${pick(WORDS)}</a></li>`;

  const head = `<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>동네 이야기 - ${pick(WORDS)} 게시판</title>
<meta name="description" content="${sentence()}"><meta property="og:title" content="동네 이야기"><link rel="stylesheet" href="/css/app.css">
<style>.nav-item{display:inline-block;margin:0 4px}.post{padding:12px;border-bottom:1px solid #eee}.post h2{font-size:18px}</style>
<script>window.__CONFIG__={"board":"free","page":1,"ads":["top","side"],"user":null};</script></head><body>
<header id="header"><nav class="gnb"><ul>${Array.from({ length: 30 }, (_, i) => link(i)).join('')}</ul></nav>
<form class="search" action="/search"><input type="text" name="q" placeholder="검색어를 입력하세요"><button type="submit">검색</button></form></header>
<div id="wrap" class="container"><main id="content" class="board-list">`;
  const footer = `</main></div><footer id="footer" class="footer"><div class="company-info"><p>상호: 동네이야기 주식회사 | 대표: 김하늘 | 사업자등록번호: 214-86-12345</p>
<p>통신판매업 신고: 제2021-서울마포-0123호 | 주소: 서울특별시 마포구 월드컵로 12, 3층 | 전화: 02-123-4567</p><p>© 동네이야기. All rights reserved.</p></div></footer>
<script src="/js/app.js"></script></body></html>`;

  const posts: string[] = [];
  let size = utf8(head) + utf8(footer);
  for (let i = 0; size < bytes - 1200; i++) {
    const cashout = i === 3;
    const body = cashout ? CASHOUT_POST.map((s) => `<p>${s}</p>`).join('') : Array.from({ length: 1 + Math.floor(r() * 3) }, () => `<p>${paragraph()}</p>`).join('');
    const table =
      i % 7 === 2
        ? `<table class="price"><thead><tr><th>항목</th><th>가격</th><th>할인</th></tr></thead><tbody>${Array.from({ length: 4 }, () => `<tr><td>${pick(WORDS)}</td><td>${Math.floor(r() * 90_000)}원</td><td>${Math.floor(r() * 50)}%</td></tr>`).join('')}</tbody></table>`
        : '';
    const aside = i % 5 === 4 ? `<aside class="side"><h3>인기글</h3><ul>${Array.from({ length: 8 }, (_, k) => link(100 + i * 8 + k)).join('')}</ul></aside>` : '';
    const post = `<article class="post" id="post-${i}"><h2 class="post-title"><a href="/board/free/${1000 + i}">${cashout ? '휴대폰 소액결제 현금화 방법 정리' : sentence()}</a></h2>
<div class="meta"><span class="author">${pick(WORDS)}맘</span> <span class="date">2026.11.${1 + (i % 28)}</span> <span class="views">조회 ${Math.floor(r() * 5000)}</span></div>
<div class="post-body">${body}${i % 4 === 1 ? `<img src="/upload/${i}.jpg" alt="${pick(WORDS)} 사진">` : ''}${table}</div>
<div class="tags">${Array.from({ length: 3 }, () => `<a class="tag" href="/tag/${encodeURIComponent(pick(WORDS))}">#${pick(WORDS)}</a>`).join(' ')}</div></article>${aside}`;
    posts.push(post);
    size += utf8(post) + 1;
  }
  const commentForm = `<form class="comment" action="/comment" method="post"><label for="c-name">이름</label><input id="c-name" name="name"><label for="c-body">댓글</label><textarea id="c-body" name="body" placeholder="댓글을 남겨주세요"></textarea><button>등록</button></form>`;
  return `${head}${posts.join('\n')}${commentForm}${footer}`;
}

/** Adversarial pages of about `bytes` bytes, each built to make one kind of work blow up. */
export function adversarialPages(bytes: number): Record<string, string> {
  const korean = '휴대폰소액결제현금화정보이용료상품권';
  const repeatTo = (unit: string, target: number) => unit.repeat(Math.max(1, Math.floor(target / utf8(unit))));
  const deep = Math.floor((bytes - 64) / utf8('<div></div>'));
  return {
    'deep nesting': `<html><body>${'<div>'.repeat(deep)}소액결제 현금화 95%${'</div>'.repeat(deep)}</body></html>`,
    'one long text run': `<html><body><p>${repeatTo('소액결제 현금화 당일 입금 정보이용료 ', bytes - 40)}</p></body></html>`,
    'digit and % runs': `<html><body><p>${repeatTo('1234567890%9o9o9o%0000 95%', bytes - 40)}</p></body></html>`,
    'many forms': `<html><body>${repeatTo('<form action="/a"><input name="phone" placeholder="인증번호"><select name="c"><option>SKT<option>KT</select></form>', bytes - 40)}</body></html>`,
    'zero-width between characters': `<html><body><p>${repeatTo([...korean].join('\u200b') + '\u200b', bytes - 40)}</p></body></html>`,
  };
}

/** The deepest nesting that fits in `bytes`: every byte spent on opening tags, none closed. */
export function deepestPage(bytes: number): string {
  return `<html><body>${'<b>'.repeat(Math.floor((bytes - 64) / 3))}소액결제 현금화</body></html>`;
}
