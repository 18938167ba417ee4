// scamscore's page for people. Everything a scanned site wrote (titles, excerpts, identifiers, URLs) is
// attacker-written: it only ever enters the page through lit-html bindings, which make text nodes and
// attribute values, never markup. Links to scanned sites are never rendered as links until the person asks.
import { html, svg, render, nothing } from './vendor/lit-html.js';

const LANG_KEY = 'scamscore.lang';
const API_KEY = 'scamscore.apiKey';

const T = {
  ko: {
    title: 'scamscore — 소액결제 현금화 사기 사이트 검사',
    skip: '본문으로 건너뛰기',
    navCheck: '사이트 검사',
    navBatch: '여러 사이트 검사',
    switchLang: 'English',
    switchLangLabel: 'Switch to English',
    urlLabel: '검사할 사이트 주소 (URL)',
    urlHint: '예: http://example.com/ — 사이트에 직접 접속하지 않고 이 서버가 대신 확인합니다.',
    htmlToggle: 'HTML을 직접 붙여넣기 (선택)',
    htmlLabel: '페이지 HTML',
    check: '검사하기',
    checking: '검사 중입니다… 사이트와 도메인 정보를 확인하고 있습니다 (최대 15초).',
    done: '검사가 끝났습니다.',
    score: '점수',
    bands: { low: '위험 낮음', medium: '위험 보통', high: '위험 높음', critical: '위험 매우 높음', unknown: '확인 불가' },
    notChecked: '확인 불가: 이 사이트를 제대로 확인하지 못했습니다. 안전하다는 뜻이 아닙니다.',
    incomplete: '일부만 확인했습니다. 확인하지 못한 항목이 있으니 결과를 안전하다는 뜻으로 보지 마세요.',
    summary: '요약',
    showOther: 'Show in English',
    showOwn: '한국어로 보기',
    nextSteps: '다음에 할 일',
    steps: [
      ['1332', '금융감독원 (불법 사금융·피해 상담)'],
      ['182', '경찰청 사이버수사 (사기 신고)'],
      ['118', 'KISA 한국인터넷진흥원 (불법 사이트·스팸 신고)'],
      ['114', '이용 중인 통신사 고객센터 (소액결제 차단·한도 조정)'],
    ],
    stepsNote: '인증번호, 신분증, 비밀번호는 누구에게도 보내지 마세요.',
    target: '검사한 주소',
    finalUrl: '최종 주소',
    openSite: '사이트 열기…',
    openWarn: '이 사이트는 사기 사이트일 수 있습니다. 개인정보나 인증번호를 입력하지 마세요. 정말 여시겠습니까?',
    openAnyway: '새 창에서 열기',
    cancel: '취소',
    findings: '발견된 근거',
    noFindings: '점수를 올린 근거가 없습니다.',
    points: '점',
    evidence: '근거',
    sources: { text: '본문', form: '입력 양식', link: '링크', meta: '제목·메타', url: '주소', whois: 'WHOIS', header: '응답 헤더', rdap: 'RDAP' },
    unavailable: '실행하지 못한 검사',
    allRan: '모든 검사가 실행되었습니다.',
    why: '이유',
    indicators: '발견된 식별자',
    indicatorKinds: { phone: '전화번호', 'bank-account': '계좌번호', kakao: '카카오톡 ID', 'open-chat': '오픈채팅', telegram: '텔레그램', email: '이메일', link: '링크', line: 'LINE', wechat: 'WeChat' },
    noIndicators: '식별자가 없습니다.',
    history: '이 사이트의 기록',
    related: '관련 도메인',
    noRelated: '관련 도메인이 없습니다.',
    domainInfo: '도메인 정보',
    registered: '등록일',
    age: '도메인 나이',
    days: '일',
    registrar: '등록 대행자',
    unknownValue: '알 수 없음',
    scannedAt: '검사 시각',
    verdictAnalyst: '분석가 판정',
    verdicts: { scam: '사기', legitimate: '정상' },
    report: '신고 기록하기',
    reportKind: '신고 종류',
    reportKinds: { victim: '피해', attempt: '피해 시도', suspicious: '의심', spam: '스팸' },
    reportChannel: '접수 경로',
    channels: { phone: '전화', web: '웹', email: '이메일', 'in-person': '방문' },
    reportNote: '메모 (공개되지 않음)',
    reportAmount: '피해 금액 (원, 선택)',
    reportSubmit: '신고 기록',
    reported: '신고가 기록되었습니다. 번호',
    siteTitle: '사이트 기록',
    firstSeen: '처음 확인',
    lastSeen: '마지막 확인',
    scans: '검사 횟수',
    reportsCount: '최근 90일 신고',
    chart: '검사별 점수 변화',
    changes: '바뀐 점',
    noChanges: '바뀐 점 없음',
    firstScan: '첫 검사',
    added: '추가',
    removed: '사라짐',
    moved: '점수 변경',
    pageChanged: '페이지 내용이 바뀜',
    indicatorsAdded: '새 식별자',
    indicatorsRemoved: '사라진 식별자',
    whoisChanged: 'WHOIS 변경',
    redirectsChanged: '리디렉션 변경',
    open: '열기',
    indicatorTitle: '식별자를 사용한 도메인',
    domain: '도메인',
    latest: '최근 결과',
    loading: '불러오는 중…',
    error: '문제가 생겼습니다',
    analyst: '분석가 (API 키 필요)',
    apiKey: 'API 키',
    apiKeyHint: '이 브라우저 탭에만 저장되며 탭을 닫으면 사라집니다.',
    saveKey: '키 저장',
    forgetKey: '키 지우기',
    keySaved: 'API 키가 저장되었습니다.',
    keyForgotten: 'API 키를 지웠습니다.',
    by: '처리자',
    reason: '사유',
    verdict: '판정',
    recordVerdict: '판정 기록',
    withdraw: '판정 철회',
    appeal: '규칙 이의 제기 (해당 규칙 점수 제외)',
    rule: '규칙',
    recordAppeal: '이의 기록',
    withdrawAppeal: '이의 철회',
    suppressions: '제외된 규칙',
    audit: '감사 기록',
    loadAudit: '감사 기록 보기',
    saved: '기록되었습니다.',
    batchTitle: '여러 사이트 한 번에 검사',
    batchName: '목록 이름 (선택)',
    batchUrls: '주소 목록 (한 줄에 하나)',
    batchFile: '또는 CSV 파일 올리기 (url 열)',
    batchSubmit: '목록 검사 시작',
    batchProgress: '진행 상황',
    batchStatus: { queued: '대기 중', running: '검사 중', done: '완료' },
    itemStatus: { pending: '대기 중', done: '완료', invalid: '검사 불가', failed: '실패' },
    of: '/',
    results: '결과',
    filterBand: '위험도로 거르기',
    filterRule: '규칙으로 거르기',
    minScore: '최소 점수',
    all: '전체',
    line: '줄',
    url: '주소',
    status: '상태',
    band: '위험도',
    evidenceFile: '증거 파일',
    exportCsv: 'CSV 내보내기',
    exportJson: 'JSON 내보내기',
    download: '내려받기',
    invalidRows: '검사할 수 없는 줄',
    sortBy: '정렬',
    rowsShown: '개 표시',
    loadRules: '규칙 정보 불러오는 중…',
  },
  en: {
    title: 'scamscore — micropayment cash-out scam check',
    skip: 'Skip to content',
    navCheck: 'Check a site',
    navBatch: 'Check a list of sites',
    switchLang: '한국어',
    switchLangLabel: '한국어로 보기',
    urlLabel: 'Address (URL) of the site to check',
    urlHint: 'e.g. http://example.com/ — this server fetches it for you; you do not visit the site.',
    htmlToggle: 'Paste the page HTML instead (optional)',
    htmlLabel: 'Page HTML',
    check: 'Check',
    checking: 'Checking… reading the site and its domain records (up to 15 seconds).',
    done: 'The check is finished.',
    score: 'Score',
    bands: { low: 'Low risk', medium: 'Medium risk', high: 'High risk', critical: 'Critical risk', unknown: 'Could not be checked' },
    notChecked: 'Could not be checked: the site could not be read. This is NOT a safe verdict.',
    incomplete: 'Only partly checked. Some checks could not run, so do not read this as safe.',
    summary: 'Summary',
    showOther: '한국어로 보기',
    showOwn: 'Show in English',
    nextSteps: 'What to do next',
    steps: [
      ['1332', 'Financial Supervisory Service (illegal lending, victims)'],
      ['182', 'National Police cyber investigation (report fraud)'],
      ['118', 'KISA (report illegal sites and spam)'],
      ['114', 'Your mobile carrier (block micropayments, lower the limit)'],
    ],
    stepsNote: 'Never send an authentication code, ID card or password to anyone.',
    target: 'Checked address',
    finalUrl: 'Final address',
    openSite: 'Open site…',
    openWarn: 'This may be a scam site. Do not enter personal data or codes. Open it anyway?',
    openAnyway: 'Open in a new window',
    cancel: 'Cancel',
    findings: 'Findings',
    noFindings: 'No finding added points.',
    points: 'points',
    evidence: 'Evidence',
    sources: { text: 'text', form: 'form', link: 'link', meta: 'title/meta', url: 'address', whois: 'WHOIS', header: 'header', rdap: 'RDAP' },
    unavailable: 'Checks that could not run',
    allRan: 'Every check ran.',
    why: 'why',
    indicators: 'Identifiers found',
    indicatorKinds: { phone: 'Phone', 'bank-account': 'Bank account', kakao: 'KakaoTalk ID', 'open-chat': 'Open chat', telegram: 'Telegram', email: 'E-mail', link: 'Link', line: 'LINE', wechat: 'WeChat' },
    noIndicators: 'No identifiers.',
    history: 'History of this site',
    related: 'Related domains',
    noRelated: 'No related domains.',
    domainInfo: 'Domain',
    registered: 'Registered',
    age: 'Age',
    days: 'days',
    registrar: 'Registrar',
    unknownValue: 'unknown',
    scannedAt: 'Checked at',
    verdictAnalyst: "Analyst's verdict",
    verdicts: { scam: 'scam', legitimate: 'legitimate' },
    report: 'Record a hotline report',
    reportKind: 'Kind of report',
    reportKinds: { victim: 'victim', attempt: 'attempt', suspicious: 'suspicious', spam: 'spam' },
    reportChannel: 'Channel',
    channels: { phone: 'phone', web: 'web', email: 'e-mail', 'in-person': 'in person' },
    reportNote: 'Note (never shown publicly)',
    reportAmount: 'Amount lost (KRW, optional)',
    reportSubmit: 'Record report',
    reported: 'The report was recorded. Number',
    siteTitle: 'Site history',
    firstSeen: 'First seen',
    lastSeen: 'Last seen',
    scans: 'Scans',
    reportsCount: 'Reports (90 days)',
    chart: 'Score per scan',
    changes: 'What changed',
    noChanges: 'nothing changed',
    firstScan: 'first scan',
    added: 'added',
    removed: 'removed',
    moved: 'points moved',
    pageChanged: 'page content changed',
    indicatorsAdded: 'new identifiers',
    indicatorsRemoved: 'identifiers gone',
    whoisChanged: 'WHOIS changed',
    redirectsChanged: 'redirects changed',
    open: 'open',
    indicatorTitle: 'Domains that used this identifier',
    domain: 'Domain',
    latest: 'Latest result',
    loading: 'Loading…',
    error: 'Something went wrong',
    analyst: 'Analyst (needs an API key)',
    apiKey: 'API key',
    apiKeyHint: 'Kept in this browser tab only; gone when the tab closes.',
    saveKey: 'Save key',
    forgetKey: 'Forget key',
    keySaved: 'API key saved.',
    keyForgotten: 'API key forgotten.',
    by: 'By',
    reason: 'Reason',
    verdict: 'Verdict',
    recordVerdict: 'Record verdict',
    withdraw: 'Withdraw verdict',
    appeal: 'Appeal a rule (its points are not counted)',
    rule: 'Rule',
    recordAppeal: 'Record appeal',
    withdrawAppeal: 'Withdraw appeal',
    suppressions: 'Appealed rules',
    audit: 'Audit trail',
    loadAudit: 'Show audit trail',
    saved: 'Recorded.',
    batchTitle: 'Check a list of sites',
    batchName: 'Name of the list (optional)',
    batchUrls: 'Addresses (one per line)',
    batchFile: 'or upload a CSV file (url column)',
    batchSubmit: 'Start checking the list',
    batchProgress: 'Progress',
    batchStatus: { queued: 'queued', running: 'running', done: 'done' },
    itemStatus: { pending: 'pending', done: 'done', invalid: 'cannot be checked', failed: 'failed' },
    of: 'of',
    results: 'Results',
    filterBand: 'Filter by risk',
    filterRule: 'Filter by rule',
    minScore: 'Lowest score',
    all: 'all',
    line: 'Line',
    url: 'Address',
    status: 'Status',
    band: 'Risk',
    evidenceFile: 'Evidence',
    exportCsv: 'Export CSV',
    exportJson: 'Export JSON',
    download: 'download',
    invalidRows: 'Rows that cannot be checked',
    sortBy: 'Sort',
    rowsShown: 'rows shown',
    loadRules: 'Loading rule details…',
  },
};

