// Cash-out operators that vanish after payment are reachable only through a KakaoTalk ID, an open chat or a
// Telegram handle: no business phone, no address, nothing that survives the channel being deleted. Mobile and
// 0507 virtual numbers do not count as a business line (anyone can get one and drop it). Counts only on pages
// that offer or promote cash-out: a shop with a KakaoTalk channel is ordinary.
import { businessInfo } from '../src/analysis/business-info.js';
import { cashoutContext } from '../src/analysis/cashout-context.js';
import { indicatorHits, type IndicatorHit, type IndicatorKind } from '../src/analysis/indicators.js';
import { dedupeEvidence, isPlantedPromotion, promotesCashout } from '../src/analysis/requests.js';
import { findAll } from '../src/analysis/text.js';
import type { Evidence, Rule, Segment } from '../src/engine/types.js';
import { DEFAULT_POINTS } from './weights.js';

const MESSENGER_KINDS: readonly IndicatorKind[] = ['kakaoIds', 'openChats', 'telegram', 'links', 'lineIds', 'wechatIds'];
const LABEL: Partial<Record<IndicatorKind, string>> = {
  kakaoIds: 'KakaoTalk',
  openChats: 'open chat',
  telegram: 'Telegram',
  lineIds: 'LINE',
  wechatIds: 'WeChat',
};
// A messenger named as the way to reach the operator, when the page gives no ID in text (often in an image).
const MESSENGER_INVITE =
  /카톡\s*(?:친구\s*추가|친추|상담|문의|채널)|카카오\s*톡?\s*(?:친구\s*추가|채널|상담|문의|플러스\s*친구)|오픈\s*채팅\s*(?:상담|문의|방|참여|입장)?|텔레(?:그램)?\s*(?:상담|문의|연락)|(?<![a-z])(?:telegram|kakao\s*talk)\s*(?:상담|문의|contact)/g;
const BUSINESS_LINE = new Set(['landline', 'representative']);
// Landline (02, 031…064) and representative (15xx–19xx) numbers, as indicators formats them.
const BUSINESS_PREFIX = /^(?:0[2-6]|1[5-9])/;

function describe(hits: readonly IndicatorHit[]): string {
  const parts: string[] = [];
  const seen = new Set<string>();
  for (const h of hits) {
    const key = `${h.kind}:${h.value.toLowerCase()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const label = LABEL[h.kind];
    parts.push(label ? `${label} ${h.value}` : h.value);
    if (parts.length >= 4) break;
  }
  return parts.join(', ');
}

export const rule: Rule = {
  meta: {
    id: 'messenger-contact',
    title: { en: 'Messenger-only contact', ko: '메신저로만 연락' },
    description: {
      en: 'Whether a cash-out page can be reached only through a KakaoTalk ID, an open chat, a KakaoTalk channel, Telegram, LINE or WeChat, with no business phone line (mobile and 0507 virtual numbers do not count) and no street address: the channel is deleted after the money is taken and nothing is left to trace.',
      ko: '현금화 페이지의 연락 수단이 카톡 ID·오픈채팅·카카오톡 채널·텔레그램·라인·위챗뿐이고 유선·대표 전화번호(휴대폰·0507 안심번호 제외)와 주소가 없는지 봅니다. 돈을 받은 뒤 채널을 지우면 추적할 방법이 남지 않습니다.',
    },
    needs: ['page'],
    signals: {
      'messenger-only': {
        points: DEFAULT_POINTS['messenger-contact/messenger-only'],
        message: {
          en: 'The cash-out offer can be reached only by messenger ({contacts}): no business phone line and no address',
          ko: '현금화 업체 연락처가 메신저뿐입니다({contacts}). 유선·대표 전화번호와 주소가 없습니다',
        },
      },
      'messenger-contact': {
        points: DEFAULT_POINTS['messenger-contact/messenger-contact'],
        message: {
          en: 'The cash-out offer is handled by messenger ({contacts})',
          ko: '현금화 상담을 메신저로 받습니다({contacts})',
        },
      },
    },
  },

  evaluate(facts) {
    const page = facts.page!;
    const ctx = cashoutContext(page);
    if (ctx.warning || !promotesCashout(ctx)) return [];
    const planted = isPlantedPromotion(ctx);

    const contacts = indicatorHits(page).filter((h) => MESSENGER_KINDS.includes(h.kind));
    const invites = contacts.length === 0 ? findAll(page.segments, MESSENGER_INVITE, { limit: 3 }) : [];
    if (contacts.length === 0 && invites.length === 0) return [];

    const evidence: Evidence[] = dedupeEvidence([...contacts.map((h) => h.evidence), ...invites.map((h) => h.evidence)], 4);
    const described = contacts.length > 0 ? describe(contacts) : invites.map((h) => h.match[0]).join(', ');

    if (planted) {
      // An ad planted on a guestbook or an old blog: the host's phone and address are not the broker's; only
      // a business line written into the ad itself would be.
      const adSegments = new Set<Segment | undefined>([...contacts.map((h) => h.segment), ...invites.map((h) => h.segment)]);
      adSegments.delete(undefined);
      const adLine = indicatorHits(page).some((h) => h.kind === 'phones' && BUSINESS_PREFIX.test(h.value) && adSegments.has(h.segment));
      if (!adLine) return [{ signal: 'messenger-only', vars: { contacts: described }, evidence }];
      return contacts.length > 0 ? [{ signal: 'messenger-contact', vars: { contacts: described }, evidence }] : [];
    }

    const info = businessInfo(page);
    const lines = info.phones.filter((p) => BUSINESS_LINE.has(p.kind));
    const hasAddress = !!info.fields.address;
    if (lines.length === 0 && !hasAddress) {
      // Say what the page does give instead: a mobile or virtual number is worth quoting.
      const other = info.phones.find((p) => !BUSINESS_LINE.has(p.kind));
      if (other) evidence.push(other.evidence);
      if (!evidence.some((e) => e.location?.startsWith('footer'))) evidence.push(info.searched);
      return [{ signal: 'messenger-only', vars: { contacts: described }, evidence: dedupeEvidence(evidence, 6) }];
    }
    if (contacts.length === 0) return [];
    return [{ signal: 'messenger-contact', vars: { contacts: described }, evidence }];
  },
};

export default rule;
