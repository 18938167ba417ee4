// A one-line progress bar on stderr, redrawn in place, for a person at a terminal. Piped or redirected
// stderr gets nothing: a log file full of carriage returns helps nobody. Redraws are limited to ~12 a second
// so a list of fast sites does not spend its time painting.
import type { VerdictBand } from '../engine/types.js';
import { paintBand, type Colors } from './color.js';

export interface Tally {
  done: number;
  total: number;
  counts: Record<VerdictBand, number>;
  /** URLs that could not be scanned at all (refused, failed). */
  errors: number;
}

export interface Progress {
  update(t: Tally): void;
  /** A line that stays (e.g. "rate limited, waiting 30 s"), printed above the bar. */
  note(message: string): void;
  /** Wipes the bar so the caller can write to the same terminal, then draws it again on the next update. */
  clear(): void;
  finish(): void;
}

/** No bar; notes still reach the log, one line each, since a wait of seconds with no word looks like a hang. */
export const quietProgress = (stream: { write(s: string): boolean }): Progress => ({ update() {}, note: (m) => void stream.write(`${m}\n`), clear() {}, finish() {} });

const BANDS: VerdictBand[] = ['low', 'medium', 'high', 'critical', 'unknown'];
const WIDTH = 24;
const MIN_REDRAW_MS = 80;

export function renderBar(t: Tally, c: Colors): string {
  const filled = t.total === 0 ? WIDTH : Math.round((t.done / t.total) * WIDTH);
  const bar = '█'.repeat(filled) + '░'.repeat(WIDTH - filled);
  const counts = BANDS.map((b) => paintBand(c, b, `${b === 'unknown' ? 'not checked' : b} ${t.counts[b]}`)).join(' · ');
  const errors = t.errors > 0 ? ` · ${c.red(`failed ${t.errors}`)}` : '';
  return `${bar} ${t.done}/${t.total}  ${counts}${errors}`;
}

export function createProgress(stream: { isTTY?: boolean; write(s: string): boolean }, c: Colors, now: () => number = Date.now): Progress {
  if (stream.isTTY !== true) return quietProgress(stream);
  let last: Tally | null = null;
  let drawnAt = -Infinity;
  let shown = false;
  const draw = () => {
    if (!last) return;
    stream.write(`\r\x1b[2K${renderBar(last, c)}`);
    shown = true;
    drawnAt = now();
  };
  return {
    update(t) {
      last = t;
      if (!shown || t.done === t.total || now() - drawnAt >= MIN_REDRAW_MS) draw();
    },
    note(message) {
      this.clear();
      stream.write(`${message}\n`);
      draw();
    },
    clear() {
      if (shown) stream.write('\r\x1b[2K');
      shown = false;
    },
    finish() {
      draw();
      if (shown) stream.write('\n');
      shown = false;
      last = null;
    },
  };
}