let lang = readLang();
const t = () => T[lang];
const root = document.getElementById('app');

function readLang() {
  try {
    const v = localStorage.getItem(LANG_KEY);
    return v === 'en' ? 'en' : 'ko';
  } catch {
    return 'ko';
  }
}

function apiKey() {
  try {
    return sessionStorage.getItem(API_KEY) || '';
  } catch {
    return '';
  }
}

class ApiError extends Error {
  constructor(status, detail, code) {
    super(detail);
    this.status = status;
    this.code = code;
  }
}

async function api(method, path, body, { contentType = 'application/json', accept = 'application/json', raw = false } = {}) {
  const headers = { accept };
  const key = apiKey();
  if (key) headers.authorization = `Bearer ${key}`;
  if (body !== undefined) headers['content-type'] = contentType;
  let res;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : contentType === 'application/json' ? JSON.stringify(body) : body });
  } catch {
    throw new ApiError(0, lang === 'ko' ? '서버에 연결할 수 없습니다.' : 'Cannot reach the server.', 'NETWORK');
  }
  if (!res.ok) {
    let detail = `${res.status} ${res.statusText}`;
    let code;
    try {
      const p = await res.json();
      if (p && typeof p.detail === 'string') detail = p.detail;
      code = p?.code;
    } catch {
      /* not problem details: keep the status line */
    }
    throw new ApiError(res.status, detail, code);
  }
  if (raw) return res;
  if (res.status === 204) return null;
  return res.json();
}

