// Lowers the scheduling priority of the calling thread (Linux), so that on a machine with fewer cores than
// busy threads the HTTP event loop wins the CPU when a request arrives, and page analysis takes what is left.
// Linux keeps a nice value per thread: setPriority on the thread's own id (from /proc/thread-self) leaves the
// process's other threads alone. Elsewhere, a no-op.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';

/** The calling thread's kernel id on Linux, else null. */
export function threadId(): number | null {
  if (process.platform !== 'linux') return null;
  try {
    // "<pid>/task/<tid>"
    const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(tid) && tid > 0 ? tid : null;
  } catch {
    return null;
  }
}

/**
 * Sets thread `tid`'s nice value to `nice` when that lowers its priority; returns whether it did. Raising a
 * priority needs privileges, so a thread already nicer than asked is left as it is; a thread that has ended is
 * left too.
 */
function lowerThread(tid: number, nice: number): boolean {
  try {
    if (os.getPriority(tid) >= nice) return false;
    os.setPriority(tid, Math.min(19, nice));
    return true;
  } catch {
    return false;
  }
}

/** lowerThread for the calling thread. */
export function lowerThisThread(nice: number): boolean {
  const tid = threadId();
  return nice > 0 && tid !== null && lowerThread(tid, nice);
}

/**
 * Lowers to `nice` every thread of this process other than the calling one that exists now; gives how many it
 * lowered. Called by the main thread at start, before it starts any worker, it reaches Node's helper threads:
 * V8's platform threads (garbage collection for every isolate, compilation) and libuv's pool (file I/O,
 * compression, hashing). Under scan load they took the CPU from the thread answering HTTP as the page analysis
 * did before it was lowered. Threads started later (the store's, the analysis threads) inherit the caller's
 * priority and set their own.
 */
export async function lowerHelperThreads(nice: number): Promise<number> {
  const self = threadId();
  if (self === null || nice <= 0) return 0;
  // libuv starts its whole pool on the first piece of work given to it: make sure that happened.
  await fs.promises.access('/proc/self/task');
  const others = fs.readdirSync('/proc/self/task').map(Number).filter((tid) => tid !== self);
  return others.filter((tid) => lowerThread(tid, nice)).length;
}

/**
 * Puts the calling thread under SCHED_IDLE (Linux); returns whether it did. A nice thread can hold the CPU for
 * the rest of its time slice when the HTTP thread wakes (perf sched under scan load: 5–29 % of the main
 * thread's waits for a CPU); an idle one gives it up at once. The serving bench's loaded p99 of /healthz in 3
 * alternating pairs: 14.7 / 11.3 / 13.7 ms against 16.4 / 23.9 / 16.9 at nice 10 alone. Opt-in: while other
 * processes keep every core busy an idle thread gets almost no CPU. Node has no call for it: util-linux's chrt
 * sets it, once per thread; without chrt the thread stays nice.
 */
export function idleThisThread(): boolean {
  const tid = threadId();
  if (tid === null) return false;
  try {
    execFileSync('chrt', ['--idle', '--pid', '0', String(tid)], { stdio: 'ignore', timeout: 5_000 });
    return true;
  } catch {
    return false;
  }
}
