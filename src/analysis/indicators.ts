// Contact and payment indicators of a page (phone numbers, bank accounts, KakaoTalk IDs, open chats, Telegram
// handles, e-mails, messenger links), in normalised forms, so hotlines and journalists can link cases run by
// the same operator across sites. Warning pages get indicators too: the numbers they quote are leads.
// Obfuscated IDs (◈za32◈, 【kk5959】, ［KaKaotalk:za32］) come out clean: the text is NFKC-normalised and
// lower-cased before matching, and the brackets around an ID are skipped.
import type { Evidence, IndicatorKindName, PageFacts, Segment } from '../engine/types.js';
import { perPage } from './per-page.js';
import { requiredLiterals } from './required-literals.js';
import { asciiLiteralTest } from './ascii-literals.js';
import { linkHostnames } from './link-hosts.js';
import { segmentsThatMayMatchAny } from './segment-index.js';
import { linkEvidence, quoteOriginal, segmentEvidence } from './text.js';

export interface Indicators {
  /** 010-1234-5678, 0507-1234-5678, 1588-1234, 02-123-4567. */
  phones: string[];
  /** '국민 123-45-678901' (bank name when stated), or the bare number after an account label. */
  bankAccounts: string[];
  /** Lower-case KakaoTalk IDs. */
  kakaoIds: string[];
  /** https://open.kakao.com/o/<code> (the code is case-sensitive). */
  openChats: string[];
  /** '@handle', lower-case. */
  telegram: string[];
  emails: string[];
  /** External messenger links: t.me, pf.kakao.com, line.me, wa.me... (open chats are in openChats). */
  links: string[];
  /** LINE IDs, lower-case. */
  lineIds: string[];
  /** WeChat IDs, lower-case. */
  wechatIds: string[];
}

export type IndicatorKind = keyof Indicators;

export interface IndicatorHit {
  kind: IndicatorKind;
  value: string;
  evidence: Evidence;
  /** The text segment it was found in (absent for links). */
  segment?: Segment;
}

// Brackets and decorations put around IDs to dodge filters (after NFKC: ［ → [, ：→ :).
const DECOR = '[\\s\\[\\](){}<>:=\\-【】〔〕《》〈〉「」『』◈◆◇★☆■□●○◎♥♡❤▶▷►※→☞"\'`|/]';
const ID = '([a-z0-9][a-z0-9._-]{2,29})(?![a-z0-9._-]*@)';
const KAKAO_WORD = '(?:카카오\\s*톡|카톡|카카오|(?<![a-z.])kakao\\s*talk|(?<![a-z.])katalk|(?<![a-z.])kakao(?![.a-z]))';
const ID_FILLER = '(?:(?:상담|문의|id|아이디|친구\\s*추가|친추|검색|채널|연락|플친|주소|ⓘ)\\s*){0,2}(?:은|는)?';
const KAKAO_ID = new RegExp(`${KAKAO_WORD}\\s*${ID_FILLER}${DECOR}{0,6}@?${ID}`, 'g');
const TELEGRAM_WORD = '(?:텔레그램|텔레|(?<![a-z])telegram)';
const TELEGRAM_ID = new RegExp(`${TELEGRAM_WORD}\\s*${ID_FILLER}${DECOR}{0,6}@?([a-z][a-z0-9_]{3,31})(?![a-z0-9_])`, 'g');
const LINE_ID = new RegExp(`(?:라인|(?<![a-z])line)\\s*(?:id|아이디)\\s*${DECOR}{0,6}${ID}`, 'g');
const WECHAT_ID = new RegExp(`(?:위챗|(?<![a-z])wechat|(?<![a-z])weixin)\\s*(?:(?:id|아이디)\\s*)?${DECOR}{0,6}${ID}`, 'g');
const OPEN_CHAT_TEXT = /open\.kakao\.com\/o\/[a-z0-9]{4,20}/g;
const MESSENGER_URL_TEXT = /(?<![a-z0-9.])(?:t\.me|telegram\.me|pf\.kakao\.com|qr\.kakao\.com|line\.me|lin\.ee|wa\.me)\/[a-z0-9_+\-/]{2,60}/g;
const MESSENGER_HOST = /^(?:open\.kakao\.com|pf\.kakao\.com|qr\.kakao\.com|t\.me|telegram\.me|line\.me|lin\.ee|wa\.me|u\.wechat\.com|weixin\.qq\.com)$/;

