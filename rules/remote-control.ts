// Remote control: the operator has the victim install TeamViewer, AnyDesk, a "원격 지원" app or a side-loaded
// .apk "보안 앱", then makes the purchases (or empties the account) on the victim's own phone. A cash-out
// broker has no reason to touch the victim's device. Warnings ("원격 앱 설치를 요구하면 사기입니다") are silent;
// an unlicensed page without cash-out words counts only for a side-loaded .apk (IT help desks use TeamViewer).
import { askingHits, dedupeEvidence, tierOf } from '../src/analysis/requests.js';
import { linkHostnames } from '../src/analysis/link-hosts.js';
import { linkEvidence } from '../src/analysis/text.js';
import type { Evidence, PageFacts, PageLink, Rule, RuleFinding } from '../src/engine/types.js';
import { DEFAULT_POINTS } from './weights.js';

const NAMED_APP =
  '(?:팀\\s*뷰어|(?<![a-z])team\\s*viewer|(?<![a-z])anydesk|(?<![a-z])any\\s*desk|애니\\s*데스크|(?<![a-z])remote\\s*view|리모트\\s*뷰|알\\s*서포트|(?<![a-z])rsupport|(?<![a-z])chrome\\s*remote\\s*desktop|크롬\\s*원격\\s*데스크톱|퀵\\s*서포트|(?<![a-z])quick\\s*support|(?<![a-z])supremo|(?<![a-z])ammyy|(?<![a-z])airdroid|에어\\s*드로이드)';
