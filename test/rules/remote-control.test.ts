import { describe, expect, it } from 'vitest';
import { remoteToolLinks, rule } from '../../rules/remote-control.js';
import { seededRandom } from '../support/prng.js';
import {HARD_NEGATIVES, evaluateQuoted, factsFromFixture, factsFromHtml, snippetPage } from '../support/facts.js';
import type { Facts } from '../../src/engine/types.js';

const run = (facts: Facts) => evaluateQuoted(rule, facts);
const signals = (facts: Facts) => run(facts).map((f) => f.signal).sort();
const OFFER = '<h1>소액결제 현금화 95% 지급</h1><p>24시간 당일 입금 · 카톡 상담 : pay24</p><button>신청하기</button>';
const offerPage = (html: string) => factsFromHtml(snippetPage(`${OFFER}${html}`));

describe('remote-control fires', () => {
  it('remote-control-app: an operator telling users to install AnyDesk and read out the address (with .apk links as evidence)', () => {
    const findings = run(factsFromFixture('op-remote-anydesk'));
    expect(findings.map((f) => f.signal)).toEqual(['remote-control-app']);
    expect(findings[0]!.vars).toEqual({ app: '애니데스크' });
    const excerpts = findings[0]!.evidence.map((e) => e.excerpt);
    expect(excerpts[0]).toContain('애니데스크(AnyDesk) 앱을 설치하고');
    expect(findings[0]!.evidence.some((e) => e.source === 'link' && e.excerpt.endsWith('.apk'))).toBe(true);
  });

  it.each([
    ['팀뷰어를 설치하신 뒤 ID를 알려주세요.', '팀뷰어'],
    ['TeamViewer QuickSupport 실행 후 상담원에게 연결해 주세요.', 'teamviewer'],
    ['원격 지원 앱 설치 후 진행됩니다.', '원격 지원 앱'],
    ['상담원이 원격으로 결제를 대신 진행해 드립니다.', '원격 지원'],
    ['RemoteView 접속 코드를 알려주세요.', 'remoteview'],
  ])('remote-control-app: "%s"', (sentence, app) => {
    const findings = run(offerPage(`<p>${sentence}</p>`));
    expect(findings.map((f) => f.signal)).toEqual(['remote-control-app']);
    expect(findings[0]!.vars).toEqual({ app });
  });

  it('remote-control-app on a page that only mentions cash-out (not licensed)', () => {
    const facts = factsFromHtml(snippetPage('<p>소액결제 현금화 진행 시 애니데스크 설치가 필요합니다.</p>'));
    expect(signals(facts)).toEqual(['remote-control-app']);
  });

  it('sideloaded-app: a 보안 앱 .apk to install, even without cash-out words', () => {
    const facts = factsFromHtml(snippetPage('<p>본인 확인을 위해 아래 링크에서 secure_cert.apk 파일을 설치해 주세요.</p>'));
    const findings = run(facts);
    expect(findings.map((f) => f.signal)).toEqual(['sideloaded-app']);
    expect(findings[0]!.vars).toEqual({ app: 'secure_cert.apk' });
  });

  it('sideloaded-app: a download link to an .apk on a cash-out page', () => {
    const findings = run(offerPage('<p><a href="/app/pay_guard.apk">전용 보안 앱 받기</a></p>'));
    expect(findings.map((f) => f.signal)).toEqual(['sideloaded-app']);
    expect(findings[0]!.vars).toEqual({ app: 'pay_guard.apk' });
  });
});

describe('remote-control stays silent', () => {
  it('stays silent on a bank fraud-prevention notice ("원격 제어 앱 설치를 요구하면 100% 사기")', () => {
    expect(run(factsFromFixture('bank-fraud-notice'))).toEqual([]);
  });

  it.each([
    '원격 앱 설치를 요구하면 사기입니다.',
    '팀뷰어, 애니데스크 같은 원격 제어 앱은 절대 설치하지 마세요.',
    '저희는 원격 지원 앱 설치를 요구하지 않습니다.',
    '문자로 받은 보안 앱(.apk)은 설치하지 마세요.',
  ])('stays silent on the warning "%s" even on a cash-out page', (sentence) => {
    expect(run(offerPage(`<p>${sentence}</p>`))).toEqual([]);
  });

  it('stays silent on an indie app page offering its own .apk (no cash-out, no security-app framing)', () => {
    const facts = factsFromHtml(snippetPage('<h1>메모앱 안드로이드 버전</h1><p>플레이스토어 출시 전까지 memo-1.2.apk 파일을 다운로드해서 설치해 주세요.</p><a href="/memo-1.2.apk">APK 받기</a>'));
    expect(run(facts)).toEqual([]);
  });

  it('stays silent on a victim recounting the request', () => {
    const facts = factsFromHtml(snippetPage('<p>현금화 업체에서 팀뷰어를 깔라고 했다. 바로 차단했다.</p>'));
    expect(run(facts)).toEqual([]);
  });

  it('stays silent on an IT help page without cash-out content that uses TeamViewer', () => {
    const facts = factsFromHtml(snippetPage('<h1>프린터 설치 지원</h1><p>원격 지원이 필요하시면 팀뷰어를 설치하고 ID를 알려주세요.</p>'));
    expect(run(facts)).toEqual([]);
  });

  it.each([...HARD_NEGATIVES])('stays silent on %s', (name) => {
    expect(run(factsFromFixture(name))).toEqual([]);
  });
});

describe('remote-control links', () => {
  // The pattern as it was tried on every link before links were first sorted by host.
  const REMOTE_HREF = /^https?:\/\/(?:[a-z0-9-]+\.)*(?:anydesk\.com|teamviewer\.com|rsupport\.com|remotecall\.co\.kr|helpu\.kr|startsupport\.com|remotedesktop\.google\.com)(?:\/|$)/i;

  it('finds the links the pattern matches, first two in page order, on random hrefs', () => {
    const r = seededRandom(31);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
    const hosts = ['anydesk.com', 'AnyDesk.COM', 'get.anydesk.com', 'teamviewer.com', 'notteamviewer.com', 'teamviewer.com.evil.example', 'helpu.kr', 'www.helpu.kr', 'rsupport.com:8443', 'user@anydesk.com', 'anydesk.com.', 'any%64esk.com', 'shop.example', 'remotedesktop.google.com', 'google.com'];
    const hrefs = () => Array.from({ length: 1 + Math.floor(r() * 12) }, () => `${pick(['https://', 'http://', 'HTTPS://', '//', 'ftp://', ''])}${pick(hosts)}${pick(['', '/', '/download', '?x=1', '#a', '/x.apk'])}`);
    let found = 0;
    for (let n = 0; n < 600; n++) {
      const links = hrefs().map((href) => `<a href="${href}">link</a>`).join(' ');
      const page = factsFromHtml(snippetPage(`<p>원격 지원</p>${links}`)).page!;
      const expected = page.links.filter((l) => REMOTE_HREF.test(l.href)).slice(0, 2).map((l) => l.href);
      found += expected.length;
      expect(remoteToolLinks(page).map((e) => e.excerpt), JSON.stringify(page.links.map((l) => l.href))).toEqual(expected);
    }
    expect(found).toBeGreaterThan(200);
  });
});
