// Page weight and time to first result of the web page, measured the way a person meets them: bytes of
// the HTML, script and style the browser loads, and, in headless chromium, the time from opening the page
// to the verdict on screen for a scan of a loopback site (and from the click alone). Prints figures,
// asserts nothing. `npm run bench:web`
import fs from 'node:fs';
import http from 'node:http';
import { chromium } from 'playwright-core';
import { chromiumPath } from '../browser/browser.js';
import { startHarness } from '../support/harness.js';

const ROUNDS = 7;
const OPERATOR = fs.readFileSync(new URL('../fixtures/pages/op-micropayment-95.html', import.meta.url), 'utf8');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const h = await startHarness({ 'paymoney-cash.top': { routes: { '/': { body: OPERATOR } }, whois: { ageDays: 6, registrar: 'Gname.com Pte. Ltd.', privacy: true } } });
await h.app.listen({ port: 0, host: '127.0.0.1' });
const address = h.app.server.address();
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

// What a first visit downloads: the shell and every asset it names, as served.
// `wire` is what a browser sending `Accept-Encoding: br, gzip` receives (undici's fetch would decode it, so
// the raw bytes are read with http.get).
const wireBytes = (url: string) =>
  new Promise<number>((resolve, reject) => {
    http.get(url, { headers: { 'accept-encoding': 'br, gzip' } }, (res) => {
      let n = 0;
      res.on('data', (c: Buffer) => (n += c.length));
      res.on('end', () => resolve(n));
      res.on('error', reject);
    }).on('error', reject);
  });
const weights: { path: string; bytes: number; wire: number }[] = [];
for (const path of ['/', '/assets/app.css', '/assets/app.js', '/assets/vendor/lit-html.js']) {
  const body = Buffer.from(await (await fetch(base + path)).arrayBuffer());
  weights.push({ path, bytes: body.length, wire: await wireBytes(base + path) });
}
const total = weights.reduce((a, w) => a + w.bytes, 0);
const totalWire = weights.reduce((a, w) => a + w.wire, 0);
console.log('page weight (HTML + JS + CSS, first visit):');
for (const w of weights) console.log(`  ${w.path.padEnd(28)} ${String(w.bytes).padStart(7)} B  (on the wire ${w.wire} B)`);
console.log(`  ${'total'.padEnd(28)} ${String(total).padStart(7)} B  (on the wire ${totalWire} B, brotli over 1 KB)`);

if (!chromiumPath) {
  console.log('no chromium found: time to first result not measured');
} else {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu'] });
  const fromOpen: number[] = [];
  const fromClick: number[] = [];
  const loaded: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    // A fresh context each round: nothing cached, as on a first visit.
    const context = await browser.newContext();
    const page = await context.newPage();
    const t0 = performance.now();
    await page.goto(`${base}/`);
    await page.locator('#url').waitFor();
    const t1 = performance.now();
    await page.locator('#url').fill(h.url('paymoney-cash.top', `/?round=${i}`));
    const t2 = performance.now();
    await page.locator('form.check button[type=submit]').click();
    await page.locator('#verdict').waitFor();
    const t3 = performance.now();
    loaded.push(t1 - t0);
    fromClick.push(t3 - t2);
    fromOpen.push(t3 - t0 - (t2 - t1));
    await context.close();
  }
  await browser.close();
  console.log(`time to first result (loopback scan, median of ${ROUNDS}, fresh browser context each):`);
  console.log(`  page open → form ready          ${median(loaded).toFixed(0)} ms`);
  console.log(`  click "검사하기" → verdict shown  ${median(fromClick).toFixed(0)} ms`);
  console.log(`  open → verdict (typing excluded) ${median(fromOpen).toFixed(0)} ms`);
}
await h.close();
