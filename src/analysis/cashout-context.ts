// What a page does with cash-out: OFFER it as a service, PROMOTE cash-out brokers from a site that is about
// something else (guestbook and board spam, hijacked blog posts: parasite SEO), WARN about it (news, agency
// alerts, carrier help, community threads), buy vouchers back as a licensed shop, or merely mention it.
// Warning pages quote every scam phrase and operators add "불법업체 주의" boxes, so no single phrase decides:
// cues count only in the page's own voice (not inside quotation marks or "~라는 광고" framing), the headline
// (title, first heading) weighs most, and a warning needs cues an operator would never write (laws,
// agencies, hotlines, reporters). A promotion is an offer whose host looks unrelated: user-posted content,
// a site name, navigation and headings about something else, cash-out confined to a small part of the page.
import type { Evidence, PageFacts, PageLink, Segment } from '../engine/types.js';
import { hostnameOf, linkHostnames } from './link-hosts.js';
import { perPage } from './per-page.js';
import { segmentsThatMayMatch } from './segment-index.js';
import { quoteOriginal, segmentEvidence } from './text.js';

export type CashoutProduct = 'micropayment' | 'information-fee' | 'voucher' | 'gift-card' | 'credit-card';

export type CashoutKind = 'offer' | 'promo' | 'warning' | 'buyback' | 'mention' | 'none';

/** Who speaks on a warning page: a newspaper, an agency/NGO, a business's help page, a community thread. */
export type WarningSource = 'news' | 'agency' | 'business' | 'community' | 'other';

export interface CashoutContext {
  kind: CashoutKind;
  /** The page offers cash-out as a service (and is not a warning, a promotion or a licensed buy-back shop). */
  offers: boolean;
  /** The page advertises cash-out: its own offer, or brokers' ads on an unrelated site ('offer' or 'promo'). */
  promotes: boolean;
  /** The page warns about cash-out or about scams with the same vocabulary (news, agency, carrier help). */
  warning: boolean;
  /** A voucher buy-back shop that refuses vouchers bought by carrier billing. */
  buyback: boolean;
  /** Cash-out vocabulary appears (whatever the framing). */
  mentions: boolean;
  products: CashoutProduct[];
  /** Promotional strength 0..1 (distinct promotional cues in the page's own voice, capped). */
  strength: number;
  /** Promotional cues found anywhere, quoted or not. */
  promoCues: string[];
  /** Promotional cues in the page's own voice (outside quotations and "~라는 광고" framing). */
  ownPromoCues: string[];
  warningCues: string[];
  /** Who warns, when the page is a warning. */
  warningSource: WarningSource | null;
  /** Why the host looks unrelated to cash-out (user-posted content, site name, navigation...). */
  hostCues: string[];
  /** Broker contacts in the page's own voice: messenger IDs, open.kakao.com / t.me links, handles. */
  contacts: Evidence[];
  /** The contacts exactly as written ("ㅋr톡 【 KK5959", "https://open.kakao.com/o/sMoney77"), for messages. */
  contactIds: string[];
  /** Quotes backing the verdict: for an offer or promotion the cash-out term, cues and contacts; for a warning its framing. */
  evidence: Evidence[];
  /** Cash-out is what the page is about: in its headline, or densely through its text. */
  subject: boolean;
  /** The page recommends a cash-out firm, channel or link to the reader ("검증된 업체", "verified intermediary"). */
  recommendation: Evidence | null;
  /** It reads as a warning (scam types, red flags) but recommends a firm: the warning is the lure. */
  disguised: boolean;
}

// ---------- vocabulary ----------

// Korean terms and their machine-paraphrased variants (캐시화, 현금으로 바꾸기), and the English ones that
// articles written for search engines use ("micropayment cash-out", "small payment cashing").
const CASHOUT_TERM =
  /현금화|캐시\s*화|현금\s*(?:교환|전환|변환|마련|융통)|현금\s*으로\s*(?:바꾸|바꿔|바꿨|바꾼|바꿀|전환|변환|돌려|돌리|만들)|(?:휴대폰|핸드폰|폰|모바일|콘텐츠|컨텐츠|상품권|카드|소액)\s*깡|내구제|폰테크|정책\s*풀기|(?:micro\s*-?\s*payments?|small[\s-]+(?:amount\s+)?payments?|mobile\s+payments?|phone\s+(?:bill|payments?)|carrier\s+billing|information[\s-]+(?:usage\s+)?fees?|content\s+(?:usage\s+)?fees?|gift\s*cards?|vouchers?)\s+(?:cash(?:ing)?[\s-]*outs?|cashing|to\s+cash|into\s+cash|liquidation|conversion)|cash(?:ing)?[\s-]*(?:out|in)?\s+(?:your\s+|of\s+)?(?:small|micro|mobile|phone|carrier)[\s-]*(?:\w+\s+){0,2}(?:payments?|bills?|balances?|limits?)|(?:phone\s+bill|carrier[\s-]billing|micro\s*-?payment|small[\s-]payments?)\s+limits?\s+(?:\w+\s+){0,2}(?:in)?to\s+(?:\w+\s+)?(?:cash|money)|(?:convert(?:ing)?|turn(?:ing)?)\s+(?:your\s+|the\s+)?(?:unused\s+)?(?:mobile|phone|micro\s*-?payment|small[\s-]payment|carrier[\s-]billing)\s+(?:\w+\s+){0,2}(?:in)?to\s+cash/g;

const PRODUCTS: [CashoutProduct, RegExp][] = [
  ['micropayment', /소액\s*결[제재]|휴대\s*(?:폰|전화)\s*(?:결[제재]|깡)|핸드폰\s*(?:결[제재]|깡)|모바일\s*(?:결[제재]|깡)|폰\s*깡|폰테크|micro\s*-?\s*payment|small[\s-]+(?:amount\s+)?payment|carrier\s+billing|phone\s+bill/g],
  ['information-fee', /정보\s*이용료|콘텐츠\s*(?:이용료|깡)|컨텐츠\s*(?:이용료|깡)|구글\s*플레이|원스토어|information[\s-]+(?:usage\s+)?fee|content\s+(?:usage\s+)?fee/g],
  ['voucher', /상품권|컬쳐\s*랜드|컬처\s*랜드|해피\s*머니|북앤\s*라이프/g],
  ['gift-card', /기프트\s*카드|구글\s*기프트/g],
  ['credit-card', /신용\s*카드|(?<!기프트\s?)카드\s*(?:깡|현금화|한도)/g],
];

// Words that make a site name, a navigation link or a heading about cash-out (operators' brands too:
// 페이머니24, 캐시톡, 티켓나라, 머니카드).
const CASHOUT_VOCAB =
  /현금|깡|내구제|폰테크|정책\s*풀기|소액\s*결제|정보\s*이용료|콘텐츠\s*이용료|상품권|기프트|카드\s*한도|매입|시세|수수료|입금|지급|신청|이용\s*방법|진행\s*(?:절차|방법)|페이|캐시|머니|티켓|pay|cash|money|ticket|giftcard/;

interface Cue {
  id: string;
  pattern: RegExp;
  /** Cues an operator would not write about itself. */
  strong?: boolean;
}

