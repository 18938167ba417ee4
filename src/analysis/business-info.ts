// The business information a Korean online business must show (전자상거래법 제10조): what the page gives,
// what is missing, and whether the numbers hold up. Footer first, because that is where the law puts it
// and where real sites show it; the rest of the page only for fields the footer lacks.
import type { Evidence, PageFacts, Segment } from '../engine/types.js';
import { perPage } from './per-page.js';
import { segmentsThatMayMatch, segmentsThatMayMatchAny } from './segment-index.js';
import { originalSlice, segmentEvidence } from './text.js';

export type BusinessField =
  | 'name'
  | 'representative'
  | 'address'
  | 'phone'
  | 'email'
  | 'businessNumber'
  | 'mailOrderNumber'
  | 'lenderNumber'
  | 'hosting'
  | 'privacyOfficer'
  | 'terms'
  | 'ftcLink';

/** The fields a seller cannot do without; `registration` = 통신판매업 or 대부(중개)업 number. */
export type CoreField = 'name' | 'representative' | 'address' | 'phone' | 'businessNumber' | 'registration';
export const CORE_FIELDS: readonly CoreField[] = ['name', 'representative', 'address', 'phone', 'businessNumber', 'registration'];

export type BusinessKind =
  | 'individual'
  | 'individual-other'
  | 'corporation'
  | 'non-profit'
  | 'government'
  | 'foreign-corporation'
  | 'corporate-branch'
  | 'religious'
  | 'individual-tax-exempt'
  | 'unknown';

export interface BusinessNumber {
  /** As written on the page. */
  raw: string;
  digits: string;
  valid: boolean;
  kind: BusinessKind;
  evidence: Evidence;
}

export type PhoneKind = 'landline' | 'representative' | 'internet' | 'virtual' | 'mobile';
export interface PhoneNumber {
  raw: string;
  kind: PhoneKind;
  evidence: Evidence;
}

export interface PendingItem {
  /** What the page says is not ready: 'businessNumber', 'mailOrderNumber', 'lenderNumber' or 'businessInfo'. */
  field: 'businessNumber' | 'mailOrderNumber' | 'lenderNumber' | 'businessInfo';
  evidence: Evidence;
}

export interface BusinessInfo {
  /** Evidence for every field found, keyed by field. */
  fields: Partial<Record<BusinessField, Evidence>>;
  present: BusinessField[];
  /** Core fields not found (a pending field counts as missing). */
  missing: CoreField[];
  businessNumbers: BusinessNumber[];
  invalidNumbers: BusinessNumber[];
  phones: PhoneNumber[];
  pending: PendingItem[];
  /** Images that carry the business information (alt/src say so) while the text gives no number. */
  imageOnly: Evidence[];
  /** Where the search looked: the footer text, or the end of the page when there is no footer. */
  searched: Evidence;
  hasFooter: boolean;
  complete: boolean;
}

// ---------- 사업자등록번호 ----------

const WEIGHTS = [1, 3, 7, 1, 3, 7, 1, 3, 5];

/** Checksum of DOMAIN.md. The outer mod 10 matters: a sum ending in 0 gives check digit 0, not 10. */
export function isValidBusinessNumber(digits: string): boolean {
  const d = digits.replace(/\D/g, '');
  if (d.length !== 10) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(d[i]) * WEIGHTS[i]!;
  sum += Math.floor((Number(d[8]) * 5) / 10);
  return Number(d[9]) === (10 - (sum % 10)) % 10;
}

/** The kind of business the middle two digits declare. */
export function businessNumberKind(digits: string): BusinessKind {
  const d = digits.replace(/\D/g, '');
  if (d.length !== 10) return 'unknown';
  const mid = Number(d.slice(3, 5));
  if (mid >= 1 && mid <= 79) return 'individual';
  if (mid === 80) return 'individual-other';
  if (mid === 81 || mid === 86 || mid === 87 || mid === 88) return 'corporation';
  if (mid === 82) return 'non-profit';
  if (mid === 83) return 'government';
  if (mid === 84) return 'foreign-corporation';
  if (mid === 85) return 'corporate-branch';
  if (mid === 89) return 'religious';
  if (mid >= 90) return 'individual-tax-exempt';
  return 'unknown';
}

