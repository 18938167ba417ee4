// What POST /v1/scans does, in the order that keeps a burst cheap: refuse a bad target at once, join an
// identical scan already in flight, wait for an admission slot, scan, store. An answer that cannot be stored
// is handed back with the error (ScanNotSavedError), never dropped.
import { createHash } from 'node:crypto';
import { ScanNotSavedError, StoreUnavailableError } from '../errors.js';
import type { ScanInput, ScanResult, Scanner } from '../scan/scanner.js';
import { createSingleFlight } from '../single-flight.js';
import { planEvidence } from '../store/evidence.js';
import type { ScanStore } from '../store/scan-store.js';
import type { SqlQuery } from '../store/sql.js';
import type { Admission } from './admission.js';
import type { Metrics } from './metrics.js';

export interface ScanService {
  /**
   * `requestedBy` is recorded with the stored scan; callers joined to a scan in flight share the first one's.
   * `alsoWrite` runs in the transaction that stores the scan, only for the caller that started it (a joined
   * caller, or a scan whose id was stored already, never sees it run).
   */
  submit(input: ScanInput, requestedBy?: string | null, alsoWrite?: (tx: SqlQuery, result: ScanResult) => Promise<void>): Promise<ScanResult>;
}

type ScanServiceWrite = (tx: SqlQuery, result: ScanResult) => Promise<void>;

export interface EvidencePolicy {
  maxBytesPerScan: number;
  retentionDays: number | null;
}

export function createScanService(deps: {
  scanner: Scanner;
  store: ScanStore;
  admission: Admission;
  evidence: EvidencePolicy;
  metrics?: Metrics;
}): ScanService {
  const flights = createSingleFlight<ScanResult>();

  async function scanAndStore(input: ScanInput, requestedBy: string | null, alsoWrite: ScanServiceWrite | undefined): Promise<ScanResult> {
    const stopTimer = deps.metrics?.scanSeconds.startTimer();
    let outcome;
    try {
      outcome = await deps.scanner.scan(input);
    } catch (err) {
      deps.metrics?.scans.inc({ band: 'unknown', outcome: 'failed' });
      throw err;
    } finally {
      stopTimer?.();
    }
    const { result: answer, capture } = outcome;
    // What is kept is decided before the answer is stored, so the answer can say it (hashes, drops).
    const planned = await planEvidence(capture, { ...deps.evidence, scannedAt: answer.scannedAt });
    const result: ScanResult = { ...answer, evidence: planned.summary };
    try {
      await deps.store.save(result, planned, requestedBy, alsoWrite && ((tx) => alsoWrite(tx, result)));
    } catch (err) {
      const notSaved = err instanceof StoreUnavailableError;
      deps.metrics?.scans.inc({ band: result.band, outcome: notSaved ? 'not-saved' : 'failed' });
      if (notSaved) throw new ScanNotSavedError(result, err);
      throw err;
    }
    deps.metrics?.scans.inc({ band: result.band, outcome: 'stored' });
    return result;
  }

  return {
    submit(input, requestedBy = null, alsoWrite) {
      const target = deps.scanner.target(input.url).toString();
      const key = input.html === undefined ? target : `${target}\n${createHash('sha256').update(input.html).digest('hex')}`;
      return flights.run(key, () => deps.admission.run(() => scanAndStore(input, requestedBy, alsoWrite)));
    },
  };
}
