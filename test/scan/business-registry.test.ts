// The optional 사업자등록 status provider against a loopback stand-in of the NTS status API: statuses, failures
// (timeout, malformed or non-JSON answers, a private address) as "unavailable", the numbers a page offers it,
// and scans with the provider on (registry-closed) and off (the default: nothing is asked).
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { businessNumbersIn } from '../../src/scan/business-numbers.js';
import { BusinessRegistryError, createHttpBusinessRegistry } from '../../src/scan/business-registry.js';
import { createJsonClient, type JsonClient } from '../../src/scan/json-request.js';
import { startBizRegistryServer, type BizRegistryServer } from '../support/biz-registry-server.js';
import { startHarness, type Harness } from '../support/harness.js';

const CLOSED = '2208162517'; // 220-81-62517, valid checksum
const ACTIVE = '1208147521'; // 120-81-47521
const SUSPENDED = '1168200276'; // 116-82-00276

let registry: BizRegistryServer | undefined;
let client: JsonClient | undefined;
let harness: Harness | undefined;
afterEach(async () => {
  await Promise.all([registry?.close(), client?.close(), harness?.close()]);
  registry = client = harness = undefined;
});

async function provider(mode?: 'ok' | 'slow' | 'malformed' | 'garbage', opts: { allowPrivate?: string[]; key?: string } = {}) {
  registry = await startBizRegistryServer({ [CLOSED]: 'closed', [ACTIVE]: 'active', [SUSPENDED]: 'suspended' }, { mode });
  client = createJsonClient({ dnsServers: [], allowPrivate: opts.allowPrivate ?? ['127.0.0.0/8'] });
  return createHttpBusinessRegistry({ url: registry.url, key: opts.key ?? null, client, timeoutMs: 300 });
}

describe('the HTTP provider', () => {
  it('maps b_stt_cd 01/02/03 to active/suspended/closed, and an unregistered number to unknown', async () => {
    const p = await provider('ok', { key: 'abc/+=' });
    const result = await p.lookup([CLOSED, ACTIVE, SUSPENDED, '2148734567']);
    expect(Object.fromEntries(result)).toEqual({
      [CLOSED]: { status: 'closed', label: '폐업자', closedOn: '20240131' },
      [ACTIVE]: { status: 'active', label: '계속사업자', closedOn: null },
      [SUSPENDED]: { status: 'suspended', label: '휴업자', closedOn: null },
      '2148734567': { status: 'unknown', label: '국세청에 등록되지 않은 사업자등록번호입니다.', closedOn: null },
    });
    expect(registry!.requests).toEqual([{ search: '?serviceKey=abc%2F%2B%3D', numbers: [CLOSED, ACTIVE, SUSPENDED, '2148734567'] }]);
  });

  it('asks nothing for no numbers', async () => {
    const p = await provider();
    expect((await p.lookup([])).size).toBe(0);
    expect(registry!.requests).toHaveLength(0);
  });

  it.each([
    ['slow', /did not answer in time/],
    ['malformed', /no "data" list/],
    ['garbage', /no "data" list/],
  ] as const)('%s answer: rejects with a reason (the scan treats it as unavailable)', async (mode, reason) => {
    const p = await provider(mode);
    const err = await p.lookup([CLOSED]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BusinessRegistryError);
    expect((err as Error).message).toMatch(reason);
  });

  it('an endpoint on a private address is refused under the scanner address policy', async () => {
    const p = await provider('ok', { allowPrivate: [] });
    const err = await p.lookup([CLOSED]).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/refused/);
    expect(registry!.requests).toHaveLength(0);
  });
});

