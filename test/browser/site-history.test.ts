// A hotline worker follows a site over time: from a result to the site's history (score chart, what
// changed between scans), from an identifier to the other domains that used it, to a related domain, and
// records a hotline report for the site.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteSpec } from '../support/harness.js';
import { axeSerious, openPage, screenshot, serve, type Served } from './browser.js';

const OPERATOR = fs.readFileSync(new URL('../fixtures/pages/op-micropayment-95.html', import.meta.url), 'utf8');
// The same broker on a second domain: same KakaoTalk ID.
const ROTATED = OPERATOR.replace('<title>', '<title>NEW ');
const young = { ageDays: 6, registrar: 'Gname.com Pte. Ltd.', privacy: true };
const sites: Record<string, SiteSpec> = {
  'paymoney-cash.top': { routes: { '/': { body: OPERATOR } }, whois: young },
  'paymoney-new.top': { routes: { '/': { body: ROTATED } }, whois: young },
};

let served: Served | null = null;
const scanIds: string[] = [];
beforeAll(async () => {
  served = await serve(sites);
  if (!served) return;
  const scan = async (host: string) => {
    const res = await served!.harness.app.inject({ method: 'POST', url: '/v1/scans', payload: { url: served!.harness.url(host) } });
    if (res.statusCode !== 200) throw new Error(res.body);
    scanIds.push(res.json<{ id: string }>().id);
  };
  await scan('paymoney-new.top');
  await scan('paymoney-cash.top');
  // The page changes between the two scans of paymoney-cash.top: a new telegram handle appears.
  (sites['paymoney-cash.top']!.routes as Record<string, { body: string }>)['/']!.body = OPERATOR.replace('</body>', '<p>텔레그램 @paymoney_tg 상담</p></body>');
  await scan('paymoney-cash.top');
});
afterAll(async () => {
  await served?.close();
});

describe('site history, identifiers, related domains, hotline report', () => {
  it('goes from a result to the history, an identifier, a related domain, and records a report', async (ctx) => {
    if (!served) return ctx.skip();
    const { page, context, errors, dialogs } = await openPage(served, { axe: true });
    await page.goto(`${served.base}/?scan=${scanIds[2]}`);
    await page.locator('#verdict').waitFor();
    await page.locator('dd a[href="/site/paymoney-cash.top"]').click();

    await page.getByRole('heading', { level: 1, name: /사이트 기록/ }).waitFor();
    await page.locator('table.scans tbody tr').first().waitFor();
    expect(await page.locator('table.scans tbody tr').count()).toBe(2);
    // The chart has a point per scan, drawn from data, with a text alternative.
    expect(await page.locator('figure.chart svg circle').count()).toBe(2);
    await expect(page.locator('figure.chart desc').textContent()).resolves.toMatch(/100; .*100/);
    // What changed between the scans.
    const changes = await page.locator('table.scans tbody tr').first().innerText();
    expect(changes).toContain('페이지 내용이 바뀜');
    expect(changes).toContain('paymoney_tg');
    await expect(page.locator('table.scans tbody tr').nth(1).innerText()).resolves.toContain('첫 검사');
    // Related domains (shared identifier) with their band.
    const related = page.locator('ul.related li').filter({ hasText: 'paymoney-new.top' });
    await related.waitFor();
    await expect(related.locator('.band').innerText()).resolves.toContain('위험 매우 높음');
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, 'site-history');

    // Record a hotline report for the site.
    await page.getByLabel('신고 종류').selectOption('victim');
    await page.getByLabel('접수 경로').selectOption('phone');
    await page.getByLabel('피해 금액 (원, 선택)').fill('300000');
    await page.getByLabel('메모 (공개되지 않음)').fill('카톡으로 인증번호 요구');
    await page.getByRole('button', { name: '신고 기록' }).click();
    const ok = await page.locator('.report .ok').innerText();
    expect(ok).toContain('신고가 기록되었습니다');
    const reportId = (await page.locator('.report .ok code').innerText()).trim();
    const stored = await served.harness.app.inject({ method: 'GET', url: `/v1/reports/${reportId}` });
    expect(stored.statusCode).toBe(200);
    expect(stored.json()).toMatchObject({ kind: 'victim', channel: 'phone', amountLost: 300000, note: '카톡으로 인증번호 요구', target: { domain: 'paymoney-cash.top' } });

    // From an identifier to the other domains that used it.
    await page.locator('.indicators a').filter({ hasText: 'paymoney24' }).click();
    await page.getByRole('heading', { level: 1, name: /식별자를 사용한 도메인/ }).waitFor();
    await page.locator('table.scans tbody tr').first().waitFor();
    const domains = await page.locator('table.scans tbody td:first-child').allInnerTexts();
    expect(domains.sort()).toEqual(['paymoney-cash.top', 'paymoney-new.top']);
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, 'indicator');
    await page.locator('table.scans a', { hasText: 'paymoney-new.top' }).click();
    await page.getByRole('heading', { level: 1, name: /paymoney-new\.top/ }).waitFor();
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
