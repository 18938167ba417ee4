// Hotline reports about the site, one of its URLs or one of its identifiers. The police open a case at 3 reports
// in 3 months; we use the same line: 3 independent reports within 90 days of the scan are a finding with real
// points, one or two are shown with small points, so a person sees them without one report deciding a score.
//
// Independence is the `source` key (store/casework.ts): reports by the same reporter, or without a reporter on the
// same channel the same day, count once. That is what resists a single grudge (a competitor filing ten reports).
//
// Victim reports do not weigh more than suspicious ones, on purpose: the kind is the reporter's own, unverified
// word, and a kind that earned more points would reward choosing the heavier label, not giving better evidence;
// counting independent reporters is the part a reporter cannot inflate. The kinds are in the message (how many
// came from victims) and in each piece of evidence, so the person reading the answer weighs them.
//
// Evidence names each report by kind, channel, day and what it matched, never its id (GET /v1/reports/:id holds
// the victim's note) nor anything the reporter wrote.
import type { Evidence, EvidenceSource, ReportFact, Rule, RuleFinding } from '../src/engine/types.js';
import { DEFAULT_POINTS } from './weights.js';

const DAY = 86_400_000;
/** The police's window: 3 months. */
export const WINDOW_DAYS = 90;
/** Independent reports that make a case. */
export const CASE_THRESHOLD = 3;
/** Reports listed as evidence; the count in the message covers them all. */
const MAX_EVIDENCE = 20;

// Reports are a record of the service, not a quote from the site or its WHOIS: evidence of their own source.
const REPORT: EvidenceSource = 'report';

const MATCHED: Record<ReportFact['matched'], string> = {
  domain: 'the domain',
  url: 'this URL',
  indicator: 'an identifier on the page',
};

function evidenceOf(report: ReportFact): Evidence {
  return {
    source: REPORT,
    excerpt: `${report.kind} report${report.channel ? ` via ${report.channel}` : ''}, ${report.at.slice(0, 10)}`,
    location: `report about ${MATCHED[report.matched]}`,
  };
}

export const rule: Rule = {
  meta: {
    id: 'hotline-reports',
    title: { en: 'Hotline reports', ko: '신고 이력' },
    description: {
      en: 'Reports made to the service about this site, one of its URLs or one of its contact or payment identifiers in the 90 days before the scan. Three independent reports (different reporters, or different days and channels) are a finding, as for the police, who open a case at three reports in three months; one or two are shown with small points.',
      ko: '검사 전 90일 동안 이 사이트, 그 URL, 또는 연락처·계좌 등 식별자에 대해 접수된 신고입니다. 경찰이 3개월 내 3건의 신고로 수사를 시작하듯, 서로 다른 신고자(또는 다른 날·경로)의 신고 3건 이상은 위험 신호이며, 1~2건은 작은 점수로 표시합니다.',
    },
    needs: ['memory'],
    signals: {
      'several-reports': {
        points: DEFAULT_POINTS['hotline-reports/several-reports'],
        message: {
          en: '{independent} independent reports in the last 90 days ({count} in all, {victims} from victims): the line at which the police open a case',
          ko: '최근 90일 동안 서로 다른 신고 {independent}건(전체 {count}건, 피해 신고 {victims}건): 경찰이 수사를 시작하는 기준에 해당합니다',
        },
      },
      reported: {
        points: DEFAULT_POINTS['hotline-reports/reported'],
        message: {
          en: 'Reported {count} time(s) in the last 90 days ({independent} independent, {victims} from victims): fewer than the 3 that make a case',
          ko: '최근 90일 동안 {count}건 신고됨(서로 다른 신고 {independent}건, 피해 신고 {victims}건): 기준인 3건 미만입니다',
        },
      },
    },
  },

  evaluate(facts) {
    const reports = facts.memory?.reports ?? [];
    const since = facts.now - WINDOW_DAYS * DAY;
    // Only reports made before the scan: a rescore of an old scan must not count what came later.
    const recent = reports.filter((r) => {
      const at = Date.parse(r.at);
      return Number.isFinite(at) && at >= since && at <= facts.now;
    });
    if (recent.length === 0) return [];
    const independent = new Set(recent.map((r) => r.source)).size;
    const vars = { count: recent.length, independent, victims: recent.filter((r) => r.kind === 'victim').length };
    const newestFirst = [...recent].sort((a, b) => b.at.localeCompare(a.at));
    const evidence = newestFirst.slice(0, MAX_EVIDENCE).map(evidenceOf);
    const finding: RuleFinding = { signal: independent >= CASE_THRESHOLD ? 'several-reports' : 'reported', vars, evidence };
    return [finding];
  },
};

export default rule;
