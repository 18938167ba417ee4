// News articles, agency alerts, carrier help and community threads quote every scam phrase, as warnings.
// Recognising the framing (a warning headline, a byline or press registration, an agency, "절대 알려주지
// 마세요", a 1332 hotline) lets the other rules' quoted phrases be outweighed, with the reason shown. The
// verdict comes from the cash-out context, which does not take an operator's "불법업체 주의" box or a
// guestbook spam entry for a warning: the headline and the calls to action decide there.
import { cashoutContext, type WarningSource } from '../src/analysis/cashout-context.js';
import type { Evidence, Rule } from '../src/engine/types.js';
import { DEFAULT_POINTS } from './weights.js';

const SOURCE_NAMES: Record<WarningSource, { en: string; ko: string }> = {
  news: { en: 'a news article', ko: '언론 기사' },
  agency: { en: 'a government, agency or NGO notice', ko: '정부·공공기관·단체 안내' },
  business: { en: 'a carrier, bank or payment company help page', ko: '통신사·금융사·결제사 안내 페이지' },
  community: { en: 'a community thread', ko: '커뮤니티 게시글' },
  other: { en: 'a warning page', ko: '경고 페이지' },
};

// A publisher answers for a news article or an official notice; anyone can post in a community.
const PUBLISHED = new Set<WarningSource>(['news', 'agency', 'business']);

function distinct(evidence: readonly Evidence[], max: number): Evidence[] {
  const seen = new Set<string>();
  return evidence.filter((e) => !seen.has(e.excerpt) && (seen.add(e.excerpt), true)).slice(0, max);
}

export const rule: Rule = {
  meta: {
    id: 'warning-page',
    title: { en: 'Warning about cash-out scams', ko: '현금화 사기 경고 페이지' },
    description: {
      en: 'Recognises pages that quote cash-out scam phrases as warnings: news articles (byline, press registration), government, agency, NGO or bank notices, carrier help pages and community threads warning others. Operators\' token "beware of illegal firms" boxes and planted ads do not count.',
      ko: '현금화 사기 문구를 경고로 인용하는 페이지(기자·등록번호가 있는 기사, 정부·기관·단체·은행 안내, 통신사 도움말, 피해를 알리는 커뮤니티 글)를 알아봅니다. 업자가 덧붙인 "불법업체 주의" 문구나 게시판에 심은 광고는 해당하지 않습니다.',
    },
    needs: ['page'],
    signals: {
      'warning-article': {
        points: DEFAULT_POINTS['warning-page/warning-article'],
        message: {
          en: 'The page is {source_en} warning about cash-out scams: it quotes the scam phrases as warnings, not as an offer',
          ko: '현금화 사기를 경고하는 {source_ko}입니다. 사기 문구를 영업이 아니라 경고로 인용합니다',
        },
      },
      'warning-post': {
        points: DEFAULT_POINTS['warning-page/warning-post'],
        message: {
          en: 'The page is {source_en} warning others about cash-out scams (no publisher answers for it, so the trust is small)',
          ko: '현금화 사기를 다른 사람에게 경고하는 {source_ko}입니다(책임 있는 발행처가 없어 신뢰 점수는 작습니다)',
        },
      },
    },
  },

  evaluate(facts) {
    const ctx = cashoutContext(facts.page!);
    if (!ctx.warning || ctx.promotes) return [];
    const source = ctx.warningSource ?? 'other';
    const name = SOURCE_NAMES[source];
    return [
      {
        signal: PUBLISHED.has(source) ? 'warning-article' : 'warning-post',
        vars: { source_en: name.en, source_ko: name.ko },
        evidence: distinct(ctx.evidence, 4),
      },
    ];
  },
};

export default rule;
