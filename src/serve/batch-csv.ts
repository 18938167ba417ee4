// A batch as CSV (text/csv): the column named `url` (any case), or the only column. A single column starts
// with a header only when its first cell cannot be a URL (no dot, no colon). Rows keep their line numbers, so
// an invalid row can be named by line.
import { CsvError, parse } from 'csv-parse/sync';
import { BadInputError, ScamscoreError } from '../errors.js';
import type { BatchInputRow } from './batch-service.js';

export class BadCsvError extends ScamscoreError {
  constructor(detail: string, options?: { cause?: unknown }) {
    super('BAD_CSV', 400, detail, options);
  }
}

export function rowsFromCsv(text: string): BatchInputRow[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: true, max_record_size: 65_536 }) as never;
  } catch (err) {
    const detail = err instanceof CsvError ? err.message : String(err);
    throw new BadCsvError(`the CSV cannot be read: ${detail}`, { cause: err });
  }
  const first = records[0];
  if (!first) throw new BadInputError('the CSV has no rows: send a `url` column or a single column of URLs');
  const header = first.record.map((c) => c.trim().toLowerCase());
  let column = header.indexOf('url');
  let rows = records;
  if (column >= 0) rows = records.slice(1);
  else if (first.record.length === 1) {
    column = 0;
    if (!/[.:]/.test(first.record[0] ?? '')) rows = records.slice(1);
  } else {
    throw new BadCsvError(`the CSV's first row has ${first.record.length} columns and none is named "url" (line ${first.info.lines})`);
  }
  if (rows.length === 0) throw new BadInputError('the CSV has a header and no URLs');
  return rows.map(({ record, info }) => ({ line: info.lines, url: record[column] ?? '' }));
}
