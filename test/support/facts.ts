// Facts for rule tests, built from HTML without the network, with the real URL facts (Public Suffix List).
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { DomainFacts, Facts, Rule, RuleFinding } from '../../src/engine/types.js';
import { extractPageFacts } from '../../src/scan/page-facts.js';
import { urlFacts } from '../../src/scan/url-facts.js';

export const FIXED_NOW = Date.parse('2026-11-15T00:00:00Z');
const DAY = 86_400_000;

export interface FactsOptions {
  url?: string;
  /** Partial domain facts merged over a default record; null = WHOIS unavailable. */
  domain?: Partial<DomainFacts> | null;
  now?: number;
}

/** A WHOIS record for a domain created `ageDays` before `now`, with the lines rules quote. */
export function domainFacts(domain: string, ageDays: number | null, now = FIXED_NOW, extra: Partial<DomainFacts> = {}): DomainFacts {
  const createdAt = ageDays === null ? null : new Date(now - ageDays * DAY).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    domain,
    createdAt,
    ageDays,
    registrar: 'Example Registrar, Inc.',
    privacy: false,
    source: 'whois',
    server: 'whois.verisign-grs.com:43',
    lines: {
      ...(createdAt ? { createdAt: `Creation Date: ${createdAt}` } : {}),
      registrar: 'Registrar: Example Registrar, Inc.',
    },
    ...extra,
  };
}

export function factsFromHtml(html: string, options: FactsOptions = {}): Facts {
  const url = options.url ?? 'https://example.com/';
  const now = options.now ?? FIXED_NOW;
  const u = urlFacts(url);
  let domain: DomainFacts | null = null;
  const unavailable: Facts['unavailable'] = {};
  if (options.domain === null || options.domain === undefined) {
    unavailable.domain = 'not looked up in this test';
  } else {
    const base = domainFacts(u.domain ?? u.hostname, options.domain.ageDays ?? null, now);
    domain = { ...base, ...options.domain, lines: { ...base.lines, ...(options.domain.lines ?? {}) } };
  }
  return { url: u, page: extractPageFacts(html, url), domain, headers: {}, unavailable, now };
}

const FIXTURES = new URL('../fixtures/pages/', import.meta.url);

export function loadPage(name: string): string {
  return readFileSync(new URL(name.endsWith('.html') ? name : `${name}.html`, FIXTURES), 'utf8');
}

/** Facts for a fixture page, served from a plausible URL. */
export function factsFromFixture(name: string, options: FactsOptions = {}): Facts {
  return factsFromHtml(loadPage(name), { url: `https://${name}.example/`, ...options });
}

/** A snippet wrapped in a minimal page (body text plus an optional footer). */
export function snippetPage(body: string, footer = '', title = '테스트'): string {
  return `<!DOCTYPE html><html lang="ko"><head><title>${title}</title></head><body>${body}${footer ? `<footer>${footer}</footer>` : ''}</body></html>`;
}

/** Evidence excerpts of findings that cannot be found in the page, URL or WHOIS record (empty = all quoted). */
export function unquotedEvidence(facts: Facts, findings: readonly { evidence: readonly { excerpt: string }[] }[]): string[] {
  const page = facts.page;
  const haystack = [
    facts.url.href,
    ...(page
      ? [
          page.title,
          ...page.segments.map((s) => s.text),
          ...page.forms.flatMap((f) => f.fields.flatMap((x) => [x.label, x.placeholder, x.name, x.id, ...x.options])),
          ...page.images.flatMap((i) => [i.alt, i.title, i.src]),
          ...page.links.flatMap((l) => [l.href, l.text]),
        ]
      : []),
    ...Object.values(facts.domain?.lines ?? {}),
  ].join('\n');
  const bad: string[] = [];
  for (const finding of findings) {
    if (finding.evidence.length === 0) bad.push('(finding without evidence)');
    for (const e of finding.evidence) {
      // Excerpts may be trimmed (…) or join several segments (' / '): each piece must be on the page.
      const pieces = e.excerpt.split(' / ').map((p) => p.replace(/^…|…$/g, '').trim());
      if (!e.excerpt.trim() || pieces.some((p) => p && !haystack.includes(p))) bad.push(e.excerpt);
    }
  }
  return bad;
}

/** Runs a rule and checks that every excerpt it gives is quoted from the page, URL or WHOIS record. */
export function evaluateQuoted(rule: Rule, facts: Facts): RuleFinding[] {
  const findings = rule.evaluate(facts);
  expect(unquotedEvidence(facts, findings)).toEqual([]);
  return findings;
}

/** The hard negatives of DOMAIN.md as fixture pages: every rule that adds risk stays silent on them. */
export const HARD_NEGATIVES = [
  'news-cashout-ads',
  'news-long-quoted-ads',
  'agency-consumer-alert',
  'bank-fraud-notice',
  'community-warning-thread',
  'carrier-limit-help',
  'pg-mobile-checkout',
  'voucher-buyback-shop',
  'refund-policy',
  'new-small-shop',
  'personal-blog',
] as const;
