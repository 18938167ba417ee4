// The analysis pool: parse + rules in worker threads, with a per-task deadline; a worker ended at the
// deadline is replaced and the pool keeps answering.
import fs from 'node:fs';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultWeights } from '../../src/engine/weights.js';
import { PageAnalysisError, ShuttingDownError } from '../../src/errors.js';
import type { AnalysisTask } from '../../src/scan/analysis.js';
import { createAnalysisPool } from '../../src/scan/analysis-pool.js';
import { MIN_OLD_MB } from '../../src/scan/analysis-sizing.js';
import { unseal } from '../../src/scan/sealed-facts.js';
import { urlFacts } from '../../src/scan/url-facts.js';
import { rules } from '../../rules/index.js';

const task = (html: string): AnalysisTask => ({
  pages: [{ url: 'https://hanok-stay.example/', html }],
  url: urlFacts('https://hanok-stay.example/'),
  domain: null,
  headers: {},
  unavailable: { domain: 'not looked up in this test' },
  now: Date.now(),
  weights: defaultWeights(rules),
});
const OPERATOR = '<title>소액결제 현금화 95% 지급</title><p>인증번호는 카톡으로 보내주세요. 카톡 ID cash77</p>';
// Megabytes of text in many segments: far more work than a 250 ms budget allows.
const HEAVY = `<body>${'<p>소액결제 현금화 지급률 95% 보장 카톡 상담 인증번호 입력 수수료 0% 이벤트</p>'.repeat(40_000)}</body>`;

const pool = createAnalysisPool({ threads: 1, taskTimeoutMs: 250 });
const roomy = createAnalysisPool({ threads: 1, taskTimeoutMs: 10_000 });
afterAll(async () => Promise.all([pool.close(), roomy.close()]));

