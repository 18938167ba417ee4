// What a page does with cash-out: OFFER it as a service, WARN about it (news, agency alerts, carrier help),
// buy vouchers back as a licensed shop, or merely mention it. Warning pages quote every scam phrase, so no
// single phrase decides: we count distinct promotional and warning cues, weigh the title and headings, and
// require the cues an operator would never write (laws, agencies, hotlines, reporters) for a warning.
import type { Evidence, PageFacts, Segment } from '../engine/types.js';
import { findFirst } from './text.js';

export type CashoutProduct = 'micropayment' | 'information-fee' | 'voucher' | 'gift-card' | 'credit-card';

export type CashoutKind = 'offer' | 'warning' | 'buyback' | 'mention' | 'none';

export interface CashoutContext {
  kind: CashoutKind;
  /** The page offers cash-out as a service (and is not a warning or a licensed buy-back shop). */
  offers: boolean;
  /** The page warns about cash-out or about scams with the same vocabulary (news, agency, carrier help). */
  warning: boolean;
  /** A voucher buy-back shop that refuses vouchers bought by carrier billing. */
  buyback: boolean;
  /** Cash-out vocabulary appears (whatever the framing). */
  mentions: boolean;
  products: CashoutProduct[];
  /** Promotional strength 0..1 (distinct promotional cues, capped). */
  strength: number;
  promoCues: string[];
  warningCues: string[];
  /** Quotes backing the verdict: for an offer the cash-out term and promotional cues, for a warning its cues. */
  evidence: Evidence[];
}

const CASHOUT_TERM =
  /현금화|현금\s*(?:교환|전환|마련)|(?:휴대폰|핸드폰|폰|모바일|콘텐츠|컨텐츠|상품권|카드|소액)\s*깡|내구제|폰테크|정책\s*풀기/g;

const PRODUCTS: [CashoutProduct, RegExp][] = [
  ['micropayment', /소액\s*결제|휴대폰\s*(?:결제|깡)|핸드폰\s*(?:결제|깡)|모바일\s*(?:결제|깡)|폰\s*깡|폰테크/g],
  ['information-fee', /정보\s*이용료|콘텐츠\s*(?:이용료|깡)|컨텐츠\s*(?:이용료|깡)|구글\s*플레이|원스토어/g],
  ['voucher', /상품권|컬쳐\s*랜드|컬처\s*랜드|해피\s*머니|북앤\s*라이프/g],
  ['gift-card', /기프트\s*카드|구글\s*기프트/g],
  ['credit-card', /신용\s*카드|(?<!기프트\s?)카드\s*(?:깡|현금화|한도)/g],
];

interface Cue {
  id: string;
  pattern: RegExp;
  /** Cues an operator would not write about itself. */
  strong?: boolean;
}

const PROMO_CUES: Cue[] = [
  { id: 'apply', pattern: /신청\s*(?:하기|서|하세요|바로\s*가기)|상담\s*(?:신청|문의|하기|바로\s*가기|가능|접수)|문의\s*(?:하기|주세요|하세요|바로\s*가기)|바로\s*(?:상담|신청|입금)|지금\s*(?:바로\s*)?(?:신청|문의|상담)/g },
  { id: 'messenger-contact', pattern: /카톡\s*(?:상담|문의|id|아이디|친구|채널|[:：])|카카오톡\s*(?:상담|문의|id|아이디|채널|[:：])|텔레(?:그램)?\s*(?:상담|문의|id|아이디|[:：@])|open\.kakao\.com|pf\.kakao\.com|t\.me\/|오픈\s*채팅/g },
  { id: 'payout', pattern: /(?<!\d)\d{2}(?:\.\d)?\s*(?:%|프로)\s*(?:까지\s*)?(?:지급|입금|현금화|보장|매입)|현금화\s*율|지급\s*[률율]|입금\s*[률율]|매입\s*[률율]|최대\s*\d{2}\s*(?:%|프로)|수수료\s*(?:\d{1,2}\s*(?:%|프로)|무료|0|없)|(?<![\d,.])\d+\s*만\s*원?\s*(?:결제\s*(?:시|하면)?\s*)?(?:→|->|=>|▶|➡)\s*\d+\s*만/g },
  { id: 'speed', pattern: /(?:당일|즉시|총알|바로)\s*(?:입금|지급|현금화|송금)|(?<!\d)\d{1,3}\s*분\s*(?:이내|안에|만에|내)?\s*(?:입금|지급|송금)|24\s*시간|연중\s*무휴|365\s*일/g },
  { id: 'no-credit-check', pattern: /신용\s*조회\s*(?:없|무|x|no)|무\s*신용|무\s*담보|신불자|신용\s*불량자?\s*(?:가능|ok)|연체자|미납\s*(?:자|해결|가능)|대출\s*(?:아님|아닙니다|아닌)/g },
  { id: 'legitimacy-claim', pattern: /합법\s*(?:업체|적|현금화|거래)|정식\s*(?:등록|업체|사업자)|안전한\s*(?:업체|거래|현금화)|먹튀\s*(?:없|x|걱정|zero|0)|검증된\s*업체|업계\s*(?:1위|최고|최저)|최저\s*수수료|최고\s*(?:가|금액|매입|비율|지급)|만족도\s*1위/g },
  { id: 'first-person', pattern: /저희\s*(?:업체|회사|가|는)|당사|고객님/g },
  { id: 'procedure', pattern: /이용\s*(?:방법|절차)|진행\s*(?:절차|방법|순서)|현금화\s*(?:방법|절차|과정|순서)|step\s*\d|\d\s*단계/g },
];

