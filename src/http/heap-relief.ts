// The pressure check sheds load when the main heap passes its limit (a flood of large bodies must be refused, not
// queued). But V8 lets garbage pile up far past that line on a machine with memory to spare (its own limit is
// gigabytes), so a sustained flood of cheap requests (lookups at tens of thousands a second) crossed it with
// garbage alone and every request was shed until the next full collection. Collecting first, when the heap
// nears the line, leaves the check to see live data only; a full collection of a heap that is mostly garbage
// takes a few milliseconds.
import v8 from 'node:v8';
import vm from 'node:vm';

let collect: (() => void) | null = null;

function fullCollection(): () => void {
  if (!collect) {
    v8.setFlagsFromString('--expose-gc');
    collect = vm.runInNewContext('gc') as () => void;
  }
  return collect;
}

/** Collects garbage whenever the main heap passes `share` of `limitBytes`, checked every `intervalMs`; returns stop. */
export function startHeapRelief(limitBytes: number, intervalMs: number, share = 0.7): () => void {
  const gc = fullCollection();
  const timer = setInterval(() => {
    if (v8.getHeapStatistics().used_heap_size > limitBytes * share) gc();
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
