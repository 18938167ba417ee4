// The business information 전자상거래법 제10조 requires of anyone selling online: absent, partial, only in
// an image, "준비중", or with a number that fails the checksum. Only pages that sell or collect data owe it;
// a personal blog or a news article does not. Complete, valid information is a trust signal. When the optional
// business registry answered (a fact gathered before the rules), a number it lists as closed or suspended is a
// borrowed identity; an active number adds nothing, since numbers are copied from real companies.
import { businessInfo, type BusinessInfo, type CoreField } from '../src/analysis/business-info.js';
import { cashoutContext } from '../src/analysis/cashout-context.js';
import { pageTextMatches } from '../src/analysis/text.js';
import type { Evidence, Facts, PageFacts, Rule, RuleFinding } from '../src/engine/types.js';
import { DEFAULT_POINTS } from './weights.js';

const FIELD_NAMES: Record<CoreField, { en: string; ko: string }> = {
  name: { en: 'business name', ko: '상호' },
  representative: { en: 'representative', ko: '대표자' },
  address: { en: 'address', ko: '주소' },
  phone: { en: 'phone number', ko: '전화번호' },
  businessNumber: { en: 'business registration number', ko: '사업자등록번호' },
  registration: { en: 'mail-order (통신판매업) registration', ko: '통신판매업 신고번호' },
};
const PENDING_NAMES = {
  businessInfo: { en: 'business information', ko: '사업자정보' },
  businessNumber: { en: 'business registration number', ko: '사업자등록번호' },
  mailOrderNumber: { en: 'mail-order registration', ko: '통신판매업 신고' },
  lenderNumber: { en: 'lender registration', ko: '대부업 등록' },
} as const;

// Fields that collect personal or payment data (a search box or a comment form does not make a seller).
const SENSITIVE_FIELD =
  /휴대\s*폰|핸드폰|연락처|전화|phone|mobile|(?<![a-z])hp(?![a-z])|계좌|은행|예금주|account|bank|카드\s*번호|cvc|유효\s*기간|주민|생년월일|birth|인증\s*번호|승인\s*번호|금액|amount|주소|address/;
// Anchored at the start of a number, so a long run of digits is one attempt, not one per digit.
const PRICE = /(?<![\d,])\d{1,3}(?:,\d{3})+\s*원|(?<!\d)\d+\s*만\s*원/;
const BUY = /장바구니|구매\s*하기|바로\s*구매|주문\s*하기|결제\s*하기|add to cart|buy now|판매\s*신청|매입\s*신청|신청\s*하기/;

/** The page sells, offers a service or collects personal data, so it owes business information. */
function owesBusinessInfo(page: PageFacts, offers: boolean): boolean {
  if (offers) return true;
  const collects = page.forms.some((f) => f.fields.some((x) => x.type === 'tel' || SENSITIVE_FIELD.test(x.norm)));
  if (collects) return true;
  // The page's text as one string: a price may be written across text runs ("10,000" then "원", or "5", "만",
  // "원"); between the first and the last run only "만" or a space can be.
  return pageTextMatches(page, PRICE, 2) && pageTextMatches(page, BUY, 2);
}

const join = (names: { en: string; ko: string }[], lang: 'en' | 'ko') => names.map((n) => n[lang]).join(', ');

function coreFieldsFound(info: BusinessInfo): number {
  const found = (['name', 'representative', 'address', 'businessNumber', 'mailOrderNumber', 'lenderNumber'] as const).filter(
    (f) => info.fields[f],
  ).length;
  return found + (info.phones.some((p) => p.kind !== 'mobile') ? 1 : 0);
}

