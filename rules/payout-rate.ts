// Payout and fee claims weighed against what the trade can pay. Real cash-out fees are 20–30% (a court case
// found 77.8% paid), so a 95% payout or a 5% fee cannot be paid and is the lure; 0% fee is bait.
import { cashoutContext, type CashoutContext } from '../src/analysis/cashout-context.js';
import { findAll, quoteOriginal } from '../src/analysis/text.js';
import type { Evidence, Rule, RuleFinding, Segment } from '../src/engine/types.js';
import { DEFAULT_POINTS } from './weights.js';

const PCT = '(?<![\\d.])(\\d{1,3}(?:\\.\\d+)?)\\s*(?:%|프로|퍼센트)';
// "현금화율 95%", "지급률: 최대 92%"
const LABELLED_RATE = new RegExp(
  `(?:현금화\\s*(?:율|비율)|지급\\s*[률율]|입금\\s*[률율]|매입\\s*[률율]|환급\\s*[률율]|교환\\s*[률율]|정산\\s*[률율])\\s*(?:은|는|이|가)?\\s*[:：]?\\s*(?:최대|최고|평균|무려)?\\s*${PCT}`,
  'g',
);
// "95% 지급", "92%까지 입금"
const RATE_WITH_VERB = new RegExp(`${PCT}\\s*(?:까지\\s*)?(?:지급|입금|현금화|보장|환전|정산|매입|돌려)`, 'g');
// "최대 95%", "업계 최고 ９５％"
const MAX_RATE = new RegExp(`(?:최대|최고)\\s*${PCT}`, 'g');
// "수수료 5%", "수수료는 단 5%", "5% 수수료"
const FEE = new RegExp(`수수료\\s*(?:는|가|단|만|최저|only|단돈)?\\s*[:：]?\\s*(?:단\\s*)?${PCT}|${PCT}\\s*(?:의\\s*)?수수료`, 'g');
const ZERO_FEE = /수수료\s*(?:는|가)?\s*[:：]?\s*(?:0\s*(?:%|원|프로)|무료|없음|없는|없이|없습니다|free|zero|제로)|무\s*수수료|노\s*수수료|no\s*수수료|수수료\s*(?:걱정\s*)?(?:no|x)(?![a-z])/g;
// "10만원 → 9만원", "100만원 결제하시면 → 90만원", "10만원 결제시 95,000원 입금"
const AMOUNT = '(?<![\\d.,])(\\d{1,3}(?:,\\d{3})+|\\d+(?:\\.\\d+)?)\\s*(만|천)?\\s*(?:(\\d)\\s*천)?\\s*(원)?';
const EXAMPLE_ARROW = new RegExp(`${AMOUNT}\\s*(?:을|를)?\\s*(?:결제\\s*(?:시|하면|하시면)?\\s*)?(?:→|->|=>|▶|➡|⇒|>)\\s*${AMOUNT}`, 'g');
const EXAMPLE_VERB = new RegExp(`${AMOUNT}\\s*(?:을|를)?\\s*결제\\s*(?:시|하면|하시면|하셔도)\\s*,?\\s*${AMOUNT}\\s*(?:입금|지급|받)`, 'g');

// Claims that are not payout offers: refund terms and competitors' fees quoted for comparison.
const REFUND_CONTEXT = /환불|취소|반품|위약금|공제|해지|중도|연체료/;
const COMPETITOR_BEFORE = /(?:타\s*업체|다른\s*업체|타사|일반\s*업체|시중|타\s*사이트)[^\n]{0,20}$/;

interface Claim {
  /** Payout as a percentage of the amount paid. */
  payout: number;
  evidence: Evidence;
}

function amountOf(m: RegExpExecArray, at: number): number | null {
  const [num, unit, thousands, won] = [m[at], m[at + 1], m[at + 2], m[at + 3]];
  if (!num || (!unit && !won)) return null; // a bare number is not an amount
  const base = Number(num.replace(/,/g, ''));
  if (!Number.isFinite(base)) return null;
  const scaled = unit === '만' ? base * 10_000 : unit === '천' ? base * 1_000 : base;
  return scaled + (thousands ? Number(thousands) * 1_000 : 0);
}

function isPayoutContext(segment: Segment, index: number): boolean {
  if (REFUND_CONTEXT.test(segment.norm)) return false;
  return !COMPETITOR_BEFORE.test(segment.norm.slice(Math.max(0, index - 30), index));
}

