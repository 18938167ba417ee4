// Optional lookup of 사업자등록 status (계속/휴업/폐업) for the business numbers a site shows. A valid checksum
// proves only the format and numbers are copied from real companies (DOMAIN.md), but a number the tax office
// lists as closed is a strong sign the footer is borrowed. The registry needs the internet and a key, so it is
// off unless SCAMSCORE_BIZ_REGISTRY_URL is set, and never needed for a verdict: a failure is "no registry fact".
// The one implementation speaks the shape of the NTS 사업자등록 상태조회 API:
//   POST {url}?serviceKey=… {"b_no": ["2208162517"]}
//   → {"data": [{"b_no": "2208162517", "b_stt": "계속사업자", "b_stt_cd": "01", "tax_type": "…", "end_dt": ""}]}
import type { RegistryEntry } from '../engine/types.js';
import { ScamscoreError } from '../errors.js';
import { MAX_NUMBERS } from './business-numbers.js';
import { JsonRequestError, type JsonClient } from './json-request.js';

export interface BusinessRegistry {
  /** 10-digit numbers → status. Rejects with BusinessRegistryError when the registry cannot answer. */
  lookup(numbers: string[], signal?: AbortSignal): Promise<Map<string, RegistryEntry>>;
}

export class BusinessRegistryError extends ScamscoreError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('BIZ_REGISTRY_FAILED', 502, message, options);
  }
}

export interface HttpBusinessRegistryOptions {
  /** SCAMSCORE_BIZ_REGISTRY_URL. */
  url: string;
  /** SCAMSCORE_BIZ_REGISTRY_KEY, sent as the serviceKey query parameter; null = none. */
  key: string | null;
  client: JsonClient;
  /** Default 3 s: the scan waits for this before its rules run. */
  timeoutMs?: number;
}

// b_stt_cd of the NTS API: 01 계속사업자, 02 휴업자, 03 폐업자.
const STATUS_CODES: Record<string, RegistryEntry['status']> = { '01': 'active', '02': 'suspended', '03': 'closed' };

export function createHttpBusinessRegistry(options: HttpBusinessRegistryOptions): BusinessRegistry {
  const url = new URL(options.url);
  if (options.key) url.searchParams.set('serviceKey', options.key);
  const timeoutMs = options.timeoutMs ?? 3_000;
  // The key is a credential: messages name the host only.
  const where = url.host;

  return {
    async lookup(numbers, signal) {
      const wanted = [...new Set(numbers)].slice(0, MAX_NUMBERS);
      if (wanted.length === 0) return new Map();
      let reply;
      try {
        reply = await options.client.request(url, {
          method: 'POST',
          headers: { accept: 'application/json' },
          body: { b_no: wanted },
          timeoutMs,
          signal,
        });
      } catch (err) {
        const why = err instanceof JsonRequestError ? err.message : String(err);
        throw new BusinessRegistryError(`business registry lookup failed: ${why}`, { cause: err });
      }
      if (reply.status !== 200) throw new BusinessRegistryError(`business registry ${where} answered HTTP ${reply.status}`);
      const rows = isObject(reply.json) && Array.isArray(reply.json.data) ? reply.json.data : null;
      if (!rows) throw new BusinessRegistryError(`business registry ${where} sent no "data" list`);
      return entriesOf(rows, wanted);
    },
  };
}

/** Rows → entries for the numbers asked; a number missing from the answer is 'unknown'. */
export function entriesOf(rows: unknown[], wanted: string[]): Map<string, RegistryEntry> {
  const result = new Map<string, RegistryEntry>(wanted.map((n) => [n, { status: 'unknown', label: '', closedOn: null }]));
  for (const row of rows) {
    if (!isObject(row)) continue;
    const number = String(row.b_no ?? '').replace(/\D/g, '');
    if (!result.has(number)) continue;
    const status = STATUS_CODES[String(row.b_stt_cd ?? '')] ?? 'unknown';
    // An unregistered number has no b_stt; the API explains it in tax_type ("…등록되지 않은…").
    const label = String(row.b_stt || row.tax_type || '').trim();
    const closedOn = /^\d{8}$/.test(String(row.end_dt ?? '')) ? String(row.end_dt) : null;
    result.set(number, { status, label, closedOn });
  }
  return result;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
