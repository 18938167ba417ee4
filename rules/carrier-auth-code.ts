// Requests for the secrets that let someone else pay with the user's phone or card: the carrier SMS
// 인증번호/승인번호, ARS or PASS approval, payment passwords, resident numbers. PG checkouts and carrier pages
// ask for an SMS code too, so a form counts only on a page that offers cash-out; asking to SEND the code by
// messenger counts anywhere but a warning, and pages telling users never to share it stay silent.
import { businessInfo } from '../src/analysis/business-info.js';
import { cashoutContext } from '../src/analysis/cashout-context.js';
import { segmentsThatMayMatch } from '../src/analysis/segment-index.js';
import { findAll, pagePath, quoteOriginal, segmentLocation, type TextHit } from '../src/analysis/text.js';
import type { Evidence, FormField, PageFacts, PageForm, Rule, RuleFinding, Segment } from '../src/engine/types.js';
import { DEFAULT_POINTS } from './weights.js';

const CODE = '(?:인증\\s*번호|승인\\s*번호|인증\\s*코드|인증\\s*문자|otp|결제\\s*문자|문자\\s*내용)';
const MESSENGER = '(?:카톡|카카오톡|텔레그램|텔레|오픈\\s*채팅|메신저|문자|메시지|상담원|담당자|상담사)';
const SEND = '(?:보내|전달|알려|캡처|캡쳐|남겨|주시|주세요|공유)';
const CODE_BY_MESSENGER = new RegExp(
  `${CODE}[^\\n]{0,30}?${MESSENGER}\\s*(?:으로|로|에|에게|께)[^\\n]{0,12}?${SEND}|${MESSENGER}\\s*(?:으로|로|에|에게|께)[^\\n]{0,20}?${CODE}[^\\n]{0,12}?${SEND}`,
  'g',
);
const CODE_REQUEST = new RegExp(`${CODE}[^\\n]{0,20}?(?:입력|알려|보내|전달|불러|말씀)`, 'g');
const ARS_PASS = /(?<![a-z])ars\s*(?:인증|승인|결제|전화|본인)|(?<![a-z])pass\s*(?:앱\s*)?(?:인증|승인)|패스\s*(?:앱\s*)?(?:인증|승인)/g;
// PASS screens sent to a broker or PASS done "for" the user: bad whatever else the page says.
const PASS_HANDOVER = /(?<![a-z])(?:pass|패스|ars)\s*(?:앱\s*)?(?:인증|승인)?[^\n.!?]{0,12}?(?:대행|캡처|캡쳐|화면)/g;
const PAYMENT_PASSWORD_TEXT = /(?:결제\s*비밀\s*번호|결제\s*비번|카드\s*비밀\s*번호|간편\s*결제\s*비밀\s*번호|통장\s*비밀\s*번호)[^\n]{0,15}?(?:입력|알려|보내|전달|필요)/g;
const RESIDENT_TEXT = /(?:주민\s*(?:등록)?\s*번호)\s*(?:뒷\s*자리|뒤\s*자리|전체|13\s*자리)|신분증\s*(?:사진|사본|촬영)|주민\s*등록\s*등본/g;

const AUTH_FIELD = /인증\s*번호|승인\s*번호|인증\s*코드|sms\s*(?:코드|code|인증)|(?<![a-z])auth(?:_?(?:no|num|number|code))?(?![a-z])|(?<![a-z])otp(?![a-z])|certi|verif/;
const PHONE_FIELD = /휴대\s*폰|핸드폰|전화|연락처|phone|mobile|mdn|(?<![a-z])hp(?![a-z])|(?<![a-z])tel(?![a-z])/;
const CARRIER_FIELD = /통신사|skt|(?<![a-z])kt(?![a-z])|lg\s*u\s*\+|lgu|알뜰폰|telecom|carrier|mvno/;
const PAYMENT_PASSWORD_FIELD = /결제\s*비밀\s*번호|결제\s*비번|카드\s*비밀\s*번호|카드\s*비번|cvc|cvv|card[_\s-]?pw|간편\s*결제|통장\s*비밀\s*번호|계좌\s*비밀\s*번호/;
const RESIDENT_FIELD = /주민\s*(?:등록)?\s*번호|jumin|resident|(?<![a-z])ssn|외국인\s*등록\s*번호|신분증/;

// "절대 알려주지 마세요", "요구하지 않습니다": the sentence warns instead of asking.
const NEGATED_AFTER = /^[^\n.!?]{0,25}?(?:마세요|마십시오|말아|말고|않습니다|않아요|않는다|않으며|금지|안\s*됩니다|안돼|주의)/;
const NEGATED_BEFORE = /(?:절대|결코|어떤\s*경우에도)[^\n.!?]{0,25}$/;

