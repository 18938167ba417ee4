// `scamscore check` as a person or a script meets it: lists from standard input and CSV, the three output
// formats, colour and progress only where they belong, usage errors with their exit codes, help texts, and a
// service that refuses (401, 403, 429) or is not there.
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, runCliInTerminal } from '../support/cli.js';
import { startStandIns, type StandIns } from '../support/harness.js';
import { startServer } from '../support/processes.js';

const SCAM = `<html><head><meta charset="utf-8"><title>소액결제 현금화</title></head><body>
<p><b>휴대폰 소액결제 현금화 90% 지급</b> · 신용불량 통신불량 상관없이 가능</p>
<form method="post" action="apply_ok.php">휴대폰번호 <input name="hp"> 결제 인증번호 <input name="authno" maxlength="6">
<input type="submit" value="현금화 신청"></form><p>카톡 sopay119</p></body></html>`;
const SHOP = `<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>하루캔들</title></head><body>
<p>라벤더 소이캔들 200g 18,000원.</p><footer><p>상호: 하루캔들 | 대표자: 이하루 | 주소: 서울특별시 마포구 월드컵로 123 | 전화: 02-3142-5678</p>
<p>사업자등록번호: 220-81-62517 | 통신판매업신고: 제2026-서울마포-01234호</p></footer></body></html>`;