// ---- shared pieces -------------------------------------------------------------------------------------

const BANDS = ['critical', 'high', 'medium', 'low', 'unknown'];
const INDICATOR_FIELDS = [
  ['phones', 'phone'],
  ['bankAccounts', 'bank-account'],
  ['kakaoIds', 'kakao'],
  ['openChats', 'open-chat'],
  ['telegram', 'telegram'],
  ['lineIds', 'line'],
  ['wechatIds', 'wechat'],
  ['emails', 'email'],
  ['links', 'link'],
];

const fmtTime = (iso) => {
  if (!iso) return t().unknownValue;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : d.toLocaleString(lang === 'ko' ? 'ko-KR' : 'en-GB');
};

const bandBadge = (band, score) =>
  html`<span class="band band-${BANDS.includes(band) ? band : 'unknown'}">${t().bands[band] ?? band}${score === undefined || score === null ? nothing : html` · ${score}/100`}</span>`;

const siteHref = (domain) => `/site/${encodeURIComponent(domain)}`;
const indicatorHref = (kind, value) => `/indicator/${encodeURIComponent(kind)}/${encodeURIComponent(value)}`;

/** A scanned site's address, as text; it becomes a link only after the person confirms. */
function inertUrl(url) {
  const state = { asking: false };
  const host = document.createElement('span');
  const draw = () => {
    let safe = false;
    try {
      const u = new URL(url);
      safe = u.protocol === 'http:' || u.protocol === 'https:';
    } catch {
      safe = false;
    }
    render(
      html`<code class="url">${url}</code>
        ${safe
          ? state.asking
            ? html`<span class="open-ask" role="alert">${t().openWarn}
                <a href=${url} target="_blank" rel="noopener noreferrer nofollow" @click=${() => { state.asking = false; draw(); }}>${t().openAnyway}</a>
                <button type="button" class="link" @click=${() => { state.asking = false; draw(); }}>${t().cancel}</button></span>`
            : html`<button type="button" class="small open-site" @click=${() => { state.asking = true; draw(); host.querySelector('.open-ask a')?.focus(); }}>${t().openSite}</button>`
          : nothing}`,
      host,
    );
  };
  draw();
  return host;
}

function problem(err) {
  return html`<div class="problem" role="alert"><strong>${t().error}:</strong> ${err instanceof Error ? err.message : String(err)}</div>`;
}

