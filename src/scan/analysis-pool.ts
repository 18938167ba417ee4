// A pool of worker threads for page analysis, each with a deadline and memory limits: a page of 100,000
// nested elements or regex-hostile text ends its own scan with a clear error, and a worker that dies
// (out of memory, terminated at the deadline) is replaced by the pool.
import pLimit from 'p-limit';
import { Piscina } from 'piscina';
import { PageAnalysisError, ScamscoreError, ShuttingDownError } from '../errors.js';
import type { Analysis, AnalysisTask } from './analysis.js';
import type { LinkedPages } from './linked-pages.js';
import type { PageSource } from './page-source.js';
import { machine, sizeAnalysis } from './analysis-sizing.js';

/** What each analysis thread is started with. */
export interface AnalysisWorkerData {
  nice: number;
  policy: 'idle' | 'nice';
}

/** Unset sizes come from the machine's memory and cores (analysis-sizing.ts; services.ts passes the full sizing). */
export interface AnalysisPoolOptions {
  threads?: number;
  /** Per task, counted from when a thread takes it (time spent waiting for a thread does not count). */
  taskTimeoutMs?: number;
  maxOldGenerationMb?: number;
  maxYoungGenerationMb?: number;
  /** Tasks waiting for a thread before new scans are turned away (503). */
  maxQueue?: number;
  /** Each thread lowers its own priority to this nice value at start-up (thread-priority.ts); 0 = unchanged. */
  nice?: number;
  /** 'idle': each thread also runs under SCHED_IDLE (thread-priority.ts); default 'nice' (the nice value alone). */
  policy?: 'idle' | 'nice';
}

export interface AnalysisPool {
  analyze(task: AnalysisTask, signal?: AbortSignal): Promise<Analysis>;
  linkedPages(page: PageSource): Promise<LinkedPages>;
  /** The business numbers on the pages (business-registry.ts), read where the pages are decoded. */
  businessNumbers(pages: PageSource[]): Promise<string[]>;
  /** Refuses new tasks, ends the running ones and stops the threads; resolves without waiting for their teardown. */
  close(): Promise<void>;
}

export class AnalysisBusyError extends ScamscoreError {
  constructor() {
    super('ANALYSIS_BUSY', 503, 'too many scans are waiting for analysis; retry shortly');
  }
}

// From the TypeScript sources (tests, tsx) the worker needs the tsx loader; from dist it is plain JS.
const fromSource = import.meta.url.endsWith('.ts');

export function createAnalysisPool(options: AnalysisPoolOptions = {}): AnalysisPool {
  const sized = sizeAnalysis({ threads: options.threads, heapMb: options.maxOldGenerationMb, store: 'none', ...machine() });
  const { threads, maxOldGenerationMb } = sized;
  const maxYoungGenerationMb = options.maxYoungGenerationMb ?? sized.maxYoungGenerationMb;
  const taskTimeoutMs = options.taskTimeoutMs ?? 5_000;
  const pool = new Piscina({
    filename: new URL(`./analysis-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url).href,
    minThreads: 1,
    maxThreads: threads,
    // Tasks wait in `slots` below, not in piscina's queue.
    maxQueue: threads,
    idleTimeout: 60_000,
    resourceLimits: { maxOldGenerationSizeMb: maxOldGenerationMb, maxYoungGenerationSizeMb: maxYoungGenerationMb, stackSizeMb: 4 },
    execArgv: fromSource ? ['--import', 'tsx'] : [],
    workerData: { nice: options.nice ?? 0, policy: options.policy ?? 'nice' } satisfies AnalysisWorkerData,
  });

  // A task is handed to piscina only when a thread is free, so its deadline measures the page's own
  // analysis, not the time it queued behind other heavy pages.
  const slots = pLimit(threads);
  const maxWaiting = options.maxQueue ?? threads * 32;

  /** Set by close(): from then on every task is refused with ShuttingDownError. */
  let closing = false;

  async function run<T>(task: unknown, name: string, signal?: AbortSignal, transferList?: ArrayBuffer[]): Promise<T> {
    if (slots.pendingCount >= maxWaiting) throw new AnalysisBusyError();
    return slots(() => runNow<T>(task, name, signal, transferList));
  }

  async function runNow<T>(task: unknown, name: string, signal?: AbortSignal, transferList?: ArrayBuffer[]): Promise<T> {
    // Checked when the task gets its slot: one that waited must not start a thread in a closed pool.
    if (closing) throw new ShuttingDownError();
    const deadline = AbortSignal.timeout(taskTimeoutMs);
    try {
      return (await pool.run(task, { name, signal: signal ? AbortSignal.any([signal, deadline]) : deadline, transferList })) as T;
    } catch (err) {
      const e = err as Error & { code?: string };
      // A scan cut at shutdown (its page fetch ended with the fetcher) is told why, not handed piscina's AbortError.
      if (closing) throw new ShuttingDownError();
      if (/queue is at limit/i.test(e.message)) throw new AnalysisBusyError();
      if (deadline.aborted) {
        throw new PageAnalysisError(`the page could not be analysed within ${taskTimeoutMs} ms; it may be built to stall scanners`, { cause: err });
      }
      if (signal?.aborted) throw new PageAnalysisError('the scan deadline passed while the page was being analysed', { cause: err });
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY' || /out of memory|heap/i.test(e.message)) {
        throw new PageAnalysisError(`analysing the page needed more than ${maxOldGenerationMb} MB; it may be built to exhaust scanners`, { cause: err });
      }
      throw err;
    }
  }

  return {
    // Sealed facts are transferred, not copied: the main thread has no use for them after.
    analyze: (task, signal) => run<Analysis>(task, 'default', signal, sealedBuffers(task)),
    linkedPages: (page) => run<LinkedPages>(page, 'linkedPagesOf'),
    businessNumbers: (pages) => run<string[]>(pages, 'businessNumbersOf'),
    async close() {
      closing = true;
      // The threads' teardown (freeing their heaps: 44-61 ms for two here, seconds when other processes hold the
      // CPU, as the threads run at nice 10) keeps nothing a caller needs; a shutdown's hard deadline would count
      // it and exit 1 (test/shutdown.test.ts in a loaded CI run), and a process exiting ends them anyway.
      void pool.destroy();
    },
  };
}

function sealedBuffers(task: AnalysisTask): ArrayBuffer[] {
  return task.pages.flatMap((p) => ('facts' in p && 'sealed' in p.facts ? [p.facts.sealed.buffer as ArrayBuffer] : []));
}