describe('analysis pool', () => {
  it('runs the rules in a worker and returns the verdict', async () => {
    const v = await roomy.analyze(task(OPERATOR), new AbortController().signal);
    expect(v.findings.map((f) => f.signal)).toContain('code-by-messenger');
    expect(v.checks.find((c) => c.rule === 'domain-age')).toEqual({ rule: 'domain-age', status: 'unavailable', reason: 'not looked up in this test' });
  });

  it('decodes a page sent as bytes with the charset the page declares', async () => {
    // EUC-KR read as UTF-8 would be U+FFFD soup: no title, no link text, no finding.
    const bytes = iconv.encode(`<meta charset="euc-kr">${OPERATOR}<a href="/apply">신청하기</a>`, 'cp949');
    const { facts, urls } = await roomy.linkedPages({ url: 'https://hanok-stay.example/', bytes, contentType: 'text/html' });
    // Read in the worker, the facts come back sealed (sealed-facts.ts).
    expect(unseal(facts).title).toBe('소액결제 현금화 95% 지급');
    expect(urls).toEqual(['https://hanok-stay.example/apply']);
    const v = await roomy.analyze({ ...task(''), pages: [{ url: 'https://hanok-stay.example/', bytes, contentType: 'text/html; charset=euc-kr' }] });
    expect(v.findings.map((f) => f.signal)).toContain('code-by-messenger');
    const numbers = iconv.encode('<p>사업자등록번호: 220-81-62517</p>', 'cp949');
    expect(await roomy.businessNumbers([{ url: 'https://hanok-stay.example/', bytes: numbers, contentType: 'text/html; charset=euc-kr' }])).toEqual(['2208162517']);
  });

  it('ends a task that outlives its deadline with a clear error, then keeps answering', async () => {
    await expect(pool.analyze(task(HEAVY), new AbortController().signal)).rejects.toThrow(PageAnalysisError);
    await expect(pool.analyze(task(HEAVY), new AbortController().signal)).rejects.toThrow(/within 250 ms/);
    // The worker was terminated at the deadline; the pool starts a fresh one that answers the next scans. Its
    // start-up counts against the 250 ms deadline too, which a loaded machine (two test files at once) can
    // outlast: a few tries, a second apart, and the pool must be answering again.
    let v: Awaited<ReturnType<typeof pool.analyze>> | null = null;
    for (let attempt = 0; attempt < 8 && !v; attempt++) {
      await new Promise((r) => setTimeout(r, 1000));
      v = await pool.analyze(task('<p>안녕하세요</p>'), new AbortController().signal).catch((err: unknown) => {
        if (!(err instanceof PageAnalysisError)) throw err;
        return null;
      });
    }
    expect(v?.findings).toEqual([]);
  });

  it("counts only a task's own analysis time, not the time it waited for a thread", async () => {
    const MEDIUM = HEAVY.slice(0, Math.floor(HEAVY.length / 8));
    const warm = createAnalysisPool({ threads: 1, taskTimeoutMs: 30_000 });
    await warm.analyze(task('<p>warm-up</p>'));
    // The yardstick: the fastest of three runs, so a load spike during one of them does not stretch it. (Five
    // made it the warm speed, which the first pages on the fresh pool below then outlasted 12 times over.)
    let one = Infinity;
    let t = 0;
    for (let i = 0; i < 3; i++) {
      t = performance.now();
      await warm.analyze(task(MEDIUM));
      one = Math.min(one, performance.now() - t);
    }
    await warm.close();
    // Ninety-six such pages queued on one thread, each allowed about 24× its own time (room for a load spike
    // while they run: 5×, 8× and 12× were each once outlasted in CI, with the browser tests running; at 12× a
    // page of a 160 ms yardstick took more than 2.4 s): the last waits about 95× its own time, so it is answered
    // only if the wait does not count. (With 24 pages, a CI run whose yardstick a load spike stretched to 323 ms
    // saw the queued pages take 127 ms each: 3.1 s in all, less than one allowance.)
    const timeoutMs = Math.ceil(24 * one) + 500;
    const queued = createAnalysisPool({ threads: 1, taskTimeoutMs: timeoutMs, maxQueue: 1024 });
    // Its thread warmed on smaller pages of the same text first, as the yardstick's was: a fresh thread's first
    // such page runs 5-7 times slower while V8 compiles (200 against 30 ms here), and a CI run under load once
    // stretched that past the allowance, which has nothing to do with the time a task waited.
    for (let i = 0; i < 3; i++) await queued.analyze(task(HEAVY.slice(0, Math.floor(HEAVY.length / 64))));
    // The queue must outlast one task's allowance for the test to mean anything. When a load spike stretched the
    // yardstick (a CI run: about 98 ms, then 96 pages took 25 ms each, 2.4 s against an allowance of 2.9), the
    // pages are queued again, twice as many each time, up to 768.
    let pages = 96;
    let elapsed = 0;
    for (;;) {
      t = performance.now();
      const verdicts = await Promise.all(Array.from({ length: pages }, () => queued.analyze(task(MEDIUM))));
      elapsed = performance.now() - t;
      expect(verdicts).toHaveLength(pages);
      if (elapsed > timeoutMs || pages >= 768) break;
      pages *= 2;
    }
    await queued.close();
    expect(elapsed).toBeGreaterThan(timeoutMs);
  }, 90_000);

  it('stops when the scan deadline passes', async () => {
    const scan = new AbortController();
    const pending = roomy.analyze(task(HEAVY), scan.signal);
    scan.abort();
    await expect(pending).rejects.toThrow(/scan deadline/);
  });

  it('keeps the main thread free while a heavy page is analysed', async () => {
    const order: string[] = [];
    const heavy = roomy.analyze(task(HEAVY), new AbortController().signal).then(() => order.push('heavy'));
    await new Promise((r) => setTimeout(r, 5));
    order.push('timer');
    await heavy;
    expect(order).toEqual(['timer', 'heavy']);
  });

  // At shutdown the pool closes while scans still use it: the one running, the one waiting for the thread and
  // any that comes later are each told the service is shutting down (503), not handed a worker's raw error.
  it('refuses running, waiting and later tasks with SHUTTING_DOWN once closed', async () => {
    const closing = createAnalysisPool({ threads: 1, taskTimeoutMs: 30_000 });
    await closing.analyze(task('<p>warm-up</p>'));
    const running = closing.analyze(task(HEAVY)).catch((err: unknown) => err);
    const waiting = closing.analyze(task(OPERATOR)).catch((err: unknown) => err);
    await new Promise((r) => setTimeout(r, 50));
    await closing.close();
    for (const err of [await running, await waiting, await closing.linkedPages({ url: 'https://hanok-stay.example/', bytes: Buffer.from('<p>x</p>'), contentType: 'text/html' }).catch((e: unknown) => e)]) {
      expect(err).toBeInstanceOf(ShuttingDownError);
      expect(err).toMatchObject({ status: 503, code: 'SHUTTING_DOWN' });
    }
  });

  // The smallest heap the memory sizing ever gives a worker must still analyse a real site at the body limit:
  // a main page and three linked pages of 2 MB each, made of the corpus's real pages.
  it(`analyses four real 2 MB pages within the smallest heap the sizing gives (${MIN_OLD_MB} MB)`, { timeout: 60_000 }, async () => {
    const dir = new URL('../fixtures/pages/', import.meta.url);
    const bodies = fs.readdirSync(dir).map((f) => /<body[^>]*>([\s\S]*)<\/body>/i.exec(fs.readFileSync(new URL(f, dir), 'utf8'))?.[1] ?? '');
    let body = '';
    for (let i = 0; Buffer.byteLength(body) < 2_000_000; i++) body += bodies[i % bodies.length];
    const page = `<html><head><title>소액결제 현금화</title></head><body>${body}</body></html>`;
    const small = createAnalysisPool({ threads: 1, taskTimeoutMs: 30_000, maxOldGenerationMb: MIN_OLD_MB });
    try {
      const v = await small.analyze({ ...task(page), pages: [0, 1, 2, 3].map((i) => ({ url: `https://hanok-stay.example/${i}`, html: page })) });
      expect(v.checks.length).toBeGreaterThan(0);
      // A page built to exhaust memory (four pages of 110,000 links each) ends its own scan instead.
      const links = `<body>${'<a href="/p">x</a>'.repeat(110_000)}</body>`;
      const bomb = { ...task(links), pages: [0, 1, 2, 3].map((i) => ({ url: `https://hanok-stay.example/${i}`, html: links })) };
      await expect(small.analyze(bomb)).rejects.toThrow(new RegExp(`needed more than ${MIN_OLD_MB} MB`));
    } finally {
      await small.close();
    }
  });
});