// Phones: the business-info shapes, plus spaces/dots as separators; a leading word boundary keeps a long
// digit run from being scanned at every offset.
const PHONE = /(?<![\d-])(0(?:2|[3-6][1-5])[-.\s)]\s?\d{3,4}[-.\s]\d{4}|1[5-9]\d{2}[-.\s]\d{4}|070[-.\s]?\d{3,4}[-.\s]?\d{4}|050\d[-.\s]?\d{3,4}[-.\s]?\d{4}|01[016-9][-.\s]?\d{3,4}[-.\s]?\d{4})(?![\d-])/g;
const EMAIL = /(?<![a-z0-9._%+-])[a-z0-9._%+-]{1,64}@[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){0,4}\.[a-z]{2,24}/g;

// Banks by the names pages use; region names only with 은행 (부산 123-… may be an address).
const BANKS: [RegExp, string][] = [
  [/^(?:kb\s*)?국민/, '국민'],
  [/^신한/, '신한'],
  [/^우리/, '우리'],
  [/^(?:keb\s*)?하나/, '하나'],
  [/^(?:nh\s*)?농협/, '농협'],
  [/^(?:ibk\s*)?기업/, '기업'],
  [/^(?:sc\s*)?제일/, 'SC제일'],
  [/^(?:한국\s*)?씨티/, '씨티'],
  [/^카카오\s*뱅크|^카뱅/, '카카오뱅크'],
  [/^케이\s*뱅크|^k\s*뱅크/, '케이뱅크'],
  [/^토스\s*뱅크/, '토스뱅크'],
  [/^새마을/, '새마을금고'],
  [/^우체국/, '우체국'],
  [/^수협/, '수협'],
  [/^신협/, '신협'],
  [/^(?:kdb\s*)?산업/, '산업'],
  [/^부산/, '부산'],
  [/^경남/, '경남'],
  [/^대구/, '대구'],
  [/^광주/, '광주'],
  [/^전북/, '전북'],
  [/^제주/, '제주'],
];
const BANK_NAME =
  '(?:kb\\s*국민|국민|신한|우리|keb\\s*하나|하나|nh\\s*농협|농협|ibk\\s*기업|기업|sc\\s*제일|제일|씨티|카카오\\s*뱅크|카뱅|케이\\s*뱅크|k\\s*뱅크|토스\\s*뱅크|새마을\\s*금고|새마을|우체국|수협|신협|kdb\\s*산업|산업|(?:부산|경남|대구|광주|전북|제주)(?=\\s*은행))';
const ACCOUNT_NUMBER = '(\\d{2,6}(?:[-\\s]\\d{2,7}){1,4}|\\d{10,14})(?![\\d-])';
const BANK_ACCOUNT = new RegExp(`(?<![가-힣a-z])(${BANK_NAME})\\s*(?:은행)?\\s*[:：]?\\s*(?:계좌\\s*(?:번호)?\\s*[:：]?\\s*)?${ACCOUNT_NUMBER}`, 'g');
// Bank names double as ordinary words (우리, 하나, 기업): without 은행 the segment must be about an account.
const ACCOUNT_CUE = /계좌|입금|예금주|통장|송금|이체/;
const LABELLED_ACCOUNT = new RegExp(`(?:입금\\s*계좌|계좌\\s*번호|계좌)\\s*[:：]\\s*${ACCOUNT_NUMBER}`, 'g');