export const rule: Rule = {
  meta: {
    id: 'licensing',
    title: { en: 'Business information', ko: '사업자 정보' },
    description: {
      en: 'Whether a page that sells or collects data shows the business information Korean law requires (상호, 대표자, 주소, 전화, 사업자등록번호 with a valid checksum, 통신판매업 신고번호), or hides it, leaves it "pending", shows it only as an image or gives an invalid number.',
      ko: '판매하거나 개인정보를 받는 페이지가 전자상거래법상 표시 의무 사항(상호, 대표자, 주소, 전화, 검증번호가 맞는 사업자등록번호, 통신판매업 신고번호)을 표시하는지, 누락·준비중·이미지 표시·잘못된 번호인지 확인합니다.',
    },
    needs: ['page'],
    signals: {
      missing: {
        points: DEFAULT_POINTS['licensing/missing'],
        message: {
          en: 'The page offers a service or collects data but shows no business information (no business name, registration number or mail-order registration)',
          ko: '서비스를 제공하거나 개인정보를 받으면서 사업자 정보(상호, 사업자등록번호, 통신판매업 신고번호)를 전혀 표시하지 않습니다',
        },
      },
      incomplete: {
        points: DEFAULT_POINTS['licensing/incomplete'],
        message: {
          en: 'Business information is incomplete: missing {fields_en}',
          ko: '사업자 정보가 불완전합니다: {fields_ko} 누락',
        },
      },
      'image-only': {
        points: DEFAULT_POINTS['licensing/image-only'],
        message: {
          en: 'Business information is shown only as an image ("{image}"), which cannot be searched or checked',
          ko: '사업자 정보를 이미지("{image}")로만 표시해 검색하거나 확인할 수 없습니다',
        },
      },
      pending: {
        points: DEFAULT_POINTS['licensing/pending'],
        message: {
          en: 'The page says its {items_en} is pending ("준비중" / "진행중") while already doing business',
          ko: '영업 중인데도 {items_ko}이(가) 준비중·진행중이라고 표시합니다',
        },
      },
      'invalid-business-number': {
        points: DEFAULT_POINTS['licensing/invalid-business-number'],
        message: {
          en: 'Business registration number {number} fails the National Tax Service checksum: it cannot have been issued',
          ko: '사업자등록번호 {number}는 검증번호가 맞지 않아 발급될 수 없는 번호입니다',
        },
      },
      'registry-closed': {
        points: DEFAULT_POINTS['licensing/registry-closed'],
        message: {
          en: 'Business registration number {number} is {status_en} according to the tax registry ({label}): the business it names is not trading',
          ko: '사업자등록번호 {number}는 사업자등록 상태 조회 결과 {label}입니다: 영업 중인 사업자가 아닙니다',
        },
      },
      complete: {
        points: DEFAULT_POINTS['licensing/complete'],
        message: {
          en: 'Complete business information with a valid registration number ({number}) and a mail-order or other registration',
          ko: '사업자 정보가 완전하며 사업자등록번호({number})가 유효하고 통신판매업 등 신고번호가 있습니다',
        },
      },
    },
  },

  evaluate(facts) {
    const page = facts.page!;
    const ctx = cashoutContext(page);
    const info = businessInfo(page);
    const findings: RuleFinding[] = [];
    const closed = closedNumbers(info, facts.registry);

    // A licensed site carrying cash-out ads (a hijacked post, board spam) earns no trust from its footer, nor
    // does one whose number belongs to a closed business.
    if (info.complete && !ctx.promotes && closed.length === 0) return [completeFinding(info)];
    // A warning article quotes scams, it does not sell: a missing or odd footer is no evidence against it.
    if (ctx.warning) return [];

    findings.push(...closed);

    for (const n of info.invalidNumbers) {
      findings.push({ signal: 'invalid-business-number', vars: { number: n.raw }, evidence: [n.evidence] });
    }
    if (info.pending.length > 0) {
      const items = [...new Set(info.pending.map((p) => p.field))].map((f) => PENDING_NAMES[f]);
      findings.push({
        signal: 'pending',
        vars: { items_en: join(items, 'en'), items_ko: join(items, 'ko') },
        evidence: distinct(info.pending.map((p) => p.evidence)),
      });
    }

    // Numbers are copied from real companies: complete information does not clear a cash-out offer.
    if (info.complete) return findings;

    if (!owesBusinessInfo(page, ctx.offers)) return findings;

    if (info.imageOnly.length > 0) {
      findings.push({ signal: 'image-only', vars: { image: info.imageOnly[0]!.excerpt }, evidence: [...info.imageOnly.slice(0, 2), info.searched] });
      return findings;
    }
    if (coreFieldsFound(info) <= 1 && info.businessNumbers.length === 0 && info.pending.length === 0) {
      findings.push({ signal: 'missing', evidence: [info.searched] });
      return findings;
    }
    // What is pending or invalid has its own finding; the rest is plainly missing.
    const pendingFields = new Set(info.pending.map((p) => p.field));
    const missing = info.missing.filter((f) => {
      if (f === 'businessNumber') return info.businessNumbers.length === 0 && !pendingFields.has('businessNumber') && !pendingFields.has('businessInfo');
      if (f === 'registration') return !pendingFields.has('mailOrderNumber') && !pendingFields.has('lenderNumber');
      return true;
    });
    if (missing.length > 0) {
      const names = missing.map((f) => FIELD_NAMES[f]);
      const present = (['name', 'representative', 'businessNumber'] as const).map((f) => info.fields[f]).filter((e): e is Evidence => !!e);
      findings.push({
        signal: 'incomplete',
        vars: { fields_en: join(names, 'en'), fields_ko: join(names, 'ko') },
        evidence: distinct([info.searched, ...present]),
      });
    }
    return findings;
  },
};

const CLOSED_WORDS = {
  closed: { en: 'closed', ko: '폐업자' },
  suspended: { en: 'suspended', ko: '휴업자' },
} as const;

/** A finding for each valid number the registry lists as closed (폐업) or suspended (휴업). */
function closedNumbers(info: BusinessInfo, registry: Facts['registry']): RuleFinding[] {
  if (!registry) return [];
  const findings: RuleFinding[] = [];
  for (const n of info.businessNumbers) {
    const entry = n.valid ? registry.get(n.digits) : undefined;
    if (!entry || (entry.status !== 'closed' && entry.status !== 'suspended')) continue;
    const words = CLOSED_WORDS[entry.status];
    const label = entry.label || words.ko;
    findings.push({ signal: 'registry-closed', vars: { number: n.raw, status_en: words.en, label }, evidence: [n.evidence] });
  }
  return findings;
}

function completeFinding(info: BusinessInfo): RuleFinding {
  const valid = info.businessNumbers.find((n) => n.valid)!;
  const registration = info.fields.mailOrderNumber ?? info.fields.lenderNumber;
  return { signal: 'complete', vars: { number: valid.raw }, evidence: distinct([valid.evidence, ...(registration ? [registration] : [])]) };
}

function distinct(evidence: Evidence[], max = 3): Evidence[] {
  const seen = new Set<string>();
  return evidence.filter((e) => !seen.has(e.excerpt) && (seen.add(e.excerpt), true)).slice(0, max);
}

export default rule;
