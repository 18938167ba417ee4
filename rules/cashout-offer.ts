// The context rule: does the page itself offer micropayment / information-fee / voucher / card cash-out, or
// advertise cash-out brokers from a site that is about something else (parasite SEO, board and guestbook
// spam, hijacked blog posts)? Offering and advertising are both offences under 정보통신망법 제72조; the
// advertising on an unrelated host scores higher, because such pages exist only to push victims to a broker.
// Warnings, buy-back shops that refuse carrier-billed vouchers, carrier help and PG pages stay silent.
import { cashoutContext, type CashoutProduct } from '../src/analysis/cashout-context.js';
import type { Evidence, Rule } from '../src/engine/types.js';
import { DEFAULT_POINTS } from './weights.js';

const PRODUCT_NAMES: Record<CashoutProduct, { en: string; ko: string }> = {
  micropayment: { en: 'micropayment', ko: '휴대폰 소액결제' },
  'information-fee': { en: 'information-fee', ko: '정보이용료·콘텐츠이용료' },
  voucher: { en: 'gift-voucher', ko: '상품권' },
  'gift-card': { en: 'gift-card', ko: '기프트카드' },
  'credit-card': { en: 'credit-card', ko: '신용카드' },
};

function productNames(products: readonly CashoutProduct[]): { en: string; ko: string } {
  if (products.length === 0) return { en: 'micropayment', ko: '소액결제' };
  return {
    en: products.map((p) => PRODUCT_NAMES[p].en).join(', '),
    ko: products.map((p) => PRODUCT_NAMES[p].ko).join(', '),
  };
}

function distinct(evidence: readonly Evidence[], max: number): Evidence[] {
  const seen = new Set<string>();
  return evidence.filter((e) => !seen.has(e.excerpt) && (seen.add(e.excerpt), true)).slice(0, max);
}

export const rule: Rule = {
  meta: {
    id: 'cashout-offer',
    title: { en: 'Cash-out offer or advertising', ko: '현금화 영업·광고' },
    description: {
      en: 'Whether the page offers micropayment, information-fee, voucher or card cash-out as a service (an operator: its own contact, form or call to apply), promotes it without being the operator (articles that present cash-out as an ordinary way to raise money, in Korean or English; ads planted on boards, guestbooks and hijacked sites), or dresses a promotion as a warning that ends by recommending a firm, channel or link. Offering and advertising are offences under 정보통신망법 제72조. Warnings in substance (they tell the reader not to, name harms, law or agencies, and recommend no cash-out firm), carrier help, payment checkouts and buy-back shops that refuse carrier-billed vouchers do not count.',
      ko: '페이지가 휴대폰 소액결제·정보이용료·상품권·신용카드 현금화를 서비스로 제공하는지(운영자: 자체 연락처·신청서·신청 유도), 운영자가 아니면서 홍보하는지(현금화를 평범한 돈 마련 방법처럼 소개하는 한국어·영어 글, 게시판·방명록·해킹된 사이트에 심은 광고), 또는 경고 글처럼 꾸며 업체·채널·링크를 추천하는지 봅니다. 현금화 영업과 광고는 정보통신망법 제72조 위반입니다. 실제 경고(하지 말라고 하고, 피해·법·기관을 언급하며, 어떤 현금화 업체도 추천하지 않음), 통신사 안내, 결제 화면, 소액결제 상품권을 매입하지 않는 매입점은 해당하지 않습니다.',
    },
    needs: ['page'],
    signals: {
      'offers-cashout': {
        points: DEFAULT_POINTS['cashout-offer/offers-cashout'],
        message: {
          en: 'The page offers {products_en} cash-out as a service; offering or advertising it is an offence under the Information and Communications Network Act (art. 72)',
          ko: '{products_ko} 현금화를 서비스로 제공합니다. 현금화 영업과 광고는 정보통신망법 제72조 위반입니다',
        },
      },
      'promotes-cashout': {
        points: DEFAULT_POINTS['cashout-offer/promotes-cashout'],
        message: {
          en: 'The page promotes {products_en} cash-out without being the operator ({how_en}){contact_en}; advertising cash-out is itself an offence (Network Act art. 72)',
          ko: '운영자가 아닌 페이지가 {products_ko} 현금화를 홍보합니다({how_ko}){contact_ko}. 현금화 광고 자체가 정보통신망법 제72조 위반입니다',
        },
      },
      'disguised-promotion': {
        points: DEFAULT_POINTS['cashout-offer/disguised-promotion'],
        message: {
          en: 'The page is dressed as a warning about cash-out scams but recommends {recommended_en}: the warning is the lure of a {products_en} cash-out advertisement',
          ko: '현금화 사기를 경고하는 글처럼 보이지만 {recommended_ko}을(를) 추천합니다. 경고는 {products_ko} 현금화 광고의 미끼입니다',
        },
      },
    },
  },

  evaluate(facts) {
    const ctx = cashoutContext(facts.page!);
    if (!ctx.promotes) return [];
    const names = productNames(ctx.products);
    if (ctx.kind === 'promo') {
      const contact = ctx.contactIds[0];
      const recommended = ctx.recommendation?.excerpt ?? contact;
      if (ctx.disguised) {
        return [
          {
            signal: 'disguised-promotion',
            vars: {
              products_en: names.en,
              products_ko: names.ko,
              recommended_en: recommended ? `"${recommended}"` : 'a cash-out firm',
              recommended_ko: recommended ? `"${recommended}"` : '현금화 업체',
            },
            evidence: distinct(ctx.evidence, 5),
          },
        ];
      }
      const planted = ctx.hostCues.length > 0;
      return [
        {
          signal: 'promotes-cashout',
          vars: {
            products_en: names.en,
            products_ko: names.ko,
            how_en: planted ? 'planted on a site about something else' : 'an article that presents it as an ordinary way to raise money',
            how_ko: planted ? '다른 주제의 사이트에 실린 글' : '현금화를 평범한 돈 마련 방법처럼 소개하는 글',
            contact_en: contact ? `, pointing to "${contact}"` : '',
            contact_ko: contact ? `, 연락처 "${contact}"(으)로 유도` : '',
          },
          evidence: distinct(ctx.evidence, 5),
        },
      ];
    }
    return [{ signal: 'offers-cashout', vars: { products_en: names.en, products_ko: names.ko }, evidence: distinct(ctx.evidence, 4) }];
  },
};

export default rule;
