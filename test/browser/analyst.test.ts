// An analyst on a keyed install: without a key the page says what is needed; with a key (kept in the tab's
// sessionStorage, sent as Bearer) records a verdict, appeals a rule and withdraws both; the audit trail
// needs the admin scope, and names the key's owner.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteSpec } from '../support/harness.js';
import { axeSerious, openPage, screenshot, serve, type Served } from './browser.js';

const OPERATOR = fs.readFileSync(new URL('../fixtures/pages/op-micropayment-95.html', import.meta.url), 'utf8');
const sites: Record<string, SiteSpec> = {
  'paymoney-cash.top': { routes: { '/': { body: OPERATOR } }, whois: { ageDays: 6, registrar: 'Gname.com Pte. Ltd.', privacy: true } },
};

let served: Served | null = null;
let analystKey = '';
let adminKey = '';
beforeAll(async () => {
  served = await serve(sites);
  if (!served) return;
  // Keys before any request: the service is keyed from the first answer on.
  analystKey = (await served.harness.services.keyStore.create({ owner: 'hotline-seoul', scopes: ['scan', 'lookup', 'report'] })).key;
  adminKey = (await served.harness.services.keyStore.create({ owner: 'admin-park', scopes: ['admin'] })).key;
  const res = await served.harness.app.inject({
    method: 'POST',
    url: '/v1/scans',
    headers: { authorization: `Bearer ${analystKey}` },
    payload: { url: served.harness.url('paymoney-cash.top') },
  });
  if (res.statusCode !== 200) throw new Error(res.body);
});
afterAll(async () => {
  await served?.close();
});

describe('analyst verdicts, appeals and audit', () => {
  it('asks for a key, then records and withdraws a verdict and an appeal, and shows the audit to an admin', async (ctx) => {
    if (!served) return ctx.skip();
    const { page, context, errors, dialogs } = await openPage(served, { axe: true });
    await page.goto(`${served.base}/site/paymoney-cash.top`);
    await expect(page.locator('.problem').innerText()).resolves.toContain('needs an API key');

    await page.getByText('분석가 (API 키 필요)').last().click();
    await page.getByLabel('API 키', { exact: true }).fill(analystKey);
    await page.getByRole('button', { name: '키 저장' }).click();
    await page.locator('table.scans tbody tr').first().waitFor();
    expect(await page.evaluate('sessionStorage.getItem("scamscore.apiKey")')).toBe(analystKey);

    // Record a verdict.
    const verdictForm = page.locator('fieldset', { hasText: '판정' }).first();
    await verdictForm.getByLabel('판정').selectOption('scam');
    await verdictForm.getByLabel('사유').fill('같은 카톡 ID로 3건 신고');
    await verdictForm.getByLabel('처리자').fill('analyst kim');
    await verdictForm.getByRole('button', { name: '판정 기록' }).click();
    await page.locator('.analyst-verdict').waitFor();
    await expect(page.locator('.analyst-verdict').innerText()).resolves.toContain('사기 — 같은 카톡 ID로 3건 신고 (hotline-seoul (analyst kim)');

    // Appeal a rule.
    const appealForm = page.locator('fieldset', { hasText: '규칙 이의 제기' });
    await appealForm.getByLabel('규칙').selectOption('payout-rate');
    await appealForm.getByLabel('사유').fill('정상 매입 업체의 시세표');
    await appealForm.getByRole('button', { name: '이의 기록' }).click();
    const appealed = page.locator('.analyst li', { hasText: 'payout-rate' });
    await appealed.waitFor();
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, 'analyst');

    // The audit needs the admin scope: the page says so in the problem's words.
    await page.getByRole('button', { name: '감사 기록 보기' }).click();
    await expect(page.locator('.analyst .problem').innerText()).resolves.toContain('admin');

    // Withdraw both.
    await appealed.getByRole('button', { name: '이의 철회' }).click();
    await page.locator('.analyst li', { hasText: 'payout-rate' }).waitFor({ state: 'detached' });
    await verdictForm.getByLabel('사유').fill('오판');
    await verdictForm.getByRole('button', { name: '판정 철회' }).click();
    await page.locator('.analyst-verdict').waitFor({ state: 'detached' });

    // An admin sees who did what.
    await page.getByLabel('API 키', { exact: true }).fill(adminKey);
    await page.getByRole('button', { name: '키 저장' }).click();
    await page.locator('table.scans tbody tr').first().waitFor();
    await page.getByRole('button', { name: '감사 기록 보기' }).click();
    await page.locator('table.audit tbody tr').first().waitFor();
    const audit = await page.locator('table.audit').innerText();
    for (const action of ['verdict.record', 'verdict.withdraw', 'suppression.record', 'suppression.withdraw']) expect(audit).toContain(action);
    expect(audit).toContain('hotline-seoul');
    await screenshot(page, 'analyst-audit');
    expect(dialogs).toEqual([]);
    expect(errors.filter((e) => !/status of 40[13]/.test(e))).toEqual([]);
    await context.close();
  });
});