/** Downloads an API answer (so a Bearer key can be sent, which a plain link cannot do). */
async function download(path, filename, accept) {
  const res = await api('GET', path, undefined, { raw: true, accept });
  const blob = await res.blob();
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

// ---- layout --------------------------------------------------------------------------------------------

let currentView = () => nothing;
let announce = '';

function layout() {
  const s = t();
  const path = location.pathname;
  return html`
    <a class="skip" href="#main">${s.skip}</a>
    <header class="top">
      <a class="brand" href="/">scamscore</a>
      <nav aria-label=${lang === 'ko' ? '주 메뉴' : 'Main'}>
        <a href="/" aria-current=${path === '/' ? 'page' : nothing}>${s.navCheck}</a>
        <a href="/batch" aria-current=${path.startsWith('/batch') ? 'page' : nothing}>${s.navBatch}</a>
      </nav>
      <button type="button" class="small" id="lang" lang=${lang === 'ko' ? 'en' : 'ko'} aria-label=${s.switchLangLabel} @click=${switchLang}>${s.switchLang}</button>
    </header>
    <main id="main" tabindex="-1">${currentView()}</main>
    <footer>${keyPanel()}</footer>
    <div class="sr-only" role="status" aria-live="polite" id="announce">${announce}</div>`;
}

function draw() {
  document.documentElement.lang = lang;
  document.title = t().title;
  render(layout(), root);
}

function switchLang() {
  lang = lang === 'ko' ? 'en' : 'ko';
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
  draw();
  document.getElementById('lang')?.focus();
}

const keyState = { message: '' };
function keyPanel() {
  const s = t();
  const has = Boolean(apiKey());
  return html`<details class="key" ?open=${has}>
    <summary>${s.analyst}${has ? ' ✓' : ''}</summary>
    <form @submit=${saveKey}>
      <label for="api-key">${s.apiKey}</label>
      <input id="api-key" name="key" type="password" autocomplete="off" spellcheck="false" aria-describedby="api-key-hint" .value=${apiKey()} />
      <p id="api-key-hint" class="hint">${s.apiKeyHint}</p>
      <button type="submit">${s.saveKey}</button>
      ${has ? html`<button type="button" class="secondary" @click=${forgetKey}>${s.forgetKey}</button>` : nothing}
      <span role="status">${keyState.message}</span>
    </form>
  </details>`;
}

function saveKey(e) {
  e.preventDefault();
  const value = new FormData(e.target).get('key')?.toString().trim() ?? '';
  try {
    if (value) sessionStorage.setItem(API_KEY, value);
    else sessionStorage.removeItem(API_KEY);
  } catch {
    /* storage refused: nothing to keep */
  }
  keyState.message = value ? t().keySaved : t().keyForgotten;
  // What the view shows may depend on the key (scopes): ask again with it.
  route();
}

function forgetKey() {
  try {
    sessionStorage.removeItem(API_KEY);
  } catch {
    /* nothing kept */
  }
  keyState.message = t().keyForgotten;
  route();
}

// ---- check a site --------------------------------------------------------------------------------------

const check = { busy: false, result: null, error: null, summaryLang: null };

function checkView() {
  const s = t();
  return html`
    <h1>${s.navCheck}</h1>
    <form class="check" @submit=${submitScan} aria-describedby="url-hint">
      <label for="url">${s.urlLabel}</label>
      <div class="row">
        <input id="url" name="url" type="url" required inputmode="url" autocomplete="off" spellcheck="false" placeholder="http://" />
        <button type="submit" ?disabled=${check.busy}>${s.check}</button>
      </div>
      <p id="url-hint" class="hint">${s.urlHint}</p>
      <details>
        <summary>${s.htmlToggle}</summary>
        <label for="html">${s.htmlLabel}</label>
        <textarea id="html" name="html" rows="6" spellcheck="false"></textarea>
      </details>
    </form>
    <section id="result" aria-live="polite" aria-busy=${check.busy ? 'true' : 'false'}>
      ${check.busy ? html`<p class="busy" role="status"><span class="spinner" aria-hidden="true"></span>${s.checking}</p>` : nothing}
      ${check.error ? problem(check.error) : nothing}
      ${check.result && !check.busy ? resultView(check.result) : nothing}
    </section>`;
}

async function submitScan(e) {
  e.preventDefault();
  const data = new FormData(e.target);
  const url = data.get('url')?.toString().trim() ?? '';
  const pasted = data.get('html')?.toString() ?? '';
  Object.assign(check, { busy: true, error: null, result: null, summaryLang: null });
  Object.assign(reportState, { result: null, error: null });
  announce = t().checking;
  draw();
  try {
    const result = await api('POST', '/v1/scans', pasted ? { url, html: pasted } : { url });
    check.result = result;
    history.replaceState(null, '', `/?scan=${encodeURIComponent(result.id)}`);
    announce = `${t().done} ${t().bands[result.band] ?? result.band}, ${t().score} ${result.score}/100`;
  } catch (err) {
    check.error = err;
    announce = `${t().error}: ${err.message}`;
  } finally {
    check.busy = false;
    draw();
    document.getElementById('verdict')?.focus();
  }
}

function resultView(r) {
  const s = t();
  const notChecked = r.band === 'unknown' || r.complete === false;
  const sumLang = check.summaryLang ?? lang;
  const unavailable = (r.checks ?? []).filter((c) => c.status === 'unavailable');
  return html`
    <article class="result">
      <div id="verdict" tabindex="-1" class="verdict verdict-${BANDS.includes(r.band) ? r.band : 'unknown'}">
        <p class="verdict-band">${s.bands[r.band] ?? r.band}</p>
        <p class="verdict-score"><span>${s.score}</span> <strong>${r.score}</strong>/100</p>
        ${notChecked ? html`<p class="not-checked" role="alert"><strong>${r.band === 'unknown' ? s.notChecked : s.incomplete}</strong></p>` : nothing}
      </div>
      ${r.analystVerdict ? html`<p class="analyst-verdict">${s.verdictAnalyst}: <strong>${s.verdicts[r.analystVerdict.verdict] ?? r.analystVerdict.verdict}</strong> — ${r.analystVerdict.reason} (${r.analystVerdict.by})</p>` : nothing}
      <dl class="facts">
        <dt>${s.target}</dt><dd>${inertUrl(r.url)}</dd>
        ${r.finalUrl && r.finalUrl !== r.url ? html`<dt>${s.finalUrl}</dt><dd>${inertUrl(r.finalUrl)}</dd>` : nothing}
        <dt>${s.domain}</dt><dd><a href=${siteHref(r.domain)}>${r.domain}</a> (${s.history})</dd>
        <dt>${s.scannedAt}</dt><dd>${fmtTime(r.scannedAt)}</dd>
      </dl>
      <section aria-labelledby="summary-h">
        <h2 id="summary-h">${s.summary}</h2>
        <p class="summary" lang=${sumLang}>${r.summary?.[sumLang] ?? ''}</p>
        <button type="button" class="small" @click=${() => { check.summaryLang = sumLang === 'ko' ? 'en' : 'ko'; draw(); }}>${sumLang === lang ? s.showOther : s.showOwn}</button>
      </section>
      ${nextSteps(r)}
      <section aria-labelledby="findings-h">
        <h2 id="findings-h">${s.findings} (${(r.findings ?? []).length})</h2>
        ${(r.findings ?? []).length === 0 ? html`<p>${s.noFindings}</p>` : html`<ol class="findings">${r.findings.map(findingView)}</ol>`}
        ${(r.suppressed ?? []).length ? html`<h3>${s.suppressions}</h3><ul class="findings suppressed">${r.suppressed.map(findingView)}</ul>` : nothing}
      </section>
      <section aria-labelledby="unavailable-h">
        <h2 id="unavailable-h">${s.unavailable}</h2>
        ${unavailable.length === 0
          ? html`<p>${s.allRan}</p>`
          : html`<ul class="unavailable">${unavailable.map((c) => html`<li><code>${c.rule}</code> — ${s.why}: ${c.reason ?? s.unknownValue}</li>`)}</ul>`}
        ${r.fetch?.error ? html`<p class="fetch-error">${typeof r.fetch.error === 'string' ? r.fetch.error : r.fetch.error.message ?? r.fetch.error.code ?? ''}</p>` : nothing}
      </section>
      ${indicatorsView(r.indicators)}
      ${domainInfoView(r.domainInfo)}
      ${relatedView(r.related)}
      ${reportForm({ url: r.url })}
    </article>`;
}

function nextSteps(r) {
  const s = t();
  const serious = ['medium', 'high', 'critical', 'unknown'].includes(r.band);
  return html`<section aria-labelledby="steps-h" class=${serious ? 'steps steps-urgent' : 'steps'}>
    <h2 id="steps-h">${s.nextSteps}</h2>
    <ul>${s.steps.map(([num, who]) => html`<li><a href=${`tel:${num}`}><strong>${num}</strong></a> ${who}</li>`)}</ul>
    <p>${s.stepsNote}</p>
  </section>`;
}

/** The words a finding's message quotes ("…(인증번호, 휴대폰 번호)", "\"24시간\""): marked where the excerpt has them. */
function quotedTerms(message) {
  const terms = new Set();
  for (const text of [message?.ko, message?.en]) {
    if (typeof text !== 'string') continue;
    for (const m of text.matchAll(/["“”'‘’]([^"“”'‘’]{2,40})["“”'‘’]/g)) terms.add(m[1].trim());
    const tail = /\(([^()]{2,120})\)\s*$/.exec(text);
    if (tail) for (const part of tail[1].split(/,\s*/)) if (part.trim().length >= 2) terms.add(part.trim());
  }
  return [...terms].filter(Boolean).sort((a, b) => b.length - a.length);
}

/** The excerpt as text, its quoted words in <mark>; the whole excerpt is marked when none is found in it. */
function highlight(excerpt, terms) {
  const text = String(excerpt ?? '');
  const lower = text.toLowerCase();
  const spans = [];
  for (const term of terms) {
    const needle = term.toLowerCase();
    for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + needle.length)) {
      if (!spans.some(([a, b]) => at < b && at + needle.length > a)) spans.push([at, at + needle.length]);
    }
  }
  if (spans.length === 0) return html`<mark>${text}</mark>`;
  spans.sort((a, b) => a[0] - b[0]);
  const parts = [];
  let pos = 0;
  for (const [a, b] of spans) {
    if (a > pos) parts.push(text.slice(pos, a));
    parts.push(html`<mark>${text.slice(a, b)}</mark>`);
    pos = b;
  }
  if (pos < text.length) parts.push(text.slice(pos));
  return parts;
}