const WARNING_CUES: Cue[] = [
  { id: 'caution', pattern: /주의|경고|유의|조심|당부|경보/g },
  { id: 'damage', pattern: /피해/g },
  { id: 'fraud', pattern: /(?<!수)사기(?!업)|보이스\s*피싱|스미싱|피싱/g },
  { id: 'illegal', pattern: /불법|위법/g },
  { id: 'punishment', pattern: /처벌|징역|벌금|입건|검거|구속|적발|송치|형사/g, strong: true },
  { id: 'law', pattern: /정보\s*통신망\s*(?:이용|법)|정보통신망법|여신\s*전문\s*금융\s*업법|전자\s*금융\s*거래법|대부업법|제\s*72\s*조|대법원/g, strong: true },
  { id: 'authority', pattern: /금융\s*감독원|금감원|경찰청?|사이버\s*수사|방송\s*통신\s*위원회|방통위|과학\s*기술\s*정보\s*통신부|과기정통부|한국\s*인터넷\s*진흥원|kisa|한국\s*소비자원|공정\s*거래\s*위원회|검찰/g, strong: true },
  { id: 'hotline', pattern: /(?:신고|전화|상담|센터|국번\s*없이)[^\n]{0,15}?(?<![\d,.])(?:1332|182|118|1372|112|114)(?![\d,%])|(?<![\d,.-])(?:1332|182|118|1372|114)(?![\d,%-])\s*(?:번|로|으로|에|\))/g, strong: true },
  { id: 'never-share', pattern: /절대\s*(?:알려|공유|입력|전달|보내|말하)|알려\s*주지\s*마|요구\s*하지\s*않|(?:보내|전달|알려|입력|공유)\s*(?:주지|하지)\s*마(?:세요|십시오|시기)|속지\s*마|응하지\s*마|현혹되지|클릭\s*하지\s*마/g, strong: true },
  { id: 'news', pattern: /기자|무단\s*전재|재배포\s*금지|기사\s*입력|입력\s*\d{4}[.-]|취재|보도\s*(?:했|에\s*따르면|자료)/g, strong: true },
  { id: 'consumer-alert', pattern: /소비자\s*경보|피해\s*예방|예방\s*(?:수칙|요령|방법)|대처\s*(?:방법|요령)|피해\s*사례|피해자/g, strong: true },
];

// A licensed buy-back shop refuses vouchers bought by carrier billing.
const BUYBACK = /매입/g;
const REFUSES_CARRIER_BILLING =
  /(?:소액\s*결제|휴대폰\s*결제|핸드폰\s*결제|정보\s*이용료|콘텐츠\s*이용료)[^\n]{0,40}?(?:불가|하지\s*않|받지\s*않|거절|제한|금지)/g;
