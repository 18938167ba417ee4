// Advance fee and re-payment: the victim must pay first (보증금, 선입금, 수수료 선결제, 본인 확인 보증금, 인증
// 수수료) or pay again to "release" money already owed (재결제, 재입금, 추가 결제 for 출금 해제 / 한도 해제 /
// 승인 해제 / 환급). A broker who pays out of what it resells needs no money from the victim. Warnings are
// silent; "선입금 없음" is a claim, not a demand; deposits of ordinary shops (숙소 예약금, 렌탈 보증금) are
// outside cash-out, so an unlicensed page without cash-out words counts only for pay-to-release.
import { askingHits, dedupeEvidence, tierOf } from '../src/analysis/requests.js';
import { quoteOriginal, type TextHit } from '../src/analysis/text.js';
import type { Rule, RuleFinding } from '../src/engine/types.js';
import { DEFAULT_POINTS } from './weights.js';

const FEE_WORD =
  '(?:보증금|선입금|선\\s*납부?|선\\s*결제|예치금|본인\\s*확인\\s*(?:보증금|비용|금|수수료)|인증\\s*(?:수수료|비용|보증금)|전산\\s*(?:비용|수수료|처리\\s*비용?)|작업\\s*비|착수금|가입비|등록비)';
const PAY = '(?:입금|송금|결제|납부|이체|내\\s*(?:셔야|야|주셔야|주세요|주시면|시면)|보내|필요|발생|있습니다|요구|받습니다|받고|받으며)';
// "보증금 30만원 입금", "선입금 후 진행", "본인 확인 보증금 10만원이 필요합니다".
const UPFRONT = new RegExp(
  `${FEE_WORD}[^\\n.!?]{0,30}?${PAY}|(?:수수료|비용)\\s*(?:를|을)?\\s*(?:먼저|미리|선)\\s*(?:입금|결제|납부|송금)|(?:먼저|미리)\\s*(?:\\d[\\d,]{0,9}\\s*만?\\s*원?\\s*(?:을|를)?\\s*)?(?:입금|송금)\\s*(?:해\\s*주셔야|하셔야|해야)`,
  'g',
);
// "선입금 없음", "보증금 X", "선입금 요구 안 함": the claim that there is none.
const NONE_AFTER = /^[^\n.!?]{0,12}?(?:없|x(?![a-z])|no(?![a-z])|0\s*원|무료|안\s*받|받지\s*않|요구\s*(?:안|하지\s*않)|절대\s*없|필요\s*없|걱정)/;
const NONE_BEFORE = /(?:무|no|노|절대|x)\s*$/;

// What is to be "released": strict goals (출금 해제, 한도 해제, 동결 해제) need any payment near them; soft
// goals (환급, 반환) only an explicit re-payment, so "취소 시 수수료 공제 후 반환" and "보증금 반환" stay quiet.
const RELEASE_STRICT =
  '(?:(?:출금|한도|승인|지급|계좌|거래|정산|입금|인출|결제)\\s*(?:정지\\s*)?(?:해제|풀|복구)|동결\\s*해제|오류\\s*(?:해결|해제|정정))';
const RELEASE_SOFT = '(?:환급|돌려\\s*(?:받|드)|반환|전액\\s*(?:입금|지급|환불))';
const REPAY_STRICT =
  '(?:재\\s*결제|재\\s*입금|재\\s*송금|재\\s*이체|추가\\s*(?:결제|입금|송금|이체)|다시\\s*(?:결제|입금|송금|이체)|한\\s*번\\s*더\\s*(?:결제|입금)|해제\\s*(?:비용|수수료|금))';