describe('the numbers a page offers the registry', () => {
  it('dashed numbers anywhere, ten digits after a label (tags between), full-width digits; valid checksums only', () => {
    const html = `<footer>사업자등록번호 : <b>220-81-62517</b> | 사업자번호: <span>1208147521</span>
      | 123-45-67890 | 통신판매업 제2020-서울강남-0001호 | ０１０-１２３４-５６７８ | １１６-８２-００２７６</footer>`;
    expect(businessNumbersIn([html])).toEqual([CLOSED, SUSPENDED, ACTIVE]);
    expect(businessNumbersIn(['<p>전화 02-555-1234, 주문번호 2208162517</p>'])).toEqual([]);
  });
});

const SHOP = `<!doctype html><html lang="ko"><head><title>비누공방</title></head><body>
<h1>핸드메이드 비누</h1><p>라벤더 비누 판매가 12,000원</p><button>장바구니 담기</button>
<footer><p>상호 : (주)한빛 | 대표이사 : 홍길동 | 주소 : 서울특별시 강남구 테헤란로 1 | 전화 : 02-555-1234</p>
<p>사업자등록번호 : 220-81-62517 | 통신판매업 신고번호 : 제2020-서울강남-0001호</p></footer></body></html>`;

describe('scans with the registry', () => {
  const sites = { 'soap-shop.com': { routes: { '/': { body: SHOP } }, whois: { ageDays: 400, registrar: 'Gabia, Inc.', privacy: false } } };
  const scan = async () => {
    const res = await harness!.app.inject({ method: 'POST', url: '/v1/scans', payload: { url: harness!.url('soap-shop.com') } });
    // A problem (the scan's deadline passed on a loaded machine) is named, not read as a scan without findings.
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  // These tests are about the registry, not deadlines: a CI run with the browser tests on both cores once took
  // the first scan of a fresh harness past the harness's 8 s.
  const roomy = { SCAMSCORE_SCAN_TIMEOUT_MS: '15000', SCAMSCORE_ANALYSIS_TIMEOUT_MS: '15000' };
  const licensing = (body: { findings: { rule: string; signal: string }[] }) =>
    body.findings.filter((f) => f.rule === 'licensing').map((f) => f.signal);

  it('off by default: no setting, no request, the footer earns its trust signal', async () => {
    expect(loadConfig({}).bizRegistryUrl).toBeNull();
    registry = await startBizRegistryServer({ [CLOSED]: 'closed' });
    harness = await startHarness(sites, roomy);
    expect(licensing(await scan())).toEqual(['complete']);
    expect(registry.requests).toHaveLength(0);
  });

  it('on: a number the registry lists as closed is a registry-closed finding, not a trust signal', async () => {
    registry = await startBizRegistryServer({ [CLOSED]: 'closed' });
    harness = await startHarness(sites, { ...roomy, SCAMSCORE_BIZ_REGISTRY_URL: registry.url, SCAMSCORE_BIZ_REGISTRY_KEY: 'test-key' });
    const body = await scan();
    expect(licensing(body)).toEqual(['registry-closed']);
    const finding = body.findings.find((f: { signal: string }) => f.signal === 'registry-closed');
    expect(finding.message.ko).toContain('폐업자');
    expect(finding.evidence[0].excerpt).toContain('220-81-62517');
    expect(registry.requests).toEqual([{ search: '?serviceKey=test-key', numbers: [CLOSED] }]);
  });

  it('on, active: nothing extra (a real number is still not proof of identity)', async () => {
    registry = await startBizRegistryServer({ [CLOSED]: 'active' });
    harness = await startHarness(sites, { ...roomy, SCAMSCORE_BIZ_REGISTRY_URL: registry.url });
    expect(licensing(await scan())).toEqual(['complete']);
    expect(registry.requests).toHaveLength(1);
  });

  it('on, malformed answer: the scan still answers, without a registry fact', async () => {
    registry = await startBizRegistryServer({ [CLOSED]: 'closed' }, { mode: 'malformed' });
    harness = await startHarness(sites, { ...roomy, SCAMSCORE_BIZ_REGISTRY_URL: registry.url });
    const body = await scan();
    expect(body.complete).toBe(true);
    expect(licensing(body)).toEqual(['complete']);
  });
});