// ---------- patterns (over normalised text: lower case, NFKC, ㈜ → (주)) ----------

const BIZ_LABEL = /사업자\s*(?:등록)?\s*(?:번호|no\.?)|business\s*(?:registration\s*)?(?:no|number)|사업자\s*:/;
// Dashed (or spaced) anywhere; bare 10 digits only right after a label, where it cannot be a phone number.
const BIZ_DASHED = /(?<![\d-])(\d{3})\s?[-.\s]\s?(\d{2})\s?[-.\s]\s?(\d{5})(?![\d-])/g;
const BIZ_AFTER_LABEL = /(?:사업자\s*(?:등록)?\s*(?:번호|no\.?)|business\s*(?:registration\s*)?(?:no|number))\s*[:：.]?\s*(\d{10})(?!\d)/g;

const NAME = /(?:상호(?:명)?|회사\s*명|법인\s*명|업체\s*명|company(?:\s*name)?)\s*[:：]?\s*[^\s:|/]|\(주\)\s*[^\s)]|주식회사\s*\S|\S\s*\(주\)|유한회사\s*\S/g;
const REPRESENTATIVE = /(?:대표\s*(?:자|이사)?\s*(?:성명|명)?|ceo|owner)\s*[:：]?\s*(?!적|번호|전화|메일|이메일|문의|상담|상품|브랜드|홈페이지|사이트|이미지|카톡|채널)[가-힣a-z]{2,}/g;
const PROVINCE = '서울|부산|대구|인천|광주|대전|울산|세종|경기|강원|충북|충남|충청|전북|전남|전라|경북|경남|경상|제주';
const ADDRESS = new RegExp(
  `(?<!메일\\s?)(?:주소|소재지|address)\\s*[:：]\\s*[가-힣a-z0-9]|(?:${PROVINCE})[가-힣]{0,6}\\s+[가-힣]{1,10}(?:시|군|구)\\s+[^\\n]{0,40}?(?:로|길|동|읍|면)\\s*\\d`,
  'g',
);
// Starts only at a token boundary and is bounded: an unanchored [..]+@ is quadratic on long runs.
const EMAIL = /(?<![a-z0-9._%+-])[a-z0-9._%+-]{1,64}@[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){0,4}\.[a-z]{2,24}/g;
// Phone numbers with their kind; mobile numbers count as a phone but are not a business line.
const PHONE = /(?<![\d-])(0(?:2|[3-6][1-5])[-.\s)]\s?\d{3,4}[-.\s]\d{4}|1[5-9]\d{2}[-.\s]\d{4}|070[-.\s]?\d{3,4}[-.\s]?\d{4}|050\d[-.\s]?\d{3,4}[-.\s]?\d{4}|01[016-9][-.\s]?\d{3,4}[-.\s]?\d{4})(?![\d-])/g;
// District offices that split their register add a letter: 제2025-성남분당A-1432호.
const MAIL_ORDER_LABEL = /통신\s*판매\s*(?:업)?\s*(?:신고)?\s*(?:번호)?/g;
// 제2023-서울강남-01234호, 2021-서울마포-1234, 제 강남구청 126호, 제2019-경기성남-0012 호.
const MAIL_ORDER_VALUE = /^[\s:：]*(?:제\s*)?(?:\d{4}\s*-\s*[가-힣]+[a-z]?(?:\s*-\s*[가-힣]+[a-z]?)?\s*-\s*\d{2,6}|[가-힣]+(?:시|구|군)(?:청)?\s*(?:제\s*)?\d{1,6}|\d{4}\s*-\s*\d{2,6})\s*호?/;
const LENDER = /대부\s*(?:중개)?\s*업\s*(?:등록)?\s*(?:번호)?\s*[:：]?\s*(?:제\s*)?(?:\d{4}\s*-\s*[가-힣]+[^\s]*|[가-힣]+\s*\d+\s*-\s*\d+|\d{2,4}\s*-\s*\d{2,6})/g;
const HOSTING = /호스팅\s*(?:서비스)?\s*(?:제공\s*(?:자|업체)?|사업자|업체|제공)\s*[:：]?\s*\S|hosting\s*(?:by|provider)\s*[:：]?\s*\S/g;
const PRIVACY_OFFICER = /개인\s*정보\s*(?:보호|관리)?\s*(?:책임자|담당자)\s*[:：]?\s*\S/g;
// Case-insensitive instead of a lower-cased copy of each link's text (a runtime call and a string a link): the
// same answer, as lower-casing maps no character past ASCII into the letters of "terms of use/service".
const TERMS_TEXT = /이용\s*약관|서비스\s*약관|terms\s*(?:of\s*(?:use|service))?/i;
const FTC_HREF = /ftc\.go\.kr\/.*bizcommpop|ftc\.go\.kr\/bizcommpop/i;
// 사업자 정보 확인/조회 with any white space between its letters (one regular expression, not a copy of each
// link's text with its white space removed).
const FTC_TEXT = /사\s*업\s*자\s*정\s*보\s*(?:확\s*인|조\s*회)/;
// '준비중', '등록 준비중', '신고 진행중', '발급 예정' next to the thing that is not ready.
const PENDING = /(사업자\s*(?:등록)?\s*(?:번호|정보|등록)?|통신\s*판매\s*(?:업)?\s*(?:신고)?\s*(?:번호)?|대부\s*(?:중개)?\s*업\s*(?:등록)?\s*(?:번호)?)[\s:：]*(?:[^\n]{0,12}?)(?:준비\s*중|진행\s*중|신청\s*중|처리\s*중|등록\s*예정|신고\s*예정|발급\s*예정|추후\s*(?:공지|기재|등록)|미정|미등록|미신고)/g;
const IMAGE_INFO = /사업자\s*정보|사업자\s*등록|회사\s*정보|biz[-_]?info|business[-_]?info|company[-_]?info|corp[-_]?info|footer[-_]?info|info[-_]?company|사업자/i;

