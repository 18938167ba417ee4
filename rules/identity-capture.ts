// Identity capture: the operator collects what opens the victim's bank account or lets it pass as the victim
// (ID card photo, resident number or 등본, account password, certificate, OTP / security card). No cash-out
// broker needs any of it to resell a voucher. A request counts when the page asks (not "we never ask for ...",
// not a victim's account of it), in text or in a form field; warnings, licensed shops and checkouts are silent.
// The card CVC/password and resident-number digits are also scored by carrier-auth-code on cash-out pages: here
// they only add to a set of identity items, never make a finding on their own.
import { askingHits, dedupeEvidence, fieldEvidence, tierOf } from '../src/analysis/requests.js';
import type { Evidence, FormField, PageFacts, Rule, RuleFinding, Segment } from '../src/engine/types.js';
import { DEFAULT_POINTS } from './weights.js';

type ItemId = 'id-card' | 'resident-number' | 'account-password' | 'card-secret' | 'certificate' | 'otp';

interface Item {
  id: ItemId;
  en: string;
  ko: string;
  /** Nobody legitimate asks for it by web form or messenger. */
  secret: boolean;
  /** Scored by carrier-auth-code already: counts towards a set, not alone. */
  elsewhere: boolean;
  text: string;
  field: RegExp;
}

const ITEMS: Item[] = [
  {
    id: 'id-card',
    en: 'ID card photo',
    ko: '신분증 사진',
    secret: false,
    elsewhere: false,
    text: '(?:신분증|주민\\s*등록증|운전\\s*면허증|여권)\\s*(?:의\\s*)?(?:사진|사본|촬영|앞\\s*뒤|앞뒷면|앞면|뒷면|이미지|파일|스캔|캡처|캡쳐)|셀카|얼굴\\s*사진',
    field: /신분증|주민\s*등록증|운전\s*면허증|id[_\s-]?card|idcard|셀카|selfie/,
  },
  {
    id: 'resident-number',
    en: 'resident registration number',
    ko: '주민등록번호',
    secret: false,
    elsewhere: true,
    text: '주민\\s*(?:등록)?\\s*번호\\s*(?:뒷\\s*자리|뒤\\s*자리|전체|13\\s*자리|앞\\s*뒤)|주민\\s*등록\\s*등본|등본\\s*(?:사진|사본|발급|1\\s*통)',
    field: /주민\s*(?:등록)?\s*번호(?!\s*앞)|jumin(?!_?1|_?f)|(?<![a-z])ssn(?!_?1|_?f)|주민\s*등록\s*등본|등본/,
  },
  {
    id: 'account-password',
    en: 'bank account password',
    ko: '통장 비밀번호',
    secret: true,
    elsewhere: false,
    text: '(?:통장|계좌|은행|출금|이체)\\s*(?:의\\s*)?(?:비밀\\s*번호|비번|암호)',
    field: /(?:통장|계좌|은행|출금|이체)\s*(?:비밀\s*번호|비번|암호)|(?:account|bank|acct)[_\s-]?(?:pw|pass|pwd)/,
  },
  {
    id: 'card-secret',
    en: 'card CVC or password',
    ko: '카드 CVC·비밀번호',
    secret: false,
    elsewhere: true,
    text: '(?<![a-z])(?:cvc|cvv)(?![a-z])|카드\\s*(?:의\\s*)?(?:비밀\\s*번호|비번)|카드\\s*뒷면\\s*(?:3|세)\\s*자리',
    field: /(?<![a-z])(?:cvc|cvv)(?![a-z])|카드\s*(?:비밀\s*번호|비번)|card[_\s-]?(?:pw|pass|pwd)/,
  },
  {
    id: 'certificate',
    en: 'digital certificate',
    ko: '공동인증서',
    secret: true,
    elsewhere: false,
    text: '(?:공인|공동|금융)\\s*인증서|인증서\\s*(?:비밀\\s*번호|암호|파일|복사|내보내기)',
    field: /(?:공인|공동|금융)\s*인증서|인증서\s*(?:비밀\s*번호|암호)|(?<![a-z])(?:cert|npki)[_\s-]?(?:pw|pass|pwd|file)/,
  },
  {
    id: 'otp',
    en: 'OTP or security card',
    ko: 'OTP·보안카드',
    secret: true,
    elsewhere: false,
    // A bare "OTP" is often the SMS code (carrier-auth-code): only the bank kinds count here.
    text: '보안\\s*카드|(?<![a-z])otp\\s*(?:카드|기기|생성기)\\s*(?:번호|비밀\\s*번호|일련\\s*번호|사진)?|(?<![a-z])otp\\s*(?:비밀\\s*번호|일련\\s*번호)|(?:통장|계좌|은행|이체)[^\\n.!?]{0,20}?(?<![a-z])otp(?![a-z])',
    field: /보안\s*카드|otp\s*(?:카드|기기|생성기|비밀\s*번호|일련)|security[_\s-]?card/,
  },
];