// "보내달라고 했다", "알려주라며": a victim or reporter recounting the request, not the page asking.
const REPORTED_AFTER = /^[^\n.!?]{0,6}?(?:달라|라고|라며|라는|란|다고|다며|했다|했고|했는데|하길래|하더)/;

function asks(hit: TextHit): boolean {
  const s = hit.segment.norm;
  const end = hit.match.index + hit.match[0].length;
  const after = s.slice(end);
  return !NEGATED_AFTER.test(after) && !REPORTED_AFTER.test(after) && !NEGATED_BEFORE.test(s.slice(Math.max(0, hit.match.index - 30), hit.match.index));
}

const asking = (page: PageFacts, pattern: RegExp) => findAll(segmentsThatMayMatch(page, pattern), pattern).filter(asks);

function fieldEvidence(form: PageForm, field: FormField): Evidence {
  const shown = field.label || field.placeholder || field.options.join(' / ') || field.name || field.id;
  return { source: 'form', excerpt: shown, location: `form ${form.index + 1} field "${field.name || field.id || field.type}" (${pagePath(form.page)})` };
}

interface FormMatch {
  form: PageForm;
  fields: FormField[];
}

function formsWith(page: PageFacts, pattern: RegExp): FormMatch[] {
  return page.forms
    .map((form) => ({ form, fields: form.fields.filter((f) => pattern.test(f.norm)) }))
    .filter((m) => m.fields.length > 0);
}

/** Form fields, and text segments of that form (labels, buttons), that name a pattern. */
function formEvidence(page: PageFacts, match: FormMatch, extra: RegExp[]): Evidence[] {
  const evidence = match.fields.slice(0, 2).map((f) => fieldEvidence(match.form, f));
  for (const pattern of extra) {
    const field = match.form.fields.find((f) => pattern.test(f.norm) || (f.type === 'tel' && pattern === PHONE_FIELD));
    if (field) evidence.push(fieldEvidence(match.form, field));
  }
  // A button like "인증번호 요청" in the same form, as it reads on the page.
  const button = page.segments.find((s) => s.form === match.form.index && s.kind === 'button' && AUTH_FIELD.test(s.norm));
  if (button) evidence.push({ source: 'form', excerpt: button.text, location: segmentLocation(button) });
  return dedupe(evidence);
}

function dedupe(evidence: Evidence[], max = 4): Evidence[] {
  const seen = new Set<string>();
  return evidence.filter((e) => !seen.has(e.excerpt) && (seen.add(e.excerpt), true)).slice(0, max);
}

