// A stored scan judged again by today's rules and weights from its own evidence, with no network: the page
// bytes are decoded as they were, the domain record and registry answers are the ones the scan had, and the
// scan time stays the scan's (a domain's age is its age then). What the store knows now (reports, linked
// domains, verdicts) is asked again: that is part of what a rescore is for.
import { verdictChanges, type VerdictChanges } from '../engine/changes.js';
import type { Weights } from '../engine/weights.js';
import { EvidenceGoneError, NotFoundError } from '../errors.js';
import type { LoadedEvidence } from '../store/evidence.js';
import type { ScanStore } from '../store/scan-store.js';
import type { AnalysisTask } from './analysis.js';
import { answerOf, type ScanResult, type Scanner } from './scanner.js';
import { urlFacts } from './url-facts.js';

export interface Rescored {
  result: ScanResult & { rescoredAt: string };
  changes: VerdictChanges;
}

/** The analysis task the scan had, rebuilt from its evidence. */
export async function taskFromEvidence(stored: ScanResult, evidence: LoadedEvidence, weights: Weights): Promise<AnalysisTask> {
  const { capture } = evidence.manifest;
  const unavailable = { ...capture.facts.unavailable };
  const pages: AnalysisTask['pages'] = [];
  // Only the pages the scan analysed: none when its page was unavailable, and no linked page it skipped.
  if (unavailable.page === undefined) {
    for (const page of capture.pages) {
      if (page.error || !page.body) continue;
      const bytes = await evidence.blob(page.body.sha256);
      if (!bytes) {
        if (page.role === 'linked') continue;
        throw new EvidenceGoneError(`the page bytes of scan ${stored.id} are no longer kept (${page.body.dropped ?? 'dropped'}): it cannot be rescored`);
      }
      // Decoded by the analysis worker, as the scan's own pages were.
      pages.push({ url: page.url, bytes, contentType: page.contentType });
    }
  }
  const main = capture.pages.find((p) => p.role === 'main');
  return {
    pages,
    url: urlFacts(stored.finalUrl),
    domain: capture.facts.domain,
    headers: main?.chain.at(-1)?.headers ?? {},
    unavailable,
    registry: capture.facts.registry ? new Map(capture.facts.registry) : null,
    now: Date.parse(stored.scannedAt),
    weights,
  };
}

export function createRescorer(deps: { scanner: Scanner; store: ScanStore; weights: Weights; rulesetVersion: string; now?: () => number }) {
  const now = deps.now ?? Date.now;
  return async function rescore(id: string): Promise<Rescored> {
    const stored = await deps.store.get(id);
    if (!stored) throw new NotFoundError(`no scan with id ${id}`);
    const evidence = await deps.store.evidence?.load(id);
    if (!evidence) throw new EvidenceGoneError(`scan ${id} has no stored evidence (it was made before evidence was kept): it cannot be rescored`);
    const task = await taskFromEvidence(stored, evidence, deps.weights);
    const judged = await deps.scanner.judge(task, { urls: [...new Set([stored.url, stored.finalUrl])], excludeScanId: id });
    const result = {
      ...stored,
      rulesetVersion: deps.rulesetVersion,
      weights: deps.weights.source,
      ...answerOf(judged, stored.scannedAt),
      rescoredAt: new Date(now()).toISOString(),
    };
    return { result, changes: verdictChanges(stored, result) };
  };
}

export type Rescorer = ReturnType<typeof createRescorer>;
