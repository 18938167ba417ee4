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
      en: 'Whether the page offers micropayment, information-fee, voucher or card cash-out as a service, or carries cash-out brokers\' ads on a site about something else (guestbook or board spam, hijacked blog posts). Both are offences under 정보통신망법 제72조, advertising included. Warnings that quote the ads, carrier help, payment checkouts and buy-back shops that refuse carrier-billed vouchers do not count.',
      ko: '페이지가 휴대폰 소액결제·정보이용료·상품권·신용카드 현금화를 서비스로 제공하는지, 또는 다른 주제의 사이트에 현금화 업자 광고(방명록·게시판 도배, 해킹된 블로그 글)가 실려 있는지 봅니다. 둘 다 정보통신망법 제72조 위반(광고 포함)입니다. 광고를 인용하는 경고 기사, 통신사 안내, 결제 화면, 소액결제 상품권을 매입하지 않는 매입점은 해당하지 않습니다.',
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
          en: 'Cash-out broker advertising ({products_en}) planted on a site about something else (board or guestbook spam, a hijacked post), pointing to {contact_en}',
          ko: '다른 주제의 사이트에 {products_ko} 현금화 업자 광고(게시판·방명록 도배, 해킹된 글)가 실려 있으며 {contact_ko}(으)로 연락을 유도합니다',
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
      return [
        {
          signal: 'promotes-cashout',
          vars: {
            products_en: names.en,
            products_ko: names.ko,
            contact_en: contact ? `the broker contact "${contact}"` : 'a broker',
            contact_ko: contact ? `업자 연락처 "${contact}"` : '업자',
          },
          evidence: distinct(ctx.evidence, 5),
        },
      ];
    }
    return [{ signal: 'offers-cashout', vars: { products_en: names.en, products_ko: names.ko }, evidence: distinct(ctx.evidence, 4) }];
  },
};

export default rule;
