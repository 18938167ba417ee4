// Brokers rotate domains every few weeks and keep their KakaoTalk ID, phone, account and page template
// (DOMAIN.md). A site that shares an identifier or its template with a domain already judged high or
// critical, or confirmed a scam by an analyst, is most likely the same operation under a new name. The store
// answers "who else carried this?" before the rules run (store/recall.ts); this rule only reads the answer.
import type { Evidence, RelatedDomain, RelatedLink, Rule, RuleFinding } from '../src/engine/types.js';
import { DEFAULT_POINTS } from './weights.js';

/** A related domain incriminates when its latest scan was high or worse, or an analyst confirmed it a scam. */
function incriminating(related: RelatedDomain): boolean {
  if (related.analystVerdict === 'legitimate') return false;
  return related.analystVerdict === 'scam' || related.band === 'high' || related.band === 'critical';
}

function why(related: RelatedDomain): string {
  return related.analystVerdict === 'scam' ? 'confirmed a scam by an analyst' : `${related.band}, ${related.score} points`;
}

function evidenceOf(related: RelatedDomain, link: RelatedLink): Evidence {
  const what = link.via === 'indicator' ? `${link.kind} ${link.value}` : `page template (${link.distance} bits apart)`;
  return {
    source: 'history',
    excerpt: `${what} — also on ${related.domain} (${why(related)}), seen ${link.seenAt.slice(0, 10)}`,
    location: `scan ${link.scanId}`,
  };
}

export const rule: Rule = {
  meta: {
    id: 'linked-domains',
    title: { en: 'Linked to known scam domains', ko: '알려진 사기 도메인과의 연결' },
    description: {
      en: 'Whether the site shares a phone number, bank account, messenger ID or link, or its page template, with another domain already scored high or critical or confirmed a scam by an analyst: rotated domains of one operation keep these.',
      ko: '이미 높음·매우 높음으로 판정되었거나 분석가가 사기로 확인한 다른 도메인과 전화번호, 계좌, 메신저 ID·링크 또는 페이지 템플릿을 공유하는지 봅니다. 같은 조직이 도메인만 바꿔 운영할 때 이런 식별자는 그대로 남습니다.',
    },
    needs: ['memory'],
    signals: {
      'shares-identifier': {
        points: DEFAULT_POINTS['linked-domains/shares-identifier'],
        message: {
          en: 'Shares {what} with {domains}, already judged a scam risk',
          ko: '이미 사기 위험으로 판정된 {domains}와(과) {what}을(를) 공유합니다',
        },
      },
      'shares-template': {
        points: DEFAULT_POINTS['linked-domains/shares-template'],
        message: {
          en: 'Uses the same page template as {domains}, already judged a scam risk',
          ko: '이미 사기 위험으로 판정된 {domains}와(과) 같은 페이지 템플릿을 사용합니다',
        },
      },
    },
  },
  evaluate(facts) {
    const memory = facts.memory!;
    // A warning page quotes the scam's numbers to warn about them: sharing them is not being run by the scam.
    if (memory.reading === 'warning') return [];
    const bad = memory.related.filter(incriminating);
    const findings: RuleFinding[] = [];
    const byIndicator = bad.filter((r) => r.links.some((l) => l.via === 'indicator'));
    if (byIndicator.length) {
      const links = byIndicator.flatMap((r) => r.links.filter((l) => l.via === 'indicator').map((l) => ({ r, l })));
      const kinds = [...new Set(links.map(({ l }) => (l.via === 'indicator' ? l.kind : '')))];
      findings.push({
        signal: 'shares-identifier',
        vars: { what: kinds.join(', '), domains: names(byIndicator) },
        evidence: links.slice(0, 5).map(({ r, l }) => evidenceOf(r, l)),
      });
    }
    const byTemplate = bad.filter((r) => r.links.some((l) => l.via === 'template'));
    if (byTemplate.length) {
      findings.push({
        signal: 'shares-template',
        vars: { domains: names(byTemplate) },
        evidence: byTemplate.slice(0, 5).map((r) => evidenceOf(r, r.links.find((l) => l.via === 'template')!)),
      });
    }
    return findings;
  },
};

function names(related: RelatedDomain[]): string {
  const shown = related.slice(0, 3).map((r) => r.domain).join(', ');
  return related.length > 3 ? `${shown} (+${related.length - 3})` : shown;
}
