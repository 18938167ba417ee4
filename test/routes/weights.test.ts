// An operator's weights file (SCAMSCORE_WEIGHTS) changes the points without touching code, and the answer
// records which weights were used.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';

const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'weights-')), 'weights.json');
fs.writeFileSync(file, JSON.stringify({ points: { 'carrier-auth-code/code-by-messenger': 55, 'domain-age/very-young': 0 }, bands: { medium: 20, high: 50, critical: 90 } }));
const PAGE = '<html><head><title>소액결제 현금화 95% 지급</title></head><body><h1>소액결제 현금화</h1><p>인증번호는 카톡으로 보내주세요. 카톡 ID cash7777</p></body></html>';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ 'cash-now.top': { routes: {}, whois: { ageDays: 4, registrar: 'Gname.com Pte. Ltd.', privacy: true } } }, { SCAMSCORE_WEIGHTS: file });
});
afterAll(async () => h?.close());

describe('SCAMSCORE_WEIGHTS', () => {
  it('overrides points and bands, and the answer says which weights it used', async () => {
    const body = (await h.app.inject({ method: 'POST', url: '/v1/scans', payload: { url: 'https://cash-now.top/', html: PAGE } })).json();
    expect(body.weights).toBe(file);
    const points = Object.fromEntries(body.findings.map((f: { rule: string; signal: string; points: number }) => [`${f.rule}/${f.signal}`, f.points]));
    expect(points['carrier-auth-code/code-by-messenger']).toBe(55);
    expect(points['domain-age/very-young']).toBe(0);
    const rules = (await h.app.inject({ method: 'GET', url: '/v1/rules' })).json();
    expect(rules.bands).toEqual({ medium: 20, high: 50, critical: 90 });
    expect(rules.weights).toBe(file);
  });
});