let s: StandIns;
let dir: string;
const env = (extra: Record<string, string> = {}) => ({ ...s.env, SCAMSCORE_BATCH_HOST_GAP_MS: '0', ...extra });
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
};
// eslint-disable-next-line no-control-regex
const ESC = /\x1b\[/;

beforeAll(async () => {
  s = await startStandIns({
    'sopay-cash.top': { routes: { '/': { body: SCAM } }, whois: { ageDays: 12, registrar: 'Cafe24 Corp.', privacy: true } },
    'harucandle.shop': { routes: { '/': { body: SHOP } }, whois: { ageDays: 3000, registrar: 'Gabia, Inc.', privacy: false } },
  });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scamscore-cli-'));
}, 60_000);
afterAll(async () => {
  await s?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('lists from standard input and CSV', () => {
  it('reads "-" and "--file -" from standard input, skipping blank lines and comments', async () => {
    const input = `# from the hotline\n\n${s.url('harucandle.shop')}\n  ${s.url('sopay-cash.top')}  \n`;
    for (const args of [['check', '-', '--json'], ['check', '--file', '-', '--json']]) {
      const r = await runCli(args, { env: env(), input });
      const answers = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { url: string; band: string });
      expect(answers.map((a) => a.url)).toEqual([s.url('harucandle.shop'), s.url('sopay-cash.top')]);
      expect(answers[0]!.band).toBe('low');
      expect(['high', 'critical']).toContain(answers[1]!.band);
      expect(r.code).toBeGreaterThanOrEqual(2);
    }
  }, 60_000);

  it('reads a CSV by its url column and prints CSV rows that parse, one per URL, a refused one with its error code', async () => {
    const csv = file('sites.csv', `name,url\n하루캔들,${s.url('harucandle.shop')}\n소액,${s.url('sopay-cash.top')}\nlocal,http://localhost/\n`);
    const r = await runCli(['check', '--file', csv, '--csv'], { env: env() });
    const rows = parse(r.stdout, { columns: true }) as Record<string, string>[];
    expect(rows.map((x) => x.url)).toEqual([s.url('harucandle.shop'), s.url('sopay-cash.top'), 'http://localhost/']);
    expect(rows[0]).toMatchObject({ band: 'low', error_code: '' });
    expect(['high', 'critical']).toContain(rows[1]!.band);
    expect(Number(rows[1]!.score)).toBeGreaterThanOrEqual(60);
    expect(rows[1]!.top_rules).toMatch(/\w+\/\w+/);
    expect(rows[2]).toMatchObject({ score: '', band: '', error_code: 'TARGET_REFUSED' });
    // A URL that could not be scanned outranks every band.
    expect(r.code).toBe(4);
  }, 60_000);

  it('says which file lists no URL (65) and which CSV cannot be read (65)', async () => {
    const empty = await runCli(['check', '--file', file('empty.txt', '# nothing yet\n\n')], { env: env() });
    expect(empty.code).toBe(65);
    expect(empty.stderr).toContain('empty.txt lists no URL');
    const bad = await runCli(['check', '--file', file('bad.csv', 'a,b\n1,2\n')], { env: env() });
    expect(bad.code).toBe(65);
    expect(bad.stderr).toMatch(/none is named "url"/);
  });
});

describe('colour and progress', () => {
  it('prints no escape codes when piped, or with NO_COLOR even when colour is forced', async () => {
    const url = s.url('sopay-cash.top');
    const piped = await runCli(['check', url, s.url('harucandle.shop')], { env: env() });
    expect(piped.stdout).toContain('/100');
    expect(piped.stdout + piped.stderr).not.toMatch(ESC);
    expect(piped.stderr).not.toContain('\r');
    const forced = await runCli(['check', url], { env: env({ FORCE_COLOR: '1' }) });
    expect(forced.stdout).toMatch(ESC);
    const noColor = await runCli(['check', url], { env: env({ FORCE_COLOR: '1', NO_COLOR: '1' }) });
    expect(noColor.stdout).toContain('/100');
    expect(noColor.stdout).not.toMatch(ESC);
  }, 60_000);
});

describe('on a terminal', () => {
  // eslint-disable-next-line no-control-regex
  const SGR = /\x1b\[[0-9;]*m/;
  it('draws the progress bar in place with the counts per band, coloured unless NO_COLOR is set', async () => {
    const args = ['check', s.url('harucandle.shop'), s.url('sopay-cash.top')];
    const tty = await runCliInTerminal(args, { env: env() });
    expect(tty.code).toBeGreaterThanOrEqual(2);
    expect(tty.stdout).toContain('\r\x1b[2K');
    expect(tty.stdout.replace(/\x1b\[[0-9;]*[mK]/g, '')).toMatch(/ 2\/2 {2}low 1 · medium 0 · high \d · critical \d · not checked 0/);
    expect(tty.stdout).toMatch(SGR);
    const plain = await runCliInTerminal(args, { env: env({ NO_COLOR: '1' }) });
    expect(plain.stdout).toContain('2/2');
    expect(plain.stdout).not.toMatch(SGR);
  }, 60_000);
});

describe('usage errors and help', () => {
  it('names what was wrong, with its exit code, and no stack trace', async () => {
    const cases: [string[], number, RegExp][] = [
      [['check', '--file', path.join(os.tmpdir(), 'no-such-list.txt')], 66, /cannot read --file .*no-such-list\.txt: no such file/],
      [['check', 'http://a.example/', '--html', path.join(os.tmpdir(), 'no-such-page.html')], 66, /cannot read --html .*no-such-page\.html: no such file/],
      [['check', '--frobnicate', 'http://a.example/'], 64, /unknown option '--frobnicate'/],
      [['check', '--json', '--csv', 'http://a.example/'], 64, /--json and --csv cannot be used together/],
      [['check', '--lang', 'fr', 'http://a.example/'], 64, /--lang.*fr.*(en|choices)/],
      [['check'], 64, /check needs URLs/],
      [['frobnicate'], 64, /unknown command 'frobnicate'/],
      [['check', '--key', 'k', 'http://a.example/'], 64, /--key .* needs --server/],
      [['rescore', '--since', 'yesterday'], 64, /--since must be an ISO date/],
    ];
    for (const [args, code, message] of cases) {
      const r = await runCli(args, { env: env() });
      expect(r.code, args.join(' ')).toBe(code);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stderr, args.join(' ')).not.toMatch(/\n\s+at /);
    }
  }, 60_000);

  it('has --help for the program and for check, exit 0', async () => {
    const top = await runCli(['--help']);
    expect(top.code).toBe(0);
    for (const word of ['check', 'rescore', 'worker', 'keys', '77']) expect(top.stdout).toContain(word);
    const check = await runCli(['check', '--help']);
    expect(check.code).toBe(0);
    for (const word of ['--file', '--csv', '--json', '--server', '--key', 'NO_COLOR', '64 usage error', '66 a file']) expect(check.stdout).toContain(word);
    const keys = await runCli(['keys', '--help']);
    expect(keys.code).toBe(0);
    expect(keys.stdout).toContain('scamscore keys create');
  });
});

describe('--server', () => {
  const keyed = async (scopes: string) => {
    const r = await runCli(['keys', 'create', '--owner', `cli-${scopes}`, '--scopes', scopes, '--json'], { env: env() });
    expect(r.code, r.stderr).toBe(0);
    return (JSON.parse(r.stdout) as { key: string }).key;
  };

  it('passes on the service 401, 403 and 429 as messages with exit 77 and 75, and runs with a key that may', async () => {
    // Keys live in the store: made before the service opens it (the embedded store has one process at a time).
    const good = await keyed('batch,scan');
    const lookupOnly = await keyed('lookup');
    // A run takes three batch requests (post, event stream, results): the fourth in a minute is refused.
    const server = await startServer(env({ SCAMSCORE_RATE_LIMITS: 'batch=3/min' }));
    try {
      const list = file('two.txt', `${s.url('harucandle.shop')}\n${s.url('sopay-cash.top')}\n`);
      const none = await runCli(['check', '--file', list, '--server', server.base], { env: env() });
      expect(none.code).toBe(77);
      expect(none.stderr).toContain('needs an API key with scope "batch"');
      expect(none.stderr).toContain('API_KEY_MISSING');

      const wrong = await runCli(['check', '--file', list, '--server', server.base, '--key', lookupOnly], { env: env() });
      expect(wrong.code).toBe(77);
      expect(wrong.stderr).toMatch(/needs scope "batch".*INSUFFICIENT_SCOPE/);

      const ok = await runCli(['check', '--file', list, '--server', server.base, '--key', good, '--csv'], { env: env() });
      expect(ok.stderr).toBe('');
      const rows = parse(ok.stdout, { columns: true }) as Record<string, string>[];
      expect(rows.map((x) => x.band)[0]).toBe('low');
      expect(['high', 'critical']).toContain(rows[1]!.band);
      expect(ok.code).toBeGreaterThanOrEqual(2);

      // The key's batch budget for the minute is spent.
      const limited = await runCli(['check', '--file', list, '--server', server.base], { env: env({ SCAMSCORE_API_KEY: good }) });
      expect(limited.code).toBe(75);
      expect(limited.stderr).toMatch(/rate limited: .*RATE_LIMITED/);
    } finally {
      await server.kill('SIGTERM');
    }
  }, 120_000);

  it('passes on a 503 problem with exit 69, and waits out a 503 with Retry-After on a read', async () => {
    // A stand-in service: refuses the first batch, then accepts one whose progress read is busy once.
    let posts = 0;
    let progressReads = 0;
    const problem = (res: http.ServerResponse, status: number, body: object, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/problem+json', ...headers });
      res.end(JSON.stringify({ status, ...body }));
    };
    const fake = http.createServer((req, res) => {
      if (req.method === 'POST' && posts++ === 0) return problem(res, 503, { title: 'Service Unavailable', detail: 'the batch queue cannot be reached; the batch was not accepted', code: 'BATCH_QUEUE_UNAVAILABLE' });
      if (req.method === 'POST') return problem(res, 202, { id: 'b1', total: 1 });
      if (req.url === '/v1/batches/b1/events') return problem(res, 404, { detail: 'no events here' });
      if (req.url === '/v1/batches/b1' && progressReads++ === 0) return problem(res, 503, { detail: 'the service is overloaded', code: 'OVERLOADED' }, { 'retry-after': '1' });
      if (req.url === '/v1/batches/b1') return problem(res, 200, { id: 'b1', total: 1, done: 1, counts: { low: 0, medium: 0, high: 0, critical: 0, unknown: 0 }, errors: 1, finishedAt: 'now' });
      if (req.url === '/v1/batches/b1/results') {
        res.writeHead(200, { 'content-type': 'application/x-ndjson' });
        return res.end(JSON.stringify({ line: 1, url: 'http://a.example/', status: 'failed', scanId: null, band: null, error: { code: 'SCAN_FAILED', detail: 'the scan failed unexpectedly' } }) + '\n');
      }
      problem(res, 404, { detail: `unexpected ${req.method} ${req.url}` });
    });
    await new Promise<void>((r) => fake.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(fake.address() as net.AddressInfo).port}`;
    try {
      const refused = await runCli(['check', 'http://a.example/', '--server', base], { env: env() });
      expect(refused.code).toBe(69);
      expect(refused.stderr).toContain('the service is unavailable: the batch queue cannot be reached; the batch was not accepted (BATCH_QUEUE_UNAVAILABLE)');
      const waited = await runCli(['check', 'http://a.example/', '--server', base, '--json'], { env: env() });
      expect(waited.stderr).toContain('busy: the service (the service is overloaded); waiting 1 s');
      expect(JSON.parse(waited.stdout)).toEqual({ url: 'http://a.example/', error: { code: 'SCAN_FAILED', detail: 'the scan failed unexpectedly' } });
      expect(waited.code).toBe(4);
      expect(progressReads).toBe(2);
    } finally {
      await new Promise((r) => fake.close(r));
    }
  }, 60_000);

  it('says when the service cannot be reached (69)', async () => {
    // A port that was free a moment ago: nothing listens there.
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const r = await runCli(['check', 'http://a.example/', '--server', `http://127.0.0.1:${port}`], { env: env() });
    expect(r.code).toBe(69);
    expect(r.stderr).toContain(`cannot reach the service at http://127.0.0.1:${port}: ECONNREFUSED`);
  });
});
