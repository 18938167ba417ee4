// A loopback stand-in for the NTS 사업자등록 상태조회 API: POST {"b_no": [...]} → {"data": [{b_no, b_stt, b_stt_cd,
// tax_type, end_dt}]}, with the API's wording for each status. `mode` makes it misbehave: 'slow' answers after
// delayMs, 'malformed' answers JSON without "data", 'garbage' answers something that is not JSON.
import http from 'node:http';
import { listen } from './listen.js';

export type BizStatus = 'active' | 'suspended' | 'closed';

export interface BizRegistryServer {
  /** http://127.0.0.1:port/api/nts-businessman/v1/status, ready for SCAMSCORE_BIZ_REGISTRY_URL. */
  url: string;
  /** Every request: its query string and the numbers it asked for. */
  requests: { search: string; numbers: string[] }[];
  close(): Promise<void>;
}

const ROWS: Record<BizStatus, { b_stt: string; b_stt_cd: string; tax_type: string; end_dt?: string }> = {
  active: { b_stt: '계속사업자', b_stt_cd: '01', tax_type: '부가가치세 일반과세자' },
  suspended: { b_stt: '휴업자', b_stt_cd: '02', tax_type: '부가가치세 일반과세자' },
  closed: { b_stt: '폐업자', b_stt_cd: '03', tax_type: '부가가치세 일반과세자', end_dt: '20240131' },
};

export async function startBizRegistryServer(
  statuses: Record<string, BizStatus>,
  opts: { mode?: 'ok' | 'slow' | 'malformed' | 'garbage'; delayMs?: number } = {},
): Promise<BizRegistryServer> {
  const requests: BizRegistryServer['requests'] = [];
  const timers = new Set<NodeJS.Timeout>();

  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      let numbers: string[] = [];
      try {
        numbers = (JSON.parse(body) as { b_no: string[] }).b_no;
      } catch {
        /* recorded as asking for nothing */
      }
      requests.push({ search: url.search, numbers });
      const answer = () => {
        if (res.destroyed) return;
        res.writeHead(200, { 'content-type': 'application/json' });
        if (opts.mode === 'garbage') return res.end('<html>503 Service Temporarily Unavailable</html>');
        if (opts.mode === 'malformed') return res.end(JSON.stringify({ status_code: 'OK', result: [] }));
        const data = numbers.map((b_no) => {
          const status = statuses[b_no];
          if (!status) return { b_no, b_stt: '', b_stt_cd: '', tax_type: '국세청에 등록되지 않은 사업자등록번호입니다.', end_dt: '' };
          return { b_no, end_dt: '', ...ROWS[status] };
        });
        res.end(JSON.stringify({ status_code: 'OK', request_cnt: numbers.length, match_cnt: data.length, data }));
      };
      if (opts.mode !== 'slow') return answer();
      const t = setTimeout(() => {
        timers.delete(t);
        answer();
      }, opts.delayMs ?? 10_000);
      timers.add(t);
    });
  });

  const port = await listen(server, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${port}/api/nts-businessman/v1/status`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
