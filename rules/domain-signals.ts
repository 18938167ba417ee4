// What the domain name itself says. Operators pick keyword names (cash, pay, ticket, 119, 24; Korean IDN
// names like …티켓.com), TLDs that government warnings single out (.top, .shop), free site builders, and
// names borrowing payment, carrier and voucher brands. A name is weak evidence alone: the TLD and the
// builder count only together with cash-out content or a keyword, so a new .shop candle store stays clear.
import { cashoutContext } from '../src/analysis/cashout-context.js';
import type { Evidence, Facts, Rule, RuleFinding, UrlFacts } from '../src/engine/types.js';
import { DEFAULT_POINTS } from './weights.js';

// ASCII keywords of cash-out names (romanised 현금 / 소액 / 매입 / 깡 / 내구제 / 폰테크).
const KEYWORD = /cash(?!mere|ew)|hyu?n-?k?g?eum|hyeon-?k?g?eum|sopay|soaek|soaeg|sogyeol|giftcash|giftmoney|maeip|maeib|kkang|ggang|naeguje|pontech|phonetech|phontech|poncash|phonecash/;
// Two of these words together ("payticket", "moneycard-pay"), one of them about money.
const COMBO_WORDS = /pay|ticket|tiket|money|card|phone|gift/g;
const MONEY_WORDS = new Set(['pay', 'ticket', 'tiket', 'money']);
// "pay24", "ticket119", "365cash": the round-the-clock numbers next to a money word.
const NUMBER_COMBO = /(?:pay|cash|ticket|tiket|money|phone|card|gift)[-_]?(?:119|24|365|1004)|(?:119|24|365|1004)[-_]?(?:pay|cash|ticket|tiket|money|phone|card|gift)/;
const IDN_KEYWORD = /현금|티켓|상품권|소액|깡|매입|캐시|페이|내구제|폰테크|정보이용료/;

const RISKY_TLDS = new Set(['top', 'shop', 'xyz', 'site', 'online', 'club', 'buzz', 'icu']);

const FREE_BUILDERS = [
  'isweb.co.kr',
  'wixsite.com',
  'weebly.com',
  'blogspot.com',
  'github.io',
  'imweb.me',
  'mycafe24.com',
  'netlify.app',
  'vercel.app',
  'pages.dev',
  'wordpress.com',
];

interface Brand {
  name: string;
  ko: string;
  /** ASCII spellings, matched as a token or a token's start/end. */
  ascii: string[];
  /** Korean spellings in IDN labels. */
  hangul: string[];
  /** Registrable domains the brand owns. */
  owns: string[];
}

const BRANDS: Brand[] = [
  { name: 'KakaoPay', ko: '카카오페이', ascii: ['kakaopay', 'kakao-pay'], hangul: ['카카오페이'], owns: ['kakaopay.com', 'kakao.com', 'kakaocorp.com'] },
  { name: 'Toss', ko: '토스', ascii: ['toss'], hangul: ['토스'], owns: ['toss.im', 'tosspayments.com', 'tossbank.com', 'tossinvest.com'] },
  { name: 'Naver Pay', ko: '네이버페이', ascii: ['naverpay', 'naver-pay'], hangul: ['네이버페이'], owns: ['naver.com', 'naverfincorp.com'] },
  { name: 'Danal', ko: '다날', ascii: ['danal'], hangul: ['다날'], owns: ['danal.co.kr', 'danal.com', 'danalpay.com'] },
  { name: 'PAYCO', ko: '페이코', ascii: ['payco'], hangul: ['페이코'], owns: ['payco.com'] },
  { name: 'KG Mobilians', ko: 'KG모빌리언스', ascii: ['mobilians', 'kgmobilians'], hangul: ['모빌리언스'], owns: ['mobilians.co.kr', 'kgmobilians.com'] },
  { name: 'Cultureland', ko: '컬쳐랜드', ascii: ['cultureland', 'culture-land'], hangul: ['컬쳐랜드', '컬처랜드'], owns: ['cultureland.co.kr'] },
  { name: 'Happymoney', ko: '해피머니', ascii: ['happymoney', 'happy-money'], hangul: ['해피머니'], owns: ['happymoney.co.kr'] },
  { name: 'Book n Life', ko: '북앤라이프', ascii: ['booknlife', 'book-n-life'], hangul: ['북앤라이프'], owns: ['booknlife.com', 'booknlife.co.kr'] },
  { name: 'SK Telecom T world', ko: 'SKT 티월드', ascii: ['tworld', 't-world', 'sktelecom'], hangul: ['티월드'], owns: ['tworld.co.kr', 'sktelecom.com', 'sktmembership.co.kr'] },
  { name: 'KT', ko: 'KT', ascii: ['ktmobile', 'kt-mobile', 'ktshop'], hangul: [], owns: ['kt.com', 'ktmmobile.com', 'ktshop.co.kr'] },
  { name: 'LG U+', ko: 'LG유플러스', ascii: ['lguplus', 'uplus'], hangul: ['유플러스'], owns: ['lguplus.com', 'uplus.co.kr'] },
  { name: 'Google Play', ko: '구글 플레이', ascii: ['googleplay', 'google-play', 'gplay'], hangul: ['구글플레이', '구글기프트'], owns: ['google.com', 'google.co.kr'] },
];
// What may be glued to a brand in a look-alike name: "toss-cash", "danalpay24", "paycogift".
const BRAND_AFFIX = /^(?:pay|cash|money|ticket|tiket|gift|card|kr|korea|shop|store|center|help|event|mall|service|s|\d{1,4}){0,3}$/;