const TEXT_KINDS = new Set(['footer', 'text', 'heading', 'label', 'alt', 'link']);

interface Hit {
  segment: Segment;
  index: number;
  length: number;
}

/** The first match in the segments; `needs`: a string every match contains (a segment without it is skipped
 *  unscanned: on a page too large for the segment index, EMAIL would otherwise read every digit run up to 64
 *  characters at each of its positions). */
function firstHit(segments: readonly Segment[], pattern: RegExp, needs?: string): Hit | null {
  for (const segment of segments) {
    if (needs !== undefined && !segment.norm.includes(needs)) continue;
    pattern.lastIndex = 0;
    const m = pattern.exec(segment.norm);
    if (m) return { segment, index: m.index, length: m[0].length };
  }
  return null;
}

const evidenceAt = (h: Hit): Evidence => segmentEvidence(h.segment, h.index, h.index + h.length);

function phoneKind(raw: string): PhoneKind {
  const d = raw.replace(/\D/g, '');
  if (/^050\d/.test(d)) return 'virtual';
  if (/^070/.test(d)) return 'internet';
  if (/^01[016-9]/.test(d)) return 'mobile';
  if (/^1[5-9]/.test(d)) return 'representative';
  return 'landline';
}

function findBusinessNumbers(segments: readonly Segment[]): BusinessNumber[] {
  const out: BusinessNumber[] = [];
  const seen = new Set<string>();
  const add = (segment: Segment, index: number, raw: string) => {
    const digits = raw.replace(/\D/g, '');
    if (seen.has(digits)) return;
    seen.add(digits);
    out.push({
      raw: originalSlice(segment.text, index, index + raw.length),
      digits,
      valid: isValidBusinessNumber(digits),
      kind: businessNumberKind(digits),
      evidence: segmentEvidence(segment, index, index + raw.length),
    });
  };
  for (const segment of segments) {
    const hasLabel = BIZ_LABEL.test(segment.norm);
    BIZ_DASHED.lastIndex = 0;
    for (let m = BIZ_DASHED.exec(segment.norm); m; m = BIZ_DASHED.exec(segment.norm)) {
      // Only the XXX-XX-XXXXX shape with a hyphen, or any separator when the segment names the number.
      if (!hasLabel && !/^\d{3}-\d{2}-\d{5}$/.test(m[0].replace(/\s/g, ''))) continue;
      add(segment, m.index, m[0]);
    }
    BIZ_AFTER_LABEL.lastIndex = 0;
    for (let m = BIZ_AFTER_LABEL.exec(segment.norm); m; m = BIZ_AFTER_LABEL.exec(segment.norm)) {
      add(segment, m.index + m[0].length - m[1]!.length, m[1]!);
    }
  }
  return out;
}

