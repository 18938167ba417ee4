// What `check` prints per URL, the same whichever way the list was scanned: the human report, the API's
// answer as JSON lines, or one CSV row per URL for a spreadsheet.
import { stringify } from 'csv-stringify/sync';
import type { Lang, VerdictBand } from '../engine/types.js';
import type { ScanResult } from '../scan/scanner.js';
import { paintBand, type Colors } from './color.js';

/** One distinct URL of the list, answered or not. */
export interface Entry {
  /** The URL as the list gave it (the join key back to the journalist's sheet). */
  url: string;
  result: ScanResult | null;
  error: { code: string; detail: string } | null;
}

export type Format = 'human' | 'json' | 'csv';

export interface Output {
  write(entry: Entry): void;
  end(): void;
}

const BAND_LABEL: Record<VerdictBand, Record<Lang, string>> = {
  unknown: { en: 'NOT CHECKED', ko: '확인 불가' },
  low: { en: 'LOW', ko: '낮음' },
  medium: { en: 'MEDIUM', ko: '보통' },
  high: { en: 'HIGH', ko: '높음' },
  critical: { en: 'CRITICAL', ko: '매우 높음' },
};

export function formatReport(r: ScanResult, lang: Lang, c?: Colors): string {
  const band = `${r.score}/100 ${BAND_LABEL[r.band][lang]}`;
  const lines = [`${c ? c.bold(r.url) : r.url}  →  ${c ? paintBand(c, r.band, band) : band}`, `  ${r.summary[lang]}`];
  if (r.finalUrl !== r.url) lines.push(`  final URL: ${r.finalUrl}`);
  if (r.fetch.error) lines.push(`  fetch: ${r.fetch.error}`);
  for (const f of r.findings) {
    lines.push(`  ${f.points > 0 ? '+' : ''}${f.points}  ${f.rule}/${f.signal}: ${f.message[lang]}`);
    for (const e of f.evidence) lines.push(`        ${e.source}${e.location ? ` @ ${e.location}` : ''}: "${e.excerpt}"`);
  }
  const found = Object.entries(r.indicators ?? {}).filter(([, values]) => values.length > 0);
  if (found.length) lines.push(`  ${lang === 'ko' ? '식별정보' : 'indicators'}: ${found.map(([kind, values]) => `${kind} ${values.join(', ')}`).join(' · ')}`);
  const unavailable = r.checks.filter((c) => c.status === 'unavailable');
  for (const u of unavailable) lines.push(`  ? ${u.rule}: ${lang === 'ko' ? '검사 불가' : 'unavailable'} (${u.reason})`);
  return lines.join('\n');
}

export const CSV_COLUMNS = ['url', 'score', 'band', 'top_rules', 'top_findings', 'error_code', 'error_detail'];
/** Findings a CSV row names: the ones that weigh most, so a sheet shows why without the whole answer. */
const TOP = 3;

export function csvRow(e: Entry, lang: Lang): (string | number)[] {
  if (!e.result) return [e.url, '', '', '', '', e.error?.code ?? '', e.error?.detail ?? ''];
  const top = [...e.result.findings]
    .filter((f) => f.points > 0)
    .sort((a, b) => b.points - a.points)
    .slice(0, TOP);
  return [
    e.url,
    e.result.score,
    e.result.band,
    top.map((f) => `${f.rule}/${f.signal}`).join('; '),
    top.map((f) => f.message[lang]).join('; '),
    e.result.band === 'unknown' ? 'NOT_CHECKED' : '',
    e.result.band === 'unknown' ? (e.result.fetch.error ?? e.result.summary[lang]) : '',
  ];
}

export function createOutput(
  format: Format,
  opts: { lang: Lang; colors: Colors; out: (s: string) => void; err: (s: string) => void },
): Output {
  const { lang, colors: c, out, err } = opts;
  if (format === 'json') {
    return {
      write: (e) => out(JSON.stringify(e.result ?? { url: e.url, error: e.error })),
      end() {},
    };
  }
  if (format === 'csv') {
    out(stringify([CSV_COLUMNS]).trimEnd());
    return { write: (e) => out(stringify([csvRow(e, lang)]).trimEnd()), end() {} };
  }
  return {
    write(e) {
      if (e.result) out(formatReport(e.result, lang, c) + '\n');
      else err(`${e.url}: ${c.red(e.error?.detail ?? 'could not be scanned')}\n`);
    },
    end() {},
  };
}
