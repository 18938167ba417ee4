// The lures of cash-out advertising (DOMAIN.md): instant deposit, always open, no credit check, welcome to the
// delinquent, "not a loan", and false legality claims (cash-out is itself an offence under 정보통신망법, so
// "합법", "정식 등록 업체" or "금융감독원 등록" are false). Each is small alone; together they describe the
// pitch. Only pages that offer or promote cash-out count: news and agency warnings quote every lure.
import { cashoutContext } from '../src/analysis/cashout-context.js';
import { dedupeEvidence, promotesCashout } from '../src/analysis/requests.js';
import { findAll, quoteOriginal, type TextHit } from '../src/analysis/text.js';
import type { Rule, RuleFinding } from '../src/engine/types.js';
import { DEFAULT_POINTS } from './weights.js';

interface Lure {
  signal: string;
  pattern: RegExp;
  /** Hits that do not make the claim ("합법이 아닙니다"). */
  reject?: (hit: TextHit) => boolean;
}

const followedBy = (re: RegExp) => (h: TextHit) => re.test(h.segment.norm.slice(h.match.index + h.match[0].length, h.match.index + h.match[0].length + 12));

const LURES: Lure[] = [
  {
    signal: 'instant-deposit',
    pattern:
      /(?:당일|즉시|총알|바로|실시간|초고속|빠른)\s*(?:입금|지급|송금|현금화|정산|처리)|(?<![\d.,])\d{1,2}\s*분\s*(?:이내|안에|만에|내|컷)?\s*(?:입금|지급|송금|완료|처리|현금화)|입금\s*(?:까지|완료)?\s*(?<![\d.,])\d{1,2}\s*분/g,
  },
  {
    signal: 'always-open',
    pattern: /(?<![\d.,])24\s*시(?:간)?\s*(?:상담|운영|영업|입금|가능|진행|연중\s*무휴|언제든)?|연중\s*무휴|365\s*일|새벽\s*(?:에도|상담|입금|진행)|주말\s*(?:에도|·?\s*공휴일)/g,
  },
  {
    signal: 'no-credit-check',
    pattern:
      /신용\s*조회\s*(?:없|무|x(?![a-z])|no(?![a-z])|안\s*함|안\s*해|걱정)|무\s*신용|무\s*담보|무\s*방문|무\s*서류|서류\s*(?:없이|없음|필요\s*없|x(?![a-z]))|신용\s*(?:등급|점수)\s*(?:무관|상관\s*없|영향\s*(?:없|x))|대출\s*(?:아님|아닙니다|아닌|x(?![a-z])|이\s*아닙니다|이\s*아님)/g,
  },
  {
    signal: 'targets-delinquent',
    pattern:
      /신불자|신용\s*불량(?:자)?|연체\s*자|연체\s*(?:중|있어도|가능|ok|상관)|저\s*신용\s*(?:자|가능|ok|환영)|통신\s*(?:불량|연체|미납)\s*(?:자|가능|ok|환영|상관)?|미납\s*(?:자|해결|가능|있어도|ok|상관)|개인\s*회생\s*(?:자|중|가능)?|파산\s*(?:자|면책)|(?:신불|연체|미납)\s*(?:가능|ok|환영)/g,
  },
  {
    signal: 'false-legality',
    pattern:
      /합법\s*(?:적인?|업체|현금화|거래|운영|서비스)?|정식\s*(?:등록|업체|사업자|허가|인가)|안전한\s*(?:업체|거래|현금화|곳)|100\s*%\s*안전|(?:금융\s*감독원|금감원|금융\s*위원회|금융위|정부|국가|관할\s*관청)\s*(?:에\s*)?(?:등록|인가|허가|승인)|허가\s*(?:받은|업체)|먹튀\s*(?:없|x(?![a-z])|zero|0|걱정\s*(?:없|no|x))|검증\s*(?:된|완료)\s*업체/g,
    reject: followedBy(/^\s*(?:이|가)?\s*(?:아니|아닙|아님|아닌\s*(?:가|지))/),
  },
];

