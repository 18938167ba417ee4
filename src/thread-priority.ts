// Lowers the scheduling priority of the calling thread (Linux), so that on a machine with fewer cores than
// busy threads the HTTP event loop wins the CPU when a request arrives, and page analysis takes what is left.
// Linux keeps a nice value per thread: setPriority on the thread's own id (from /proc/thread-self) leaves the
// process's other threads alone. Elsewhere, a no-op.
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
 * Sets the calling thread's nice value to `nice` when that lowers its priority; returns whether it did.
 * Raising a priority needs privileges, so a thread already nicer than asked is left as it is.
 */
export function lowerThisThread(nice: number): boolean {
  if (nice <= 0) return false;
  const tid = threadId();
  if (tid === null) return false;
  try {
    if (os.getPriority(tid) >= nice) return false;
    os.setPriority(tid, Math.min(19, nice));
    return true;
  } catch {
    return false;
  }
}
