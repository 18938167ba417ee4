#!/usr/bin/env node
// The `scamscore` command: check URLs (one, or a journalist's list) from a terminal, in-process with the same
// config as the server or as a batch on a running service; rescore stored scans; run a batch worker; keys.
// commander parses the commands: it gives each one its own --help and names the flag that was wrong, which
// the hand-rolled parseArgs call could not; `keys` keeps its own parser (src/keys-command.ts).
// The service (store, scanner, worker) is imported only by the command that needs it: help, usage errors and
// `check --server` start in a fraction of the time.
import { Command, CommanderError, Option } from 'commander';
import { runCheck } from './cli/check.js';
import { CliError, EXIT } from './cli/exit-codes.js';
import { loadConfig } from './config.js';
import { ScamscoreError } from './errors.js';
import type { VerdictChanges } from './engine/changes.js';

export { EXIT } from './cli/exit-codes.js';

const EXIT_CODES = `Exit status (check): the worst band of all URLs: 0 low, 1 medium, 2 high, 3 critical;
  4 when a URL could not be scanned or its page not read (band unknown).
Other exit codes (every command):
  64 usage error (unknown command or flag, missing URLs, conflicting options)
  65 the list holds no URL, or its CSV cannot be parsed
  66 a file given with --file or --html cannot be read
  69 the service (--server) cannot be reached or answers 503
  70 an unexpected failure (a bug)
  75 the service answered 429 to the batch (its batch budget is spent for now)
  77 the service answered 401 or 403 (no key, a bad key, or a key without the scope)`;

function program(setCode: (code: number) => void): Command {
  const p = new Command('scamscore')
    .description('Explainable risk scores for Korean micropayment cash-out (소액결제 현금화) sites.\nConfiguration comes from the environment (SCAMSCORE_DNS_SERVERS, SCAMSCORE_WHOIS_SERVER, ...), as for the server.')
    .exitOverride()
    .showHelpAfterError('(scamscore --help, or scamscore <command> --help, for usage)')
    .addHelpText(
      'after',
      `
Commands at a glance:
  scamscore check <url>... | --file FILE | - [--json|--csv] [--server URL --key KEY]
  scamscore rescore --since <date> [--json] [--limit N]
  scamscore worker
  scamscore keys create|list|revoke ... (see scamscore keys --help)

${EXIT_CODES}`,
    );

  p.command('check')
    .summary('score URLs, or a list of them, and print a report')
    .description(
      'Scores each URL for micropayment cash-out scam risk and prints a report, in input order.\n' +
        'URLs come as arguments and/or from a list: --file FILE (or "-" for standard input) with one URL a line\n' +
        '(blank lines and # comments skipped), or a CSV with a "url" column or a single column. Each distinct URL\n' +
        'is scanned once; in-process, SCAMSCORE_BATCH_CONCURRENCY scans run at once and two scans of one host\n' +
        'start SCAMSCORE_BATCH_HOST_GAP_MS apart. With --server the list runs as a batch on that service instead.\n' +
        'On a terminal, stderr shows a progress bar with counts per band; colour unless NO_COLOR is set.',
    )
    .argument('[urls...]', 'URLs to score ("-" reads the list from standard input)')
    .option('-f, --file <file>', 'read the URLs from FILE ("-": standard input)')
    .option('--json', 'print one JSON answer per line (the API\'s answer shape)')
    .option('--csv', 'print CSV: url, score, band, top_rules, top_findings, error_code, error_detail')
    .addOption(new Option('--lang <lang>', 'language of the report and CSV findings').choices(['en', 'ko']).default('en'))
    .option('--html <file>', 'score this HTML for the (single) URL instead of fetching it')
    .option('--server <url>', 'run the list as a batch on this scamscore service (e.g. http://127.0.0.1:3000)')
    .option('--key <key>', 'API key for --server, sent as Authorization: Bearer (default: $SCAMSCORE_API_KEY)')
    .option('--name <name>', 'name of the batch on the service (--server)')
    .addHelpText(
      'after',
      `\nExamples:
  scamscore check http://paymoney-cash.top/
  scamscore check --file sites.txt --csv > scores.csv
  grep -v '^#' sites.txt | scamscore check - --json
  scamscore check --file sites.csv --server http://127.0.0.1:3000 --key "$KEY"

${EXIT_CODES}`,
    )
    .action(async (urls: string[], opts) => setCode(await runCheck(urls, opts)));

  p.command('rescore')
    .summary('judge stored scans again by today\'s rules and print what moves')
    .description(
      'Judges every scan stored since <date> (ISO date or date-time) again by today\'s rules and weights, from its\n' +
        'stored evidence (no network), and prints each scan whose verdict moves and a tally; --json prints one\n' +
        '{id, url, changes} per line. It reads the store the server uses (SCAMSCORE_DATA_DIR or DATABASE_URL) and\n' +
        'changes nothing in it. Exit 0, or 4 when some scans could not be rescored.',
    )
    .requiredOption('--since <date>', 'ISO date or date-time')
    .option('--json', 'one JSON object per line')
    .option('--limit <n>', 'at most this many scans', '100000')
    .action(async (opts: { since: string; json?: boolean; limit: string }) => {
      const limit = Number(opts.limit);
      if (Number.isNaN(Date.parse(opts.since))) throw new CliError(`--since must be an ISO date or date-time, not "${opts.since}"`, EXIT.usage);
      if (!Number.isInteger(limit) || limit < 1) throw new CliError(`--limit must be a whole number of at least 1, not "${opts.limit}"`, EXIT.usage);
      setCode(await rescoreSince(new Date(opts.since).toISOString(), limit, opts.json ?? false));
    });

  p.command('worker')
    .summary('run batch jobs from the Redis queue until SIGTERM/SIGINT')
    .description(
      'Runs batch jobs (POST /v1/batches) from the Redis queue until SIGTERM/SIGINT; needs REDIS_URL and the\n' +
        "server's store (DATABASE_URL). Several workers may run at once, on one machine or many.",
    )
    .action(async () => {
      const { runWorker } = await import('./worker.js');
      setCode(await runWorker());
    });

  // Parsed by src/keys-command.ts (see main); listed here so `scamscore --help` names it.
  p.command('keys').summary('create, list and revoke API keys (scamscore keys --help)').helpOption(false);
  return p;
}

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'keys') {
    const { KEYS_USAGE, runKeys } = await import('./keys-command.js');
    if (argv.includes('--help') || argv.includes('-h')) {
      console.log(KEYS_USAGE);
      return 0;
    }
    return runKeys(argv.slice(1), loadConfig({ LOG_LEVEL: 'silent', ...process.env }), { out: (l) => console.log(l), err: (l) => console.error(l) });
  }
  let code = 0;
  const p = program((c) => (code = c));
  if (argv.length === 0) {
    p.outputHelp({ error: true });
    return EXIT.usage;
  }
  try {
    await p.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help asked for is a success; anything commander refused is a usage error (it printed why).
      return err.code === 'commander.helpDisplayed' || err.code === 'commander.version' ? 0 : EXIT.usage;
    }
    if (err instanceof CliError) {
      console.error(`scamscore: ${err.message}`);
      return err.exitCode;
    }
    console.error(`scamscore: unexpected failure: ${(err as Error).stack ?? String(err)}`);
    return EXIT.software;
  }
}