/** The labels that name the site: the registrable label, or the site's own label on a free builder. */
function nameLabels(url: UrlFacts): { ascii: string; unicode: string; builder: string | null } | null {
  if (url.isIp || !url.domain) return null;
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  const labels = host.split('.');
  const unicodeLabels = url.hostnameUnicode.toLowerCase().replace(/\.$/, '').split('.');
  const builder = FREE_BUILDERS.find((b) => host.endsWith(`.${b}`)) ?? null;
  let take: number;
  if (builder) {
    take = labels.length - builder.split('.').length; // every label left of the builder's domain
  } else {
    take = url.domain.split('.').length - (url.publicSuffix ? url.publicSuffix.split('.').length : 1);
  }
  if (take <= 0) return null;
  const from = builder ? 0 : labels.length - url.domain.split('.').length;
  const pick = (ls: string[]) => ls.slice(from, from + take).filter((l) => l !== 'www').join('.');
  const unicode = unicodeLabels.length === labels.length ? pick(unicodeLabels) : pick(labels);
  return { ascii: pick(labels), unicode, builder };
}

function hostEvidence(url: UrlFacts, location: string): Evidence {
  const excerpt = url.hostnameUnicode && url.hostnameUnicode !== url.hostname ? `${url.hostnameUnicode} (${url.hostname})` : url.hostname;
  return { source: 'url', excerpt, location };
}

function findKeyword(ascii: string, unicode: string): string | null {
  const idn = unicode !== ascii ? IDN_KEYWORD.exec(unicode) : null;
  if (idn) return idn[0];
  const direct = KEYWORD.exec(ascii);
  if (direct) return direct[0];
  const number = NUMBER_COMBO.exec(ascii);
  if (number) return number[0];
  const words = new Set<string>();
  COMBO_WORDS.lastIndex = 0;
  for (let m = COMBO_WORDS.exec(ascii); m; m = COMBO_WORDS.exec(ascii)) words.add(m[0]);
  if (words.size >= 2 && [...words].some((w) => MONEY_WORDS.has(w))) return [...words].join('+');
  return null;
}

function findBrand(url: UrlFacts, ascii: string, unicode: string): Brand | null {
  const domain = url.domain!.toLowerCase();
  const tokens = ascii.split(/[.]/).flatMap((label) => [label, ...label.split(/[-_]/)]);
  for (const brand of BRANDS) {
    if (brand.owns.some((d) => domain === d || domain.endsWith(`.${d}`))) continue;
    const asciiHit = brand.ascii.some((b) =>
      tokens.some((t) => {
        if (t === b) return true;
        if (t.startsWith(b) && BRAND_AFFIX.test(t.slice(b.length))) return true;
        return t.endsWith(b) && BRAND_AFFIX.test(t.slice(0, t.length - b.length));
      }),
    );
    if (asciiHit || brand.hangul.some((h) => unicode.includes(h))) return brand;
  }
  return null;
}

