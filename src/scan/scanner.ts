// One scan: URL policy, then page and domain facts gathered in parallel under one deadline, then the
// rules. A fact that could not be gathered is 'unavailable' with the reason; the rest still run.
import { randomUUID } from 'node:crypto';
import type { Indicators } from '../analysis/indicators.js';
import { summarize } from '../engine/summary.js';
import type { Check, DomainFacts, Facts, Finding, Localized, VerdictBand } from '../engine/types.js';
import { PageAnalysisError } from '../errors.js';
import type { Weights } from '../engine/weights.js';
import type { DomainFactsResult } from './domain-facts.js';
import type { Analysis, AnalysisTask, Stance } from './analysis.js';
import { businessNumbersIn, type BusinessRegistry } from './business-registry.js';
import type { FetchOutcome } from './safe-fetch.js';
import { urlFacts } from './url-facts.js';
import { checkTargetUrl } from './url-policy.js';

export interface ScanInput {
  url: string;
  /** HTML the caller already has (a browser extension has the DOM): scored without fetching. */
  html?: string;
}

export interface FetchReport {
  status: number | null;
  contentType: string | null;
  bytes: number;
  truncated: boolean;
  redirects: { url: string; status: number }[];
  ms: number;
  /** The page came from the caller, not from the network. */
  provided: boolean;
  error?: string;
  /** Same-site pages fetched besides the main one (an application form on /apply...). */
  pages: { url: string; status: number | null; error?: string }[];
}

/** The domain facts as the answer shows them (without the evidence lines the rules quote). */
export type DomainInfo = Omit<DomainFacts, 'server' | 'lines'>;

export interface ScanResult {
  id: string;
  url: string;
  finalUrl: string;
  domain: string | null;
  scannedAt: string;
  rulesetVersion: string;
  weights: string;
  score: number;
  /** 'unknown' when the page could not be read and the address and domain alone do not say medium or more. */
  band: VerdictBand;
  /** False when the page could not be fetched or analysed: only URL and domain facts were checked. */
  complete: boolean;
  summary: Localized;
  findings: Finding[];
  checks: Check[];
  /** Identifiers found on the pages (phones, accounts, KakaoTalk IDs, Telegram handles...), null without a page. */
  indicators: Indicators | null;
  /** How the page was read (what it is about, whose voice: offer, promotion, warning...) and which phrases decided it. */
  stance: Stance | null;
  fetch: FetchReport;
  domainInfo: DomainInfo | null;
}

export interface ScannerDeps {
  rulesetVersion: string;
  weights: Weights;
  allowedPorts: number[];
  scanTimeoutMs: number;
  fetchPage(url: URL, opts: { signal: AbortSignal }): Promise<FetchOutcome>;
  lookupDomain(domain: string, signal?: AbortSignal): Promise<DomainFactsResult>;
  /** Parse and rules: CPU work, run off the event loop (analysis-pool.ts) with a deadline of its own, so a
   *  fetch that used up the scan's deadline still gets its (partial) page analysed. */
  analyze(task: AnalysisTask): Promise<Analysis>;
  /** Same-site pages linked from the main page that may hold the application form (linked-pages.ts). */
  linkedPages(page: { html: string; url: string }): Promise<string[]>;
  /** 사업자등록 status lookups (SCAMSCORE_BIZ_REGISTRY_URL); null or absent = off, nothing is asked. */
  businessRegistry?: BusinessRegistry | null;
  now?: () => number;
}

const HTML_TYPES = /^(text\/html|application\/xhtml\+xml|text\/plain)\b/i;

export interface Scanner {
  /** The URL a scan of `url` would fetch, or the 400/422 error the scan would end with: checked before queueing. */
  target(url: string): URL;
  scan(input: ScanInput): Promise<ScanResult>;
}

