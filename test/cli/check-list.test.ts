// A journalist's list of 500 URLs over 50 hosts, scanned by `scamscore check --file` in-process and as a
// batch on a running service: both must print the same band and score for each URL, in input order, with
// duplicates dropped, and exit with the same worst band.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { startStandIns, type SiteSpec, type StandIns } from '../support/harness.js';
import { startServer } from '../support/processes.js';

const OPERATOR = `<html><head><meta charset="utf-8"><title>휴대폰소액결제현금화 ★ 소액119</title></head><body>
<p><b>휴대폰 소액결제 현금화 90% 지급</b> · 신용불량 통신불량 상관없이 가능</p>
<form name="apply" method="post" action="apply_ok.php">
통신사 <input type="radio" name="telecom" value="skt">SKT <input type="radio" name="telecom" value="kt">KT
휴대폰번호 <input name="hp"> 주민번호 앞자리 <input name="jumin1" maxlength="6">
결제 인증번호 <input name="authno" maxlength="6"> <input type="submit" value="현금화 신청">
</form><p>상담: 0507-1234-5678 / 카톡 sopay119</p></body></html>`;

const SHOP = `<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>하루캔들 - 수제 소이캔들</title></head><body>
<main><h2>이번 주 신상품</h2><p>라벤더 소이캔들 200g 18,000원. 결제는 신용카드, 휴대폰 결제, 무통장입금을 지원합니다.</p></main>
<footer><p>상호: 하루캔들 | 대표자: 이하루 | 주소: 서울특별시 마포구 월드컵로 123, 2층 | 전화: 02-3142-5678</p>
<p>사업자등록번호: 220-81-62517 | 통신판매업신고: 제2026-서울마포-01234호</p>
<p><a href="/terms">이용약관</a> | <a href="/privacy">개인정보처리방침</a></p></footer></body></html>`;

const page = (body: string) => (_req: http.IncomingMessage, res: http.ServerResponse) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(body);
};

const HOSTS = 50;
const PER_HOST = 10;
const hostName = (i: number) => (i % 2 === 0 ? `cash${i}-pay.top` : `candle${i}.shop`);

let s: StandIns;
let dir: string;
let listFile: string;
/** The distinct URLs of the list, in input order. */
let distinct: string[];
const env = () => ({ ...s.env, SCAMSCORE_BATCH_HOST_GAP_MS: '10', SCAMSCORE_BATCH_CONCURRENCY: '8' });

beforeAll(async () => {
  const sites: Record<string, SiteSpec> = {};
  for (let i = 0; i < HOSTS; i++) {
    sites[hostName(i)] =
      i % 2 === 0
        ? { routes: page(OPERATOR), whois: { ageDays: 20, registrar: 'Cafe24 Corp.', privacy: true } }
        : { routes: page(SHOP), whois: { ageDays: 3000, registrar: 'Gabia, Inc.', privacy: false } };
  }
  s = await startStandIns(sites);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scamscore-cli-list-'));
  // 490 distinct URLs, hosts interleaved as a real list would be, then 10 repeats (one with the host in
  // capitals, which the scanner normalises to the same target).
  const lines = ['# hotline list, 2026-12-01', ''];
  distinct = [];
  for (let p = 0; p < PER_HOST; p++)
    for (let i = 0; i < HOSTS; i++) {
      if (distinct.length === 490) break;
      distinct.push(s.url(hostName(i), `/p${p}`));
    }
  lines.push(...distinct);
  for (let k = 0; k < 9; k++) lines.push(distinct[k * 7]!);
  lines.push(distinct[1]!.replace(hostName(1), hostName(1).toUpperCase()));
  fs.writeFileSync((listFile = path.join(dir, 'list.txt')), lines.join('\n') + '\n');
}, 60_000);

afterAll(async () => {
  await s?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

interface Answer {
  url: string;
  band: string;
  score: number;
}
const parseLines = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Answer);

describe('check --file with 500 URLs', () => {
  let local: { code: number | null; answers: Answer[]; ms: number };

  it('in-process: one answer per distinct URL, in input order, exit = worst band', async () => {
    const t = performance.now();
    const r = await runCli(['check', '--file', listFile, '--json'], { env: env() });
    const ms = performance.now() - t;
    expect(r.stderr).toBe('');
    const answers = parseLines(r.stdout);
    expect(answers.map((a) => a.url)).toEqual(distinct);
    expect(new Set(answers.map((a) => a.band))).toEqual(new Set(['low', 'high', 'critical'].filter((b) => answers.some((a) => a.band === b))));
    for (const a of answers) expect(['high', 'critical'].includes(a.band), a.url).toBe(a.url.includes('cash'));
    expect(r.code).toBe(Math.max(...answers.map((a) => ({ low: 0, medium: 1, high: 2, critical: 3 })[a.band] ?? 4)));
    expect(r.code).toBeGreaterThanOrEqual(2);
    // One fetch per distinct URL, whatever the repeats.
    expect(s.web.hits.filter((h) => h.path.startsWith('/p')).length).toBe(490);
    local = { code: r.code, answers, ms };
    console.log(`500-URL list in-process: ${Math.round(ms)} ms`);
  }, 120_000);

  it('as a batch on a running service (--server): the same bands, scores and exit status', async () => {
    expect(local, 'the in-process run above').toBeDefined();
    const server = await startServer(env());
    try {
      const t = performance.now();
      const r = await runCli(['check', '--file', listFile, '--json', '--server', server.base], { env: env() });
      const ms = performance.now() - t;
      // Piped: no progress bar; a line only if the service made the client wait.
      expect(r.stderr).not.toMatch(/[\r\x1b]/);
      if (r.stderr) console.log(r.stderr);
      const answers = parseLines(r.stdout);
      expect(answers.map((a) => a.url)).toEqual(distinct);
      expect(answers.map((a) => [a.band, a.score])).toEqual(local.answers.map((a) => [a.band, a.score]));
      expect(r.code).toBe(local.code);
      console.log(`500-URL list as a batch on a service: ${Math.round(ms)} ms`);
    } finally {
      await server.kill('SIGTERM');
    }
  }, 180_000);
});
