// A hotline worker checks one site: types the address, waits while it is checked, reads the verdict, the
// findings with their quoted evidence and what to do next, switches to English, and meets a site that
// could not be checked. Run against the real service and loopback sites in headless chromium.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteSpec } from '../support/harness.js';
import { axeSerious, openPage, screenshot, serve, type Served } from './browser.js';

const OPERATOR = fs.readFileSync(new URL('../fixtures/pages/op-micropayment-95.html', import.meta.url), 'utf8');
const young = { ageDays: 12, registrar: 'Gname.com Pte. Ltd.', privacy: true };
const sites: Record<string, SiteSpec> = {
  // A short delay so the busy state is on screen long enough for a person (and the test) to see it.
  'sopay-119.net': { routes: { '/': { body: OPERATOR, delayMs: 700 } }, whois: young },
  // Resolves, but nothing answers its page: the scan cannot read it.
  'gone-cash.top': { routes: { '/': { status: 503, body: 'down' } }, whois: { ageDays: 200, registrar: 'Gabia', privacy: false } },
};

let served: Served | null = null;
beforeAll(async () => {
  served = await serve(sites);
});
afterAll(async () => {
  await served?.close();
});

describe('check a site', () => {
  it('shows the verdict, findings with evidence, next steps; English on a click and remembered', async (ctx) => {
    if (!served) return ctx.skip();
    const { page, context, dialogs, errors } = await openPage(served, { axe: true });
    await page.goto(`${served.base}/`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('사이트 검사');
    const axeForm = await axeSerious(page);
    expect(axeForm).toEqual([]);

    await page.getByLabel('검사할 사이트 주소 (URL)').fill(served.harness.url('sopay-119.net'));
    await page.getByRole('button', { name: '검사하기' }).click();
    // The busy state, announced in the live region while the synchronous scan runs.
    await expect(page.locator('#result[aria-busy="true"] .busy').waitFor()).resolves.toBeUndefined();
    await screenshot(page, 'check-busy');
    await page.locator('#verdict').waitFor();
    await expect(page.locator('#result').getAttribute('aria-busy')).resolves.toBe('false');

    const verdict = await page.locator('#verdict').innerText();
    expect(verdict).toContain('위험 매우 높음');
    expect(verdict).toMatch(/100\s*\/100/);
    await expect(page.locator('#verdict').getAttribute('class')).resolves.toContain('verdict-critical');
    // Each finding shows its points and quotes its evidence.
    const findings = page.locator('li.finding');
    expect(await findings.count()).toBeGreaterThan(3);
    const firstFinding = await findings.first().innerText();
    expect(firstFinding).toMatch(/\+\d+ 점/);
    expect(await page.locator('li.finding blockquote mark').filter({ hasText: '인증번호' }).count()).toBeGreaterThan(0);
    // In context: the words a finding quotes are marked inside the longer excerpt around them.
    const partlyMarked = await page.locator('li.finding blockquote').evaluateAll((qs) =>
      qs.filter((q) => { const m = q.querySelector('mark'); return m !== null && (m.textContent ?? '').length < (q.textContent ?? '').trim().length; }).length,
    );
    expect(partlyMarked).toBeGreaterThan(0);
    // What to do next, with the agencies' numbers.
    const steps = await page.locator('.steps').innerText();
    for (const n of ['1332', '182', '118', '114']) expect(steps).toContain(n);
    // The identifiers link to the view of other domains that used them.
    await expect(page.locator('.indicators a').filter({ hasText: 'paymoney24' }).getAttribute('href')).resolves.toBe('/indicator/kakao/paymoney24');
    // The scanned site is not a link until the person asks for it.
    expect(await page.locator(`a[href^="${served.harness.url('sopay-119.net')}"]`).count()).toBe(0);
    await page.getByRole('button', { name: '사이트 열기…' }).first().click();
    const open = page.locator('.open-ask a');
    await expect(open.getAttribute('rel')).resolves.toBe('noopener noreferrer nofollow');
    await page.getByRole('button', { name: '취소' }).click();
    expect(await page.locator('.open-ask').count()).toBe(0);
    // The summary's English is a click away.
    await page.getByRole('button', { name: 'Show in English' }).click();
    await expect(page.locator('.summary').innerText()).resolves.toMatch(/^Score 100\/100 \(critical risk\)/);

    const axeResult = await axeSerious(page);
    expect(axeResult).toEqual([]);
    await page.getByRole('button', { name: '한국어로 보기' }).click();
    await screenshot(page, 'check-result-ko');

    // English for the whole page, remembered across a reload (the result is kept in the address).
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await page.reload();
    await page.locator('#verdict').waitFor();
    await expect(page.locator('#verdict .verdict-band').innerText()).resolves.toBe('Critical risk');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Check a site');
    await screenshot(page, 'check-result-en');
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('makes "could not be checked" unmistakable and says which checks did not run', async (ctx) => {
    if (!served) return ctx.skip();
    const { page, context, errors } = await openPage(served, { axe: true });
    await page.goto(`${served.base}/`);
    await page.getByLabel('검사할 사이트 주소 (URL)').fill(served.harness.url('gone-cash.top'));
    await page.getByLabel('검사할 사이트 주소 (URL)').press('Enter');
    await page.locator('#verdict').waitFor();
    await expect(page.locator('#verdict').getAttribute('class')).resolves.toContain('verdict-unknown');
    const alert = await page.locator('#verdict [role="alert"]').innerText();
    expect(alert).toContain('확인 불가');
    expect(alert).toContain('안전하다는 뜻이 아닙니다');
    expect(await page.locator('ul.unavailable li').count()).toBeGreaterThan(0);
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, 'check-unknown');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('works from the keyboard alone: skip link, form, and focus moved to the verdict', async (ctx) => {
    if (!served) return ctx.skip();
    const { page, context } = await openPage(served);
    await page.goto(`${served.base}/`);
    const focused = () => page.evaluate('document.activeElement.id || document.activeElement.className || document.activeElement.tagName');
    await page.keyboard.press('Tab');
    await expect(focused()).resolves.toBe('skip');
    await page.keyboard.press('Enter');
    await expect(focused()).resolves.toBe('main');
    await page.keyboard.press('Tab');
    await expect(focused()).resolves.toBe('url');
    await page.keyboard.type(served.harness.url('sopay-119.net'));
    await page.keyboard.press('Enter');
    await page.locator('#verdict').waitFor();
    // The person lands on the verdict, not at the top of the page.
    await expect(focused()).resolves.toBe('verdict');
    await context.close();
  });

  it('shows the problem detail for a refused address, in words a person reads', async (ctx) => {
    if (!served) return ctx.skip();
    const { page, context } = await openPage(served);
    await page.goto(`${served.base}/`);
    await page.getByLabel('검사할 사이트 주소 (URL)').fill('http://localhost/');
    await page.getByRole('button', { name: '검사하기' }).click();
    const problem = await page.locator('.problem').innerText();
    expect(problem).toContain('문제가 생겼습니다');
    expect(problem).toContain('localhost');
    await context.close();
  });
});
