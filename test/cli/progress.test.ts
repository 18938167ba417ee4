// The progress bar draws on a terminal only, in place, with a count per band; off a terminal it draws nothing.
import { describe, expect, it } from 'vitest';
import { colors } from '../../src/cli/color.js';
import { createProgress } from '../../src/cli/progress.js';
import { inInputOrder } from '../../src/cli/list-run.js';
import type { Entry } from '../../src/cli/output.js';

const tally = (done: number) => ({ done, total: 10, counts: { low: 2, medium: 0, high: 1, critical: done - 3, unknown: 0 }, errors: 0 });
const stream = (isTTY: boolean) => {
  const writes: string[] = [];
  return { isTTY, writes, write: (s: string) => (writes.push(s), true) };
};

describe('progress bar', () => {
  it('redraws one line in place on a terminal, with the counts per band, and ends it with a newline', () => {
    let t = 0;
    const tty = stream(true);
    const p = createProgress(tty, colors(false), () => (t += 1000));
    p.update(tally(4));
    p.update(tally(10));
    p.finish();
    expect(tty.writes[0]).toMatch(/^\r\x1b\[2K.* 4\/10 {2}low 2 · medium 0 · high 1 · critical 1 · not checked 0$/);
    expect(tty.writes.at(-2)).toContain('10/10');
    expect(tty.writes.at(-1)).toBe('\n');
  });

  it('clears itself before a report is written and draws again on the next update', () => {
    let t = 0;
    const tty = stream(true);
    const p = createProgress(tty, colors(false), () => (t += 1000));
    p.update(tally(4));
    p.clear();
    expect(tty.writes.at(-1)).toBe('\r\x1b[2K');
    p.update(tally(5));
    expect(tty.writes.at(-1)).toContain('5/10');
  });

  it('draws nothing when stderr is not a terminal, but still prints notes', () => {
    const pipe = stream(false);
    const p = createProgress(pipe, colors(true));
    p.update(tally(4));
    p.note('rate limited; waiting 3 s');
    p.finish();
    expect(pipe.writes).toEqual(['rate limited; waiting 3 s\n']);
  });
});

describe('input order', () => {
  it('emits entries in input order whatever order they finish in', () => {
    const out: string[] = [];
    const emit = inInputOrder(3, (e) => out.push(e.url));
    const e = (url: string): Entry => ({ url, result: null, error: null });
    emit(2, e('c'));
    expect(out).toEqual([]);
    emit(0, e('a'));
    expect(out).toEqual(['a']);
    emit(1, e('b'));
    expect(out).toEqual(['a', 'b', 'c']);
  });
});