// Questions ("합법인가요?", "당일 입금 되나요?") do not claim anything.
const QUESTION_AFTER = /^[^\n.!?]{0,10}\?/;

export const rule: Rule = {
  meta: {
    id: 'lures',
    title: { en: 'Cash-out advertising lures', ko: '현금화 광고 미끼 문구' },
    description: {
      en: 'The lures of cash-out advertising on a page that offers cash-out: instant deposit, 24-hour service, no credit check, "not a loan", open to the delinquent and those with unpaid bills, and false claims of legality (cash-out and its advertising are offences under the Network Act, so "합법" or "금융감독원 등록" is false). Pages that warn about these ads are not counted.',
      ko: '현금화를 광고하는 페이지의 미끼 문구를 봅니다: 당일·즉시 입금, 24시간 연중무휴, 신용조회 없음·대출 아님, 신불자·연체자·미납자 가능, 합법·정식 등록 업체 같은 거짓 주장(현금화와 그 광고는 정보통신망법 위반이라 "합법"·"금융감독원 등록"은 거짓입니다). 이런 광고를 경고하는 글은 따지지 않습니다.',
    },
    needs: ['page'],
    signals: {
      'instant-deposit': {
        points: DEFAULT_POINTS['lures/instant-deposit'],
        message: { en: 'Promises instant deposit ("{claim}")', ko: '즉시 입금을 약속합니다("{claim}")' },
      },
      'always-open': {
        points: DEFAULT_POINTS['lures/always-open'],
        message: { en: 'Advertises round-the-clock cash-out ("{claim}")', ko: '24시간 현금화를 광고합니다("{claim}")' },
      },
      'no-credit-check': {
        points: DEFAULT_POINTS['lures/no-credit-check'],
        message: {
          en: 'Advertises cash-out without credit checks or paperwork ("{claim}"), the pitch to people who cannot borrow',
          ko: '신용조회·서류 없는 현금화를 광고합니다("{claim}"). 대출이 막힌 사람을 노리는 문구입니다',
        },
      },
      'targets-delinquent': {
        points: DEFAULT_POINTS['lures/targets-delinquent'],
        message: {
          en: 'Targets people with bad credit or unpaid bills ("{claim}"), who are left with the phone bill and the debt',
          ko: '신용불량자·연체자·미납자를 노립니다("{claim}"). 이들에게 통신요금과 빚만 남깁니다',
        },
      },
      'false-legality': {
        points: DEFAULT_POINTS['lures/false-legality'],
        message: {
          en: 'Claims to be legal or registered ("{claim}"): cash-out and its advertising are offences under the Network Act (정보통신망법 제72조)',
          ko: '합법·정식 업체라고 주장합니다("{claim}"). 현금화와 그 광고는 정보통신망법 제72조 위반입니다',
        },
      },
    },
  },

  evaluate(facts) {
    const page = facts.page!;
    const ctx = cashoutContext(page);
    if (ctx.warning || !promotesCashout(ctx)) return [];
    const findings: RuleFinding[] = [];
    for (const lure of LURES) {
      const hits = findAll(page.segments, lure.pattern).filter(
        (h) => !lure.reject?.(h) && !QUESTION_AFTER.test(h.segment.norm.slice(h.match.index + h.match[0].length)),
      );
      if (hits.length === 0) continue;
      findings.push({ signal: lure.signal, vars: { claim: claimOf(hits[0]!) }, evidence: dedupeEvidence(hits.map((h) => h.evidence), 3) });
    }
    return findings;
  },
};

function claimOf(h: TextHit): string {
  // Separators between syllables are dropped in the normalised text, so the quote can end on one ("입금 ·").
  return quoteOriginal(h.segment.text, h.match.index, h.match.index + h.match[0].length, 0)
    .replace(/^…|…$/g, '')
    .replace(/[\s·•|/,.~*^:-]+$/, '')
    .trim();
}

export default rule;