function findingView(f) {
  const s = t();
  const terms = quotedTerms(f.message);
  const pts = Number(f.points);
  return html`<li class="finding">
    <p class="finding-head"><span class=${pts < 0 ? 'points trust' : 'points'}>${pts > 0 ? `+${pts}` : pts} ${s.points}</span>
      <span class="finding-msg">${f.message?.[lang] ?? f.message?.en ?? ''}</span></p>
    <p class="rule-id"><code>${f.rule}/${f.signal}</code></p>
    ${(f.evidence ?? []).length
      ? html`<ul class="evidence" aria-label=${s.evidence}>
          ${f.evidence.map(
            (e) => html`<li><span class="source">${s.sources[e.source] ?? e.source}${e.location ? html` · ${e.location}` : nothing}</span>
              <blockquote>${highlight(e.excerpt, terms)}</blockquote></li>`,
          )}</ul>`
      : nothing}
  </li>`;
}

function indicatorsView(ind) {
  const s = t();
  const items = [];
  for (const [field, kind] of INDICATOR_FIELDS) for (const value of ind?.[field] ?? []) items.push([kind, value]);
  return html`<section aria-labelledby="ind-h">
    <h2 id="ind-h">${s.indicators}</h2>
    ${items.length === 0
      ? html`<p>${s.noIndicators}</p>`
      : html`<ul class="indicators">${items.map(([kind, value]) => html`<li><span class="kind">${s.indicatorKinds[kind] ?? kind}</span> <a href=${indicatorHref(kind, value)}><code>${value}</code></a></li>`)}</ul>`}
  </section>`;
}

function domainInfoView(d) {
  const s = t();
  if (!d) return nothing;
  return html`<section aria-labelledby="dom-h"><h2 id="dom-h">${s.domainInfo}</h2>
    <dl class="facts">
      <dt>${s.registered}</dt><dd>${d.createdAt ? fmtTime(d.createdAt) : s.unknownValue}</dd>
      <dt>${s.age}</dt><dd>${d.ageDays ?? s.unknownValue} ${d.ageDays !== null && d.ageDays !== undefined ? s.days : ''}</dd>
      <dt>${s.registrar}</dt><dd>${d.registrar ?? s.unknownValue}</dd>
    </dl></section>`;
}

function relatedView(related) {
  const s = t();
  return html`<section aria-labelledby="rel-h"><h2 id="rel-h">${s.related}</h2>
    ${(related ?? []).length === 0
      ? html`<p>${s.noRelated}</p>`
      : html`<ul class="related">${related.map(
          (d) => html`<li><a href=${siteHref(d.domain)}>${d.domain}</a> ${bandBadge(d.band, d.score)}
            <span class="via">${(d.links ?? []).map((l) => (l.via === 'indicator' ? `${s.indicatorKinds[l.kind] ?? l.kind} ${l.value}` : l.via)).join(', ')}</span></li>`,
        )}</ul>`}
  </section>`;
}

// ---- hotline report --------------------------------------------------------------------------------------

const reportState = { result: null, error: null, busy: false };

function reportForm(target) {
  const s = t();
  return html`<section aria-labelledby="report-h" class="report">
    <h2 id="report-h">${s.report}</h2>
    <form @submit=${(e) => submitReport(e, target)}>
      <div class="grid">
        <label>${s.reportKind}
          <select name="kind">${Object.entries(s.reportKinds).map(([k, v]) => html`<option value=${k}>${v}</option>`)}</select></label>
        <label>${s.reportChannel}
          <select name="channel">${Object.entries(s.channels).map(([k, v]) => html`<option value=${k}>${v}</option>`)}</select></label>
        <label>${s.reportAmount} <input name="amountLost" type="number" min="0" step="1" inputmode="numeric" /></label>
      </div>
      <label>${s.reportNote} <textarea name="note" rows="2"></textarea></label>
      <button type="submit" ?disabled=${reportState.busy}>${s.reportSubmit}</button>
      <div aria-live="polite">
        ${reportState.result ? html`<p class="ok" role="status">${s.reported} <code>${reportState.result.id}</code></p>` : nothing}
        ${reportState.error ? problem(reportState.error) : nothing}
      </div>
    </form>
  </section>`;
}

async function submitReport(e, target) {
  e.preventDefault();
  const d = new FormData(e.target);
  const body = { target, kind: d.get('kind'), channel: d.get('channel') };
  const note = d.get('note')?.toString().trim();
  if (note) body.note = note;
  const amount = d.get('amountLost')?.toString();
  if (amount) body.amountLost = Number(amount);
  Object.assign(reportState, { busy: true, error: null, result: null });
  draw();
  try {
    reportState.result = await api('POST', '/v1/reports', body);
    e.target.reset();
  } catch (err) {
    reportState.error = err;
  } finally {
    reportState.busy = false;
    draw();
  }
}

// ---- site history ----------------------------------------------------------------------------------------

const site = { domain: '', data: null, latest: null, error: null, audit: null, auditError: null, message: '', actionError: null, rules: [] };

async function loadSite(domain) {
  Object.assign(site, { domain, data: null, latest: null, error: null, audit: null, auditError: null });
  try {
    site.data = await api('GET', `/v1/domains/${encodeURIComponent(domain)}`);
    const newest = site.data.scans?.[0];
    if (newest) site.latest = await api('GET', `/v1/scans/${encodeURIComponent(newest.id)}`).catch(() => null);
  } catch (err) {
    site.error = err;
  }
  draw();
  api('GET', '/v1/rules')
    .then((r) => {
      site.rules = (r.rules ?? []).map((x) => x.id ?? x.meta?.id).filter(Boolean);
      draw();
    })
    .catch(() => {});
}

function siteView() {
  const s = t();
  const d = site.data;
  if (site.error) return html`<h1>${s.siteTitle}: ${site.domain}</h1>${problem(site.error)}`;
  if (!d) return html`<h1>${s.siteTitle}: ${site.domain}</h1><p role="status">${s.loading}</p>`;
  const scans = d.scans ?? [];
  const latest = scans[0];
  return html`
    <h1>${s.siteTitle}: <span class="domain">${d.domain}</span></h1>
    ${latest ? html`<p class="site-band">${bandBadge(latest.band, latest.score)}</p>` : nothing}
    ${d.analystVerdict ? html`<p class="analyst-verdict">${s.verdictAnalyst}: <strong>${s.verdicts[d.analystVerdict.verdict] ?? d.analystVerdict.verdict}</strong> — ${d.analystVerdict.reason} (${d.analystVerdict.by}, ${fmtTime(d.analystVerdict.at)})</p>` : nothing}
    <dl class="facts">
      <dt>${s.firstSeen}</dt><dd>${fmtTime(d.firstSeen)}</dd>
      <dt>${s.lastSeen}</dt><dd>${fmtTime(d.lastSeen)}</dd>
      <dt>${s.scans}</dt><dd>${scans.length}</dd>
      <dt>${s.reportsCount}</dt><dd>${d.reports?.count ?? 0}</dd>
    </dl>
    ${chart(scans)}
    <section aria-labelledby="changes-h"><h2 id="changes-h">${s.changes}</h2>
      <table class="scans">
        <thead><tr><th scope="col">${s.scannedAt}</th><th scope="col">${s.band}</th><th scope="col">${s.changes}</th></tr></thead>
        <tbody>${scans.map((x) => html`<tr>
          <td><a href=${`/?scan=${encodeURIComponent(x.id)}`}>${fmtTime(x.scannedAt)}</a></td>
          <td>${bandBadge(x.band, x.score)}</td>
          <td>${changesView(x.changes)}</td></tr>`)}</tbody>
      </table>
    </section>
    ${site.latest ? indicatorsView(site.latest.indicators) : nothing}
    ${site.latest ? relatedView(site.latest.related) : nothing}
    ${reportForm({ domain: d.domain })}
    ${analystPanel(d)}`;
}

