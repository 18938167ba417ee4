// Colour only where a person reads it: a terminal, unless NO_COLOR is set (no-color.org: present and not
// empty); FORCE_COLOR (not "0") turns it on for pipes, e.g. `| less -R`. NO_COLOR wins over FORCE_COLOR.
import pc from 'picocolors';
import type { VerdictBand } from '../engine/types.js';

export type Colors = ReturnType<typeof pc.createColors>;

export function colorEnabled(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

export const colors = (enabled: boolean): Colors => pc.createColors(enabled);

export function paintBand(c: Colors, band: VerdictBand, text: string): string {
  switch (band) {
    case 'critical':
      return c.bold(c.red(text));
    case 'high':
      return c.red(text);
    case 'medium':
      return c.yellow(text);
    case 'low':
      return c.green(text);
    default:
      return c.dim(text);
  }
}
