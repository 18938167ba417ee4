// Scam domains rotate within days to weeks (DOMAIN.md), so a young registration adds risk in steps and a
// long-lived one is a small trust signal. Age alone misses parasite pages on old domains: hence small points.
import { cashoutContext } from '../src/analysis/cashout-context.js';
import type { DomainFacts, Evidence, Rule, RuleFinding } from '../src/engine/types.js';
import { DEFAULT_POINTS } from './weights.js';

const DAY = 86_400_000;

function creationEvidence(domain: DomainFacts): Evidence {
  return {
    source: 'whois',
    excerpt: domain.lines.createdAt ?? `${domain.domain} created ${domain.createdAt}`,
    location: `${domain.source === 'rdap' ? 'RDAP' : 'WHOIS'} ${domain.server}`,
  };
}

function ageInDays(domain: DomainFacts, now: number): number | null {
  if (domain.ageDays !== null) return domain.ageDays;
  if (!domain.createdAt) return null;
  const created = Date.parse(domain.createdAt);
  return Number.isFinite(created) ? Math.floor((now - created) / DAY) : null;
}

export const rule: Rule = {
  meta: {
    id: 'domain-age',
    title: { en: 'Domain age', ko: '도메인 등록 기간' },
    description: {
      en: 'How long ago the domain was registered, from WHOIS. Cash-out scam domains are replaced within days or weeks; a domain registered years ago is a small sign of trust.',
      ko: 'WHOIS의 도메인 등록일로 등록 기간을 봅니다. 현금화 사기 도메인은 며칠~몇 주 만에 바뀌며, 수년 전에 등록된 도메인은 작은 신뢰 신호입니다.',
    },
    needs: ['domain'],
    signals: {
      'very-young': {
        points: DEFAULT_POINTS['domain-age/very-young'],
        message: {
          en: 'The domain was registered {days} days ago (under a month)',
          ko: '도메인이 {days}일 전에 등록되었습니다(1개월 미만)',
        },
      },
      young: {
        points: DEFAULT_POINTS['domain-age/young'],
        message: {
          en: 'The domain was registered {days} days ago (under three months)',
          ko: '도메인이 {days}일 전에 등록되었습니다(3개월 미만)',
        },
      },
      recent: {
        points: DEFAULT_POINTS['domain-age/recent'],
        message: {
          en: 'The domain was registered {days} days ago (under a year)',
          ko: '도메인이 {days}일 전에 등록되었습니다(1년 미만)',
        },
      },
      'hidden-registrant': {
        points: DEFAULT_POINTS['domain-age/hidden-registrant'],
        message: {
          en: 'The registrant of this young domain is hidden (privacy service or redacted record)',
          ko: '신규 도메인의 등록자 정보가 비공개(대행·삭제)입니다',
        },
      },
      established: {
        points: DEFAULT_POINTS['domain-age/established'],
        message: {
          en: 'The domain has been registered for {years} years',
          ko: '도메인이 {years}년 전부터 등록되어 있습니다',
        },
      },
    },
  },

  evaluate(facts) {
    const domain = facts.domain!;
    const days = ageInDays(domain, facts.now);
    // No creation date (some registries hide it): say nothing rather than guess.
    if (days === null) return [];
    const findings: RuleFinding[] = [];
    const evidence = [creationEvidence(domain)];
    const shown = Math.max(0, days);

    if (days < 30) findings.push({ signal: 'very-young', vars: { days: shown }, evidence });
    else if (days < 90) findings.push({ signal: 'young', vars: { days: shown }, evidence });
    else if (days < 365) findings.push({ signal: 'recent', vars: { days: shown }, evidence });
    // An old domain vouches for its owner, not for cash-out promotion planted on it: hijacked and expired
    // domains are where such pages live.
    else if (days >= 5 * 365 && !(facts.page && cashoutContext(facts.page).promotes)) {
      findings.push({ signal: 'established', vars: { years: Math.floor(days / 365.25) }, evidence });
    }

    // A hidden registrant is normal on its own; it matters only with a domain this young.
    if (days < 365 && domain.privacy === true && domain.lines.privacy) {
      findings.push({ signal: 'hidden-registrant', evidence: [{ source: 'whois', excerpt: domain.lines.privacy, location: `${domain.source === 'rdap' ? 'RDAP' : 'WHOIS'} ${domain.server}` }] });
    }
    return findings;
  },
};

export default rule;
