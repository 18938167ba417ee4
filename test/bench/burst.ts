// Benchmark: a burst of 1000 concurrent scans against the built service (its own process, default
// admission settings) compared side by side with the same scans sent 32 at a time.
//   identical: 1000 scans of 50 distinct loopback sites (20 callers per URL: single-flight applies)
//   distinct:  1000 different URLs on the same 50 sites (no two alike: admission alone)
// Prints answered share, 503s with Retry-After, slowest answer against the bound (scan deadline + queue
// wait) and the throughput ratio burst ÷ 32-at-a-time. Asserts nothing.
// usage: npm run bench:burst   (builds first)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { Agent, request } from 'undici';
import { startStandIns, type SiteSpec } from '../support/harness.js';

const API_PORT = 18_341;
const SITES = 50;
const SCANS = 1000;
const SCAN_TIMEOUT_MS = 8_000;
const QUEUE_WAIT_MS = 30_000;

const filler = Array.from({ length: 120 }, (_, i) => `<p>안내 ${i}: 문화상품권, 구글 기프트카드 매입 문의는 상담 채널로 연락 주세요.</p>`).join('\n');
const page = (n: number) => `<!doctype html><html lang="ko"><head><title>소액결제 현금화 ${n}호점 | 지급률 9${n % 10}%</title></head><body>
<h1>휴대폰 소액결제 · 정보이용료 현금화</h1><p>24시간 5분 이내 입금, 카톡 상담 ID: cash${n}</p>${filler}
<a href="/apply">현금화 신청</a></body></html>`;
const apply = '<html><body><form><input name="phone" placeholder="휴대폰 번호"><input name="auth" placeholder="인증번호"></form></body></html>';

const sites: Record<string, SiteSpec> = {};
for (let n = 0; n < SITES; n++) {
  sites[`cash-${n}.top`] = { routes: { '/': { body: page(n) }, '/apply': { body: apply } }, whois: { ageDays: 3 + n, registrar: 'Gname.com Pte. Ltd.', privacy: true } };
}
const standIns = await startStandIns(sites, { SCAMSCORE_SCAN_TIMEOUT_MS: String(SCAN_TIMEOUT_MS), SCAMSCORE_SCAN_QUEUE_WAIT_MS: String(QUEUE_WAIT_MS) });
const service = spawn(process.execPath, ['dist/src/main.js'], {
  env: { ...process.env, ...standIns.env, PORT: String(API_PORT), HOST: '127.0.0.1', LOG_LEVEL: 'silent' },
  stdio: 'inherit',
});
const api = `http://127.0.0.1:${API_PORT}`;
const dispatcher = new Agent({ connections: SCANS + 100, pipelining: 0, headersTimeout: 120_000, bodyTimeout: 120_000 });
for (let i = 0; ; i++) {
  try {
    if ((await request(`${api}/healthz`, { dispatcher })).statusCode === 200) break;
  } catch {
    /* not up yet */
  }
  if (i > 300) throw new Error('the service did not start');
  await new Promise((r) => setTimeout(r, 100));
}
const vmHwmMb = () => Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${service.pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;

interface Answer {
  status: number;
  ms: number;
  retryAfter: boolean;
}

async function scan(url: string): Promise<Answer> {
  const started = performance.now();
  try {
    const r = await request(`${api}/v1/scans`, { method: 'POST', dispatcher, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url }) });
    await r.body.arrayBuffer();
    return { status: r.statusCode, ms: performance.now() - started, retryAfter: /^\d+$/.test(String(r.headers['retry-after'] ?? '')) };
  } catch {
    return { status: 0, ms: performance.now() - started, retryAfter: false };
  }
}

/** Sends every URL with at most `concurrency` requests open at once; returns the answers and the wall time. */
async function send(urls: string[], concurrency: number): Promise<{ answers: Answer[]; seconds: number }> {
  const answers: Answer[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, urls.length) }, async () => {
      while (next < urls.length) answers.push(await scan(urls[next++]!));
    }),
  );
  return { answers, seconds: (performance.now() - started) / 1000 };
}

const identical = Array.from({ length: SCANS }, (_, i) => standIns.url(`cash-${i % SITES}.top`));
const distinct = Array.from({ length: SCANS }, (_, i) => standIns.url(`cash-${i % SITES}.top`, `/?visit=${i}`));

// Warm the WHOIS cache and the analysis threads first, so both runs see the same warm service.
for (let round = 0; round < 4; round++) await send(Array.from({ length: SITES }, (_, i) => standIns.url(`cash-${i}.top`, `/?warm=${round}`)), 16);

const report = (label: string, run: { answers: Answer[]; seconds: number }) => {
  const ok = run.answers.filter((a) => a.status === 200).length;
  const shed = run.answers.filter((a) => a.status === 503);
  const other = run.answers.length - ok - shed.length;
  const slowest = Math.max(...run.answers.map((a) => a.ms)) / 1000;
  console.log(
    `  ${label.padEnd(14)} ${ok}/${run.answers.length} answered 200 (${((100 * ok) / run.answers.length).toFixed(1)}%), ` +
      `503 ${shed.length} (with Retry-After ${shed.filter((a) => a.retryAfter).length}), other ${other}; ` +
      `${run.seconds.toFixed(1)} s, ${(ok / run.seconds).toFixed(1)} successful scans/s, slowest answer ${slowest.toFixed(1)} s`,
  );
  return { okPerSecond: ok / run.seconds, okShare: ok / run.answers.length, slowest };
};

console.log(`burst bench: ${SCANS} scans of ${SITES} loopback sites; bound for the slowest answer = scan deadline ${SCAN_TIMEOUT_MS / 1000} s + queue wait ${QUEUE_WAIT_MS / 1000} s`);
for (const [name, urls] of [['identical', identical], ['distinct', distinct]] as const) {
  console.log(`${name} URLs (${new Set(urls).size} different):`);
  const paced = report('32 at a time', await send(urls, 32));
  const burst = report(`${SCANS} at once`, await send(urls, SCANS));
  const bound = (SCAN_TIMEOUT_MS + QUEUE_WAIT_MS) / 1000;
  console.log(
    `  → answered 200 in the burst ${(burst.okShare * 100).toFixed(1)}% (target ≥ 99%), slowest ${burst.slowest.toFixed(1)} s ≤ ${bound} s: ${burst.slowest <= bound ? 'yes' : 'NO'}; ` +
      `throughput ratio burst ÷ 32-at-a-time = ${(burst.okPerSecond / paced.okPerSecond).toFixed(2)} (target ≥ 0.8)`,
  );
}
console.log(`service peak RSS (VmHWM) ${vmHwmMb().toFixed(0)} MB`);
service.kill('SIGTERM');
await new Promise((r) => service.once('exit', r));
await dispatcher.close();
await standIns.close();
