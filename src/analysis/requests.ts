// Shared by the rules that look for a page ASKING the user for something (identity documents, a remote-control
// app, a deposit): whether a sentence asks or warns, and how much the page's cash-out context lets it count.
// Warning pages (news, agencies, banks) quote every request as a warning; licensed checkouts and buy-back shops
// legitimately ask for some of the same things.
import type { Evidence, FormField, PageFacts, PageForm, Segment } from '../engine/types.js';
import { businessInfo } from './business-info.js';
import { cashoutContext, type CashoutContext } from './cashout-context.js';
import { segmentsThatMayMatch } from './segment-index.js';
import { findAll, pagePath, type TextHit } from './text.js';

/**
 * How far a rule may go on this page:
 * - 'offer': the page offers or promotes cash-out: every signal counts;
 * - 'mention': cash-out words without an offer (an unlicensed page): the rule's specific mechanics count;
 * - 'none': no cash-out words (an unlicensed page): only what no legitimate page asks for;
 * - 'silent': a warning, a licensed buy-back shop, or a page with complete business information and no offer.
 */
export type Tier = 'offer' | 'mention' | 'none' | 'silent';

/**
 * The page advertises cash-out: its own offer, or brokers' ads planted on an unrelated site (parasite SEO,
 * guestbook spam). Read defensively: `promotes` is newer than `offers` in the context API.
 */
export function promotesCashout(ctx: CashoutContext): boolean {
  return ctx.offers || (ctx as { promotes?: boolean }).promotes === true;
}

/** A promotion planted on someone else's site: the host's footer (phone, address) is not the broker's. */
export function isPlantedPromotion(ctx: CashoutContext): boolean {
  return !ctx.offers && promotesCashout(ctx);
}

export function tierOf(page: PageFacts): { tier: Tier; ctx: CashoutContext } {
  const ctx = cashoutContext(page);
  if (ctx.warning || ctx.buyback) return { tier: 'silent', ctx };
  if (promotesCashout(ctx)) return { tier: 'offer', ctx };
  if (businessInfo(page).complete) return { tier: 'silent', ctx };
  return { tier: ctx.mentions ? 'mention' : 'none', ctx };
}

// "절대 알려주지 마세요", "요구하지 않습니다", "설치를 요구하면 사기입니다", "유도하는 경우": the sentence warns.
const NEGATED_AFTER =
  /^[^\n.!?]{0,30}?(?:마세요|마십시오|말아|말고|말라|않습니다|않아요|않는|않으며|않음|않으니|금지|안\s*됩니다|안\s*돼|주의|(?:요구|요청|유도|권유|강요|안내)\s*(?:하면|할\s*경우|하는\s*경우|한다면|하거나|받으면|받는|받았|하는\s*(?:업체|곳|사이트|사람|전화|문자))|(?:라고|라며|라는|하라는|하라고)\s*(?:하면|요구|연락|유도)|사기|피싱|범죄|불법)/;
const NEGATED_BEFORE = /(?:절대|결코|어떤\s*경우에도|어떠한\s*경우에도|요구하는|유도하는|사칭)[^\n.!?]{0,30}$/;
// "보내달라고 했다", "설치하라며": a victim or reporter recounting the request, not the page asking.
const REPORTED_AFTER = /^[^\n.!?]{0,8}?(?:달라|라고|라며|라는|란|다고|다며|했다|했고|했는데|하길래|하더|했습니다|했어요)/;

// "신분증 필요 없음", "보증금 X": the lure of needing nothing, right after the request words.
const NONE_AFTER = /^\s*(?:이|가|은|는|도)?\s*(?:없|불필요|필요\s*(?:없|x(?![a-z]))|x(?![a-z])|no(?![a-z])|생략)/;

/** The match is a request made by the page, not negated, not "none needed" and not reported speech. */
export function asks(hit: TextHit): boolean {
  const s = hit.segment.norm;
  const end = hit.match.index + hit.match[0].length;
  const after = s.slice(end, end + 60);
  const before = s.slice(Math.max(0, hit.match.index - 40), hit.match.index);
  return !NEGATED_AFTER.test(after) && !NONE_AFTER.test(after) && !REPORTED_AFTER.test(after) && !NEGATED_BEFORE.test(before);
}

/** The page's requests the pattern finds (only the segments it may match are scanned: segment-index.ts). */
export const askingHits = (page: PageFacts, pattern: RegExp): TextHit[] => findAll(segmentsThatMayMatch(page, pattern), pattern).filter(asks);


/** A form field quoted as the page labels it. */
export function fieldEvidence(form: PageForm, field: FormField): Evidence {
  const shown = field.label || field.placeholder || field.options.join(' / ') || field.name || field.id;
  return {
    source: 'form',
    excerpt: shown,
    location: `form ${form.index + 1} field "${field.name || field.id || field.type}" (${pagePath(form.page)})`,
  };
}

export function dedupeEvidence(evidence: readonly Evidence[], max = 4): Evidence[] {
  const seen = new Set<string>();
  const out: Evidence[] = [];
  for (const e of evidence) {
    if (!e.excerpt.trim() || seen.has(e.excerpt)) continue;
    seen.add(e.excerpt);
    out.push(e);
    if (out.length >= max) break;
  }
  return out;
}