const REMOTE_TOOL = '(?:앱|어플|프로그램|툴|링크|도구|솔루션)';
const REMOTE_KIND = `(?:원격\\s*(?:(?:지원|제어|접속|조종|연결|관리)\\s*${REMOTE_TOOL}?|${REMOTE_TOOL}))`;
const APK_FILE_NAME = '[a-z0-9_-]{1,40}\\.apk(?![a-z])';
const SECURITY_APP = '(?:보안|인증|전용|본인\\s*확인|백신)\\s*(?:앱|어플|프로그램)';
const INSTALL = '(?:설치|다운|깔|실행|접속|켜|연결|받아|허용|열어|승인|수락|입력|알려|진행)';
const APP_THEN_INSTALL = new RegExp(`(?:${NAMED_APP}|${REMOTE_KIND})[^\\n.!?]{0,30}?${INSTALL}`, 'g');
// "상담원이 원격으로 결제를 진행해 드립니다": the operator drives the victim's device.
const REMOTELY = /원격\s*(?:으로|조종으로|제어로)\s*[^\n.!?]{0,30}?(?:진행|처리|도와|대행|결제|해\s*드|설치)/g;
const APK_INSTALL = new RegExp(`${APK_FILE_NAME}[^\\n.!?]{0,30}?(?:설치|다운|깔|실행)|(?:설치|다운로드)[^\\n.!?]{0,20}?${APK_FILE_NAME}`, 'g');
// A "보안 앱" to install from a link the operator gives: malware on a cash-out page; a bank's own app elsewhere.
const SECURITY_APP_INSTALL = new RegExp(`${SECURITY_APP}[^\\n.!?]{0,30}?(?:설치|다운|깔|실행)`, 'g');
const APK_HREF = /\.apk(?:$|[?#])/i;
const SECURITY_FRAME = /보안|인증|본인\s*확인|백신|원격|금융|은행|결제|security|secure|cert/;
const REMOTE_HOSTS = ['anydesk.com', 'teamviewer.com', 'rsupport.com', 'remotecall.co.kr', 'helpu.kr', 'startsupport.com', 'remotedesktop.google.com'];
const REMOTE_HREF = new RegExp(`^https?:\\/\\/(?:[a-z0-9-]+\\.)*(?:${REMOTE_HOSTS.map((h) => h.replace(/\./g, '\\.')).join('|')})(?:\\/|$)`, 'i');
const isRemoteHost = (host: string) => REMOTE_HOSTS.some((d) => host === d || host.endsWith(`.${d}`));

function linksTo(page: PageFacts, pattern: RegExp, keep: (link: PageLink) => boolean = () => true): Evidence[] {
  return page.links
    .filter((l) => pattern.test(l.href) && keep(l))
    .slice(0, 2)
    .map(linkEvidence);
}

/** The first two links to a remote-control vendor: REMOTE_HREF is tried only where the link's host is one of
 *  theirs (the host of any href it matches is), the host judged once for a run of links to one host. */
export function remoteToolLinks(page: PageFacts): Evidence[] {
  const hosts = linkHostnames(page);
  const out: Evidence[] = [];
  let host: string | null | undefined;
  let vendor = false;
  for (let i = 0; i < hosts.length && out.length < 2; i++) {
    if (hosts[i] !== host) {
      host = hosts[i];
      vendor = host != null && isRemoteHost(host);
    }
    if (vendor && REMOTE_HREF.test(page.links[i]!.href)) out.push(linkEvidence(page.links[i]!));
  }
  return out;
}

export const rule: Rule = {
  meta: {
    id: 'remote-control',
    title: { en: 'Remote-control app installation', ko: '원격제어 앱 설치 요구' },
    description: {
      en: 'Whether the page tells users to install or run a remote-control app (TeamViewer, AnyDesk, RemoteView, "원격 지원") or a side-loaded .apk "security app": the operator then pays or transfers on the victim\'s own device. Warnings about the trick are not counted; a page without cash-out content counts only for a side-loaded .apk.',
      ko: '팀뷰어·애니데스크·리모트뷰·"원격 지원" 같은 원격제어 앱이나 출처 불명의 .apk "보안 앱"을 설치·실행하라고 하는지 봅니다. 업자가 피해자 기기에서 직접 결제·이체합니다. 이 수법을 경고하는 글은 따지지 않으며, 현금화 내용이 없는 페이지는 .apk 설치 요구만 따집니다.',
    },
    needs: ['page'],
    signals: {
      'remote-control-app': {
        points: DEFAULT_POINTS['remote-control/remote-control-app'],
        message: {
          en: 'Asks the user to install or run a remote-control app ({app}): the operator would pay or transfer on the victim\'s device',
          ko: '원격제어 앱({app}) 설치·실행을 요구합니다. 업자가 피해자 기기에서 직접 결제·이체할 수 있습니다',
        },
      },
      'sideloaded-app': {
        points: DEFAULT_POINTS['remote-control/sideloaded-app'],
        message: {
          en: 'Asks the user to install an app from outside the app stores ({app}): such "security apps" take over the phone',
          ko: '앱 마켓 밖의 앱({app}) 설치를 요구합니다. 이런 "보안 앱"은 휴대폰을 장악하는 악성 앱입니다',
        },
      },
    },
  },

  evaluate(facts) {
    const page = facts.page!;
    const { tier } = tierOf(page);
    if (tier === 'silent') return [];
    const findings: RuleFinding[] = [];

    if (tier !== 'none') {
      const text = [...askingHits(page, APP_THEN_INSTALL), ...askingHits(page, REMOTELY)];
      const links = remoteToolLinks(page);
      if (text.length > 0 || (links.length > 0 && tier === 'offer')) {
        const app = text[0] ? appName(text[0].match[0]) : 'remote support';
        findings.push({ signal: 'remote-control-app', vars: { app }, evidence: dedupeEvidence([...text.map((h) => h.evidence), ...links], 4) });
      }
    }

    // Without cash-out words an .apk counts only when framed as a security or verification app: indie apps
    // and game mods are distributed as .apk files too.
    const framed = (text: string) => tier !== 'none' || SECURITY_FRAME.test(text);
    const apkText = [
      ...askingHits(page, APK_INSTALL).filter((h) => framed(h.segment.norm)),
      ...(tier === 'none' ? [] : askingHits(page, SECURITY_APP_INSTALL)),
    ];
    const apkLinks = linksTo(page, APK_HREF, (l) => framed(l.text.toLowerCase()));
    if (apkText.length === 0 && apkLinks.length === 0) return findings;
    const apkEvidence = [...apkText.map((h) => h.evidence), ...apkLinks];
    // One takeover, one finding: an .apk next to a remote-control request backs that finding.
    if (findings[0]) {
      findings[0].evidence = dedupeEvidence([...findings[0].evidence.slice(0, 3), ...apkEvidence], 5);
      return findings;
    }
    const file = apkText.map((h) => APK_FILE.exec(h.match[0])?.[0]).find(Boolean) ?? apkLinks[0]?.excerpt.split(/[?#]/)[0]!.split('/').pop();
    const app = file ?? (apkText[0] ? (APK_KIND.exec(apkText[0].match[0])?.[0] ?? '.apk') : '.apk');
    return [{ signal: 'sideloaded-app', vars: { app }, evidence: dedupeEvidence(apkEvidence, 4) }];
  },
};

const NAMED_RE = new RegExp(NAMED_APP);
const REMOTE_RE = new RegExp(REMOTE_KIND);
const APK_FILE = /[a-z0-9_-]{1,40}\.apk/;
const APK_KIND = new RegExp(SECURITY_APP);

function appName(matched: string): string {
  return (NAMED_RE.exec(matched) ?? REMOTE_RE.exec(matched))?.[0].trim() || '원격 지원';
}

export default rule;