function changesView(c) {
  const s = t();
  if (!c) return s.firstScan;
  const parts = [];
  if (c.score && c.score.from !== c.score.to) parts.push(html`<li>${s.score} ${c.score.from} → ${c.score.to}</li>`);
  if (c.band) parts.push(html`<li>${s.band} ${s.bands[c.band.from] ?? c.band.from} → ${s.bands[c.band.to] ?? c.band.to}</li>`);
  for (const a of c.added ?? []) parts.push(html`<li>${s.added}: <code>${a.rule}/${a.signal}</code> (+${a.points})</li>`);
  for (const a of c.removed ?? []) parts.push(html`<li>${s.removed}: <code>${a.rule}/${a.signal}</code></li>`);
  for (const a of c.moved ?? []) parts.push(html`<li>${s.moved}: <code>${a.rule}/${a.signal}</code> ${a.from} → ${a.to}</li>`);
  if (c.page) parts.push(html`<li>${s.pageChanged}</li>`);
  const ia = c.indicators?.added ?? [];
  const ir = c.indicators?.removed ?? [];
  if (ia.length) parts.push(html`<li>${s.indicatorsAdded}: ${ia.map((i) => (typeof i === 'string' ? i : `${i.kind} ${i.value}`)).join(', ')}</li>`);
  if (ir.length) parts.push(html`<li>${s.indicatorsRemoved}: ${ir.map((i) => (typeof i === 'string' ? i : `${i.kind} ${i.value}`)).join(', ')}</li>`);
  if (c.redirects) parts.push(html`<li>${s.redirectsChanged}</li>`);
  for (const w of c.whois ?? []) parts.push(html`<li>${s.whoisChanged}: ${w.field} ${String(w.from ?? '—')} → ${String(w.to ?? '—')}</li>`);
  return parts.length ? html`<ul class="changes">${parts}</ul>` : s.noChanges;
}

/** Score per scan, oldest left; numbers only reach the SVG through attribute bindings. */
function chart(scans) {
  const s = t();
  const pts = [...scans].reverse();
  if (pts.length === 0) return nothing;
  const W = 480;
  const H = 140;
  const pad = 24;
  const x = (i) => (pts.length === 1 ? W / 2 : pad + (i * (W - 2 * pad)) / (pts.length - 1));
  const y = (score) => H - pad - (Math.max(0, Math.min(100, Number(score) || 0)) * (H - 2 * pad)) / 100;
  const line = pts.map((p, i) => `${x(i).toFixed(1)},${y(p.score).toFixed(1)}`).join(' ');
  const desc = pts.map((p) => `${fmtTime(p.scannedAt)}: ${p.score}`).join('; ');
  return html`<figure class="chart">
    <figcaption id="chart-cap">${s.chart}</figcaption>
    <svg viewBox=${`0 0 ${W} ${H}`} role="img" aria-labelledby="chart-cap" aria-describedby="chart-desc" width="100%" height="140">
      <desc id="chart-desc">${desc}</desc>
      ${[30, 60, 85].map((v) => svg`<line class="threshold" x1=${pad} x2=${W - pad} y1=${y(v)} y2=${y(v)}></line><text class="axis" x="2" y=${y(v) + 4}>${v}</text>`)}
      <polyline class="score-line" points=${line}></polyline>
      ${pts.map((p, i) => svg`<circle class=${`dot band-${BANDS.includes(p.band) ? p.band : 'unknown'}`} cx=${x(i)} cy=${y(p.score)} r="5"></circle>`)}
    </svg>
  </figure>`;
}

// ---- analyst -------------------------------------------------------------------------------------------

function analystPanel(d) {
  const s = t();
  const domainPath = `/v1/domains/${encodeURIComponent(d.domain)}`;
  return html`<section aria-labelledby="analyst-h" class="analyst">
    <h2 id="analyst-h">${s.analyst}</h2>
    <div aria-live="polite">
      ${site.message ? html`<p class="ok" role="status">${site.message}</p>` : nothing}
      ${site.actionError ? problem(site.actionError) : nothing}
    </div>
    <form @submit=${(e) => analystAction(e, 'POST', `${domainPath}/verdict`, (f) => ({ verdict: f.get('verdict'), reason: f.get('reason'), by: f.get('by') || undefined }))}>
      <fieldset><legend>${s.verdict}</legend>
        <label>${s.verdict} <select name="verdict">${Object.entries(s.verdicts).map(([k, v]) => html`<option value=${k}>${v}</option>`)}</select></label>
        <label>${s.reason} <input name="reason" required /></label>
        <label>${s.by} <input name="by" autocomplete="name" /></label>
        <button type="submit">${s.recordVerdict}</button>
        ${d.analystVerdict
          ? html`<button type="button" class="secondary" @click=${(e) => analystAction(e, 'DELETE', `${domainPath}/verdict/${encodeURIComponent(d.analystVerdict.id)}`, (f) => ({ by: f.get('by') || undefined, reason: f.get('reason') || 'withdrawn' }))}>${s.withdraw}</button>`
          : nothing}
      </fieldset>
    </form>
    <form @submit=${(e) => analystAction(e, 'POST', `${domainPath}/suppressions`, (f) => ({ rule: f.get('rule'), reason: f.get('reason'), by: f.get('by') || undefined }))}>
      <fieldset><legend>${s.appeal}</legend>
        <label>${s.rule} <select name="rule">${site.rules.map((r) => html`<option value=${r}>${r}</option>`)}</select></label>
        <label>${s.reason} <input name="reason" required /></label>
        <label>${s.by} <input name="by" autocomplete="name" /></label>
        <button type="submit">${s.recordAppeal}</button>
      </fieldset>
    </form>
    ${(d.suppressions ?? []).length
      ? html`<h3>${s.suppressions}</h3><ul>${d.suppressions.map(
          (x) => html`<li><code>${x.rule}</code> — ${x.reason} (${x.by})
            <button type="button" class="small secondary" @click=${(e) => analystAction(e, 'DELETE', `${domainPath}/suppressions/${encodeURIComponent(x.id)}`, () => ({ by: analystName(), reason: 'withdrawn' }))}>${s.withdrawAppeal}</button></li>`,
        )}</ul>`
      : nothing}
    <h3>${s.audit}</h3>
    <button type="button" class="secondary" @click=${loadAudit}>${s.loadAudit}</button>
    ${site.auditError ? problem(site.auditError) : nothing}
    ${site.audit
      ? html`<table class="audit"><thead><tr><th scope="col">${s.scannedAt}</th><th scope="col">${s.by}</th><th scope="col">action</th><th scope="col">${s.reason}</th></tr></thead>
          <tbody>${(site.audit.entries ?? []).map((a) => html`<tr><td>${fmtTime(a.at)}</td><td>${a.actor}</td><td><code>${a.action}</code></td><td>${a.detail?.reason ?? a.detail?.verdict ?? a.detail?.kind ?? ''}</td></tr>`)}</tbody></table>`
      : nothing}
  </section>`;
}

