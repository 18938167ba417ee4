// A list scanned in this process, politely: the same host spacing and concurrency as the service's batches
// (SCAMSCORE_BATCH_HOST_GAP_MS, SCAMSCORE_BATCH_CONCURRENCY), hosts taken in turn, each distinct URL once.
import pLimit from 'p-limit';
import { ScamscoreError } from '../errors.js';
import type { Scanner } from '../scan/scanner.js';
import { memoryHostGate } from '../serve/batch-runner.js';
import { interleaveByHost } from '../serve/batch-service.js';
import type { InputRow } from './input.js';
import { emptyCounts, inInputOrder, type ListSink } from './list-run.js';
import type { Entry } from './output.js';

export interface LocalOptions {
  concurrency: number;
  hostGapMs: number;
  /** Score this HTML instead of fetching (--html; a single URL). */
  html?: string;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function scanLocally(rows: InputRow[], scanner: Pick<Scanner, 'scan' | 'target'>, opts: LocalOptions, sink: ListSink): Promise<void> {
  // Entries: one per distinct target (first row wins) and one per row that is not a URL the scanner takes.
  const entries: { row: InputRow; target: URL | null; error: Entry['error'] }[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    try {
      const target = scanner.target(row.url);
      if (seen.has(target.href)) continue;
      seen.add(target.href);
      entries.push({ row, target, error: null });
    } catch (err) {
      if (!(err instanceof ScamscoreError)) throw err;
      entries.push({ row, target: null, error: { code: err.code, detail: err.message } });
    }
  }
  const tally = { done: 0, total: entries.length, counts: emptyCounts(), errors: 0 };
  const emit = inInputOrder(entries.length, (e) => sink.entry(e));
  const finish = (index: number, e: Entry) => {
    tally.done++;
    if (e.result) tally.counts[e.result.band]++;
    else tally.errors++;
    sink.tally({ ...tally, counts: { ...tally.counts } });
    emit(index, e);
  };
  sink.tally({ ...tally, counts: { ...tally.counts } });
  entries.forEach((e, i) => {
    if (e.error) finish(i, { url: e.row.url, result: null, error: e.error });
  });

  const gate = memoryHostGate(opts.hostGapMs);
  const limit = pLimit(opts.concurrency);
  const order = interleaveByHost(
    entries.flatMap((e, i) => (e.target ? [{ batchId: '', seq: i, host: e.target.hostname }] : [])),
  );
  await Promise.all(
    order.map(({ seq }) =>
      limit(async () => {
        const { row, target } = entries[seq]!;
        const wait = await gate.reserve(target!.hostname);
        if (wait > 0) await sleep(wait);
        let entry: Entry;
        try {
          const { result } = await scanner.scan(opts.html === undefined ? { url: row.url } : { url: row.url, html: opts.html });
          entry = { url: row.url, result, error: null };
        } catch (err) {
          // As a batch item does: one broken scan is that URL's error, not the end of the list.
          entry =
            err instanceof ScamscoreError
              ? { url: row.url, result: null, error: { code: err.code, detail: err.message } }
              : { url: row.url, result: null, error: { code: 'SCAN_FAILED', detail: `the scan failed unexpectedly: ${(err as Error).message}` } };
        }
        finish(seq, entry);
      }),
    ),
  );
}
