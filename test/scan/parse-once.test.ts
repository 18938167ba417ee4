// Each fetched page is parsed (and its text normalised) once per scan: the home page read to pick linked pages
// is the home page the analysis judges.
import { describe, expect, it, vi } from 'vitest';
import { defaultWeights } from '../../src/engine/weights.js';
import { pageRules } from '../../rules/index.js';
import { analyze } from '../../src/scan/analysis.js';
import { linkedPagesOf } from '../../src/scan/linked-pages.js';
import type { FetchOutcome } from '../../src/scan/safe-fetch.js';
import { createScanner } from '../../src/scan/scanner.js';
import { domainFacts } from '../support/facts.js';

const parsed = vi.hoisted(() => [] as string[]);
vi.mock('../../src/scan/html-parser.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/scan/html-parser.js')>();
  return {
    ...real,
    parseHtml: (html: string, ...rest: Parameters<typeof real.parseHtml> extends [string, ...infer R] ? R : never) => {
      parsed.push(html);
      real.parseHtml(html, ...rest);
    },
  };
});

const HOME = `<html><body><h1>소액결제 현금화</h1><a href="/apply">신청하기</a><a href="/about">회사소개</a></body></html>`;
const APPLY = `<html><body><form action="/send"><input name="phone" placeholder="휴대폰 번호"><input name="auth" placeholder="인증번호"></form></body></html>`;

const outcome = (url: string, body: string): FetchOutcome => ({
  ok: true,
  finalUrl: url,
  status: 200,
  contentType: 'text/html; charset=utf-8',
  headers: { 'content-type': 'text/html; charset=utf-8' },
  body,
  raw: Buffer.from(body),
  charset: 'utf-8',
  bytes: Buffer.byteLength(body),
  decodedBytes: Buffer.byteLength(body),
  truncated: false,
  redirects: [],
  chain: [],
  ms: 1,
});

describe('a scan', () => {
  it('parses the home page and each linked page once', async () => {
    // Tasks cross a worker boundary in the service: structured clones here too.
    const scanner = createScanner({
      rulesetVersion: 'test',
      weights: defaultWeights(pageRules),
      allowedPorts: [80, 443],
      scanTimeoutMs: 10_000,
      fetchPage: async (url) => outcome(url.href, url.pathname === '/apply' ? APPLY : HOME),
      lookupDomain: async (domain) => ({ ok: true, facts: domainFacts(domain, 30) }),
      analyze: async (task) => structuredClone(analyze(structuredClone(task))),
      linkedPages: async (page) => structuredClone(linkedPagesOf(structuredClone(page))),
    });
    const { result } = await scanner.scan({ url: 'https://baro-cash.example/' });

    expect(parsed).toEqual([HOME, APPLY]);
    // The linked page's form was judged: the analysis saw both pages.
    expect(result.fetch.pages.map((p) => p.url)).toEqual(['https://baro-cash.example/apply']);
    expect(JSON.stringify(result.findings)).toContain('인증번호');
  });
});