const MESSENGER_CUE =
  /카톡\s*(?:상담|문의|id|아이디|친구|채널|[:：【\[(]|(?=[a-z][a-z0-9_]{2,}))|카카오톡?\s*(?:상담|문의|id|아이디|채널|[:：【\[(])|텔레(?:그램)?\s*(?:상담|문의|id|아이디|[:：@【\[(])|라인\s*(?:id|아이디)|open\.kakao\.com|pf\.kakao\.com|t\.me\/|오픈\s*채팅/g;

const PROMO_CUES: Cue[] = [
  { id: 'apply', pattern: /신청\s*(?:하기|서|하세요|바로\s*가기)|상담\s*(?:신청|문의|하기|바로\s*가기|가능|접수|환영)|문의\s*(?:하기|주세요|하세요|바로\s*가기|환영)|바로\s*(?:상담|신청|입금)|지금\s*(?:바로\s*)?(?:신청|문의|상담|연락)|연락\s*(?:주세요|주시면|바랍니다)/g },
  { id: 'messenger-contact', pattern: MESSENGER_CUE },
  { id: 'payout', pattern: /(?<!\d)\d{2}(?:\.\d)?\s*(?:%|프로)\s*(?:까지\s*)?(?:지급|입금|현금화|보장|매입)|현금화\s*율|지급\s*[률율]|입금\s*[률율]|매입\s*[률율]|최대\s*\d{2}\s*(?:%|프로)|수수료\s*(?:\d{1,2}\s*(?:%|프로)|무료|0|없)|(?<![\d,.])\d+\s*만\s*원?\s*(?:결제\s*(?:시|하면)?\s*)?(?:→|->|=>|▶|➡)\s*\d+\s*만/g },
  { id: 'speed', pattern: /(?:당일|즉시|총알|바로)\s*(?:입금|지급|현금화|송금)|(?<!\d)\d{1,3}\s*분\s*(?:이내|안에|만에|내)?\s*(?:입금|지급|송금)|24\s*시간|연중\s*무휴|365\s*일/g },
  { id: 'no-credit-check', pattern: /no\s+credit\s+checks?|신용\s*조회\s*(?:없|무|x|no)|무\s*신용|무\s*담보|신불자|신용\s*불량자?\s*(?:가능|ok)|연체자|미납\s*(?:자|해결|가능)|대출\s*(?:아님|아닙니다|아닌)/g },
  // "합법적 대안", "정식 등록된 대부업체" point a reader to lawful credit: not a claim about cash-out.
  { id: 'legitimacy-claim', pattern: /합법\s*(?:업체|현금화|거래)|합법적(?:인)?\s*(?:방법|업체|현금화|거래|서비스|절차)|불법(?:이|은)?\s*아(?:닙|니)|정식\s*(?:으로\s*)?(?:등록|업체|사업자)(?!된?\s*(?:대부|금융|저축|은행|서민))|안전한\s*(?:업체|거래|현금화)|먹튀\s*(?:없|x|걱정|zero|0)|검증된\s*업체|업계\s*(?:1위|최고|최저)|최저\s*수수료|최고\s*(?:가|금액|매입|비율|지급)|만족도\s*1위/g },
  { id: 'first-person', pattern: /저희\s*(?:업체|회사|가|는)|당사|고객님/g },
  { id: 'procedure', pattern: /이용\s*(?:방법|절차)|진행\s*(?:절차|방법|순서)|현금화\s*(?:방법|절차|과정|순서)|step\s*\d|\d\s*단계|how\s+(?:to|it\s+works)|step[\s-]by[\s-]step/g },
  // An article that sells cash-out as an ordinary way to raise money: its benefits, its merits, its uses.
  { id: 'benefits', pattern: /장점|이점|혜택|편리(?:하|한|함)|간편(?:하|한|함)|급전|비상금|목돈|advantages?|benefits?|convenient|quick\s+(?:cash|money)|emergency\s+(?:cash|funds?)/g },
  { id: 'english-contact', pattern: /contact\s+(?:us|them|a\s+(?:verified|trusted))|apply\s+now|get\s+(?:a\s+)?quote|chat\s+(?:with|on)\s+kakao/g },
];

// A firm, channel or link recommended to the reader: what turns "how to avoid scams" into an advertisement.
// Only recommendations of cash-out firms count; a warning that points to registered lenders or 서민금융 does
// not name a cash-out firm.
const RECOMMEND =
  /(?:추천|검증(?:된|받은)?|인증(?:된|받은)|정식\s*(?:으로\s*)?등록(?:된|한)?|믿을\s*(?:수\s*있는|만한)|신뢰(?:할\s*수\s*있는|도\s*높은)|안전한|먹튀\s*(?:없는|검증)|우수|1위|정직한)\s*(?:현금화\s*)?(?:업체|곳|회사|사이트|채널|업자|파트너|플랫폼|상담\s*(?:사|처|채널))(?!\s*(?:는|은)?\s*(?:없|아니|아닙|존재하지))|(?:업체|사이트)\s*(?:추천(?!\s*(?:은|는|도|좀|을|이)?\s*(?:부탁|해\s*주|받을|요청|바랍|가능할|있을까|있나|드릴\s*수\s*없|못|하지\s*않|안\s*(?:해|합|드)))|선택\s*(?:방법|요령|기준|팁))|(?:verified|trusted|reliable|licensed|reputable|recommended|legitimate|safe|certified)\s+(?:cash[\s-]*out\s+)?(?:intermediar(?:y|ies)|partners?|providers?|compan(?:y|ies)|services?|brokers?|agenc(?:y|ies)|platforms?|vendors?|sites?|dealers?)/g;

const WARNING_CUES: Cue[] = [
  { id: 'caution', pattern: /주의|경고|유의|조심|당부|경보|의심/g },
  { id: 'damage', pattern: /피해/g },
  { id: 'fraud', pattern: /(?<!수)사기(?!업)|보이스\s*피싱|스미싱|피싱/g },
  { id: 'illegal', pattern: /불법|위법/g },
  { id: 'punishment', pattern: /처벌|징역|벌금|입건|검거|구속|적발|송치|형사/g, strong: true },
  { id: 'law', pattern: /정보\s*통신망\s*(?:이용|법)|정보통신망법|여신\s*전문\s*금융\s*업법|전자\s*금융\s*거래법|대부업법|제\s*72\s*조|대법원/g, strong: true },
  { id: 'authority', pattern: /금융\s*감독원|금감원|경찰청?|사이버\s*수사|방송\s*통신\s*위원회|방통위|과학\s*기술\s*정보\s*통신부|과기정통부|한국\s*인터넷\s*진흥원|kisa|한국\s*소비자원|공정\s*거래\s*위원회|검찰/g, strong: true },
  { id: 'hotline', pattern: /(?:신고|전화|상담|센터|국번\s*없이)[^\n]{0,15}?(?<![\d,.])(?:1332|182|118|1372|1388|112|114)(?![\d,%])|(?<![\d,.-])(?:1332|182|118|1372|1388|114)(?![\d,%-])\s*(?:번|로|으로|에|\))/g, strong: true },
  { id: 'never-share', pattern: /절대\s*(?:알려|공유|입력|전달|보내|말하)|알려\s*주지\s*마|요구\s*하지\s*않|(?:보내|전달|알려|입력|공유)\s*(?:주지|하지)\s*마(?:세요|십시오|시기)|속지\s*마|응하지\s*마|현혹되지|클릭\s*하지\s*마/g, strong: true },
  { id: 'news', pattern: /기자|무단\s*전재|재배포\s*금지|기사\s*입력|입력\s*\d{4}[.-]|취재|보도\s*(?:했|에\s*따르면|자료)/g, strong: true },
  { id: 'consumer-alert', pattern: /소비자\s*경보|피해\s*예방|예방\s*(?:수칙|요령|방법)|대처\s*(?:방법|요령)|피해\s*사례|피해자/g, strong: true },
  // Telling the reader not to do it at all, as no promoter would.
  { id: 'discourage', pattern: /(?:이용|거래|신청|진행|시도|연락)\s*하지\s*(?:마(?:세요|십시오|시길|시기)|않(?:는\s*것이|아야|도록))|(?:여러분은|절대|다들|제발)\s*하지\s*마(?:세요|십시오)|(?:답|답장|응답|대꾸)\s*하지\s*마(?:세요|십시오)|하지\s*않는\s*것이\s*(?:좋|바람직|안전)|절대\s*(?:하지|이용|응하)|(?:do\s+not|don'?t|never)\s+(?:use|contact|send|share|give|fall\s+for|respond|reply|click|install)|stay\s+away/g, strong: true },
  // What only a warning says: there is no safe version, block the payments, here are lawful alternatives,
  // the ad is bait.
  { id: 'no-safe-version', pattern: /안전한\s*(?:방식|방법|업체|곳|현금화|거래)\s*(?:은|는|이|가|이란|이라는\s*(?:건|것은?))?\s*(?:애초에\s*|어디에도\s*|절대\s*)?없|(?:애초에|어디에도)\s*안전한\s*[가-힣]+\s*(?:은|는|이|가)?\s*없|no\s+safe\s+(?:version|way|provider|broker|option)|there\s+is\s+no\s+(?:safe|legitimate)\s+(?:way|version|provider)/g, strong: true },
  { id: 'block-advice', pattern: /(?:소액\s*결제|휴대폰\s*결제|정보\s*이용료)[^\n]{0,20}?(?:차단|막아|막으|막는|한도\s*(?:를\s*)?(?:0|낮추|낮춰|줄이|줄여))|(?:차단|막아\s*두)[^\n]{0,10}?(?:소액\s*결제|휴대폰\s*결제)|block(?:ing)?\s+(?:your\s+)?(?:micro\s*-?payments?|carrier\s+billing|small\s+payments?|phone\s+payments?)/g, strong: true },
  { id: 'lawful-alternatives', pattern: /합법적\s*(?:인\s*)?대안|서민\s*금융|햇살론|긴급\s*(?:생계|복지)\s*지원|분할\s*납부|채무\s*조정|legal\s+alternatives?|debt\s+counsel/g, strong: true },
  { id: 'bait', pattern: /미끼|노립니다|노리는|노린\s*(?:것|수법)|함정|덫|(?:대화|연락)\s*(?:를|을)?\s*(?:끝내|끊으|끊어|멈추)|\bbait\b|\blure[sd]?\b/g, strong: true },
  { id: 'consequence', pattern: /빚|채무|추심|독촉|요금\s*폭탄|고스란히|날렸|날린|잃었|손해|\bdebts?\b|\blost\b/g },
  { id: 'english-warning', pattern: /\b(?:scams?|fraud(?:ulent|sters?)?|illegal|unlawful|victims?|warn(?:s|ed|ing)?|beware|arrest(?:ed)?|prosecut\w+|regulators?|police)\b/g },
  { id: 'english-authority', pattern: /financial\s+supervisory\s+service|\bfss\b|korea\s+internet\s*(?:&|and)\s*security\s+agency|\bkisa\b|korea\s+consumer\s+agency|korea\s+communications\s+commission|national\s+police\s+agency|\b(?:network\s+act|information\s+and\s+communications\s+network\s+act)\b/g, strong: true },
];

// Warning framing of a headline. "사기 걱정 없는", "불법 아닌", "정식 신고 업체" are an operator's reassurance.
const NOT_NEGATED = '(?!\\s*(?:걱정|우려|위험)?\\s*(?:없|no(?![a-z])|x(?![a-z])|zero|제로|0|아닌|아님|아닙|無|걱정\\s*마))';
const WARNING_FRAME = new RegExp(
  `(?:주의(?!\\s*(?:사항|할\\s*점|점))|경보|경고|유의(?!\\s*(?:사항|할\\s*점|점))|조심|속지|속으면|당했|당한|당하지|당합니다|당할|(?<!걱정\\s?|망설이|고민\\s?|주저\\s?|두려워\\s?)하지\\s*마(?:세요|십시오)|넘어가(?:면|지)|낚이|날린|날렸|잃은|잃었|손해|결말|실체|정체|민낯|수법|해부|위협|탈취|악용|범죄|후회|피해|scams?|fraud|beware|warn|victims?|traps?|debts?|danger|risks?|(?<!수)사기(?!업)|불법|위법|먹튀|처벌|징역|검거|적발|구속|송치|입건|(?<!정식\\s?|등록\\s?|판매업\\s?)신고|당부|예방|위험|미끼|함정)${NOT_NEGATED}`,
);

// Quotation of someone else's words: the span inside quotation marks, or a segment framing an ad it quotes.
const QUOTE_SPAN = /['"‘’“”「『][^'"‘’“”「」『』\n]{2,160}['"‘’“”」』]/g;
const QUOTED_WORDS = /[\uac00-\ud7a3] |[\uac00-\ud7a3]{2}/;
// Hearsay is someone else's words too: "95% 준다는 곳", "10분 안에 입금해 준대요", "합법이라더라".
const AD_FRAME =
  /(?:이?라는|이?란|같은|등의?)\s*(?:광고|문구|문자|홍보|게시\s*(?:글|물)|메시지|스팸|제목|유혹|글|말|내용)|(?:[가-힣]다는|이?라는|이?란)\s*(?:곳|업체|데|사이트|사람|분|업자)|[가-힣](?:대요|댔어요|댔는데|다더라|다던데|라더라|라던데|래요)|광고\s*(?:를|에|만)?\s*(?:보고|봤|보았|믿|접하|클릭)|(?:이?라며|이?라고|다며|다고)\s*(?:광고|홍보|유혹|속이|현혹|꼬드|안내|요구|말|했|접근)/;

const FIRST_PERSON = /저는|제가|저도|전\s|\bi\s+(?:used|tried|did)\b/;
const QUESTION = /(?:나요|까요?|가요|건가요|는지요|맞죠|[?？])\s*(?:[-|:·].*)?$/;

// Publishers of warnings, looked for where a site names itself: title, header, footer, byline.
const NEWS_MARK =
  /[가-힣]{2,4}\s*기자(?:\s*[|=]|\s*입력|\s*[a-z0-9._-]+@)|무단\s*전재|재배포\s*금지|기사\s*입력|등록\s*번호\s*[:：]?\s*[가-힣]{2}\s*(?:아|다|바)\s*\d{4,5}|인터넷\s*신문|발행\s*(?:인|·\s*편집인)|편집인|청소년\s*보호\s*책임자/;
const AGENCY_MARK =
  /금융\s*감독원|청소년\s*상담\s*복지\s*센터|금융\s*위원회|경찰청|방송\s*통신\s*위원회|과학\s*기술\s*정보\s*통신부|한국\s*인터넷\s*진흥원|한국\s*소비자원|공정\s*거래\s*위원회|소비자\s*연맹|소비자\s*단체|시민\s*단체|보도\s*(?:참고\s*)?자료|소비자\s*경보|\.go\.kr|\.or\.kr/;
const BUSINESS_HELP_MARK = /고객\s*(?:지원|센터)|도움말|자주\s*묻는\s*질문|help|faq|은행|카드사|텔레콤|통신사|사업자\s*등록\s*번호/;

// User-posted content and blog posts: where parasite ads live on unrelated sites.
const UGC_MARKS: RegExp[] = [
  /방명록|guestbook/,
  /게시판|board/,
  /작성자|글쓴이|작성일|등록일/,
  /조회\s*(?:수)?\s*[:：]?\s*\d|hit\s*[:：]?\s*\d|views?\s*[:：]?\s*\d/,
  /댓글|답글|leave\s*a\s*(?:reply|comment)|comments?/,
  /글\s*쓰기|목록|이전\s*글|다음\s*글|previous\s*post|next\s*post/,
  /posted\s*(?:by|on|in)|카테고리|category|태그\s*[:：]|tags?\s*[:：]/,
  /powered\s*by|wordpress|그누보드|gnuboard|xpress\s*engine|티스토리|tistory|네이버\s*블로그/,
  /질문\s*(?:답변|게시판)|q\s*&\s*a|지식\s*in|비밀\s*글/,
];

// Broker contacts: messenger IDs and links, handles, phone numbers next to cash-out words.
const CONTACT_TEXT =
  /(?:카톡|카카오톡?|텔레(?:그램)?|라인)\s*(?:id|아이디|상담|문의|친구\s*추가)?\s*[:：]?\s*[【\[(<«◈]?\s*@?[a-z][a-z0-9_.-]{2,24}|open\.kakao\.com\/[a-z]\/[a-z0-9]+|pf\.kakao\.com\/_?[a-z0-9]+|(?:t|telegram)\.me\/[a-z0-9_]{3,}|(?<![a-z0-9.@])@[a-z][a-z0-9_]{3,31}(?![a-z0-9_.@])|(?<!\d)01[016789]-?\d{3,4}-?\d{4}(?!\d)|(?<![@a-z0-9.-])(?:https?:\/\/)?(?:www\.)?[a-z0-9-]{0,24}(?:cash|pay|ticket|tiket|money|gift|sopay|maeip|kkang)[a-z0-9-]{0,24}\.(?:com|net|kr|co\.kr|shop|top|xyz|site|online|club|buzz|icu|me|io)(?![a-z0-9-])/g;
const MESSENGER_HREF = /open\.kakao\.com|pf\.kakao\.com|(?:^|\/\/)t\.me\/|telegram\.me/i;
const PHONE_FIELD = /휴대\s*폰|핸드폰|연락처|전화|phone|mobile|hp|tel/;
const AMOUNT_OR_CARRIER_FIELD = /금액|통신사|skt|amount|carrier|은행|계좌|입금/;
// "#소액결제현금화 #정보이용료현금화": keyword lists stuffed for search engines.
const KEYWORD = /현금화|깡|내구제|폰테크|소액\s*결제|정보\s*이용료|콘텐츠\s*이용료|상품권|기프트\s*카드/g;

// A licensed buy-back shop refuses vouchers bought by carrier billing.
const BUYBACK = /매입/;
const REFUSES_CARRIER_BILLING =
  /(?:소액\s*결제|휴대폰\s*결제|핸드폰\s*결제|정보\s*이용료|콘텐츠\s*이용료)[^\n]{0,40}?(?:불가|하지\s*않|받지\s*않|거절|제한|금지)/g;
// …and never offers carrier-billing or card cash-out itself ("소액결제현금화 ◆카톡◆"), unless to refuse it.
const CARRIER_CASHOUT_OFFER =
  /(?:소액\s*결제|휴대폰\s*결제|핸드폰\s*결제|정보\s*이용료|콘텐츠\s*이용료|신용\s*카드)\s*현금화(?![^\n]{0,40}?(?:불가|하지\s*않|받지\s*않|거절|제한|금지|안\s*됩니다|불법))/g;

const CASHOUT_TERM_ONCE = new RegExp(CASHOUT_TERM.source);
// A passage that endorses cash-out from experience ("해결했는데 별거 없었어요", "수수료도 적고 빨라서",
// "it worked and was painless"): promotion hidden in a post about something else.
const ENDORSEMENT =
  /해결했|이용했|해\s*봤|써\s*봤|진행했|받았어|별거\s*없|간단(?:해|하|했)|쉬(?:워|웠)|편하|편했|편합|깔끔|빠르|빠릅|빨라|빨랐|만족|추천|괜찮았|좋았|좋은\s*선택|도움이?\s*(?:됐|되었|돼)|수수료(?:도|는)?\s*(?:적|싸|저렴)|(?<!\d)[5-9]\d\s*(?:~\s*\d+\s*)?(?:%|프로)|\bworked\b|\beas(?:y|ier|iest)\b|\bquick(?:ly)?\b|\bfast\b|\bhelped\b|\brecommend|\bsimple\b|\bpainless\b|saved\s+me|a\s+lifesaver/;
// The page telling its reader to go and do it: no warning ever says this about cash-out itself.
const URGES_USE = /(?:이용|신청|진행|문의|상담|알아보|해\s*보)(?:하)?\s*(?:세요|십시오)|give\s+it\s+a\s+try|worth\s+(?:a\s+)?try(?:ing)?|check\s+it\s+out/;
const INSTEAD = /대신|말고|보다는|않|하지\s*마|instead|rather|don'?t|never|avoid/;
const REQUEST = /부탁|알려\s*주(?:세요|실)|있(?:나요|을까요)|[?？]/;
const REGRET = /못\s*받|사기|당했|당한|날렸|날린|잃었|피해|후회|속았|먹튀|불법|위험|scam|fraud|lost|never\s+(?:got|received|paid)|regret|illegal/;
// Carrier billing or information fees next to a buying price or a payout: an offer to turn them into cash.
const HEADLINE_OFFER =
  /(?:소액\s*결[제재]|휴대\s*(?:폰|전화)\s*결[제재]|핸드폰\s*결[제재]|정보\s*이용료|콘텐츠\s*이용료)[^\n]{0,20}?(?:최고\s*가|매입|현금|(?<!\d)[5-9]\d\s*%|(?:당일|즉시|바로)\s*입금)/g;
const PRODUCT_ONCE = new RegExp(PRODUCTS.map(([, p]) => p.source).join('|'));

const PROMINENT = new Set(['title', 'heading', 'meta']);
const isProminent = (s: Segment) => PROMINENT.has(s.kind);
/** The page's main text: not its title, meta tags or footer. */
const isBody = (s: Segment) => s.kind !== 'footer' && s.kind !== 'title' && s.kind !== 'meta';
const isHeading = (s: Segment) => s.kind === 'heading';
const isTitle = (s: Segment) => s.kind === 'title';
/** Where a site names itself, besides its header. */
const isFrame = (s: Segment) => s.kind === 'title' || s.kind === 'footer' || s.kind === 'meta';
const isFooter = (s: Segment) => s.kind === 'footer';
const TITLE_SEPARATOR = /\s+[|:\-–—>»·]{1,2}\s+|\s*[|｜]\s*/;

// ---------- matching in the page's own voice ----------

interface Hit {
  segment: Segment;
  index: number;
  length: number;
}

interface Voice {
  spans: [number, number][];
  framed: boolean;
}
const voices = new WeakMap<Segment, Voice>();

function voiceOf(segment: Segment): Voice {
  let v = voices.get(segment);
  if (!v) {
    const spans: [number, number][] = [];
    QUOTE_SPAN.lastIndex = 0;
    for (let m = QUOTE_SPAN.exec(segment.norm); m; m = QUOTE_SPAN.exec(segment.norm)) {
      // Quotation marks around a bare ID ('kk5959') are emphasis, not someone else's words.
      if (QUOTED_WORDS.test(m[0])) spans.push([m.index, m.index + m[0].length]);
    }
    // "바로페이라는 곳이 제일 무난했어요": naming a firm one used and liked is testimony, not hearsay.
    const testimony = () => FIRST_PERSON.test(segment.norm) && ENDORSEMENT.test(segment.norm) && !REGRET.test(segment.norm);
    v = { spans, framed: AD_FRAME.test(segment.norm) && !testimony() };
    voices.set(segment, v);
  }
  return v;
}

/** The hit is the page speaking, not a quotation of an ad or of someone's words. */
function ownVoice(hit: Hit): boolean {
  const v = voiceOf(hit.segment);
  if (v.framed) return false;
  return !v.spans.some(([a, b]) => hit.index >= a && hit.index + hit.length <= b);
}

function scan(segments: readonly Segment[], pattern: RegExp, accept: (h: Hit) => boolean, limit = 1): Hit[] {
  const out: Hit[] = [];
  for (const segment of segments) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(segment.norm); m; m = pattern.exec(segment.norm)) {
      if (m[0].length === 0) {
        pattern.lastIndex++;
        continue;
      }
      const h = { segment, index: m.index, length: m[0].length };
      if (accept(h)) {
        out.push(h);
        if (out.length >= limit) return out;
      }
    }
  }
  return out;
}

const any = () => true;
const first = (segments: readonly Segment[], pattern: RegExp, accept: (h: Hit) => boolean = any) => scan(segments, pattern, accept)[0] ?? null;
const evidenceOfHit = (h: Hit) => segmentEvidence(h.segment, h.index, h.index + h.length);

interface CueHit {
  id: string;
  strong: boolean;
  /** Found in the page's own voice. */
  own: boolean;
  prominent: boolean;
  /** The hit to quote: quoted only when it backs the verdict (segmentEvidence is not free). */
  quoted: Hit;
}

function cueHits(page: PageFacts, cues: readonly Cue[], voiced: boolean): CueHit[] {
  const out: CueHit[] = [];
  for (const cue of cues) {
    const segments = segmentsThatMayMatch(page, cue.pattern);
    // The first hit, and the first in the page's own voice: one pass finds both.
    let hit: Hit | null = null;
    const own = first(segments, cue.pattern, (h) => ((hit ??= h), !voiced || ownVoice(h)));
    if (!hit) continue;
    // The prominent segments the pattern may match: the others hold no hit.
    const top = first(segments.filter(isProminent), cue.pattern, voiced ? ownVoice : any);
    out.push({ id: cue.id, strong: cue.strong ?? false, own: !!own, prominent: !!top, quoted: top ?? own ?? hit });
  }
  return out;
}

// ---------- the page ----------

export const cashoutContext: (page: PageFacts) => CashoutContext = perPage('cash-out context', computeCashoutContext);

/** The title, og:title and the first heading: what the page says it is. */
function headlineSegments(page: PageFacts): Segment[] {
  const ogTitle = page.meta['og:title']?.replace(/\s+/g, ' ').trim();
  const out: Segment[] = [];
  let firstHeading: Segment | undefined;
  // Loops, not callbacks: a callback made per page is optimised anew for each page (html-parser.ts says why).
  for (const s of page.segments) {
    if (s.kind === 'title' || (s.kind === 'meta' && s.text === ogTitle)) out.push(s);
    else if (s.kind === 'heading') firstHeading ??= s;
  }
  if (firstHeading) out.push(firstHeading);
  return out;
}

const warningFramed = (segment: Segment) => WARNING_FRAME.test(segment.norm);

interface HostJudgement {
  unrelated: boolean;
  cues: string[];
  evidence: Evidence[];
}

/** Whether the site hosting the cash-out text is about something else. */
function judgeHost(page: PageFacts, cashoutSegments: ReadonlySet<Segment>): HostJudgement {
  const cues: string[] = [];
  const evidence: Evidence[] = [];
  let score = 0;
  const segments = page.segments;

  let ugc = 0;
  for (const p of UGC_MARKS) if (holdsMark(page, p, true)) ugc++;
  if (ugc >= 2) {
    score += 2;
    cues.push('user-content');
  }

  const titleSegment = segments.find(isTitle);
  if (titleSegment) {
    const parts = titleSegment.norm.split(TITLE_SEPARATOR).map((p) => p.trim()).filter((p) => p.length >= 2);
    const unrelatedParts = parts.filter((p) => !CASHOUT_VOCAB.test(p));
    if (parts.length > 0 && unrelatedParts.length === parts.length) {
      score += 2;
      cues.push('title');
      evidence.push(segmentEvidence(titleSegment));
    } else if (parts.length >= 2 && !CASHOUT_VOCAB.test(parts[parts.length - 1]!)) {
      // "Post title – Site name": the site's own name says nothing of cash-out.
      score += 1;
      cues.push('site-name');
      evidence.push(segmentEvidence(titleSegment));
    }
  }

  // Short link texts are the site's navigation (fixtures and mirrors serve pages under other hosts, so the
  // host is not compared); messenger links are the broker's, not the site's.
  const { nav, aboutCashout } = navigationLinks(page.links);
  let navCashout = 0;
  if (nav >= 3) {
    const share = aboutCashout / nav;
    navCashout = share;
    if (share < 0.2) {
      score += 1;
      cues.push('navigation');
    } else if (share >= 0.4) {
      score -= 2;
    }
  }

  const headings = segments.filter(isHeading);
  if (headings.length >= 2 && headings.filter((s) => CASHOUT_VOCAB.test(s.norm)).length / headings.length < 0.34) {
    score += 1;
    cues.push('headings');
  }

  const total = bodyChars(segments);
  const cashout = bodyChars(cashoutSegments);
  if (total > 0) {
    const share = cashout / total;
    if (share < 0.15) score += 2;
    else if (share < 0.35) score += 1;
    if (share < 0.35) cues.push('confined');
  }

  const footer = segments.filter(isFooter);
  const footerText = footer.map((s) => s.norm).join('\n');
  if (/사업자\s*등록\s*번호|상호|대표/.test(footerText) && !CASHOUT_VOCAB.test(footerText) && !CASHOUT_TERM_ONCE.test(footerText)) {
    score += 1;
    cues.push('footer-business');
    const biz = footer.find((s) => /상호|대표|사업자/.test(s.norm));
    if (biz) evidence.push(segmentEvidence(biz));
  }

  // The site's name and footer alone do not make a host unrelated (an operator's brand may say nothing of
  // cash-out): the page must also show it, by user-posted content, navigation, headings or confinement.
  const structural = cues.some((c) => c === 'user-content' || c === 'navigation' || c === 'headings' || c === 'confined');
  const unrelated = score >= 3 && navCashout < 0.4 && structural;
  return { unrelated, cues: unrelated ? cues : [], evidence };
}

function computeCashoutContext(page: PageFacts): CashoutContext {
  const segments = page.segments;
  // The page's segments that may hold a pattern's match: scanning these finds the hits scanning all would.
  const holding = (pattern: RegExp) => segmentsThatMayMatch(page, pattern);
  const headline = headlineSegments(page);

  // A thin landing page may never write 현금화: "휴대폰 소액결제 최고가 매입" in its headline says it.
  // The headline as a pitch: not framed as a warning, not asking a question.
  const pitch = headline.filter((s) => !warningFramed(s) && !QUESTION.test(s.norm));
  const headlineOffer = first(pitch, HEADLINE_OFFER, ownVoice);
  // The first cash-out term, and the first in the page's own voice: one pass finds both.
  let firstTerm: Hit | null = null;
  const firstOwnTerm = first(holding(CASHOUT_TERM), CASHOUT_TERM, (h) => ((firstTerm ??= h), ownVoice(h)));
  const term = firstTerm ?? headlineOffer;
  const ownTerm = firstOwnTerm ?? headlineOffer;
  const products = PRODUCTS.filter(([, p]) => first(holding(p), p)).map(([name]) => name);

  const promo = cueHits(page, PROMO_CUES, true);
  const warn = cueHits(page, WARNING_CUES, false);

  // Cash-out in the headline, framed as an offer ("소액결제 현금화 1위") or as a warning ("…광고에 속지 마세요").
  const headlineWarn = headline.find(warningFramed) ?? null;
  // A headline that asks ("…믿어도 되나요?") is a question about an offer, not the offer.
  const headlinePromo = first(pitch, CASHOUT_TERM, ownVoice) ?? headlineOffer;

  // Broker contacts in the page's own voice, and whether they sit next to cash-out words.
  const contactHits = scan(holding(CONTACT_TEXT), CONTACT_TEXT, (h) => (ownVoice(h) && h.segment.kind !== 'footer') || isBrokerFooter(h), 8);
  const offsite = offsiteHosts(page);
  const messengerLinks = brokerLinks(page.links, offsite);
  const contacts: Evidence[] = dedupe([
    ...contactHits.map(evidenceOfHit),
    ...messengerLinks.slice(0, 2).map((l): Evidence => ({ source: 'link', excerpt: l.href, location: l.text || 'link' })),
  ]).slice(0, 4);
  const contactIds = [
    ...contactHits.map((h) => quoteOriginal(h.segment.text, h.index, h.index + h.length, 0).replace(/^…|…$/g, '')),
    ...messengerLinks.map((l) => l.href),
  ].filter((id, i, all) => all.indexOf(id) === i);
  const withTerm = contactHits.filter((h) => CASHOUT_TERM_ONCE.test(h.segment.norm));
  const termWithContact = withTerm.find((h) => h.segment.kind !== 'title' && h.segment.kind !== 'meta') ?? withTerm[0] ?? null;

  // Keyword stuffing: several cash-out keywords making up much of one segment.
  const stuffed = holding(KEYWORD).find((s) => {
    if (s.kind === 'title') return false;
    KEYWORD.lastIndex = 0;
    let count = 0;
    let chars = 0;
    for (let m = KEYWORD.exec(s.norm); m; m = KEYWORD.exec(s.norm)) {
      count++;
      chars += m[0].length;
      if (count >= 12) break;
    }
    return count >= 5 && chars / s.norm.length >= 0.3 && ownVoice({ segment: s, index: 0, length: 0 });
  });

  const applicationForm = page.forms.some(
    (f) => f.fields.some((x) => PHONE_FIELD.test(x.norm) || x.type === 'tel') && f.fields.some((x) => AMOUNT_OR_CARRIER_FIELD.test(x.norm)),
  );

  const ownCues = promo.filter((c) => c.own);
  const source = warningSourceOf(page);
  // A newspaper's or an agency's headline names its subject; it does not sell it.
  const publisher = source === 'news' || source === 'agency';
  let promoScore = ownCues.length + (headlinePromo && !publisher ? 3 : 0) + (applicationForm ? 1 : 0);
  if (messengerLinks.length > 0 && !ownCues.some((c) => c.id === 'messenger-contact')) promoScore += 1;
  if (termWithContact) promoScore += 2;
  if (stuffed) promoScore += 2;

  const strong = warn.filter((c) => c.strong).length;
  const framed = !!headlineWarn || publisher;
  const warnScore = warn.length + strong + (headlineWarn ? 3 : 0) + (publisher ? 2 : 0);
  // Without a warning headline or a publisher, a warning must outweigh the offer twice over: an operator's
  // "불법업체 주의" box carries hotlines and "절대 알려주지 마세요" too, but its headline sells.
  // A page that is not an operator's (no contact, form or call to apply of its own) warns when its warning
  // cues at least match its promotional ones: a victim's story, a red-flag list under a 유의사항 heading.
  const operatorAsks = contactHits.length > 0 || messengerLinks.length > 0 || applicationForm || ownCues.some((c) => c.id === 'apply');
  const warnsInForm =
    (strong >= 1 && warnScore >= 4 && (framed ? warnScore >= promoScore : warnScore >= 2 * promoScore)) ||
    (!operatorAsks && (strong >= 1 || !!headlineWarn) && warnScore >= 4 && warnScore >= promoScore);
  // A warning in substance recommends no cash-out firm: "how to avoid scams" that ends with a "verified"
  // firm, a broker's contact or link is the broker's advertisement.
  // A recommendation is a sentence that directs the reader; the phrase alone (a table cell or list item of
  // what ads claim) is a quotation. Promotions live on local-news sites too, so a publisher's page is not exempt.
  // …and a sentence that asks for one ("안전한 업체 추천 부탁드립니다") recommends nothing.
  const recommendationHit = first(holding(RECOMMEND), RECOMMEND, (h) => ownVoice(h) && h.segment.norm.length > h.length + 6 && !REQUEST.test(h.segment.norm));
  // Only segments that may hold a cash-out term can give one: the others are not read.
  const mayHoldTerm = new Set(holding(CASHOUT_TERM));
  const urging = holding(URGES_USE).filter((s) => mayHoldTerm.has(s) && s.kind !== 'title' && s.kind !== 'link' && URGES_USE.test(s.norm) && !INSTEAD.test(s.norm));
  const urges = first(urging, CASHOUT_TERM, ownVoice);
  // A phone number (a form's placeholder, a company's line) recommends no one; a messenger ID or a broker's
  // link does.
  const brokerContacts = contactHits.filter((h) => h.segment.form === undefined && !/^[\d\s-]+$/.test(h.segment.norm.slice(h.index, h.index + h.length)));
  const recommends = !!recommendationHit || !!urges || brokerContacts.length > 0 || messengerLinks.length > 0;
  const disguised = warnsInForm && recommends && !!term;
  const warning = warnsInForm && !disguised;
  const subject = isSubject(page, headline);

  const buyback =
    !warning &&
    products.includes('voucher') &&
    !!first(holding(BUYBACK), BUYBACK) &&
    !!first(holding(REFUSES_CARRIER_BILLING), REFUSES_CARRIER_BILLING) &&
    !first(holding(CARRIER_CASHOUT_OFFER), CARRIER_CASHOUT_OFFER, ownVoice);
  const mentions = !!term;
  // An article whose subject is cash-out and that does not warn in substance is promotion, however few
  // contacts or sales cues it carries: it is the funnel ("what it is, methods, fees, benefits").
  // A headline that asks about cash-out ("수수료는 왜 비쌀까") heads an analysis or a question: only a
  // recommendation makes it promotion.
  const asks = headline.some((h) => QUESTION.test(h.norm) && CASHOUT_TERM_ONCE.test(h.norm));
  const subjectPromotion = subject && (recommends || (ownCues.length > 0 && !asks));
  // An own-voice passage that endorses cash-out, on a page with no strong warning at all.
  const endorsing = strong === 0 && !headlineWarn ? holding(ENDORSEMENT).filter((s) => mayHoldTerm.has(s) && s.kind !== 'title' && ENDORSEMENT.test(s.norm) && !REGRET.test(s.norm)) : [];
  const endorsement = first(endorsing, CASHOUT_TERM, ownVoice);
  // Links whose anchor is the keyword itself, to another site or a search page: planted for search engines.
  const keywordLink = firstKeywordLink(page.links, offsite);
  // A question about cash-out answered with a firm or a contact ("카톡 아이디 … 로 연락해 보세요") is promotion.
  const answeredWithFirm = asks && recommends;
  const promotes =
    mentions && !warning && !buyback && !!ownTerm && (promoScore >= 3 || subjectPromotion || disguised || !!keywordLink || !!endorsement || !!urges || answeredWithFirm);

  let host: HostJudgement = { unrelated: false, cues: [], evidence: [] };
  if (promotes) {
    const cashoutSegments = new Set<Segment>();
    for (const s of holding(CASHOUT_TERM_ONCE)) if (CASHOUT_TERM_ONCE.test(s.norm)) cashoutSegments.add(s);
    for (const s of holding(PRODUCT_ONCE)) if (PRODUCT_ONCE.test(s.norm)) cashoutSegments.add(s);
    for (const h of contactHits) cashoutSegments.add(h.segment);
    host = judgeHost(page, cashoutSegments);
  }
  // The operator's own page carries its contact, an application form or a call to apply; a page that only
  // talks the reader into cash-out, or recommends someone else, is promotion.
  const isPromo = promotes && (host.unrelated || disguised || answeredWithFirm || !operatorAsks || ((!!keywordLink || !!endorsement || !!urges) && !subject));
  const offers = promotes && !isPromo;

  const kind: CashoutKind = warning ? 'warning' : buyback ? 'buyback' : isPromo ? 'promo' : offers ? 'offer' : mentions ? 'mention' : 'none';

  const evidence: Evidence[] = [];
  if (offers) {
    evidence.push(evidenceOfHit(headlinePromo ?? ownTerm!));
    for (const c of ownCues.slice(0, 3)) evidence.push(evidenceOfHit(c.quoted));
    if (messengerLinks[0]) evidence.push({ source: 'link', excerpt: messengerLinks[0].href, location: messengerLinks[0].text || 'link' });
  } else if (isPromo && !termWithContact && !stuffed) {
    // An article or a disguised warning: what it is about, how it sells, and whom it recommends.
    if (disguised && headlineWarn) evidence.push(segmentEvidence(headlineWarn));
    evidence.push(evidenceOfHit(headlinePromo ?? ownTerm!));
    if (recommendationHit) evidence.push(evidenceOfHit(recommendationHit));
    const link = messengerLinks[0];
    if (link) evidence.push({ source: 'link', excerpt: link.href, location: link.text || 'link' });
    if (contactHits[0]) evidence.push(evidenceOfHit(contactHits[0]));
    if (endorsement) evidence.push(evidenceOfHit(endorsement));
    if (urges) evidence.push(evidenceOfHit(urges));
    if (keywordLink) evidence.push({ source: 'link', excerpt: keywordLink.href, location: `link "${keywordLink.text.trim()}"` });
    for (const c of ownCues.slice(0, 2)) evidence.push(evidenceOfHit(c.quoted));
  } else if (isPromo) {
    // The ad itself (from the cash-out term to the contact next to it), then other contacts, then the host.
    const used = new Set<Segment>();
    if (termWithContact) {
      const t = first([termWithContact.segment], CASHOUT_TERM)!;
      const from = Math.min(t.index, termWithContact.index);
      const to = Math.max(t.index + t.length, termWithContact.index + termWithContact.length);
      evidence.push(segmentEvidence(termWithContact.segment, from, to));
      used.add(termWithContact.segment);
    } else {
      evidence.push(evidenceOfHit(headlinePromo ?? ownTerm!));
      used.add((headlinePromo ?? ownTerm!).segment);
    }
    if (stuffed && !used.has(stuffed)) {
      evidence.push(segmentEvidence(stuffed, 0, Math.min(stuffed.norm.length, 40)));
      used.add(stuffed);
    }
    const elsewhere = contactHits.filter((h) => !used.has(h.segment) && (used.add(h.segment), true)).map(evidenceOfHit);
    const links = messengerLinks.map((l): Evidence => ({ source: 'link', excerpt: l.href, location: l.text || 'link' }));
    evidence.push(...[...elsewhere, ...links].slice(0, 2));
  } else if (warning) {
    if (headlineWarn) evidence.push(segmentEvidence(headlineWarn));
    for (const c of [...warn].sort((a, b) => Number(b.strong) - Number(a.strong)).slice(0, 4)) evidence.push(evidenceOfHit(c.quoted));
  } else if (buyback) {
    const refusal = first(holding(REFUSES_CARRIER_BILLING), REFUSES_CARRIER_BILLING);
    if (refusal) evidence.push(evidenceOfHit(refusal));
  } else if (term) {
    evidence.push(evidenceOfHit(term));
  }

  return {
    kind,
    offers,
    promotes,
    warning,
    buyback,
    mentions,
    products,
    strength: Math.min(1, promoScore / 8),
    promoCues: promo.map((c) => c.id),
    ownPromoCues: ownCues.map((c) => c.id),
    warningCues: warn.map((c) => c.id),
    warningSource: warning ? source : null,
    hostCues: host.cues,
    contacts: promotes ? contacts : [],
    contactIds: promotes ? contactIds.slice(0, 4) : [],
    evidence: dedupe([...evidence, ...(isPromo ? host.evidence.slice(0, 1) : [])]),
    subject,
    recommendation: recommendationHit ? evidenceOfHit(recommendationHit) : null,
    disguised: disguised && promotes,
  };
}

/** Cash-out in the headline (in the page's own voice, not as a question), or in much of the main text. */
function isSubject(page: PageFacts, headline: readonly Segment[]): boolean {
  if (first(headline.filter((s) => !QUESTION.test(s.norm)), CASHOUT_TERM, ownVoice)) return true;
  const total = bodyChars(page.segments);
  const about = scan(segmentsThatMayMatch(page, CASHOUT_TERM).filter(isBody), CASHOUT_TERM, ownVoice, 64);
  const segments = new Set(about.map((h) => h.segment));
  const share = [...segments].reduce((n, s) => n + s.norm.length, 0) / Math.max(1, total);
  return about.length >= 3 && segments.size >= 2 && share >= 0.25;
}

/** Whether a segment (not the title, when asked) holds the mark. */
function holdsMark(page: PageFacts, mark: RegExp, notInTitle: boolean): boolean {
  for (const s of segmentsThatMayMatch(page, mark)) if (!(notInTitle && s.kind === 'title') && mark.test(s.norm)) return true;
  return false;
}

/** How many links are navigation (short texts, not messenger links), and how many of those name cash-out. */
function navigationLinks(links: readonly PageLink[]): { nav: number; aboutCashout: number } {
  let nav = 0;
  let aboutCashout = 0;
  for (const l of links) {
    const text = l.text.trim();
    if (text.length === 0 || text.length > 20 || MESSENGER_HREF.test(l.href)) continue;
    nav++;
    if (CASHOUT_VOCAB.test(l.text.toLowerCase())) aboutCashout++;
  }
  return { nav, aboutCashout };
}

function bodyChars(segments: Iterable<Segment>): number {
  let n = 0;
  for (const s of segments) if (isBody(s)) n += s.norm.length;
  return n;
}

// A link off the site whose text or address names cash-out: the broker's own site.
const BROKER_LINK_TEXT = /현금화|깡|내구제|폰테크|소액\s*결제|정보\s*이용료/;
const BROKER_LINK_HOST = /cash|sopay|maeip|kkang|pay\d|ticket\d|money\d|\d(?:pay|cash|ticket)/;
/** Each link's host (without www.) when it leads off the site, else null. The site is the page's host and the
 *  host most of its links go to (mirrors and fixtures serve pages under other names). */
function offsiteHosts(page: PageFacts): (string | null)[] {
  // Counted by runs: most links in a row go to one host (the same string), counted once a run.
  const hosts = linkHostnames(page);
  const count = new Map<string, number>();
  for (let i = 0; i < hosts.length; ) {
    const raw = hosts[i]!;
    let end = i + 1;
    while (end < hosts.length && hosts[end] === raw) end++;
    const h = withoutWww(raw);
    if (h) count.set(h, (count.get(h) ?? 0) + end - i);
    i = end;
  }
  const dominant = [...count.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const own = new Set([withoutWww(hostnameOf(page.url)), dominant].filter((h): h is string => !!h));
  const out = new Array<string | null>(hosts.length);
  let raw: string | null | undefined;
  let offsite: string | null = null;
  for (let i = 0; i < hosts.length; i++) {
    if (hosts[i] !== raw) {
      raw = hosts[i]!;
      const h = withoutWww(raw);
      offsite = h && !own.has(h) ? h : null;
    }
    out[i] = offsite;
  }
  return out;
}

const withoutWww = (host: string | null) => (host?.startsWith('www.') ? host.slice(4) : host);

const SEARCH_QUERY = /[?&](?:q|query|search|keyword|kw|wd|text)=([^&#]*)/i;
const KEYWORD_ANCHOR = new RegExp(`^\\s*(?:${CASHOUT_TERM.source})|(?:${CASHOUT_TERM.source})\\s*$`);

/** An off-site link whose text is the cash-out keyword, or a search page queried for it. */
function isKeywordLink(link: PageLink, offsiteHost: string | null): boolean {
  if (!offsiteHost) return false;
  const text = link.text.trim().toLowerCase();
  if (text.length > 0 && text.length <= 30 && KEYWORD_ANCHOR.test(text)) return true;
  const query = SEARCH_QUERY.exec(link.href)?.[1];
  if (!query) return false;
  let decoded = query;
  try {
    decoded = decodeURIComponent(query.replace(/\+/g, ' '));
  } catch {
    /* a malformed escape: match the raw query */
  }
  return CASHOUT_TERM_ONCE.test(decoded.toLowerCase());
}

// The loops over links are functions of their own: a loop in computeCashoutContext made V8 compile that whole
// function (about 190 ms of compiler time, once per few pages) where these small ones compile once.
function brokerLinks(links: readonly PageLink[], offsite: readonly (string | null)[]): PageLink[] {
  const out: PageLink[] = [];
  for (let i = 0; i < links.length; i++) if (MESSENGER_HREF.test(links[i]!.href) || isBrokerLink(links[i]!, offsite[i]!)) out.push(links[i]!);
  return out;
}

function firstKeywordLink(links: readonly PageLink[], offsite: readonly (string | null)[]): PageLink | null {
  for (let i = 0; i < links.length; i++) if (isKeywordLink(links[i]!, offsite[i]!)) return links[i]!;
  return null;
}

function isBrokerLink(link: PageLink, offsiteHost: string | null): boolean {
  if (!offsiteHost) return false;
  return BROKER_LINK_TEXT.test(link.text) || BROKER_LINK_HOST.test(offsiteHost);
}

/** A contact in the footer counts when the footer is the operator's own ("카톡 ID : paymoney24"). */
function isBrokerFooter(h: Hit): boolean {
  return h.segment.kind === 'footer' && /카톡|카카오|텔레|open\.kakao|t\.me/.test(h.segment.norm.slice(Math.max(0, h.index - 2), h.index + h.length));
}

function warningSourceOf(page: PageFacts): WarningSource {
  const segments = page.segments;
  // Counted up to two: all that is asked.
  let newsMarks = 0;
  for (const s of segmentsThatMayMatch(page, NEWS_MARK)) if (NEWS_MARK.test(s.norm) && ++newsMarks >= 2) break;
  if (newsMarks >= 2 || (newsMarks >= 1 && page.meta['og:type'] === 'article')) return 'news';
  // Where a site names itself: title, meta, footer, and the header before the first heading.
  const firstHeading = segments.findIndex(isHeading);
  const frameText = [...segments.filter(isFrame), ...segments.slice(0, Math.min(firstHeading >= 0 ? firstHeading : 3, 6))].map((s) => s.norm).join('\n');
  if (AGENCY_MARK.test(frameText)) return 'agency';
  let ugcMarks = 0;
  for (const p of UGC_MARKS) if (holdsMark(page, p, false) && ++ugcMarks >= 2) return 'community';
  if (BUSINESS_HELP_MARK.test(frameText)) return 'business';
  return 'other';
}

function dedupe(evidence: Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return evidence.filter((e) => (seen.has(e.excerpt) ? false : (seen.add(e.excerpt), true)));
}