export const rule: Rule = {
  meta: {
    id: 'domain-signals',
    title: { en: 'Domain name', ko: '도메인 이름' },
    description: {
      en: 'What the domain name says: cash-out keywords (cash, pay+ticket, 119/24/365, Korean 현금·티켓·상품권 in IDN names), names borrowing payment, carrier or voucher brands on domains the brands do not own, and—only together with cash-out content or a keyword—TLDs favoured by these operators (.top, .shop, .xyz…) and free site builders.',
      ko: '도메인 이름을 봅니다. 현금화 키워드(cash, pay+ticket, 119·24·365, 한글 도메인의 현금·티켓·상품권), 결제·통신·상품권 브랜드를 흉내 낸 남의 도메인, 그리고 현금화 내용이나 키워드가 함께 있을 때만 운영자들이 즐겨 쓰는 최상위 도메인(.top, .shop, .xyz 등)과 무료 홈페이지 빌더를 따집니다.',
    },
    needs: [],
    signals: {
      'cashout-keyword': {
        points: DEFAULT_POINTS['domain-signals/cashout-keyword'],
        message: {
          en: 'The domain name {host} contains the cash-out keyword "{keyword}"{idn_en}',
          ko: '도메인 이름 {host}에 현금화 키워드 "{keyword}"가 들어 있습니다{idn_ko}',
        },
      },
      'risky-tld': {
        points: DEFAULT_POINTS['domain-signals/risky-tld'],
        message: {
          en: 'A cash-out site on the .{tld} domain, a TLD that government warnings single out and these operators favour',
          ko: '현금화 사이트가 정부 경고에서 지목되고 현금화 업자들이 즐겨 쓰는 .{tld} 도메인을 씁니다',
        },
      },
      'brand-lookalike': {
        points: DEFAULT_POINTS['domain-signals/brand-lookalike'],
        message: {
          en: 'The domain name {host} borrows the {brand_en} brand, but {brand_en} does not own this domain',
          ko: '도메인 이름 {host}이(가) {brand_ko} 브랜드를 흉내 내지만 {brand_ko}의 도메인이 아닙니다',
        },
      },
      'free-builder': {
        points: DEFAULT_POINTS['domain-signals/free-builder'],
        message: {
          en: 'Cash-out content on a free site-builder address ({builder}): throw-away sites that need no registration',
          ko: '무료 홈페이지 빌더 주소({builder})에서 현금화를 다룹니다. 등록 없이 만들고 버리는 사이트입니다',
        },
      },
    },
  },

  evaluate(facts: Facts) {
    const url = facts.url;
    const names = nameLabels(url);
    if (!names) return [];
    const findings: RuleFinding[] = [];
    const host = url.hostnameUnicode && url.hostnameUnicode !== url.hostname ? url.hostnameUnicode : url.hostname;
    const promotes = facts.page ? cashoutContext(facts.page).promotes : false;

    const keyword = findKeyword(names.ascii, names.unicode);
    if (keyword) {
      const idn = names.unicode !== names.ascii;
      findings.push({
        signal: 'cashout-keyword',
        vars: {
          host,
          keyword,
          idn_en: idn ? ` (a Korean IDN name, ${url.hostname} in punycode)` : '',
          idn_ko: idn ? ` (한글 도메인, 퓨니코드 ${url.hostname})` : '',
        },
        evidence: [hostEvidence(url, names.builder ? 'hostname' : 'registrable domain')],
      });
    }

    const brand = findBrand(url, names.ascii, names.unicode);
    if (brand) {
      findings.push({
        signal: 'brand-lookalike',
        vars: { host, brand_en: brand.name, brand_ko: brand.ko },
        evidence: [hostEvidence(url, 'registrable domain')],
      });
    }

    const tld = (url.publicSuffix ?? '').toLowerCase();
    if (RISKY_TLDS.has(tld) && (promotes || keyword)) {
      findings.push({ signal: 'risky-tld', vars: { tld }, evidence: [hostEvidence(url, 'top-level domain')] });
    }

    if (names.builder && promotes) {
      findings.push({ signal: 'free-builder', vars: { builder: names.builder }, evidence: [hostEvidence(url, 'hostname')] });
    }
    return findings;
  },
};

export default rule;
