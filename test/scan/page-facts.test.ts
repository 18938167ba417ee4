import { describe, expect, it } from 'vitest';
import type { PageFacts } from '../../src/engine/types.js';
import { extractPageFacts } from '../../src/scan/page-facts.js';

const normText = (f: PageFacts) => f.segments.map((s) => s.norm).join('\n');

const PAGE = `<!doctype html><html lang="ko"><head>
<title>소액결제 현금화 | 바로캐시</title>
<meta name="description" content="휴대폰 소액결제 현금화 ９５％ 즉시 입금">
<script>var t = "스크립트 안의 현금화는 무시";</script><style>.x{}</style>
</head><body>
<header><nav><a href="/apply">신청하기</a> <a href="https://t.me/barocash">텔레그램</a></nav></header>
<h1>정.보.이.용.료 현금화</h1>
<p>상담은 <b>ㅋr톡</b> ID: abc123 &amp; 24시간</p>
<form action="/apply" method="post">
  <label for="tel">휴대폰 번호</label><input id="tel" name="phone" placeholder="010-0000-0000">
  <select name="telecom"><option>SKT</option><option>KT</option><option>LG U+</option></select>
  <label><input type="radio" name="agree"> 동의합니다</label>
  <input type="hidden" name="csrf" value="x">
  <input name="auth" placeholder="인증번호 6자리"><button>신청하기</button>
</form>
<img src="/img/biz_info.png" alt="사업자정보">
<div class="footer-info">상호: 바로캐시 | 대표: 홍길동 | 사업자등록번호: 220-81-62517</div>
</body></html>`;

describe('extractPageFacts', () => {
  const facts = extractPageFacts(PAGE, 'https://barocash.example/');

  it('reads title, lang and meta', () => {
    expect(facts.title).toBe('소액결제 현금화 | 바로캐시');
    expect(facts.lang).toBe('ko');
    expect(facts.meta.description).toContain('즉시 입금');
  });

  it('tags text with where it came from and normalises it', () => {
    const kinds = (kind: string) => facts.segments.filter((s) => s.kind === kind).map((s) => s.norm);
    expect(kinds('heading')).toEqual(['정보이용료 현금화']);
    expect(kinds('meta')[0]).toContain('95%');
    expect(kinds('footer')).toEqual(['상호: 바로캐시 | 대표: 홍길동 | 사업자등록번호: 220-81-62517']);
    expect(kinds('alt')).toEqual(['사업자정보']);
    expect(kinds('button')).toContain('신청하기');
    expect(normText(facts)).toContain('카톡 id: abc123');
  });

  it('tags runs made only of link text as links, and reads title attributes', () => {
    const f = extractPageFacts(
      '<nav><a href="/apply" title="카톡 상담 ID: za32">현금화 신청</a></nav><p>문의는 <a href="https://t.me/x">텔레그램</a>으로 주세요</p>',
      'https://a.example/',
    );
    expect(f.segments.map((s) => [s.kind, s.norm])).toEqual([
      ['alt', '카톡 상담 id: za32'],
      ['link', '현금화 신청'],
      ['text', '문의는 텔레그램으로 주세요'],
    ]);
  });

  it('skips script and style content', () => {
    expect(normText(facts)).not.toContain('스크립트');
  });

  it('collects forms with labels, options and placeholders, not hidden fields', () => {
    expect(facts.forms).toHaveLength(1);
    const [form] = facts.forms;
    expect(form!.action).toBe('https://barocash.example/apply');
    expect(form!.method).toBe('post');
    expect(form!.fields.map((f) => f.name)).toEqual(['phone', 'telecom', 'agree', 'auth']);
    expect(form!.fields[0]!.label).toBe('휴대폰 번호');
    expect(form!.fields[1]!.options).toEqual(['SKT', 'KT', 'LG U+']);
    expect(form!.fields[2]!.options).toEqual(['동의합니다']);
    expect(form!.fields[3]!.norm).toContain('인증번호');
  });

  it('resolves links against the page URL', () => {
    expect(facts.links.map((l) => [l.href, l.text])).toEqual([
      ['https://barocash.example/apply', '신청하기'],
      ['https://t.me/barocash', '텔레그램'],
    ]);
  });

  it('survives absurd nesting without a deep stack', () => {
    const deep = '<div>'.repeat(50_000) + '소액결제 현금화' + '</div>'.repeat(50_000);
    const f = extractPageFacts(deep, 'https://deep.example/');
    expect(normText(f)).toContain('소액결제 현금화');
  });
});
