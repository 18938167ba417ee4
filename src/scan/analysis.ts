// The CPU part of a scan, in one pure function: parse the fetched pages and run the rules. It runs in a
// worker thread (analysis-worker.ts) so one hostile page cannot stall the event loop that answers others.
import { templateFingerprint } from '../analysis/fingerprint.js';
import { extractIndicators, type Indicators } from '../analysis/indicators.js';
import { runRules, type RuleRun } from '../engine/engine.js';
import { cashoutContext } from '../analysis/cashout-context.js';
import type { DomainFacts, Evidence, Facts, PageFacts, UrlFacts } from '../engine/types.js';
import type { Weights } from '../engine/weights.js';
import { pageRules } from '../../rules/index.js';
import { extractPageFacts } from './page-facts.js';
import { pageText, type PageSource } from './page-source.js';
import { unseal, type SealedFacts } from './sealed-facts.js';

/** A fetched page, as its HTML or bytes or as the facts already read from it (the home page, read to pick linked pages). */
export type PageInput = PageSource | { url: string; facts: PageFacts | SealedFacts };

export interface AnalysisTask {
  /** The main page first, then same-site pages linked from it; empty when the page is unavailable. */
  pages: PageInput[];
  url: UrlFacts;
  domain: DomainFacts | null;
  headers: Record<string, string>;
  unavailable: Facts['unavailable'];
  /** Registry statuses of the business numbers on the pages (scanner.ts), null when not looked up. */
  registry?: Facts['registry'];
  now: number;
  weights: Weights;
}

/** One PageFacts for the site: the main page's, with the linked pages' text, forms, links and images added. */
export function mergePages(pages: PageFacts[]): PageFacts | null {
  const [main, ...rest] = pages;
  if (!main) return null;
  const merged: PageFacts = { ...main, segments: [...main.segments], forms: [...main.forms], links: [...main.links], images: [...main.images] };
  for (const page of rest) {
    const offset = merged.forms.length;
    merged.segments.push(...page.segments.map((s) => (s.form === undefined ? s : { ...s, form: s.form + offset })));
    merged.forms.push(...page.forms.map((f) => ({ ...f, index: f.index + offset })));
    merged.links.push(...page.links);
    merged.images.push(...page.images);
  }
  return merged;
}

/** How the page was read before any rule ran, with the phrases that decided it. */
export interface Stance {
  /** Cash-out is what the page is about (its headline, or much of its text). */
  subject: boolean;
  reading: 'offer' | 'promotion' | 'disguised-promotion' | 'warning' | 'buyback' | 'mention' | 'none';
  decidedBy: Evidence[];
}

/** The page rules' findings, not yet scored: the memory rules add theirs before the one scoring (scanner.ts). */
export interface Analysis extends RuleRun {
  /** Phone numbers, accounts, messenger IDs found on the pages: hotlines search and link cases by them. */
  indicators: Indicators | null;
  stance: Stance | null;
  /** The main page's template fingerprint (analysis/fingerprint.ts), null without a page or with too little text. */
  fingerprint: string | null;
}

function stanceOf(page: PageFacts): Stance {
  const ctx = cashoutContext(page);
  const reading = ctx.kind === 'promo' ? (ctx.disguised ? 'disguised-promotion' : 'promotion') : ctx.kind;
  return { subject: ctx.subject, reading, decidedBy: ctx.evidence.slice(0, 5) };
}

/** The site's merged facts and the main page's fingerprint. Apart, so the per-page facts (each with its own
 *  copy of the page's normalised text) are garbage once merged: four 2 MB pages must fit a 64 MB worker. */
function readPages(pages: AnalysisTask['pages']): { page: PageFacts | null; fingerprint: string | null } {
  const perPage = pages.map((p) => ('facts' in p ? unseal(p.facts) : extractPageFacts(pageText(p), p.url)));
  // The main page's alone: linked pages differ in number from scan to scan.
  const fingerprint = perPage[0] ? templateFingerprint(perPage[0]) : null;
  return { page: mergePages(perPage), fingerprint };
}

export function analyze(task: AnalysisTask): Analysis {
  const { page, fingerprint } = readPages(task.pages);
  const facts: Facts = {
    url: task.url,
    page,
    domain: task.domain,
    headers: task.headers,
    unavailable: task.unavailable,
    registry: task.registry ?? null,
    now: task.now,
  };
  return {
    ...runRules(pageRules, facts, task.weights),
    indicators: page ? extractIndicators(page) : null,
    stance: page ? stanceOf(page) : null,
    fingerprint,
  };
}