export const rule: Rule = {
  meta: {
    id: 'carrier-auth-code',
    title: { en: 'Requests for payment authorisation codes', ko: '결제 인증정보 요구' },
    description: {
      en: 'Whether the page asks for what lets someone else pay on the user\'s phone bill or card: the carrier SMS code, ARS or PASS approval, a payment password or a resident registration number; asking to send the code by messenger is the strongest sign. Checkouts of licensed payment services and carriers ask for an SMS code too, so forms count only on pages that offer cash-out.',
      ko: '다른 사람이 이용자의 휴대폰·카드로 결제할 수 있게 하는 정보(통신사 인증번호, ARS·PASS 승인, 결제 비밀번호, 주민등록번호)를 요구하는지 봅니다. 인증번호를 메신저로 보내라는 요구가 가장 강한 신호입니다. 정식 결제대행사·통신사 화면도 인증번호를 받으므로 입력 양식은 현금화를 제공하는 페이지에서만 따집니다.',
    },
    needs: ['page'],
    signals: {
      'code-by-messenger': {
        points: DEFAULT_POINTS['carrier-auth-code/code-by-messenger'],
        message: {
          en: 'Asks the user to send the payment authentication code by messenger or text; this is how cash-out brokers make extra purchases on the victim\'s bill',
          ko: '결제 인증번호를 메신저·문자로 보내라고 합니다. 현금화 업자가 피해자 명의로 추가 결제를 하는 전형적인 수법입니다',
        },
      },
      'auth-code-form': {
        points: DEFAULT_POINTS['carrier-auth-code/auth-code-form'],
        message: {
          en: 'A cash-out page asks for the carrier SMS authentication code ({fields})',
          ko: '현금화 페이지가 통신사 결제 인증번호를 입력하게 합니다({fields})',
        },
      },
      'ars-pass-approval': {
        points: DEFAULT_POINTS['carrier-auth-code/ars-pass-approval'],
        message: {
          en: 'Asks for ARS or PASS approval, or a PASS screen, to be handed over: KT found ARS auth in all 278 fraud cases it identified in 2025',
          ko: 'ARS·PASS 승인이나 PASS 화면을 넘겨달라고 합니다. KT가 2025년에 확인한 사기 278건 모두 ARS 인증을 이용했습니다',
        },
      },
      'payment-password': {
        points: DEFAULT_POINTS['carrier-auth-code/payment-password'],
        message: {
          en: 'A cash-out page asks for a payment password or card security code ({fields})',
          ko: '현금화 페이지가 결제 비밀번호나 카드 보안코드를 요구합니다({fields})',
        },
      },
      'resident-number': {
        points: DEFAULT_POINTS['carrier-auth-code/resident-number'],
        message: {
          en: 'A cash-out page asks for a resident registration number or ID card ({fields})',
          ko: '현금화 페이지가 주민등록번호나 신분증을 요구합니다({fields})',
        },
      },
    },
  },

  evaluate(facts) {
    const page = facts.page!;
    const ctx = cashoutContext(page);
    if (ctx.warning) return [];
    // A licensed checkout or carrier page: complete, valid business information and no cash-out on offer.
    // A hijacked licensed host (broker ads on its board) is not vouched for by its footer.
    const licensed = !ctx.promotes && (ctx.buyback || businessInfo(page).complete);
    const findings: RuleFinding[] = [];
    const byMessenger = asking(page, CODE_BY_MESSENGER);
    if (byMessenger.length > 0 && !licensed) {
      findings.push({ signal: 'code-by-messenger', evidence: dedupe(byMessenger.map((h) => h.evidence), 3) });
    }

    // One sentence is one request: what the messenger finding quotes is not counted again.
    const used = new Set(byMessenger.map((h) => h.segment));
    const fresh = (hits: TextHit[]) => hits.filter((h) => !used.has(h.segment));
    const handover = fresh(asking(page, PASS_HANDOVER));
    const arsPass = ctx.offers ? [...handover, ...fresh(asking(page, ARS_PASS))] : licensed ? [] : handover;
    if (arsPass.length > 0) findings.push({ signal: 'ars-pass-approval', evidence: dedupe(arsPass.map((h) => h.evidence), 3) });

    // The remaining signals are ordinary on a checkout; they count only where cash-out is offered.
    if (!ctx.offers) return findings;

    const authForms = formsWith(page, AUTH_FIELD);
    const authText = fresh(asking(page, CODE_REQUEST)).filter((h) => h.segment.form === undefined);
    if (authForms.length > 0 || authText.length > 0) {
      const evidence = authForms.length > 0 ? formEvidence(page, authForms[0]!, [PHONE_FIELD, CARRIER_FIELD]) : [];
      evidence.push(...authText.slice(0, 2).map((h) => h.evidence));
      const fields = authForms.length > 0 ? describeFields(authForms[0]!.form) : exactQuote(authText[0]!);
      findings.push({ signal: 'auth-code-form', vars: { fields }, evidence: dedupe(evidence) });
    }

    const passwordForms = formsWith(page, PAYMENT_PASSWORD_FIELD);
    const passwordText = asking(page, PAYMENT_PASSWORD_TEXT);
    if (passwordForms.length > 0 || passwordText.length > 0) {
      const evidence = [...passwordForms.flatMap((m) => m.fields.map((f) => fieldEvidence(m.form, f))), ...passwordText.map((h) => h.evidence)];
      findings.push({ signal: 'payment-password', vars: { fields: excerpts(evidence) }, evidence: dedupe(evidence) });
    }

    const residentForms = formsWith(page, RESIDENT_FIELD);
    const residentText = asking(page, RESIDENT_TEXT);
    if (residentForms.length > 0 || residentText.length > 0) {
      const evidence = [...residentForms.flatMap((m) => m.fields.map((f) => fieldEvidence(m.form, f))), ...residentText.map((h) => h.evidence)];
      findings.push({ signal: 'resident-number', vars: { fields: excerpts(evidence) }, evidence: dedupe(evidence) });
    }
    return findings;
  },
};

/** "인증번호, 휴대폰 번호, 통신사": the telling fields of a form, as the page labels them. */
function describeFields(form: PageForm): string {
  const names: string[] = [];
  for (const pattern of [AUTH_FIELD, PHONE_FIELD, CARRIER_FIELD]) {
    const f = form.fields.find((x) => pattern.test(x.norm) || (pattern === PHONE_FIELD && x.type === 'tel'));
    if (f) names.push(f.label || f.placeholder || f.name);
  }
  return [...new Set(names)].join(', ');
}

function exactQuote(hit: TextHit): string {
  return quoteOriginal(hit.segment.text, hit.match.index, hit.match.index + hit.match[0].length, 0).replace(/^…|…$/g, '');
}

const excerpts = (evidence: Evidence[]) => [...new Set(evidence.map((e) => e.excerpt))].slice(0, 3).join(', ');

export default rule;
