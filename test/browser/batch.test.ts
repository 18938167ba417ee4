// A journalist checks a list of sites: pastes addresses (or uploads a CSV), watches progress arrive over
// server-sent events, sorts and filters the results, opens a row, exports CSV/JSON and an evidence file.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteSpec } from '../support/harness.js';
import { axeSerious, openPage, screenshot, serve, type Served } from './browser.js';

const OPERATOR = fs.readFileSync(new URL('../fixtures/pages/op-micropayment-95.html', import.meta.url), 'utf8');
const BLOG = '<html><head><title>주말 등산 기록</title></head><body><h1>북한산 등산</h1><p>' + '아침 일찍 출발해서 정상까지 올랐다. '.repeat(30) + '</p></body></html>';
const sites: Record<string, SiteSpec> = {
  // Slow enough that progress is seen moving before the end.
  'paymoney-cash.top': { routes: { '/': { body: OPERATOR, delayMs: 600 } }, whois: { ageDays: 6, registrar: 'Gname.com Pte. Ltd.', privacy: true } },
  'hiking-notes.kr': { routes: { '/': { body: BLOG, delayMs: 1200 } }, whois: { ageDays: 3000, registrar: 'Gabia', privacy: false } },
  'cash-csv.top': { routes: { '/': { body: OPERATOR.replaceAll('paymoney24', 'csvcash77') } }, whois: { ageDays: 3, registrar: 'Gname.com Pte. Ltd.', privacy: true } },
};

let served: Served | null = null;
beforeAll(async () => {
  served = await serve(sites);
});
afterAll(async () => {
  await served?.close();
});

describe('a list of sites', () => {
  it('pasted: progress, sortable and filterable results, open a row, exports and evidence', async (ctx) => {
    if (!served) return ctx.skip();
    const { page, context, errors, dialogs } = await openPage(served, { axe: true });
    const requested: string[] = [];
    page.on('request', (r) => void requested.push(new URL(r.url()).pathname));
    await page.goto(`${served.base}/batch`);
    expect(await axeSerious(page)).toEqual([]);
    await page.getByLabel('목록 이름 (선택)').fill('핫라인 목록');
    await page.getByLabel('주소 목록 (한 줄에 하나)').fill([served.harness.url('paymoney-cash.top'), served.harness.url('hiking-notes.kr'), 'ftp://files.example/list'].join('\n'));
    await page.getByRole('button', { name: '목록 검사 시작' }).click();

    await page.waitForURL(/\/batch\/[0-9a-f-]{36}$/);
    const batchId = page.url().split('/').pop()!;
    await page.locator('#progress-text').waitFor();
    await expect(page.locator('section').filter({ hasText: '검사할 수 없는 줄' }).innerText()).resolves.toContain('ftp://files.example/list');
    // Progress arrives over the event stream until done; the table follows.
    await page.locator('#progress-text', { hasText: '완료 — 3 / 3' }).waitFor({ timeout: 30_000 });
    await expect(page.locator('progress').evaluate((p) => (p as unknown as { value: number }).value)).resolves.toBe(3);
    await page.locator('table.results tbody tr').first().waitFor();
    expect(await page.locator('table.results tbody tr').count()).toBe(3);
    // The page followed the batch's event stream (the sites are slow enough that it was still running).
    expect(requested).toContain(`/v1/batches/${batchId}/events`);

    // Sort by score, highest first.
    await page.getByRole('button', { name: '점수' }).click();
    const scores = (await page.locator('table.results tbody td:nth-child(4)').allInnerTexts()).map((s) => (s === '—' ? -1 : Number(s)));
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    await expect(page.locator('th', { has: page.getByRole('button', { name: '점수' }) }).getAttribute('aria-sort')).resolves.toBe('descending');
    // Filter by band.
    await page.getByLabel('위험도로 거르기').selectOption('critical');
    expect(await page.locator('table.results tbody tr').count()).toBe(1);
    await expect(page.locator('table.results tbody tr').innerText()).resolves.toContain('paymoney-cash.top');
    await page.getByLabel('위험도로 거르기').selectOption('');
    // Filter by rule (each row's rules come from its scan).
    await page.locator('#filter-rule option[value="carrier-auth-code"]').waitFor({ state: 'attached' });
    await page.getByLabel('규칙으로 거르기').selectOption('carrier-auth-code');
    expect(await page.locator('table.results tbody tr').count()).toBe(1);
    await page.getByLabel('규칙으로 거르기').selectOption('');
    await page.getByLabel('최소 점수').fill('50');
    expect(await page.locator('table.results tbody tr').count()).toBe(1);
    await page.getByLabel('최소 점수').fill('0');
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, 'batch-results');

    // Exports: CSV and JSON lines from the results route, and a scan's evidence (WARC).
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSV 내보내기' }).click()]);
    const csvText = fs.readFileSync((await csv.path())!, 'utf8');
    expect(csvText.split('\n')[0]).toBe('line,url,target,status,scan_id,score,band,reused,error_code,error_detail');
    expect(csv.suggestedFilename()).toBe(`batch-${batchId}.csv`);
    const [jsonl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'JSON 내보내기' }).click()]);
    const rows = fs.readFileSync((await jsonl.path())!, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { line: number });
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3]);
    const [warc] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '내려받기' }).first().click()]);
    expect(warc.suggestedFilename()).toMatch(/^scan-[0-9a-f-]{36}\.warc\.gz$/);
    expect(fs.readFileSync((await warc.path())!).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));

    // Open a row: the full result for that site.
    await page.locator('table.results a', { hasText: 'paymoney-cash.top' }).click();
    await page.locator('#verdict').waitFor();
    await expect(page.locator('#verdict .verdict-band').innerText()).resolves.toBe('위험 매우 높음');
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('uploaded as a CSV file', async (ctx) => {
    if (!served) return ctx.skip();
    const { page, context } = await openPage(served);
    await page.goto(`${served.base}/batch`);
    await page.getByLabel('또는 CSV 파일 올리기 (url 열)').setInputFiles({ name: 'sites.csv', mimeType: 'text/csv', buffer: Buffer.from(`url\n${served.harness.url('cash-csv.top')}\n`) });
    await page.getByRole('button', { name: '목록 검사 시작' }).click();
    await page.locator('#progress-text', { hasText: '완료 — 1 / 1' }).waitFor({ timeout: 30_000 });
    await page.locator('table.results tbody tr').first().waitFor();
    await expect(page.locator('table.results tbody tr').innerText()).resolves.toContain('cash-csv.top');
    await context.close();
  });
});