function findMailOrderNumber(segments: readonly Segment[]): Hit | null {
  for (const segment of segments) {
    MAIL_ORDER_LABEL.lastIndex = 0;
    for (let m = MAIL_ORDER_LABEL.exec(segment.norm); m; m = MAIL_ORDER_LABEL.exec(segment.norm)) {
      const rest = segment.norm.slice(m.index + m[0].length);
      const v = MAIL_ORDER_VALUE.exec(rest);
      if (v) return { segment, index: m.index, length: m[0].length + v[0].length };
    }
  }
  return null;
}

function findPhones(segments: readonly Segment[]): PhoneNumber[] {
  const out: PhoneNumber[] = [];
  for (const segment of segments) {
    PHONE.lastIndex = 0;
    for (let m = PHONE.exec(segment.norm); m; m = PHONE.exec(segment.norm)) {
      // A bare 10-digit run after a business-number label is not a phone.
      if (BIZ_LABEL.test(segment.norm.slice(Math.max(0, m.index - 12), m.index))) continue;
      out.push({ raw: m[0], kind: phoneKind(m[0]), evidence: segmentEvidence(segment, m.index, m.index + m[0].length) });
      if (out.length >= 5) return out;
    }
  }
  return out;
}

function findPending(segments: readonly Segment[]): PendingItem[] {
  const out: PendingItem[] = [];
  for (const segment of segments) {
    PENDING.lastIndex = 0;
    for (let m = PENDING.exec(segment.norm); m; m = PENDING.exec(segment.norm)) {
      const what = m[1]!;
      const field: PendingItem['field'] = /통신/.test(what)
        ? 'mailOrderNumber'
        : /대부/.test(what)
          ? 'lenderNumber'
          : /정보/.test(what)
            ? 'businessInfo'
            : 'businessNumber';
      out.push({ field, evidence: segmentEvidence(segment, m.index, m.index + m[0].length) });
    }
  }
  return out;
}

/** The file name an image's src ends in, decoded; the src itself when it is not a URL. Only a footer image's
 *  is read: the URL parser costs a microsecond or more an image. */
function fileName(src: string): string {
  try {
    return decodeURIComponent(new URL(src).pathname.split('/').pop() ?? src);
  } catch {
    return src;
  }
}

function findImageOnly(page: PageFacts): Evidence[] {
  const out: Evidence[] = [];
  for (const img of page.images) {
    const described = `${img.alt} ${img.title}`.trim();
    if (described && IMAGE_INFO.test(described)) {
      out.push({ source: 'text', excerpt: described, location: img.inFooter ? 'img[alt] (footer)' : 'img[alt]' });
    } else if (img.inFooter && IMAGE_INFO.test(fileName(img.src))) {
      out.push({ source: 'link', excerpt: img.src, location: 'img[src] (footer)' });
    }
  }
  return out;
}

/** Where the search looked, quoted: the footer, or the last text of a page without one. */
function searchedEvidence(page: PageFacts, footer: readonly Segment[]): Evidence {
  const clip = (s: string) => (s.length > 160 ? `${s.slice(0, 157)}…` : s);
  if (footer.length > 0) {
    return { source: 'text', excerpt: clip(footer.map((s) => s.text).join(' / ')), location: 'footer' };
  }
  const body = page.segments.filter((s) => s.kind === 'text' || s.kind === 'link' || s.kind === 'heading');
  const tail = body.slice(-3);
  if (tail.length > 0) {
    return { source: 'text', excerpt: clip(tail.map((s) => s.text).join(' / ')), location: 'end of page (no footer found)' };
  }
  if (page.title) return { source: 'meta', excerpt: clip(page.title), location: 'title (page has no footer or body text)' };
  return { source: 'url', excerpt: page.url, location: 'page (no text found)' };
}

