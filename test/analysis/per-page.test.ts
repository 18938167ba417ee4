import { afterEach, describe, expect, it } from 'vitest';
import { perPage, watchReadings } from '../../src/analysis/per-page.js';
import type { PageFacts } from '../../src/engine/types.js';
import { extractPageFacts } from '../../src/scan/page-facts.js';
import { urlFacts } from '../../src/scan/url-facts.js';
import { pageRules } from '../../rules/index.js';
import { domainFacts } from '../support/facts.js';

const page = (html = '<html><body><p>안녕하세요</p></body></html>'): PageFacts => extractPageFacts(html, 'https://shop.example/');

afterEach(() => watchReadings(null));

describe('perPage', () => {
  it('computes a reading once per page, and again for another page', () => {
    let calls = 0;
    const reading = perPage('count', () => ++calls);
    const a = page();
    const b = page();
    expect([reading(a), reading(a), reading(b), reading(a)]).toEqual([1, 1, 2, 1]);
  });

  it('keeps a null result instead of computing it again', () => {
    let calls = 0;
    const reading = perPage('nothing', () => (calls++, null));
    const a = page();
    expect([reading(a), reading(a), calls]).toEqual([null, null, 1]);
  });

  it("tells the watcher each reading as it is computed, not when it is cached, and the readings a rule's evaluation needs", () => {
    const seen: string[] = [];
    watchReadings((name) => seen.push(name));
    const reading = perPage('a reading', () => 1);
    const a = page();
    reading(a);
    reading(a);
    expect(seen).toEqual(['a reading']);

    // A cash-out offer's page: the licensing rule reads the cash-out context, the business information and the
    // segment index they search with.
    seen.length = 0;
    const offer = page('<html><head><title>소액결제 현금화 95% 당일 입금</title></head><body><h1>휴대폰 소액결제 현금화</h1><p>카톡 상담 문의</p></body></html>');
    const url = urlFacts(offer.url);
    const licensing = pageRules.find((r) => r.meta.id === 'licensing')!;
    licensing.evaluate({ url, page: offer, domain: domainFacts(url.hostname, 30), headers: {}, unavailable: {}, registry: null, now: Date.now() });
    expect(new Set(seen)).toEqual(new Set(['cash-out context', 'business info', 'segment index', 'link hosts']));
  });
});
