// The verdict in a sentence or three, in Korean and English: the strongest reasons and, for high and
// critical bands, what the person should do (DOMAIN.md: who to call).
import type { AnalystVerdict, Finding, Localized, VerdictBand } from './types.js';

const BAND_NAME: Record<VerdictBand, Localized> = {
  unknown: { en: 'not checked', ko: '확인 불가' },
  low: { en: 'low risk', ko: '위험 낮음' },
  medium: { en: 'medium risk', ko: '위험 보통' },
  high: { en: 'high risk', ko: '위험 높음' },
  critical: { en: 'critical risk', ko: '위험 매우 높음' },
};

const ADVICE: Localized = {
  en: 'Do not share SMS or ARS codes, ID photos or bank PINs. Report it to the FSS (1332) or the police cyber bureau (182); ask your carrier (114) to block or cap micropayments; smishing and spam go to KISA (118).',
  ko: '인증번호·ARS 승인·신분증 사진·통장 비밀번호를 절대 보내지 마세요. 금융감독원 1332 또는 경찰청 사이버수사 182에 신고하고, 통신사(114)에 소액결제 차단·한도 축소를 요청하세요. 스미싱·스팸은 KISA 118.',
};

/**
 * `pageUnavailable`: why the page itself could not be read (fetch or analysis failed); such an answer rests
 * on the address and the domain record alone and must never read as "safe".
 */
export function summarize(
  score: number,
  band: VerdictBand,
  findings: readonly Finding[],
  unavailable: number,
  pageUnavailable: string | null = null,
  analyst: AnalystVerdict | null = null,
): Localized {
  const reasons = findings.filter((f) => f.points > 0).slice(0, 3);
  const trust = findings.filter((f) => f.points < 0).slice(0, 2);
  const head =
    band === 'unknown'
      ? {
          en: `Not checked: the page could not be read (${pageUnavailable}). This is not a safe verdict: only the address and the domain record were checked (score ${score}/100 from those).`,
          ko: `확인 불가: 페이지를 읽지 못했습니다(${pageUnavailable}). 안전하다는 뜻이 아닙니다. 주소와 도메인 정보만 확인했습니다(그것만으로 ${score}/100점).`,
        }
      : {
          en: `Score ${score}/100 (${BAND_NAME[band].en}).`,
          ko: `점수 ${score}/100 (${BAND_NAME[band].ko}).`,
        };
  const parts: Localized[] = [head];
  if (band !== 'unknown' && pageUnavailable) {
    parts.push({
      en: `The page could not be read (${pageUnavailable}): this verdict rests on the address and the domain record alone.`,
      ko: `페이지를 읽지 못해(${pageUnavailable}) 주소와 도메인 정보만으로 판정했습니다.`,
    });
  }
  if (reasons.length) {
    parts.push({
      en: `Main reasons: ${reasons.map((f) => f.message.en).join('; ')}.`,
      ko: `주요 근거: ${reasons.map((f) => f.message.ko).join('; ')}.`,
    });
  } else if (band !== 'unknown') {
    parts.push({ en: 'No risk signals were found.', ko: '위험 신호가 발견되지 않았습니다.' });
  }
  if (trust.length) {
    parts.push({
      en: `In its favour: ${trust.map((f) => f.message.en).join('; ')}.`,
      ko: `신뢰 근거: ${trust.map((f) => f.message.ko).join('; ')}.`,
    });
  }
  if (unavailable > 0 && band !== 'unknown') {
    parts.push({
      en: `${unavailable} check(s) could not run; the score may be incomplete.`,
      ko: `${unavailable}개 검사를 수행하지 못해 점수가 불완전할 수 있습니다.`,
    });
  }
  if (analyst) {
    // Shown beside the findings, never instead of them: the reader sees both and who decided.
    const [en, ko] = analyst.verdict === 'scam' ? ['a scam', '사기'] : ['legitimate', '정상'];
    parts.push({
      en: `An analyst (${analyst.by}, ${analyst.at.slice(0, 10)}) recorded this domain as ${en}: ${analyst.reason}.`,
      ko: `분석가(${analyst.by}, ${analyst.at.slice(0, 10)})가 이 도메인을 ${ko}(으)로 판정했습니다: ${analyst.reason}.`,
    });
  }
  if (band === 'high' || band === 'critical' || analyst?.verdict === 'scam') parts.push(ADVICE);
  return { en: parts.map((p) => p.en).join(' '), ko: parts.map((p) => p.ko).join(' ') };
}