export const businessInfo: (page: PageFacts) => BusinessInfo = perPage('business info', computeBusinessInfo);

function computeBusinessInfo(page: PageFacts): BusinessInfo {
  const footer = page.segments.filter((s) => s.kind === 'footer');
  // The rest of the page's text that one of the patterns may match (segment-index.ts), in page order.
  const isRest = (s: Segment) => s.kind !== 'footer' && TEXT_KINDS.has(s.kind);
  const rest = (...patterns: RegExp[]) =>
    patterns.length === 1 ? segmentsThatMayMatch(page, patterns[0]!).filter(isRest) : segmentsThatMayMatchAny(page, patterns).flatMap(([s]) => (isRest(s) ? [s] : []));
  // Footer first; the body only for what the footer does not say.
  const search = (pattern: RegExp, needs?: string): Hit | null => firstHit(footer, pattern, needs) ?? firstHit(rest(pattern), pattern, needs);

  const fields: Partial<Record<BusinessField, Evidence>> = {};
  const put = (field: BusinessField, hit: Hit | null) => {
    if (hit) fields[field] = evidenceAt(hit);
  };
  put('name', search(NAME));
  put('representative', search(REPRESENTATIVE));
  put('address', search(ADDRESS));
  put('email', search(EMAIL, '@'));
  put('hosting', search(HOSTING));
  put('privacyOfficer', search(PRIVACY_OFFICER));
  put('lenderNumber', search(LENDER));
  put('mailOrderNumber', findMailOrderNumber(footer) ?? findMailOrderNumber(rest(MAIL_ORDER_LABEL)));

  const footerNumbers = findBusinessNumbers(footer);
  const businessNumbers = footerNumbers.length > 0 ? footerNumbers : findBusinessNumbers(rest(BIZ_DASHED, BIZ_AFTER_LABEL));
  const valid = businessNumbers.find((n) => n.valid);
  if (businessNumbers.length > 0) fields.businessNumber = (valid ?? businessNumbers[0]!).evidence;

  const footerPhones = findPhones(footer);
  const phones = footerPhones.length > 0 ? footerPhones : findPhones(rest(PHONE));
  if (phones.length > 0) fields.phone = phones[0]!.evidence;

  const terms = page.links.find((l) => TERMS_TEXT.test(l.text));
  if (terms) fields.terms = { source: 'link', excerpt: terms.text, location: terms.href };
  const ftc = page.links.find((l) => FTC_HREF.test(l.href) || FTC_TEXT.test(l.text));
  if (ftc) fields.ftcLink = { source: 'link', excerpt: ftc.text || ftc.href, location: ftc.href };

  const pending = [...findPending(footer), ...findPending(rest(PENDING))];
  const invalidNumbers = businessNumbers.filter((n) => !n.valid);
  const images = findImageOnly(page);
  const imageOnly = businessNumbers.length === 0 && !fields.mailOrderNumber ? images : [];

  const present = (Object.keys(fields) as BusinessField[]).filter((f) => fields[f]);
  const has: Record<CoreField, boolean> = {
    name: !!fields.name,
    representative: !!fields.representative,
    address: !!fields.address,
    phone: phones.length > 0,
    businessNumber: !!valid,
    registration: !!fields.mailOrderNumber || !!fields.lenderNumber,
  };
  const missing = CORE_FIELDS.filter((f) => !has[f]);
  const complete = missing.length === 0 && pending.length === 0 && invalidNumbers.length === 0;

  return {
    fields,
    present,
    missing,
    businessNumbers,
    invalidNumbers,
    phones,
    pending,
    imageOnly,
    searched: searchedEvidence(page, footer),
    hasFooter: footer.length > 0,
    complete,
  };
}