export function createScanner(deps: ScannerDeps): Scanner {
  const now = deps.now ?? Date.now;

  async function domainFactsFor(domain: string | null, signal: AbortSignal): Promise<DomainFactsResult> {
    if (!domain) return { ok: false, reason: 'the URL is an IP address: there is no domain record' };
    return deps.lookupDomain(domain, signal);
  }

  async function pageFor(input: ScanInput, target: URL, signal: AbortSignal) {
    if (input.html !== undefined) {
      const fetch: FetchReport = {
        status: null,
        contentType: 'text/html',
        bytes: Buffer.byteLength(input.html),
        truncated: false,
        redirects: [],
        ms: 0,
        provided: true,
        pages: [],
      };
      return { fetch, finalUrl: target.toString(), html: input.html, headers: {}, reason: null };
    }
    const outcome = await deps.fetchPage(target, { signal });
    const fetch: FetchReport = {
      status: outcome.status,
      contentType: outcome.contentType,
      bytes: outcome.bytes,
      truncated: outcome.truncated,
      redirects: outcome.redirects,
      ms: Math.round(outcome.ms),
      provided: false,
      pages: [],
    };
    let reason: string | null = null;
    if (!outcome.ok) reason = outcome.error?.message ?? 'the page could not be fetched';
    else if (outcome.status !== null && outcome.status >= 400) reason = `the site answered HTTP ${outcome.status}`;
    else if (!HTML_TYPES.test(outcome.contentType ?? 'text/html')) reason = `the response is not a web page (${outcome.contentType})`;
    if (!outcome.ok) fetch.error = reason!;
    return { fetch, finalUrl: outcome.finalUrl || target.toString(), html: reason ? null : outcome.body, headers: outcome.headers, reason };
  }

  /** Fetches the linked same-site pages under the scan's deadline; pages that fail or leave the site are skipped. */
  async function linkedPagesFor(main: { html: string; url: string }, domain: string | null, fetch: FetchReport, signal: AbortSignal) {
    const urls = await deps.linkedPages(main);
    const outcomes = await Promise.all(
      urls.map(async (href) => {
        try {
          return { href, outcome: await deps.fetchPage(new URL(href), { signal }) };
        } catch (err) {
          return { href, error: (err as Error).message };
        }
      }),
    );
    const pages: { url: string; html: string }[] = [];
    for (const o of outcomes) {
      if (!('outcome' in o) || !o.outcome) {
        fetch.pages.push({ url: o.href, status: null, error: o.error });
        continue;
      }
      const { outcome } = o;
      const report: FetchReport['pages'][number] = { url: outcome.finalUrl, status: outcome.status };
      if (!outcome.ok) report.error = outcome.error?.message ?? 'not fetched';
      else if (urlFacts(outcome.finalUrl).domain !== domain) report.error = 'left the site';
      else if (outcome.body) pages.push({ url: outcome.finalUrl, html: outcome.body });
      fetch.pages.push(report);
    }
    return pages;
  }

  /** Registry statuses of the business numbers on the pages, or null: off, none found, or the registry failed. */
  async function registryFor(pages: { html: string }[], signal: AbortSignal): Promise<Facts['registry']> {
    if (!deps.businessRegistry || signal.aborted) return null;
    const numbers = businessNumbersIn(pages.map((p) => p.html));
    if (numbers.length === 0) return null;
    try {
      return await deps.businessRegistry.lookup(numbers, signal);
    } catch {
      // Never needed for a verdict: without an answer the rules simply have no registry fact.
      return null;
    }
  }

  const targetOf = (url: string) => checkTargetUrl(url, { allowedPorts: deps.allowedPorts });

  return {
    target: targetOf,
    async scan(input) {
      const target = targetOf(input.url);
      const signal = AbortSignal.timeout(deps.scanTimeoutMs);
      const started = now();
      const submitted = urlFacts(target.toString());

      const [page, submittedDomain] = await Promise.all([
        pageFor(input, target, signal),
        domainFactsFor(submitted.domain, signal),
      ]);
      const url = urlFacts(page.finalUrl);
      // A redirect to another site makes that site the subject of the scan.
      const [domainResult, linked] = await Promise.all([
        url.domain === submitted.domain ? submittedDomain : domainFactsFor(url.domain, signal),
        page.html !== null && !page.fetch.provided && !signal.aborted
          ? linkedPagesFor({ html: page.html, url: page.finalUrl }, url.domain, page.fetch, signal).catch(unreadable)
          : [],
      ]);

      const unavailable: Facts['unavailable'] = {};
      if (page.html === null) unavailable.page = page.reason ?? 'the page could not be fetched';
      else if (linked instanceof PageAnalysisError) unavailable.page = linked.message;
      const domainFacts: DomainFacts | null = domainResult.ok ? domainResult.facts : null;
      if (!domainResult.ok) unavailable.domain = domainResult.reason;

      const pages = unavailable.page !== undefined ? [] : [{ url: page.finalUrl, html: page.html! }, ...(linked as { url: string; html: string }[])];
      const task: AnalysisTask = {
        pages,
        url,
        domain: domainFacts,
        headers: page.headers,
        unavailable,
        registry: await registryFor(pages, signal),
        now: started,
        weights: deps.weights,
      };
      let verdict: Analysis;
      try {
        verdict = await deps.analyze(task);
      } catch (err) {
        if (task.pages.length === 0) throw err;
        unavailable.page = unreadable(err).message;
        verdict = await deps.analyze({ ...task, pages: [], unavailable });
      }
      const unavailableChecks = verdict.checks.filter((c) => c.status === 'unavailable').length;
      const complete = unavailable.page === undefined;
      // Nothing read is not "low": a client must never show a green light for a site it could not check.
      const band: VerdictBand = !complete && verdict.band === 'low' ? 'unknown' : verdict.band;
      return {
        id: randomUUID(),
        url: target.toString(),
        finalUrl: page.finalUrl,
        domain: url.domain,
        scannedAt: new Date(started).toISOString(),
        rulesetVersion: deps.rulesetVersion,
        weights: deps.weights.source,
        score: verdict.score,
        band,
        complete,
        summary: summarize(verdict.score, band, verdict.findings, unavailableChecks, unavailable.page ?? null),
        findings: verdict.findings,
        checks: verdict.checks,
        indicators: verdict.indicators,
        stance: verdict.stance,
        fetch: page.fetch,
        domainInfo: domainFacts && domainInfoOf(domainFacts),
      };
    },
  };
}

/** A page built to stall or exhaust the analysis is a page not read (the URL and domain still count). */
function unreadable(err: unknown): PageAnalysisError {
  if (err instanceof PageAnalysisError) return err;
  throw err;
}

function domainInfoOf({ server: _server, lines: _lines, ...info }: DomainFacts): DomainInfo {
  return info;
}