/** The name typed in any of the analyst forms (needed as `by` on installs without keys). */
function analystName() {
  return [...document.querySelectorAll('.analyst input[name="by"]')].map((i) => i.value.trim()).find(Boolean) || undefined;
}

async function analystAction(e, method, path, bodyOf) {
  e.preventDefault();
  // Buttons outside a form (withdrawing an appeal) act with an empty one.
  const form = e.target.closest('form');
  site.message = '';
  site.actionError = null;
  try {
    const body = JSON.parse(JSON.stringify(bodyOf(form ? new FormData(form) : new FormData())));
    await api(method, path, body);
    site.message = t().saved;
    site.data = await api('GET', `/v1/domains/${encodeURIComponent(site.domain)}`);
    if (site.audit) site.audit = await api('GET', `/v1/domains/${encodeURIComponent(site.domain)}/audit`);
  } catch (err) {
    site.actionError = err;
  }
  draw();
}

async function loadAudit() {
  site.auditError = null;
  try {
    site.audit = await api('GET', `/v1/domains/${encodeURIComponent(site.domain)}/audit`);
  } catch (err) {
    site.auditError = err;
  }
  draw();
}

// ---- indicator ---------------------------------------------------------------------------------------------

const indicator = { kind: '', value: '', data: null, error: null };

async function loadIndicator(kind, value) {
  Object.assign(indicator, { kind, value, data: null, error: null });
  try {
    indicator.data = await api('GET', indicatorHref(kind, value).replace('/indicator/', '/v1/indicators/'));
  } catch (err) {
    indicator.error = err;
  }
  draw();
}

function indicatorView() {
  const s = t();
  const d = indicator.data;
  return html`<h1>${s.indicatorTitle}: <span class="kind">${s.indicatorKinds[indicator.kind] ?? indicator.kind}</span> <code>${d?.value ?? indicator.value}</code></h1>
    ${indicator.error ? problem(indicator.error) : nothing}
    ${!d && !indicator.error ? html`<p role="status">${s.loading}</p>` : nothing}
    ${d
      ? html`<p>${s.reportsCount}: ${d.reports?.count ?? 0}</p>
        <table class="scans"><thead><tr><th scope="col">${s.domain}</th><th scope="col">${s.latest}</th><th scope="col">${s.firstSeen}</th><th scope="col">${s.lastSeen}</th><th scope="col">${s.scans}</th></tr></thead>
        <tbody>${(d.domains ?? []).map((x) => html`<tr><td><a href=${siteHref(x.domain)}>${x.domain}</a></td><td>${bandBadge(x.latest?.band, x.latest?.score)}</td><td>${fmtTime(x.firstSeen)}</td><td>${fmtTime(x.lastSeen)}</td><td>${x.scans}</td></tr>`)}</tbody></table>`
      : nothing}`;
}

// ---- batches -----------------------------------------------------------------------------------------------

const batch = { id: null, created: null, progress: null, rows: null, error: null, busy: false, sort: { key: 'line', dir: 1 }, band: '', rule: '', minScore: 0, rules: new Map() };

function batchFormView() {
  const s = t();
  return html`<h1>${s.batchTitle}</h1>
    <form class="batch" @submit=${submitBatch}>
      <label for="batch-name">${s.batchName}</label>
      <input id="batch-name" name="name" />
      <label for="batch-urls">${s.batchUrls}</label>
      <textarea id="batch-urls" name="urls" rows="8" spellcheck="false" placeholder="http://"></textarea>
      <label for="batch-file">${s.batchFile}</label>
      <input id="batch-file" name="file" type="file" accept=".csv,text/csv" />
      <button type="submit" ?disabled=${batch.busy}>${s.batchSubmit}</button>
    </form>
    <div aria-live="polite">${batch.busy ? html`<p role="status">${s.loading}</p>` : nothing}${batch.error ? problem(batch.error) : nothing}</div>`;
}

async function submitBatch(e) {
  e.preventDefault();
  const d = new FormData(e.target);
  const name = d.get('name')?.toString().trim();
  const file = d.get('file');
  const urls = (d.get('urls')?.toString() ?? '').split(/\r?\n/).map((u) => u.trim()).filter(Boolean);
  Object.assign(batch, { busy: true, error: null });
  draw();
  try {
    let created;
    if (file && typeof file !== 'string' && file.size > 0) {
      created = await api('POST', `/v1/batches${name ? `?name=${encodeURIComponent(name)}` : ''}`, await file.text(), { contentType: 'text/csv' });
    } else {
      created = await api('POST', '/v1/batches', name ? { urls, name } : { urls });
    }
    sessionStorage.setItem(`scamscore.batch.${created.id}`, JSON.stringify(created.invalid ?? []));
    history.pushState(null, '', `/batch/${encodeURIComponent(created.id)}`);
    batch.busy = false;
    route();
  } catch (err) {
    batch.error = err;
    batch.busy = false;
    draw();
  }
}

async function loadBatch(id) {
  Object.assign(batch, { id, progress: null, rows: null, error: null, rules: new Map() });
  try {
    batch.created = JSON.parse(sessionStorage.getItem(`scamscore.batch.${id}`) ?? '[]');
  } catch {
    batch.created = [];
  }
  try {
    batch.progress = await api('GET', `/v1/batches/${encodeURIComponent(id)}`);
    draw();
    if (batch.progress.status !== 'done') await followEvents(id);
    await loadResults(id);
  } catch (err) {
    batch.error = err;
    draw();
  }
}

/** The SSE stream read through fetch, so the Bearer key goes with it (EventSource cannot send headers). */
async function followEvents(id) {
  const res = await api('GET', `/v1/batches/${encodeURIComponent(id)}/events`, undefined, { raw: true, accept: 'text/event-stream' });
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let cut;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = block.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
      if (!data) continue;
      try {
        batch.progress = JSON.parse(data);
      } catch {
        continue;
      }
      announce = `${t().batchProgress}: ${batch.progress.done} ${t().of} ${batch.progress.total}`;
      draw();
      if (event === 'done') {
        await reader.cancel().catch(() => {});
        return;
      }
    }
  }
}

