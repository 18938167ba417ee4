// The list a journalist hands over: URLs one a line (blank lines and # comments skipped), or a CSV with a
// `url` column or a single column — the same CSV rules as POST /v1/batches, so a file means one thing to
// both ways of running it.
import { readFile } from 'node:fs/promises';
import { rowsFromCsv } from '../serve/batch-csv.js';
import { ScamscoreError } from '../errors.js';
import { CliError, EXIT } from './exit-codes.js';

export interface InputRow {
  /** 1-based line of the file (or position on the command line). */
  line: number;
  url: string;
}

/** Reads a file, or standard input for '-'; a file that cannot be read is a CliError naming the option. */
export async function readSource(file: string, option: string, stdin: NodeJS.ReadableStream = process.stdin): Promise<string> {
  if (file === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
    return Buffer.concat(chunks).toString('utf8');
  }
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const why = e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'it is a directory' : e.code === 'EACCES' ? 'permission denied' : e.message;
    throw new CliError(`cannot read ${option} ${file}: ${why}`, EXIT.noInput);
  }
}

const firstMeaningfulLine = (text: string) =>
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l !== '' && !l.startsWith('#'));

/** CSV when the file says so by its name, or when its first line is a header with a `url` cell or has a comma. */
export function looksLikeCsv(text: string, name: string): boolean {
  if (/\.csv$/i.test(name)) return true;
  const first = firstMeaningfulLine(text);
  if (first === undefined) return false;
  const cells = first.split(',').map((c) => c.trim().replace(/^"|"$/g, '').toLowerCase());
  return cells.includes('url') || cells.length > 1;
}

export function rowsFromText(text: string, name: string): InputRow[] {
  if (looksLikeCsv(text, name)) {
    try {
      return rowsFromCsv(text).filter((r) => r.url !== '');
    } catch (err) {
      if (err instanceof ScamscoreError) throw new CliError(`${name === '-' ? 'standard input' : name}: ${err.message}`, EXIT.dataErr);
      throw err;
    }
  }
  const rows: InputRow[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const url = raw.trim();
      if (url !== '' && !url.startsWith('#')) rows.push({ line: i + 1, url });
    });
  return rows;
}
