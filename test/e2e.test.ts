// End to end: loopback DNS, WHOIS and web servers stand in for the internet; scans go through the real
// fetch path and WHOIS client, over HTTP (app.inject) and from the CLI.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/harness.js';

const run = promisify(execFile);

// An old-style operator page served as EUC-KR, with a CP949-only syllable (똠) in its copy.
const OPERATOR = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=euc-kr">
<title>휴대폰소액결제현금화 ★ 소액119</title></head><body>
<table width="900"><tr><td><img src="/img/top.gif" alt="소액결제 현금화 전문"></td></tr>
<tr><td><b>휴대폰 소액결제 현금화 90% 지급</b> · 신용불량 통신불량 상관없이 가능 · 똠방 이벤트</td></tr>
<tr><td>
<form name="apply" method="post" action="apply_ok.php">
통신사 <input type="radio" name="telecom" value="skt">SKT <input type="radio" name="telecom" value="kt">KT
<input type="radio" name="telecom" value="lg">LG U+<br>
휴대폰번호 <input name="hp"><br>
주민번호 앞자리 <input name="jumin1" maxlength="6"><br>
결제 인증번호 <input name="authno" maxlength="6"><br>
<input type="submit" value="현금화 신청">
</form></td></tr>
<tr><td>상담: 0507-1234-5678 / 카톡 sopay119</td></tr>
<tr><td class="copyright">상호: 소액119 | 사업자등록번호: 621-05-18736 | Copyright sopay119 All rights reserved.</td></tr>
</table></body></html>`;

const SHOP = `<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>하루캔들 - 수제 소이캔들</title></head><body>
<header><h1>하루캔들</h1><nav><a href="/shop">전체상품</a> <a href="/about">브랜드 소개</a></nav></header>
<main><h2>이번 주 신상품</h2><p>라벤더 소이캔들 200g 18,000원. 결제는 신용카드, 휴대폰 결제, 무통장입금을 지원합니다.</p></main>
<footer>
<p>상호: 하루캔들 | 대표자: 이하루 | 주소: 서울특별시 마포구 월드컵로 123, 2층 | 전화: 02-3142-5678 | 이메일: help@harucandle.shop</p>
<p>사업자등록번호: 220-81-62517 <a href="https://www.ftc.go.kr/bizCommPop.do?wrkr_no=2208162517">사업자정보확인</a> | 통신판매업신고: 제2026-서울마포-01234호</p>
<p>호스팅 제공자: (주)가비아 | 개인정보보호책임자: 이하루 | <a href="/terms">이용약관</a> | <a href="/privacy">개인정보처리방침</a></p>
</footer></body></html>`;

// The home page only advertises; the form that takes the codes is one click away on /apply.
const HOME_LINKING_APPLY = `<!doctype html><html lang="ko"><head><title>상품권 현금화 · 소액결제 현금화</title></head><body>
<h1>상품권·소액결제 현금화 최고 95%</h1><p>10분 이내 입금, 24시간 상담</p>
<nav><a href="/about">회사소개</a> <a href="/apply">현금화 신청하기</a></nav></body></html>`;
const APPLY_FORM = `<!doctype html><html lang="ko"><head><title>신청서 작성</title></head><body>
<h2>소액결제 현금화 신청</h2>
<form method="post" action="/apply/submit">
 <label>통신사 <select name="telecom"><option>SKT</option><option>KT</option><option>LG U+</option></select></label>
 <label>휴대폰 번호 <input name="phone"></label>
 <label>결제 인증번호 <input name="auth_code"></label>
 <label>신분증 사진 <input type="file" name="id_card"></label>
 <button>신청 완료</button></form></body></html>`;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    'sopay-119.net': {
      routes: {
        '/': { status: 301, headers: { location: '/main.php' } },
        '/main.php': { body: iconv.encode(OPERATOR, 'cp949'), headers: { 'content-type': 'text/html; charset=euc-kr' } },
      },
      whois: { ageDays: 20, registrar: 'Cafe24 Corp.', privacy: true },
    },
    'giftcash-now.top': {
      routes: {
        '/': { body: HOME_LINKING_APPLY },
        '/apply': { body: APPLY_FORM },
        '/about': { body: '<p>회사소개</p>' },
      },
      whois: { ageDays: 9, registrar: 'Namecheap, Inc.', privacy: true },
    },
    'harucandle.shop': { routes: { '/': { body: SHOP } }, whois: { ageDays: 14, registrar: 'Gabia, Inc.', privacy: false } },
  });
});
afterAll(async () => h?.close());

const scan = async (url: string) => {
  const r = await h.app.inject({ method: 'POST', url: '/v1/scans', payload: { url } });
  expect(r.statusCode).toBe(200);
  return r.json();
};

describe('scanning through the real fetch path', () => {
  it('follows the redirect, decodes EUC-KR/CP949 and rates the operator high or critical', async () => {
    const body = await scan(h.url('sopay-119.net'));
    expect(body.finalUrl).toBe(h.url('sopay-119.net', '/main.php'));
    expect(body.fetch).toMatchObject({ status: 200, provided: false, truncated: false });
    expect(body.fetch.redirects).toEqual([{ url: h.url('sopay-119.net', '/'), status: 301 }]);
    expect(['high', 'critical']).toContain(body.band);
    const rules = new Set(body.findings.map((f: { rule: string }) => f.rule));
    for (const id of ['payout-rate', 'licensing', 'domain-age', 'carrier-auth-code']) expect(rules).toContain(id);
    const excerpts = body.findings.flatMap((f: { evidence: { excerpt: string }[] }) => f.evidence.map((e) => e.excerpt)).join('\n');
    expect(excerpts).toContain('90%');
    expect(excerpts).toContain('621-05-18736');
    expect(body.domainInfo).toMatchObject({ domain: 'sopay-119.net', ageDays: 20, registrar: 'Cafe24 Corp.' });
    expect(h.dns.queries.some((q) => q.name === 'sopay-119.net')).toBe(true);
  });

  it('fetches the same-site application page the home page links to, and says which page a finding came from', async () => {
    const body = await scan(h.url('giftcash-now.top'));
    expect(body.fetch.pages).toEqual([{ url: h.url('giftcash-now.top', '/apply'), status: 200 }]);
    const form = body.findings.find((f: { rule: string; signal: string }) => f.rule === 'carrier-auth-code' && f.signal === 'auth-code-form');
    expect(form).toBeDefined();
    expect(form.evidence.some((e: { location: string }) => e.location.includes('/apply'))).toBe(true);
    expect(['high', 'critical']).toContain(body.band);
    expect(h.web.hits.some((x) => x.host === 'giftcash-now.top' && x.path === '/about')).toBe(false);
  });

  it('keeps a young but fully licensed shop low, with the licensing trust signal', async () => {
    const body = await scan(h.url('harucandle.shop'));
    expect(body.band).toBe('low');
    const trust = body.findings.find((f: { rule: string; points: number }) => f.rule === 'licensing' && f.points < 0);
    expect(trust).toBeDefined();
    expect(trust.evidence[0].excerpt).toContain('220-81-62517');
  });
});

describe('the CLI', () => {
  const cli = (args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { env: { ...process.env, ...h.env }, cwd: process.cwd() }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );

  it('prints a readable report and exits with the band code', async () => {
    const r = await cli(['check', h.url('sopay-119.net'), '--lang', 'ko']);
    expect([2, 3]).toContain(r.code);
    expect(r.stdout).toMatch(/\d+\/100 (높음|매우 높음)/);
    expect(r.stdout).toContain('carrier-auth-code/');
    expect(r.stdout).toMatch(/식별정보: .*sopay119/);
    expect(r.stdout).toContain('"');
  });

  it('prints JSON with --json and exits 0 for a low-risk site', async () => {
    const r = await cli(['check', '--json', h.url('harucandle.shop')]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout.trim())).toMatchObject({ band: 'low', domain: 'harucandle.shop' });
  });

  it('exits 4 on a refused target and 64 on a usage error', async () => {
    expect((await cli(['check', 'http://localhost/'])).code).toBe(4);
    expect((await cli(['frobnicate'])).code).toBe(64);
  });
});