async function loadResults(id) {
  const res = await api('GET', `/v1/batches/${encodeURIComponent(id)}/results`, undefined, { raw: true, accept: 'application/x-ndjson' });
  const text = await res.text();
  batch.rows = text.split('\n').filter(Boolean).map((l) => JSON.parse(l));
  draw();
  // Rules per row come from each scan; fetched a few at a time so a long list does not flood the server.
  const todo = batch.rows.filter((r) => r.scanId).slice(0, 500);
  const worker = async () => {
    for (let row = todo.shift(); row; row = todo.shift()) {
      const scan = await api('GET', `/v1/scans/${encodeURIComponent(row.scanId)}`).catch(() => null);
      if (scan) batch.rules.set(row.scanId, [...new Set((scan.findings ?? []).filter((f) => f.points > 0).map((f) => f.rule))]);
    }
  };
  await Promise.all([worker(), worker(), worker()]);
  draw();
}

function batchView() {
  const s = t();
  const p = batch.progress;
  if (batch.error) return html`<h1>${s.batchTitle}</h1>${problem(batch.error)}`;
  if (!p) return html`<h1>${s.batchTitle}</h1><p role="status">${s.loading}</p>`;
  const rows = filteredRows();
  const allRules = [...new Set([...batch.rules.values()].flat())].sort();
  const base = `/v1/batches/${encodeURIComponent(p.id)}/results`;
  return html`<h1>${s.batchTitle}${p.name ? html`: <span>${p.name}</span>` : nothing}</h1>
    <section aria-labelledby="progress-h"><h2 id="progress-h">${s.batchProgress}</h2>
      <p id="progress-text" aria-live="polite">${s.batchStatus[p.status] ?? p.status} — ${p.done} ${s.of} ${p.total}</p>
      <progress max=${p.total} .value=${p.done} aria-labelledby="progress-h" aria-describedby="progress-text"></progress>
      <p class="counts">${BANDS.map((b) => html`${bandBadge(b, undefined)} ${p.counts?.[b] ?? 0} `)}</p>
    </section>
    ${(batch.created ?? []).length
      ? html`<section aria-labelledby="invalid-h"><h2 id="invalid-h">${s.invalidRows}</h2><ul>${batch.created.map((i) => html`<li>${s.line} ${i.line}: <code>${i.url}</code> — ${i.detail}</li>`)}</ul></section>`
      : nothing}
    ${batch.rows
      ? html`<section aria-labelledby="results-h"><h2 id="results-h">${s.results}</h2>
        <div class="toolbar">
          <label>${s.filterBand} <select id="filter-band" @change=${(e) => { batch.band = e.target.value; draw(); }}>
            <option value="">${s.all}</option>${BANDS.map((b) => html`<option value=${b} ?selected=${batch.band === b}>${s.bands[b]}</option>`)}</select></label>
          <label>${s.minScore} <input id="filter-score" type="number" min="0" max="100" .value=${String(batch.minScore)} @input=${(e) => { batch.minScore = Number(e.target.value) || 0; draw(); }} /></label>
          <label>${s.filterRule} <select id="filter-rule" @change=${(e) => { batch.rule = e.target.value; draw(); }}>
            <option value="">${s.all}</option>${allRules.map((r) => html`<option value=${r} ?selected=${batch.rule === r}>${r}</option>`)}</select></label>
          <button type="button" class="secondary" @click=${() => download(`${base}?format=csv`, `batch-${p.id}.csv`, 'text/csv')}>${s.exportCsv}</button>
          <button type="button" class="secondary" @click=${() => download(base, `batch-${p.id}.jsonl`, 'application/x-ndjson')}>${s.exportJson}</button>
        </div>
        <p role="status">${rows.length} ${s.rowsShown}</p>
        <table class="results">
          <thead><tr>
            ${[['line', s.line], ['url', s.url], ['band', s.band], ['score', s.score], ['status', s.status]].map(
              ([key, label]) => html`<th scope="col" aria-sort=${batch.sort.key === key ? (batch.sort.dir > 0 ? 'ascending' : 'descending') : 'none'}>
                <button type="button" class="sort" data-sort=${key} @click=${() => { batch.sort = { key, dir: batch.sort.key === key ? -batch.sort.dir : key === 'score' ? -1 : 1 }; draw(); }}>${label}</button></th>`,
            )}
            <th scope="col">${s.rule}</th><th scope="col">${s.evidenceFile}</th></tr></thead>
          <tbody>${rows.map((r) => html`<tr>
            <td>${r.line}</td>
            <td>${r.scanId ? html`<a href=${`/?scan=${encodeURIComponent(r.scanId)}`}><code>${r.url}</code></a>` : html`<code>${r.url}</code>`}</td>
            <td>${r.band ? bandBadge(r.band, undefined) : '—'}</td>
            <td>${r.score ?? '—'}</td>
            <td>${s.itemStatus[r.status] ?? r.status}${r.error ? html` — ${r.error.detail ?? r.error.code ?? ''}` : nothing}</td>
            <td>${(batch.rules.get(r.scanId) ?? []).join(', ')}</td>
            <td>${r.scanId ? html`<button type="button" class="small secondary" @click=${() => download(`/v1/scans/${encodeURIComponent(r.scanId)}/evidence`, `scan-${r.scanId}.warc.gz`, 'application/warc')}>${s.download}</button>` : nothing}</td>
          </tr>`)}</tbody>
        </table></section>`
      : nothing}`;
}

function filteredRows() {
  const { key, dir } = batch.sort;
  const rank = (b) => (b ? BANDS.length - BANDS.indexOf(b) : 0);
  return (batch.rows ?? [])
    .filter((r) => !batch.band || r.band === batch.band)
    .filter((r) => (r.score ?? 0) >= batch.minScore)
    .filter((r) => !batch.rule || (batch.rules.get(r.scanId) ?? []).includes(batch.rule))
    .sort((a, b) => {
      const va = key === 'band' ? rank(a.band) : a[key] ?? -1;
      const vb = key === 'band' ? rank(b.band) : b[key] ?? -1;
      return (va < vb ? -1 : va > vb ? 1 : 0) * dir;
    });
}

// ---- routing -------------------------------------------------------------------------------------------------

function route() {
  const path = location.pathname;
  let m;
  if ((m = /^\/site\/([^/]+)$/.exec(path))) {
    currentView = siteView;
    void loadSite(decodeURIComponent(m[1]));
  } else if ((m = /^\/indicator\/([^/]+)\/([^/]+)$/.exec(path))) {
    currentView = indicatorView;
    void loadIndicator(decodeURIComponent(m[1]), decodeURIComponent(m[2]));
  } else if ((m = /^\/batch\/([^/]+)$/.exec(path))) {
    currentView = batchView;
    void loadBatch(decodeURIComponent(m[1]));
  } else if (path === '/batch') {
    currentView = batchFormView;
  } else {
    currentView = checkView;
    const id = new URLSearchParams(location.search).get('scan');
    if (id) {
      check.busy = true;
      api('GET', `/v1/scans/${encodeURIComponent(id)}`)
        .then((r) => (check.result = r))
        .catch((err) => (check.error = err))
        .finally(() => {
          check.busy = false;
          draw();
        });
    }
  }
  draw();
}

window.addEventListener('popstate', route);
route();
