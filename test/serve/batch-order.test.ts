// The order a batch's jobs are queued in: one URL of each host in turn, so waits for one host's next turn do
// not fill every worker slot while other hosts could be scanned.
import { describe, expect, it } from 'vitest';
import { interleaveByHost } from '../../src/serve/batch-service.js';

describe('interleaveByHost', () => {
  it('takes one job of each host in turn, keeping each host’s own order', () => {
    const jobs = ['a', 'a', 'a', 'b', 'c', 'c'].map((host, seq) => ({ batchId: 'x', seq, host }));
    expect(interleaveByHost(jobs).map((j) => j.seq)).toEqual([0, 3, 4, 1, 5, 2]);
    expect(interleaveByHost(jobs)[0]).toEqual({ batchId: 'x', seq: 0 });
  });

  it('keeps a single host, and no jobs, as they are', () => {
    expect(interleaveByHost([0, 1, 2].map((seq) => ({ batchId: 'x', seq, host: 'a' }))).map((j) => j.seq)).toEqual([0, 1, 2]);
    expect(interleaveByHost([])).toEqual([]);
  });
});