const ASK = '(?:보내|전달|알려|제출|첨부|업로드|올려|촬영|찍어|입력|기재|적어|작성|필요|준비|주셔야|주세요|주시면|요청|캡처|캡쳐|공유|등록|확인\\s*(?:후|시|해|하)|맡기|넘겨)';
// "준비물: 신분증 사본, 통장 비밀번호": a list introduced as what to hand over.
const LIST_INTRO = /(?:준비물|준비\s*(?:서류|사항)|필요\s*(?:서류|정보|자료|한\s*것)|제출\s*(?:서류|자료)|보내\s*주실\s*(?:것|정보)|진행\s*(?:서류|정보))[^\n]{0,40}$/;
const ITEM_PATTERNS = ITEMS.map((item) => ({
  item,
  asked: new RegExp(`(?:${item.text})[^\\n.!?]{0,40}?${ASK}`, 'g'),
  bare: new RegExp(`(?:${item.text})`, 'g'),
}));

interface Found {
  item: Item;
  evidence: Evidence[];
}

function textRequests(page: PageFacts): Found[] {
  const out: Found[] = [];
  for (const { item, asked, bare } of ITEM_PATTERNS) {
    const hits = askingHits(page, asked);
    const listed = askingHits(page, bare).filter((h) =>
      LIST_INTRO.test(`${h.segment.norm.slice(Math.max(0, h.match.index - 60), h.match.index)}`),
    );
    const all = [...hits, ...listed];
    if (all.length > 0) out.push({ item, evidence: all.map((h) => h.evidence) });
  }
  return out;
}

const isFile = (f: FormField) => f.type === 'file';
const ID_IMAGE_FIELD = /사진|사본|첨부|촬영|업로드|이미지/;

function formRequests(page: PageFacts, allowed: (item: Item) => boolean): Found[] {
  const out: Found[] = [];
  for (const item of ITEMS) {
    if (!allowed(item)) continue;
    const evidence: Evidence[] = [];
    for (const form of page.forms) {
      for (const field of form.fields) {
        // A file input counts for an ID card only when it says so; any other field by what it is labelled.
        if (item.field.test(field.norm) && (item.id !== 'id-card' || isFile(field) || ID_IMAGE_FIELD.test(field.norm))) {
          evidence.push(fieldEvidence(form, field));
        }
      }
    }
    if (evidence.length > 0) out.push({ item, evidence });
  }
  return out;
}

function merge(found: Found[]): Map<ItemId, Found> {
  const byItem = new Map<ItemId, Found>();
  for (const f of found) {
    const prior = byItem.get(f.item.id);
    if (prior) prior.evidence.push(...f.evidence);
    else byItem.set(f.item.id, { item: f.item, evidence: [...f.evidence] });
  }
  return byItem;
}

export const rule: Rule = {
  meta: {
    id: 'identity-capture',
    title: { en: 'Identity and banking credential capture', ko: '신분·금융 인증정보 수집' },
    description: {
      en: 'Whether the page asks for an ID card photo, resident registration number or 등본, a bank account password, a card CVC or password, a digital certificate, or an OTP / security card number: none of it is needed to cash out a voucher, and it is what opens the victim\'s bank account or lets the operator pass as the victim. Warnings that say these are never asked for, licensed shops and checkouts are not counted.',
      ko: '신분증 사진, 주민등록번호·등본, 통장 비밀번호, 카드 CVC·비밀번호, 공동인증서, OTP·보안카드 번호를 요구하는지 봅니다. 상품권 현금화에는 필요 없는 정보이며, 피해자 계좌를 열거나 명의를 도용하는 데 쓰입니다. "절대 요구하지 않습니다" 같은 안내, 정식 매장·결제 화면은 따지지 않습니다.',
    },
    needs: ['page'],
    signals: {
      'identity-capture': {
        points: DEFAULT_POINTS['identity-capture/identity-capture'],
        message: {
          en: 'Asks for identity documents or banking credentials ({items}): what is needed to empty or take over the victim\'s bank account',
          ko: '신분증·금융 인증정보를 요구합니다({items}). 피해자 계좌를 털거나 명의를 도용하는 데 필요한 정보입니다',
        },
      },
      'identity-item': {
        points: DEFAULT_POINTS['identity-capture/identity-item'],
        message: {
          en: 'A cash-out page asks for {items}, which cash-out does not need',
          ko: '현금화 페이지가 현금화에 필요 없는 {items}을(를) 요구합니다',
        },
      },
    },
  },

  evaluate(facts) {
    const page = facts.page!;
    const { tier } = tierOf(page);
    if (tier === 'silent') return [];
    const offer = tier === 'offer';

    // Forms: everything on a cash-out page; elsewhere only the secrets (a shop's card form is not ours to judge).
    const found = merge([...textRequests(page), ...formRequests(page, (item) => offer || item.secret)]);
    const items = [...found.values()];
    if (items.length === 0) return [];

    const secrets = items.filter((f) => f.item.secret);
    // Two documents on an unlicensed page without cash-out (a job ad wanting 등본 and 신분증) prove nothing; the
    // items carrier-auth-code scores make a set only with one of ours (its CVC + 주민번호 form is scored there).
    const own = items.filter((f) => !f.item.elsewhere);
    const strong = secrets.length > 0 || (offer && own.length > 0 && items.length >= 2);
    const ordered = [...secrets, ...items.filter((f) => !f.item.secret)];
    const evidence = dedupeEvidence(ordered.flatMap((f) => f.evidence.slice(0, 2)), 5);
    const names = ordered.map((f) => f.item.ko).join(', ');
    const findings: RuleFinding[] = [];
    if (strong) {
      findings.push({ signal: 'identity-capture', vars: { items: names }, evidence });
    } else if (offer && own.length > 0) {
      findings.push({ signal: 'identity-item', vars: { items: names }, evidence });
    }
    return findings;
  },
};

export default rule;
