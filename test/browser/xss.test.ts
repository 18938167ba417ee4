// Everything a scanned site wrote is attacker-written. A loopback site puts script payloads in every place
// evidence is taken from (title, text, meta, form labels, links, KakaoTalk/Telegram IDs, the WHOIS
// registrar, the URL) and is scanned through the page, with the page's CSP enforced: no payload may run,
// and each must be shown as the text it is.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteSpec } from '../support/harness.js';
import { openPage, screenshot, serve, type Served } from './browser.js';

// Each payload marks window.__pwned (and alerts) if it ever runs, whichever way it got in.
const P = {
  img: '<img src=x onerror="window.__pwned=\'img\';alert(1)">',
  svg: '<svg/onload=window.__pwned=\'svg\'>',
  script: '<script>window.__pwned=\'script\';alert(2)</script>',
  attr: '"><img src=x onerror=window.__pwned=\'attr\'>',
  lit: '${window.__pwned="lit"}<?lit$123$>',
};
const esc = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

const OPERATOR = fs.readFileSync(new URL('../fixtures/pages/op-micropayment-95.html', import.meta.url), 'utf8');
const HOSTILE = OPERATOR.replace('<title>', `<title>${esc(P.img)} `)
  .replace('<meta name="description" content="', `<meta name="description" content="${esc(P.attr)} `)
  .replace('<label for="auth">인증번호', `<label for="auth">인증번호 ${esc(P.svg)}`)
  .replace('<h1>', `<h1>${esc(P.script)} `)
  .replace(
    '</body>',
    `<p>카톡 ID: evil_kakao${esc(P.img)} 텔레그램 @evil_tg${esc(P.svg)}</p>
     <p>${esc(P.lit)} 입금 계좌 ${esc(P.attr)}</p>
     <a href="javascript:window.__pwned='href';alert(3)">javascript link ${esc(P.img)}</a>
     <a href="https://t.me/evil_tg?x=${encodeURIComponent(P.attr)}">텔레그램 상담</a>
     <a href="https://open.kakao.com/o/sEvil1?q=${encodeURIComponent(P.script)}">오픈채팅</a>
     </body>`,
  );

const sites: Record<string, SiteSpec> = {
  'xss-cash.top': {
    routes: { '/': { body: HOSTILE } },
    whois: { ageDays: 4, registrar: `Evil Registrar ${P.img} ${P.script} ${P.lit}`, privacy: true },
  },
};

let served: Served | null = null;
beforeAll(async () => {
  served = await serve(sites);
});
afterAll(async () => {
  await served?.close();
});

describe('a scanned site cannot script the page', () => {
  it('shows every payload as text and runs none of them, with the CSP enforced', async (ctx) => {
    if (!served) return ctx.skip();
    const { page, context, dialogs, errors } = await openPage(served);
    const cspViolations: string[] = [];
    await page.exposeFunction('__cspViolation', (v: string) => void cspViolations.push(v));
    await page.addInitScript("document.addEventListener('securitypolicyviolation', (e) => window.__cspViolation(e.violatedDirective + ' ' + e.blockedURI))");
    const res = await page.goto(`${served.base}/`);
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");

    const target = served.harness.url('xss-cash.top', `/?q=${encodeURIComponent(P.attr)}`);
    await page.getByLabel('검사할 사이트 주소 (URL)').fill(target);
    await page.getByRole('button', { name: '검사하기' }).click();
    await page.locator('#verdict').waitFor();
    // Let any deferred payload (image error, svg load) fire before looking.
    await page.waitForLoadState('networkidle');

    const app = page.locator('#app');
    const text = await app.innerText();
    // The payloads are on screen as text: from the form labels, the text and WHOIS.
    expect(text).toContain(P.img);
    expect(text).toContain(P.svg);
    expect(text).toContain(`Evil Registrar ${P.img} ${P.script} ${P.lit}`);
    // ... and never as elements.
    expect(await page.locator('#app img, #app script, #app iframe, #app object, #app embed').count()).toBe(0);
    expect(await page.locator('#app svg').count()).toBe(0);
    expect(await page.locator('#app [onerror], #app [onload]').count()).toBe(0);
    // No link to the scanned site or its channels is live, and nothing is a javascript: link.
    expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
    const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs.filter((h) => !h.startsWith('/') && !h.startsWith('tel:') && h !== '#main')).toEqual([]);

    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(cspViolations).toEqual([]);
    expect(errors).toEqual([]);
    await screenshot(page, 'xss-escaped');
    await context.close();
  });

  it('keeps a javascript: address inert even when asked to open it', async (ctx) => {
    if (!served) return ctx.skip();
    const { page, context, dialogs } = await openPage(served);
    await page.goto(`${served.base}/`);
    // The API refuses the scheme; the page must not turn the typed text into a link either.
    await page.getByLabel('검사할 사이트 주소 (URL)').evaluate((el) => el.setAttribute('type', 'text'));
    await page.getByLabel('검사할 사이트 주소 (URL)').fill("javascript:window.__pwned='typed'");
    await page.getByRole('button', { name: '검사하기' }).click();
    await page.locator('.problem').waitFor();
    expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    expect(dialogs).toEqual([]);
    await context.close();
  });
});