const REPAY_SOFT = '(?:보증금|수수료|세금|인증\\s*(?:비용|수수료)|추가\\s*(?:금액|보증금|수수료))';
const GAP = '[^\\n.!?]{0,30}?';
// Both orders, within one sentence: "출금 해제를 위해 재입금", "재결제하시면 전액 환급".
const REPAY_TO_RELEASE = new RegExp(
  [
    `${RELEASE_STRICT}${GAP}(?:${REPAY_STRICT}|${REPAY_SOFT})`,
    `${RELEASE_SOFT}${GAP}${REPAY_STRICT}`,
    `${REPAY_STRICT}${GAP}(?:${RELEASE_STRICT}|${RELEASE_SOFT})`,
    `${REPAY_SOFT}${GAP}${RELEASE_STRICT}`,
    // "동결 해제 비용", "출금 해제 수수료": the fee to release, named as such.
    '(?:출금|한도|승인|지급|계좌|동결|정지|인출)\\s*해제\\s*(?:비용|수수료|보증금|금(?!지))',
  ].join('|'),
  'g',
);

const exactQuote = (h: TextHit) => quoteOriginal(h.segment.text, h.match.index, h.match.index + h.match[0].length, 0).replace(/^…|…$/g, '');

function claimsNone(h: TextHit): boolean {
  const s = h.segment.norm;
  const start = h.match.index;
  // Only the fee word itself matters: "선입금 없이 진행" vs "선입금 후 진행".
  const after = s.slice(start, start + h.match[0].length + 12).replace(/^\S+?(?=\s|$)/, '');
  return NONE_AFTER.test(after) || NONE_BEFORE.test(s.slice(Math.max(0, start - 4), start));
}

export const rule: Rule = {
  meta: {
    id: 'advance-fee',
    title: { en: 'Advance fee or re-payment demands', ko: '선입금·재결제 요구' },
    description: {
      en: 'Whether the page demands money before paying out (보증금, 선입금, 수수료 선결제, 본인 확인 보증금, 인증 수수료) or another payment to "release" money already owed (재결제, 재입금, 추가 결제 for 출금 해제, 한도 해제 or 환급). A cash-out broker pays out of what it resells and needs nothing from the user first. Warnings and "no deposit" claims are not counted; ordinary shops\' deposits are outside cash-out.',
      ko: '지급 전에 돈을 먼저 요구하거나(보증금, 선입금, 수수료 선결제, 본인 확인 보증금, 인증 수수료), 이미 줄 돈을 "풀어 준다"며 다시 결제·입금을 요구하는지(재결제, 재입금, 출금 해제·한도 해제·환급용 추가 결제) 봅니다. 경고 글과 "선입금 없음" 같은 문구는 따지지 않으며, 일반 매장의 예약금·보증금은 현금화와 관계없습니다.',
    },
    needs: ['page'],
    signals: {
      'upfront-fee': {
        points: DEFAULT_POINTS['advance-fee/upfront-fee'],
        message: {
          en: 'Demands money before paying out ("{claim}"): a cash-out broker needs nothing from the user first, this is advance-fee fraud',
          ko: '지급 전에 돈을 먼저 요구합니다("{claim}"). 현금화 업자는 이용자에게 먼저 돈을 받을 이유가 없어 선입금 사기 수법입니다',
        },
      },
      'repay-to-release': {
        points: DEFAULT_POINTS['advance-fee/repay-to-release'],
        message: {
          en: 'Demands another payment to release money ("{claim}"): the re-payment trick of cash-out scams',
          ko: '돈을 풀어 준다며 다시 결제·입금을 요구합니다("{claim}"). 현금화 사기의 재결제 수법입니다',
        },
      },
    },
  },

  evaluate(facts) {
    const page = facts.page!;
    const { tier } = tierOf(page);
    if (tier === 'silent') return [];
    const findings: RuleFinding[] = [];

    const release = askingHits(page, REPAY_TO_RELEASE).filter((h) => !claimsNone(h));
    const used = new Set(release.map((h) => h.segment));
    if (tier !== 'none') {
      const upfront = askingHits(page, UPFRONT).filter((h) => !claimsNone(h) && !used.has(h.segment));
      if (upfront.length > 0) {
        findings.push({ signal: 'upfront-fee', vars: { claim: exactQuote(upfront[0]!) }, evidence: dedupeEvidence(upfront.map((h) => h.evidence), 3) });
      }
    }
    if (release.length > 0) {
      findings.push({ signal: 'repay-to-release', vars: { claim: exactQuote(release[0]!) }, evidence: dedupeEvidence(release.map((h) => h.evidence), 3) });
    }
    return findings;
  },
};

export default rule;
