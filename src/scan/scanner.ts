// One scan: URL policy, then page and domain facts gathered in parallel under one deadline, then the
// rules. A fact that could not be gathered is 'unavailable' with the reason; the rest still run.
import { randomUUID } from 'node:crypto';
import { indicatorList, type Indicators } from '../analysis/indicators.js';
import { runRules, scoreFindings, type SuppressedFinding } from '../engine/engine.js';
import { summarize } from '../engine/summary.js';
import type { AnalystVerdict, Check, DomainFacts, Facts, Finding, Localized, MemoryFacts, RelatedDomain, ReportFact, VerdictBand } from '../engine/types.js';
import { PageAnalysisError } from '../errors.js';
import type { Weights } from '../engine/weights.js';
import { memoryRules } from '../../rules/index.js';
import type { Recall } from '../store/recall.js';
import type { DomainFactsResult } from './domain-facts.js';
import type { Analysis, AnalysisTask, Stance } from './analysis.js';
import { businessNumbersIn } from './business-numbers.js';
import type { BusinessRegistry } from './business-registry.js';
import type { CapturedDomain, CapturedPage, ScanCapture } from './capture.js';
import type { LinkedPages } from './linked-pages.js';
import { pageText, type PageSource } from './page-source.js';
import type { FetchOutcome } from './safe-fetch.js';
import type { EvidenceSummary } from '../store/evidence.js';
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
  /** The main page's template fingerprint (64-bit one-bit MinHash, hex): pages of one template on other domains match it. */
  template: string | null;
  /** The registrable domain in the store, this scan included; null when the store could not be asked. */
  history: { firstSeen: string; lastSeen: string; scans: number } | null;
  /** Other domains sharing an identifier or the template with this scan, with their latest band. */
  related: RelatedDomain[];
  /** Hotline reports about the domain, its URLs or identifiers in the last 90 days (no personal data, no ids). */
  reports: Pick<ReportFact, 'kind' | 'channel' | 'at' | 'matched'>[];
  /** An analyst's standing verdict on the domain: shown beside the findings, never instead of them. */
  analystVerdict: AnalystVerdict | null;
  /** Findings of rules an analyst suppressed for this domain (an appeal): shown, not counted. */
  suppressed: SuppressedFinding[];
  /** The raw evidence kept for this scan (store/evidence.ts), with SHA-256 of each record; null when not stored. */
  evidence: EvidenceSummary | null;
}

/** A scan's answer with what it saw, for the store. */
export interface ScanOutcome {
  result: ScanResult;
  capture: ScanCapture;
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
  linkedPages(page: PageSource): Promise<LinkedPages>;
  /** The business numbers on the pages, read off the event loop (analysis-pool.ts); absent = read here. */
  businessNumbers?(pages: PageSource[]): Promise<string[]>;
  /** 사업자등록 status lookups (SCAMSCORE_BIZ_REGISTRY_URL); null or absent = off, nothing is asked. */
  businessRegistry?: BusinessRegistry | null;
  /** What the store knows (store/recall.ts); absent = no store (the CLI's check), the memory rules do not run. */
  recall?: Recall | null;
  now?: () => number;
}

/** How long the store may take to say what it knows about a site before the scan goes on without it. */
const RECALL_TIMEOUT_MS = 2_000;

const HTML_TYPES = /^(text\/html|application\/xhtml\+xml|text\/plain)\b/i;

/** What a verdict is judged from besides the analysis task: the URLs reports may name, the scan a rescore replaces. */
export interface JudgeContext {
  urls: string[];
  excludeScanId?: string;
}

export interface Judged {
  analysis: Analysis;
  memory: MemoryFacts | null;
  score: number;
  band: VerdictBand;
  complete: boolean;
  findings: Finding[];
  checks: Check[];
  suppressed: SuppressedFinding[];
  summary: Localized;
}