// Words that follow a messenger name but are not IDs.
const NOT_AN_ID = new Set([
  'id', 'ok', 'talk', 'kakao', 'kakaotalk', 'channel', 'plus', 'open', 'openchat', 'chat', 'com', 'www', 'http',
  'https', 'friend', 'add', 'search', 'and', 'yes', 'call', 'tel', 'sms', 'line', 'telegram', 'click', 'here',
  'link', 'only', 'free', 'event', 'pay', 'kakaopay', 'bank', 'kakaobank', 'app', 'qr', 'code', 'me',
]);
// Hotlines of agencies and carriers are not the operator's.
const HOTLINES = new Set(['1332', '182', '118', '112', '114', '1372']);

const EXCLUDED_KINDS = new Set(['field', 'option']);

function formatPhone(raw: string): string | null {
  const d = raw.replace(/\D/g, '');
  if (HOTLINES.has(d)) return null;
  let parts: string[];
  if (d.startsWith('02')) parts = [d.slice(0, 2), d.slice(2, d.length - 4), d.slice(-4)];
  else if (/^1[5-9]/.test(d) && d.length === 8) parts = [d.slice(0, 4), d.slice(4)];
  else if (/^050\d/.test(d)) parts = [d.slice(0, 4), d.slice(4, d.length - 4), d.slice(-4)];
  else parts = [d.slice(0, 3), d.slice(3, d.length - 4), d.slice(-4)];
  // Placeholders: 010-0000-0000, 010-1234-5678 as a sample, 010-1111-1111.
  const subscriber = parts.slice(1).join('');
  if (/^(\d)\1+$/.test(subscriber) || subscriber === '12345678') return null;
  return parts.join('-');
}

function bankName(raw: string): string {
  const compact = raw.replace(/\s+/g, '');
  for (const [pattern, name] of BANKS) if (pattern.test(compact)) return name;
  return compact;
}

/** The original characters behind norm[start, end), without context. */
function exact(segment: Segment, start: number, end: number): string {
  return quoteOriginal(segment.text, start, end, 0).replace(/^…|…$/g, '').trim();
}

function urlHost(href: string): { host: string; path: string } | null {
  try {
    const u = new URL(href);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return { host: u.hostname.toLowerCase().replace(/^www\./, ''), path: u.pathname };
  } catch {
    return null;
  }
}