const MESSENGER_HREF = /open\.kakao\.com|pf\.kakao\.com|(?:^|\/\/)t\.me\/|telegram\.me/i;
const PHONE_FIELD = /휴대\s*폰|핸드폰|연락처|전화|phone|mobile|hp|tel/;
const AMOUNT_OR_CARRIER_FIELD = /금액|통신사|skt|amount|carrier|은행|계좌|입금/;

const PROMINENT = new Set(['title', 'heading', 'meta']);

interface CueHit {
  id: string;
  strong: boolean;
  evidence: Evidence;
  prominent: boolean;
}

function cueHits(segments: readonly Segment[], cues: readonly Cue[]): CueHit[] {
  const out: CueHit[] = [];
  for (const cue of cues) {
    const hit = findFirst(segments, cue.pattern);
    if (!hit) continue;
    const prominent = findFirst(segments.filter((s) => PROMINENT.has(s.kind)), cue.pattern);
    out.push({ id: cue.id, strong: cue.strong ?? false, evidence: (prominent ?? hit).evidence, prominent: !!prominent });
  }
  return out;
}

const cache = new WeakMap<PageFacts, CashoutContext>();

export function cashoutContext(page: PageFacts): CashoutContext {
  const cached = cache.get(page);
  if (cached) return cached;
  const ctx = computeCashoutContext(page);
  cache.set(page, ctx);
  return ctx;
}

function computeCashoutContext(page: PageFacts): CashoutContext {
  const segments = page.segments;
  const term = findFirst(segments, CASHOUT_TERM);
  const termProminent = findFirst(segments.filter((s) => PROMINENT.has(s.kind)), CASHOUT_TERM);
  const products = PRODUCTS.filter(([, p]) => findFirst(segments, p)).map(([name]) => name);

  const promo = cueHits(segments, PROMO_CUES);
  const warn = cueHits(segments, WARNING_CUES);

  const messengerLink = page.links.find((l) => MESSENGER_HREF.test(l.href));
  const applicationForm = page.forms.some(
    (f) => f.fields.some((x) => PHONE_FIELD.test(x.norm) || x.type === 'tel') && f.fields.some((x) => AMOUNT_OR_CARRIER_FIELD.test(x.norm)),
  );

  let promoScore = promo.length + (termProminent ? 2 : 0) + (applicationForm ? 1 : 0);
  if (messengerLink && !promo.some((c) => c.id === 'messenger-contact')) promoScore += 1;
  const strong = warn.filter((c) => c.strong).length;
  const warnScore = warn.length + strong + (warn.some((c) => c.prominent) ? 2 : 0);

  const warning = strong >= 1 && warnScore >= 4 && warnScore >= promoScore;
  const buyback =
    !warning && products.includes('voucher') && !!findFirst(segments, BUYBACK) && !!findFirst(segments, REFUSES_CARRIER_BILLING);
  const mentions = !!term;
  const offers = mentions && !warning && !buyback && promoScore >= 3;

  const kind: CashoutKind = warning ? 'warning' : buyback ? 'buyback' : offers ? 'offer' : mentions ? 'mention' : 'none';

  const evidence: Evidence[] = [];
  if (offers) {
    evidence.push((termProminent ?? term)!.evidence);
    for (const c of promo.slice(0, 3)) evidence.push(c.evidence);
    if (messengerLink) evidence.push({ source: 'link', excerpt: messengerLink.href, location: messengerLink.text || 'link' });
  } else if (warning) {
    for (const c of [...warn].sort((a, b) => Number(b.strong) - Number(a.strong)).slice(0, 4)) evidence.push(c.evidence);
  } else if (buyback) {
    const refusal = findFirst(segments, REFUSES_CARRIER_BILLING);
    if (refusal) evidence.push(refusal.evidence);
  } else if (term) {
    evidence.push(term.evidence);
  }

  return {
    kind,
    offers,
    warning,
    buyback,
    mentions,
    products,
    strength: Math.min(1, promoScore / 8),
    promoCues: promo.map((c) => c.id),
    warningCues: warn.map((c) => c.id),
    evidence: dedupe(evidence),
  };
}

function dedupe(evidence: Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return evidence.filter((e) => (seen.has(e.excerpt) ? false : (seen.add(e.excerpt), true)));
}