/** Rescores the stored scans since a date and prints what moves: a rule change's effect on real past scans. */
async function rescoreSince(since: string, limit: number, json: boolean): Promise<number> {
  const { createServices } = await import('./services.js');
  const services = await createServices(loadConfig({ LOG_LEVEL: 'silent', ...process.env }));
  const tally = { scans: 0, moved: 0, bandChanged: 0, failed: 0 };
  try {
    for (const id of await services.store.idsSince(since, limit)) {
      tally.scans++;
      let rescored;
      try {
        rescored = await services.rescore(id);
      } catch (err) {
        if (!(err instanceof ScamscoreError)) throw err;
        tally.failed++;
        if (json) console.log(JSON.stringify({ id, error: { code: err.code, detail: err.message } }));
        else console.error(`${id}: ${err.message}`);
        continue;
      }
      const { result, changes } = rescored;
      const moved = changes.score.from !== changes.score.to || changes.added.length + changes.removed.length + changes.moved.length > 0;
      if (!moved) continue;
      tally.moved++;
      if (changes.band) tally.bandChanged++;
      if (json) console.log(JSON.stringify({ id, url: result.url, changes }));
      else console.log(formatChanges(id, result.url, changes));
    }
  } finally {
    await services.close();
  }
  const line = `${tally.scans} scans since ${since}: ${tally.moved} moved, ${tally.bandChanged} changed band, ${tally.failed} could not be rescored`;
  if (json) console.log(JSON.stringify({ summary: tally, since }));
  else console.log(line);
  return tally.failed > 0 ? EXIT.failed : 0;
}

export function formatChanges(id: string, url: string, c: VerdictChanges): string {
  const lines = [`${url}  ${c.score.from} → ${c.score.to}${c.band ? `  (${c.band.from} → ${c.band.to})` : ''}  scan ${id}`];
  for (const f of c.added) lines.push(`  + ${f.rule}/${f.signal} ${f.points > 0 ? '+' : ''}${f.points}`);
  for (const f of c.removed) lines.push(`  - ${f.rule}/${f.signal} ${f.points > 0 ? '+' : ''}${f.points}`);
  for (const f of c.moved) lines.push(`  ~ ${f.rule}/${f.signal} ${f.from} → ${f.to}`);
  return lines.join('\n');
}

// `scamscore check --file big.txt | head`: a reader that has had enough is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });

process.exitCode = await main(process.argv.slice(2));
