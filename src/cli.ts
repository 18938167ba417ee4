#!/usr/bin/env node
// The `scamscore` command: check URLs from a terminal, in-process, with the same config as the server.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from './config.js';
import type { Lang, VerdictBand } from './engine/types.js';
import { ScamscoreError } from './errors.js';
import type { ScanResult } from './scan/scanner.js';
import type { VerdictChanges } from './engine/changes.js';
import { KEYS_USAGE, runKeys } from './keys-command.js';
import { createScanning, createServices } from './services.js';
import { runWorker } from './worker.js';

export const EXIT = { low: 0, medium: 1, high: 2, critical: 3, unknown: 4, failed: 4, usage: 64 } as const;

const USAGE = `usage: scamscore check <url>... [--json] [--lang en|ko] [--html FILE]
       scamscore rescore --since <date> [--json] [--limit N]
       scamscore worker
       scamscore keys create|list|revoke ... (see scamscore keys --help)

check: scores each URL for micropayment cash-out scam risk and prints a report.
  --json        print one JSON result per line (the API's answer shape)
  --lang en|ko  language of the report (default en)
  --html FILE   score this HTML for the (single) URL instead of fetching it
exit status: the worst band of all URLs: 0 low, 1 medium, 2 high, 3 critical;
             4 when a URL could not be scanned or its page not read (band unknown);
             64 on a usage error.
rescore: judges every scan stored since <date> (ISO date or date-time) again by today's rules and weights,
  from its stored evidence (no network), and prints each scan whose verdict moves and a tally; --json prints
  one {id, url, changes} per line. It reads the store the server uses (SCAMSCORE_DATA_DIR or DATABASE_URL)
  and changes nothing in it. Exit 0, or 4 when some scans could not be rescored.
worker: runs batch jobs (POST /v1/batches) from the Redis queue until SIGTERM/SIGINT; needs REDIS_URL and the
  server's store (DATABASE_URL). Several workers may run at once, on one machine or many.
Configuration comes from the environment (SCAMSCORE_DNS_SERVERS, SCAMSCORE_WHOIS_SERVER, ...).`;

const BAND_LABEL: Record<VerdictBand, Record<Lang, string>> = {
  unknown: { en: 'NOT CHECKED', ko: '확인 불가' },
  low: { en: 'LOW', ko: '낮음' },
  medium: { en: 'MEDIUM', ko: '보통' },
  high: { en: 'HIGH', ko: '높음' },
  critical: { en: 'CRITICAL', ko: '매우 높음' },
};

export function formatReport(r: ScanResult, lang: Lang): string {
  const lines = [`${r.url}  →  ${r.score}/100 ${BAND_LABEL[r.band][lang]}`, `  ${r.summary[lang]}`];
  if (r.finalUrl !== r.url) lines.push(`  final URL: ${r.finalUrl}`);
  if (r.fetch.error) lines.push(`  fetch: ${r.fetch.error}`);
  for (const f of r.findings) {
    lines.push(`  ${f.points > 0 ? '+' : ''}${f.points}  ${f.rule}/${f.signal}: ${f.message[lang]}`);
    for (const e of f.evidence) lines.push(`        ${e.source}${e.location ? ` @ ${e.location}` : ''}: "${e.excerpt}"`);
  }
  const found = Object.entries(r.indicators ?? {}).filter(([, values]) => values.length > 0);
  if (found.length) lines.push(`  ${lang === 'ko' ? '식별정보' : 'indicators'}: ${found.map(([kind, values]) => `${kind} ${values.join(', ')}`).join(' · ')}`);
  const unavailable = r.checks.filter((c) => c.status === 'unavailable');
  for (const c of unavailable) lines.push(`  ? ${c.rule}: ${lang === 'ko' ? '검사 불가' : 'unavailable'} (${c.reason})`);
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'keys') {
    if (argv.includes('--help') || argv.includes('-h')) {
      console.log(KEYS_USAGE);
      return 0;
    }
    return runKeys(argv.slice(1), loadConfig({ LOG_LEVEL: 'silent', ...process.env }), { out: (l) => console.log(l), err: (l) => console.error(l) });
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        lang: { type: 'string', default: 'en' },
        html: { type: 'string' },
        since: { type: 'string' },
        limit: { type: 'string', default: '100000' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const [command, ...urls] = positionals;
  if (command === 'worker' && urls.length === 0) return runWorker();
  const lang = values.lang as Lang;
  if (command === 'rescore') {
    const limit = Number(values.limit);
    if (!values.since || Number.isNaN(Date.parse(values.since)) || urls.length > 0 || !Number.isInteger(limit) || limit < 1) {
      console.error(USAGE);
      return EXIT.usage;
    }
    return rescoreSince(new Date(values.since).toISOString(), limit, values.json);
  }
  if (command !== 'check' || urls.length === 0 || (lang !== 'en' && lang !== 'ko') || (values.html && urls.length !== 1)) {
    console.error(USAGE);
    return EXIT.usage;
  }
  const html = values.html ? readFileSync(values.html, 'utf8') : undefined;
  const scanning = createScanning(loadConfig({ LOG_LEVEL: 'silent', ...process.env }));
  let worst: number = EXIT.low;
  try {
    for (const url of urls) {
      try {
        const { result } = await scanning.scanner.scan(html === undefined ? { url } : { url, html });
        console.log(values.json ? JSON.stringify(result) : formatReport(result, lang) + '\n');
        worst = Math.max(worst, EXIT[result.band]);
      } catch (err) {
        if (!(err instanceof ScamscoreError)) throw err;
        const message = `${url}: ${err.message}`;
        if (values.json) console.log(JSON.stringify({ url, error: { code: err.code, detail: err.message } }));
        else console.error(message + '\n');
        worst = Math.max(worst, EXIT.failed);
      }
    }
  } finally {
    await scanning.close();
  }
  return worst;
}

/** Rescores the stored scans since a date and prints what moves: a rule change's effect on real past scans. */
async function rescoreSince(since: string, limit: number, json: boolean): Promise<number> {
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

process.exitCode = await main(process.argv.slice(2));