function collectClaims(segments: readonly Segment[]): Claim[] {
  const claims: Claim[] = [];
  const add = (segment: Segment, index: number, payout: number, evidence: Evidence) => {
    if (payout > 0 && payout <= 100 && isPayoutContext(segment, index)) claims.push({ payout, evidence });
  };
  for (const pattern of [LABELLED_RATE, RATE_WITH_VERB, MAX_RATE]) {
    for (const h of findAll(segments, pattern)) {
      const rate = Number(h.match[1]);
      if (rate >= 50) add(h.segment, h.match.index, rate, h.evidence);
    }
  }
  for (const h of findAll(segments, FEE)) {
    const fee = Number(h.match[1] ?? h.match[2]);
    // 0% is the zero-fee signal; fees above 50% are not a payout claim.
    if (fee > 0 && fee <= 50) add(h.segment, h.match.index, 100 - fee, h.evidence);
  }
  for (const pattern of [EXAMPLE_ARROW, EXAMPLE_VERB]) {
    for (const h of findAll(segments, pattern)) {
      const paid = amountOf(h.match, 1);
      const received = amountOf(h.match, 5);
      if (!paid || !received) continue;
      const ratio = received / paid;
      if (ratio >= 0.3 && ratio < 1) add(h.segment, h.match.index, Math.round(ratio * 1000) / 10, h.evidence);
    }
  }
  return claims;
}

/** Voucher-only offers get the buy-back shops' ceiling; anything paid by phone bill or card gets 90%. */
function implausibleFrom(ctx: CashoutContext): number {
  const billed = ctx.products.some((p) => p !== 'voucher');
  return billed || ctx.products.length === 0 ? 90 : 93;
}

const formatRate = (n: number) => `${Math.round(n * 10) / 10}%`;

export const rule: Rule = {
  meta: {
    id: 'payout-rate',
    title: { en: 'Payout and fee claims', ko: '지급률·수수료 주장' },
    description: {
      en: 'Payout or fee claims of a cash-out offer weighed against what the trade can pay: real fees are 20–30% (a court case found 77.8% paid), so a 90–95% payout, a fee of 10% or less, or a 0% fee is a lure.',
      ko: '현금화 광고의 지급률·수수료 주장을 실제 업계 수준과 비교합니다. 실제 수수료는 20~30%(판결 사례 지급률 77.8%)로, 90~95% 지급·10% 이하 수수료·수수료 0%는 미끼입니다.',
    },
    needs: ['page'],
    signals: {
      'implausible-payout': {
        points: DEFAULT_POINTS['payout-rate/implausible-payout'],
        message: {
          en: 'Claims a {rate} payout for cash-out; the trade pays about 70–80% (fees 20–30%), so this is a typical lure',
          ko: '현금화 지급률 {rate}를 내세웁니다. 실제 수수료는 20~30%(지급률 70~80%) 수준이라 전형적인 미끼 문구입니다',
        },
      },
      'zero-fee': {
        points: DEFAULT_POINTS['payout-rate/zero-fee'],
        message: {
          en: 'Advertises cash-out with no fee ("{claim}"): a cash-out broker cannot work for free, this is bait',
          ko: '수수료 없는 현금화를 광고합니다("{claim}"). 수수료 없이 현금화를 해 줄 수는 없어 미끼 문구입니다',
        },
      },
      'payout-claim': {
        points: DEFAULT_POINTS['payout-rate/payout-claim'],
        message: {
          en: 'Advertises a {rate} cash-out payout, at the top of what the trade pays',
          ko: '현금화 지급률 {rate}를 광고합니다. 업계에서 지급 가능한 수준의 상한입니다',
        },
      },
    },
  },

  evaluate(facts) {
    const page = facts.page!;
    const ctx = cashoutContext(page);
    if (!ctx.offers) return [];
    const findings: RuleFinding[] = [];

    const claims = collectClaims(page.segments).sort((a, b) => b.payout - a.payout);
    const limit = implausibleFrom(ctx);
    const implausible = claims.filter((c) => c.payout >= limit);
    const plausibleHigh = claims.filter((c) => c.payout >= 80 && c.payout < limit);
    if (implausible.length > 0) {
      findings.push({
        signal: 'implausible-payout',
        vars: { rate: formatRate(implausible[0]!.payout) },
        evidence: distinct(implausible.map((c) => c.evidence)),
      });
    } else if (plausibleHigh.length > 0) {
      findings.push({
        signal: 'payout-claim',
        vars: { rate: formatRate(plausibleHigh[0]!.payout) },
        evidence: distinct(plausibleHigh.map((c) => c.evidence)),
      });
    }

    const zero = findAll(page.segments, ZERO_FEE).filter((h) => isPayoutContext(h.segment, h.match.index));
    if (zero.length > 0) {
      findings.push({ signal: 'zero-fee', vars: { claim: exactQuote(zero[0]!.segment, zero[0]!.match) }, evidence: distinct(zero.map((h) => h.evidence)) });
    }
    return findings;
  },
};

function exactQuote(segment: Segment, m: RegExpExecArray): string {
  return quoteOriginal(segment.text, m.index, m.index + m[0].length, 0).replace(/^…|…$/g, '');
}

function distinct(evidence: Evidence[], max = 3): Evidence[] {
  const seen = new Set<string>();
  return evidence.filter((e) => !seen.has(e.excerpt) && (seen.add(e.excerpt), true)).slice(0, max);
}

export default rule;
