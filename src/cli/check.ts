// `scamscore check`: gathers the list (arguments, --file, standard input), scans it in-process or as a batch
// on a service, prints each URL in input order in the chosen format, and answers the worst band as the exit
// status.
import { loadConfig } from '../config.js';
import type { Lang } from '../engine/types.js';
import { colorEnabled, colors } from './color.js';
import { CliError, EXIT, bandExit } from './exit-codes.js';
import { readSource, rowsFromText, type InputRow } from './input.js';
import type { ListSink } from './list-run.js';
import { createOutput, type Format } from './output.js';
import { createProgress, quietProgress } from './progress.js';
import { scanRemotely } from './remote.js';

export interface CheckOptions {
  file?: string;
  json?: boolean;
  csv?: boolean;
  lang: string;
  html?: string;
  server?: string;
  key?: string;
  name?: string;
}

export async function runCheck(urls: string[], opts: CheckOptions, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const lang = opts.lang as Lang;
  if (lang !== 'en' && lang !== 'ko') throw new CliError(`--lang must be en or ko, not "${opts.lang}"`, EXIT.usage);
  if (opts.json && opts.csv) throw new CliError('--json and --csv cannot be used together: choose one output format', EXIT.usage);
  // `check -` reads the list from standard input, like `--file -`.
  let file = opts.file;
  if (urls.includes('-')) {
    if (file !== undefined && file !== '-') throw new CliError('give the list either as --file FILE or as "-" (standard input), not both', EXIT.usage);
    file = '-';
    urls = urls.filter((u) => u !== '-');
  }
  if (opts.html !== undefined && (file !== undefined || urls.length !== 1)) throw new CliError('--html scores one page: give exactly one URL and no --file', EXIT.usage);
  if (opts.html !== undefined && opts.server) throw new CliError('--html scores a page in this process; it cannot be combined with --server', EXIT.usage);
  if (opts.key && !opts.server) throw new CliError('--key is the API key of a service: it needs --server URL', EXIT.usage);
  if (opts.server && !/^https?:\/\//i.test(opts.server)) throw new CliError(`--server must be the service's http(s) address, e.g. http://127.0.0.1:3000, not "${opts.server}"`, EXIT.usage);
  if (file === undefined && urls.length === 0) throw new CliError('check needs URLs: as arguments, or a list with --file FILE (--file - or - for standard input)', EXIT.usage);

  const rows: InputRow[] = urls.map((url, i) => ({ line: i + 1, url }));
  if (file !== undefined) {
    const text = await readSource(file, '--file');
    const listed = rowsFromText(text, file);
    if (listed.length === 0) throw new CliError(`${file === '-' ? 'standard input' : file} lists no URL (blank lines and # comments are skipped)`, EXIT.dataErr);
    rows.push(...listed);
  }
  const html = opts.html === undefined ? undefined : await readSource(opts.html, '--html');

  const format: Format = opts.json ? 'json' : opts.csv ? 'csv' : 'human';
  const progress = rows.length > 1 ? createProgress(process.stderr, colors(colorEnabled(process.stderr, env))) : quietProgress(process.stderr);
  const output = createOutput(format, {
    lang,
    colors: colors(colorEnabled(process.stdout, env)),
    out: (s) => process.stdout.write(s + '\n'),
    err: (s) => process.stderr.write(s + '\n'),
  });
  let worst: number = EXIT.low;
  const sink: ListSink = {
    tally: (t) => progress.update(t),
    note: (m) => progress.note(m),
    entry(e) {
      progress.clear();
      output.write(e);
      worst = Math.max(worst, e.result ? bandExit(e.result.band) : EXIT.failed);
    },
  };

  try {
    if (opts.server) {
      const config = loadConfig({ LOG_LEVEL: 'silent', ...env });
      await scanRemotely(rows, { server: opts.server, key: opts.key ?? env.SCAMSCORE_API_KEY ?? null, concurrency: config.batchConcurrency, name: opts.name }, sink);
    } else {
      const config = loadConfig({ LOG_LEVEL: 'silent', ...env });
      // Loaded here, not at the top: a run against --server never needs the scanner.
      const [{ createScanning }, { scanLocally }] = await Promise.all([import('../services.js'), import('./local.js')]);
      const scanning = createScanning(config);
      try {
        await scanLocally(rows, scanning.scanner, { concurrency: config.batchConcurrency, hostGapMs: rows.length > 1 ? config.batchHostGapMs : 0, html }, sink);
      } finally {
        await scanning.close();
      }
    }
  } finally {
    progress.finish();
    output.end();
  }
  return worst;
}