// Every messenger host holds one of these. An href of printable ASCII without escapes in its authority (nothing
// the URL parser decodes, maps or drops there) holds its host as written, lower-cased: one holding none of them
// is not a messenger's, and the parser (a microsecond a link) need not read it.
const MESSENGER_HOST_LITERALS = requiredLiterals(MESSENGER_HOST);
const HOLDS_MESSENGER_HOST_LITERAL = MESSENGER_HOST_LITERALS && asciiLiteralTest(MESSENGER_HOST_LITERALS);
const PLAIN_ASCII = /^[\x21-\x7e]*$/;
const AUTHORITY_END = /[/\\?#]/g;

/** Whether every '%' of the href comes after its authority (the parser's host lies in the authority, which starts
 *  after "scheme://" and any further slashes, or at the start without "://", and ends at the first / \ ? #):
 *  escapes in a path, such as a percent-encoded Korean tag, leave the host as written. */
function escapesPastAuthority(href: string): boolean {
  const scheme = href.indexOf('://');
  let start = scheme >= 0 ? scheme + 3 : 0;
  while (start < href.length && (href[start] === '/' || href[start] === '\\')) start++;
  AUTHORITY_END.lastIndex = start;
  const end = AUTHORITY_END.exec(href)?.index ?? -1;
  return end >= 0 && href.indexOf('%') > end;
}

function mayBeMessengerUrl(href: string): boolean {
  if (!MESSENGER_HOST_LITERALS || !PLAIN_ASCII.test(href) || (href.includes('%') && !escapesPastAuthority(href))) return true;
  if (HOLDS_MESSENGER_HOST_LITERAL) return HOLDS_MESSENGER_HOST_LITERAL(href);
  const lower = href.toLowerCase();
  return MESSENGER_HOST_LITERALS.some((l) => lower.includes(l));
}

/** Messenger URL (from an href or text) → the indicators it carries. */
function messengerUrl(href: string): { kind: IndicatorKind; value: string }[] {
  if (!mayBeMessengerUrl(href)) return [];
  const u = urlHost(href.includes('://') ? href : `https://${href}`);
  if (!u || !MESSENGER_HOST.test(u.host)) return [];
  const path = u.path.replace(/\/+$/, '');
  if (u.host === 'open.kakao.com') {
    const code = /^\/o\/([A-Za-z0-9]{4,20})/.exec(path);
    return code ? [{ kind: 'openChats', value: `https://open.kakao.com/o/${code[1]}` }] : [];
  }
  const out: { kind: IndicatorKind; value: string }[] = [{ kind: 'links', value: `https://${u.host}${path}` }];
  if (u.host === 't.me' || u.host === 'telegram.me') {
    const handle = /^\/([A-Za-z][A-Za-z0-9_]{3,31})$/.exec(path);
    if (handle && !/^(?:joinchat|share|addstickers|proxy|s)$/i.test(handle[1]!)) {
      out.push({ kind: 'telegram', value: `@${handle[1]!.toLowerCase()}` });
    }
  }
  return out;
}

/** Every indicator with the evidence it was found in (page order, not deduplicated). */
export const indicatorHits: (page: PageFacts) => IndicatorHit[] = perPage('indicator hits', computeHits);

const MAX_HITS = 200;
const TEXT_PATTERNS = [KAKAO_ID, TELEGRAM_ID, LINE_ID, WECHAT_ID, OPEN_CHAT_TEXT, MESSENGER_URL_TEXT, PHONE, EMAIL, BANK_ACCOUNT, LABELLED_ACCOUNT];

function computeHits(page: PageFacts): IndicatorHit[] {
  const hits: IndicatorHit[] = [];
  const add = (kind: IndicatorKind, value: string | null, evidence: Evidence, segment?: Segment) => {
    if (value && hits.length < MAX_HITS) hits.push(segment ? { kind, value, evidence, segment } : { kind, value, evidence });
  };
  // Bit i: TEXT_PATTERNS[i] may match the segment at hand (the segment index skips the rest).
  let may = 0;
  const each = (segment: Segment, pattern: RegExp, on: (m: RegExpExecArray) => void) => {
    if (!(may & (1 << TEXT_PATTERNS.indexOf(pattern)))) return;
    pattern.lastIndex = 0;
    for (let m = pattern.exec(segment.norm); m; m = pattern.exec(segment.norm)) {
      on(m);
      if (hits.length >= MAX_HITS) return;
    }
  };
  const at = (segment: Segment, m: RegExpExecArray) => segmentEvidence(segment, m.index, m.index + m[0].length);
  const id = (raw: string | undefined) => {
    const v = (raw ?? '').replace(/[._-]+$/, '');
    return v.length >= 3 && /[a-z]/.test(v) && !NOT_AN_ID.has(v) ? v : null;
  };

  for (const [segment, patterns] of segmentsThatMayMatchAny(page, TEXT_PATTERNS)) {
    if (hits.length >= MAX_HITS) break;
    may = patterns;
    const footer = segment.kind === 'footer';
    // Messenger IDs anywhere (placeholders like "카톡 ID를 입력하세요" carry none).
    each(segment, KAKAO_ID, (m) => add('kakaoIds', id(m[1]), at(segment, m), segment));
    each(segment, TELEGRAM_ID, (m) => add('telegram', id(m[1]) && `@${m[1]}`, at(segment, m), segment));
    each(segment, LINE_ID, (m) => add('lineIds', id(m[1]), at(segment, m), segment));
    each(segment, WECHAT_ID, (m) => add('wechatIds', id(m[1]), at(segment, m), segment));
    each(segment, OPEN_CHAT_TEXT, (m) => {
      for (const x of messengerUrl(exact(segment, m.index, m.index + m[0].length))) add(x.kind, x.value, at(segment, m), segment);
    });
    each(segment, MESSENGER_URL_TEXT, (m) => {
      for (const x of messengerUrl(exact(segment, m.index, m.index + m[0].length))) add(x.kind, x.value, at(segment, m), segment);
    });
    if (EXCLUDED_KINDS.has(segment.kind)) continue;
    each(segment, PHONE, (m) => add('phones', formatPhone(m[0]), at(segment, m), segment));
    if (footer) continue;
    // Every e-mail holds '@': on a page too large for the segment index, EMAIL would otherwise read each digit
    // run up to 64 characters at each of its positions.
    if (segment.norm.includes('@')) each(segment, EMAIL, (m) => add('emails', m[0], at(segment, m), segment));
    const bankSpans: [number, number][] = [];
    each(segment, BANK_ACCOUNT, (m) => {
      if (m[2]!.replace(/\D/g, '').length < 10) return;
      if (!/은행/.test(m[0]) && !ACCOUNT_CUE.test(segment.norm)) return;
      bankSpans.push([m.index, m.index + m[0].length]);
      add('bankAccounts', `${bankName(m[1]!)} ${m[2]!.trim().replace(/\s+/g, '-')}`, at(segment, m), segment);
    });
    each(segment, LABELLED_ACCOUNT, (m) => {
      const start = m.index + m[0].length - m[1]!.length;
      if (bankSpans.some(([a, b]) => start >= a && start < b) || m[1]!.replace(/\D/g, '').length < 10) return;
      add('bankAccounts', m[1]!.trim().replace(/\s+/g, '-'), at(segment, m), segment);
    });
  }
  // An absolute link's host is read once a page for all readings (link-hosts.ts): one that is no messenger's
  // (most links, and most of them to the same host) rules the link out without messengerUrl's tests.
  const hosts = linkHostnames(page);
  let host: string | null | undefined;
  let messenger = false;
  for (let i = 0; i < page.links.length; i++) {
    if (hits.length >= MAX_HITS) break;
    const link = page.links[i]!;
    if (/^tel:/i.test(link.href)) {
      add('phones', formatPhone(decodeSafe(link.href.slice(4))), linkEvidence(link));
      continue;
    }
    if (link.href.includes('://')) {
      // What urlHost would parse: no host (the parser throws) or another one is not a messenger link.
      if (hosts[i] !== host) {
        host = hosts[i];
        messenger = !!host && MESSENGER_HOST.test(host.toLowerCase().replace(/^www\./, ''));
      }
      if (!messenger) continue;
    }
    for (const x of messengerUrl(link.href)) add(x.kind, x.value, linkEvidence(link));
  }
  // A number written in an account sentence is not also a phone.
  const accounts = new Set(hits.filter((h) => h.kind === 'bankAccounts').map((h) => h.value.replace(/\D/g, '')));
  return hits.filter((h) => h.kind !== 'phones' || !accounts.has(h.value.replace(/\D/g, '')));
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function extractIndicators(page: PageFacts): Indicators {
  const out: Indicators = { phones: [], bankAccounts: [], kakaoIds: [], openChats: [], telegram: [], emails: [], links: [], lineIds: [], wechatIds: [] };
  const seen = new Set<string>();
  for (const h of indicatorHits(page)) {
    const key = `${h.kind}\u0000${h.kind === 'openChats' ? h.value : h.value.toLowerCase()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out[h.kind].push(h.value);
  }
  return out;
}

/** The API's name for each kind (/v1/indicators/:kind/:value, memory facts). */
export const INDICATOR_KIND_NAMES: Record<IndicatorKind, IndicatorKindName> = {
  phones: 'phone',
  bankAccounts: 'bank-account',
  kakaoIds: 'kakao',
  openChats: 'open-chat',
  telegram: 'telegram',
  emails: 'email',
  links: 'link',
  lineIds: 'line',
  wechatIds: 'wechat',
};

/** Every identifier of a scan as (kind, value) pairs, as found (the store keys them: store/casework.ts normalizeIndicator). */
export function indicatorList(indicators: Indicators | null): { kind: IndicatorKindName; value: string }[] {
  if (!indicators) return [];
  return (Object.keys(INDICATOR_KIND_NAMES) as IndicatorKind[]).flatMap((key) => indicators[key].map((value) => ({ kind: INDICATOR_KIND_NAMES[key], value })));
}