export interface Scanner {
  /** The URL a scan of `url` would fetch, or the 400/422 error the scan would end with: checked before queueing. */
  target(url: string): URL;
  scan(input: ScanInput): Promise<ScanOutcome>;
  /** Analysis, memory facts, memory rules and scoring over facts already gathered: a scan's last step, and a rescore's only one. */
  judge(task: AnalysisTask, context: JudgeContext): Promise<Judged>;
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
      const captured: CapturedPage = {
        role: 'provided',
        requestedUrl: target.toString(),
        url: target.toString(),
        chain: [],
        contentType: 'text/html; charset=utf-8',
        body: Buffer.from(input.html),
        truncated: false,
        ms: 0,
      };
      const source: PageSource = { url: target.toString(), html: input.html };
      return { fetch, finalUrl: target.toString(), source, headers: {}, reason: null, captured };
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
    const finalUrl = outcome.finalUrl || target.toString();
    const source = reason ? null : sourceOf(finalUrl, outcome);
    return { fetch, finalUrl, source, headers: outcome.headers, reason, captured: capturedPage('main', target.toString(), outcome, reason) };
  }

  /** Fetches the linked same-site pages under the scan's deadline; pages that fail or leave the site are skipped. */
  async function linkedPagesFor(main: PageSource, domain: string | null, fetch: FetchReport, captured: CapturedPage[], signal: AbortSignal) {
    const { urls, facts } = await deps.linkedPages(main);
    const outcomes = await Promise.all(
      urls.map(async (href) => {
        try {
          return { href, outcome: await deps.fetchPage(new URL(href), { signal }) };
        } catch (err) {
          return { href, error: (err as Error).message };
        }
      }),
    );
    const pages: PageSource[] = [];
    for (const o of outcomes) {
      if (!('outcome' in o) || !o.outcome) {
        fetch.pages.push({ url: o.href, status: null, error: o.error });
        continue;
      }
      const { outcome } = o;
      const report: FetchReport['pages'][number] = { url: outcome.finalUrl, status: outcome.status };
      if (!outcome.ok) report.error = outcome.error?.message ?? 'not fetched';
      else if (urlFacts(outcome.finalUrl).domain !== domain) report.error = 'left the site';
      else if (outcome.raw && outcome.raw.length > 0) pages.push(sourceOf(outcome.finalUrl, outcome));
      fetch.pages.push(report);
      captured.push(capturedPage('linked', o.href, outcome, report.error ?? null));
    }
    return { mainFacts: facts, pages };
  }

  /** Registry statuses of the business numbers on the pages, or null: off, none found, or the registry failed. */
  async function registryFor(pages: PageSource[], signal: AbortSignal): Promise<Facts['registry']> {
    if (!deps.businessRegistry || signal.aborted) return null;
    try {
      const numbers = deps.businessNumbers ? await deps.businessNumbers(pages) : businessNumbersIn(pages.map(pageText));
      if (numbers.length === 0) return null;
      return await deps.businessRegistry.lookup(numbers, signal);
    } catch {
      // Never needed for a verdict: without an answer the rules simply have no registry fact.
      return null;
    }
  }

  /** What the store knows; a store that cannot answer leaves the memory rules unavailable, the scan goes on. */
  async function recall(analysis: Analysis, task: AnalysisTask, context: JudgeContext): Promise<MemoryFacts | string> {
    if (!deps.recall) return 'no store: past scans, reports and linked domains were not consulted';
    let timer: NodeJS.Timeout | undefined;
    // Memory adds findings but is never needed for a verdict: a slow store must not hold the scan.
    const deadline = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve(`the store did not answer within ${RECALL_TIMEOUT_MS} ms`), RECALL_TIMEOUT_MS);
    });
    try {
      return await Promise.race([deadline, deps.recall({
        domain: task.url.domain,
        urls: context.urls,
        indicators: indicatorList(analysis.indicators),
        fingerprint: analysis.fingerprint,
        reading: analysis.stance?.reading ?? null,
        excludeScanId: context.excludeScanId,
      })]);
    } catch (err) {
      return `the store could not be asked: ${(err as Error).message}`;
    } finally {
      clearTimeout(timer);
    }
  }

  async function judge(task: AnalysisTask, context: JudgeContext): Promise<Judged> {
    const unavailable = { ...task.unavailable };
    let analysis: Analysis;
    try {
      analysis = await deps.analyze(task);
    } catch (err) {
      if (task.pages.length === 0) throw err;
      unavailable.page = unreadable(err).message;
      analysis = await deps.analyze({ ...task, pages: [], unavailable });
    }
    const memory = await recall(analysis, task, context);
    if (typeof memory === 'string') unavailable.memory = memory;
    const memoryFacts = typeof memory === 'string' ? null : memory;
    const memoryRun = runRules(memoryRules, { url: task.url, page: null, domain: task.domain, headers: task.headers, unavailable, registry: task.registry ?? null, now: task.now, memory: memoryFacts }, task.weights);
    const verdict = scoreFindings(
      { findings: [...analysis.findings, ...memoryRun.findings], checks: [...analysis.checks, ...memoryRun.checks] },
      task.weights,
      memoryFacts?.suppressions ?? [],
    );
    const complete = unavailable.page === undefined;
    // Nothing read is not "low": a client must never show a green light for a site it could not check.
    const band: VerdictBand = !complete && verdict.band === 'low' ? 'unknown' : verdict.band;
    const unavailableChecks = verdict.checks.filter((c) => c.status === 'unavailable').length;
    return {
      analysis,
      memory: memoryFacts,
      score: verdict.score,
      band,
      complete,
      findings: verdict.findings,
      checks: verdict.checks,
      suppressed: verdict.suppressed,
      summary: summarize(verdict.score, band, verdict.findings, unavailableChecks, unavailable.page ?? null, memoryFacts?.verdict ?? null),
    };
  }

  const targetOf = (url: string) => checkTargetUrl(url, { allowedPorts: deps.allowedPorts });

  return {
    target: targetOf,
    judge,
    async scan(input) {
      const target = targetOf(input.url);
      const signal = AbortSignal.timeout(deps.scanTimeoutMs);
      const started = now();
      const submitted = urlFacts(target.toString());

      const [page, submittedDomain] = await Promise.all([
        timed(() => pageFor(input, target, signal)),
        timed(() => domainFactsFor(submitted.domain, signal)),
      ]);
      const url = urlFacts(page.value.finalUrl);
      const captured: CapturedPage[] = [page.value.captured];
      // A redirect to another site makes that site the subject of the scan.
      const [domainResult, linked] = await Promise.all([
        url.domain === submitted.domain ? submittedDomain.value : domainFactsFor(url.domain, signal),
        page.value.source !== null && !page.value.fetch.provided && !signal.aborted
          ? linkedPagesFor(page.value.source, url.domain, page.value.fetch, captured, signal).catch(unreadable)
          : null,
      ]);

      const unavailable: Facts['unavailable'] = {};
      if (page.value.source === null) unavailable.page = page.value.reason ?? 'the page could not be fetched';
      else if (linked instanceof PageAnalysisError) unavailable.page = linked.message;
      const domainFacts: DomainFacts | null = domainResult.ok ? domainResult.facts : null;
      if (!domainResult.ok) unavailable.domain = domainResult.reason;

      const read = linked instanceof PageAnalysisError ? null : linked;
      const main = page.value.source!;
      const pages = unavailable.page !== undefined ? [] : [main, ...(read?.pages ?? [])];
      const task: AnalysisTask = {
        // The main page as read when its links were picked: each page is parsed once per scan.
        pages: read && pages.length > 0 ? [{ url: main.url, facts: read.mainFacts }, ...pages.slice(1)] : pages,
        url,
        domain: domainFacts,
        headers: page.value.headers,
        unavailable,
        registry: await registryFor(pages, signal),
        now: started,
        weights: deps.weights,
      };
      const analysisStarted = now();
      const judged = await judge(task, { urls: [...new Set([target.toString(), page.value.finalUrl])] });
      const scannedAt = new Date(started).toISOString();
      const result: ScanResult = {
        id: randomUUID(),
        url: target.toString(),
        finalUrl: page.value.finalUrl,
        domain: url.domain,
        scannedAt,
        rulesetVersion: deps.rulesetVersion,
        weights: deps.weights.source,
        fetch: page.value.fetch,
        domainInfo: domainFacts && domainInfoOf(domainFacts),
        ...answerOf(judged, scannedAt),
        evidence: null,
      };
      const capture: ScanCapture = {
        pages: captured,
        domains: [domainResult.capture, url.domain === submitted.domain ? undefined : submittedDomain.value.capture].filter((d): d is CapturedDomain => d !== undefined),
        facts: { domain: domainFacts, registry: task.registry ? [...task.registry] : null, unavailable: task.unavailable },
        timings: { totalMs: Math.round(now() - started), pageMs: Math.round(page.ms), domainMs: Math.round(submittedDomain.ms), analysisMs: Math.round(now() - analysisStarted) },
      };
      return { result, capture };
    },
  };
}

/** The part of an answer the judging decides: the same for a scan and for a rescore of its evidence. */
export function answerOf(judged: Judged, scannedAt: string) {
  const seen = judged.memory?.seen;
  return {
    score: judged.score,
    band: judged.band,
    complete: judged.complete,
    summary: judged.summary,
    findings: judged.findings,
    checks: judged.checks,
    indicators: judged.analysis.indicators,
    stance: judged.analysis.stance,
    template: judged.analysis.fingerprint,
    // This scan counts as seen: it is being stored with this answer.
    history: seen ? { firstSeen: seen.firstSeen && seen.firstSeen < scannedAt ? seen.firstSeen : scannedAt, lastSeen: seen.lastSeen && seen.lastSeen > scannedAt ? seen.lastSeen : scannedAt, scans: seen.scans + 1 } : null,
    related: judged.memory?.related ?? [],
    // Without ids or source keys: a report id opens the victim's own words (GET /v1/reports/:id).
    reports: (judged.memory?.reports ?? []).map(({ kind, channel, at, matched }) => ({ kind, channel, at, matched })),
    analystVerdict: judged.memory?.verdict ?? null,
    suppressed: judged.suppressed,
  };
}

/** A fetched page for the worker: its bytes, or no text when none was read (a type not downloaded). */
function sourceOf(url: string, outcome: FetchOutcome): PageSource {
  return outcome.raw ? { url, bytes: outcome.raw, contentType: outcome.headers['content-type'] ?? null } : { url, html: '' };
}

function capturedPage(role: CapturedPage['role'], requestedUrl: string, outcome: FetchOutcome, error: string | null): CapturedPage {
  return {
    role,
    requestedUrl,
    url: outcome.finalUrl || requestedUrl,
    chain: outcome.chain,
    contentType: outcome.contentType,
    body: outcome.raw,
    truncated: outcome.truncated,
    ...(error ? { error } : {}),
    ms: Math.round(outcome.ms),
  };
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t = performance.now();
  const value = await work();
  return { value, ms: performance.now() - t };
}

/** A page built to stall or exhaust the analysis is a page not read (the URL and domain still count). */
function unreadable(err: unknown): PageAnalysisError {
  if (err instanceof PageAnalysisError) return err;
  throw err;
}

function domainInfoOf({ server: _server, lines: _lines, ...info }: DomainFacts): DomainInfo {
  return info;
}
