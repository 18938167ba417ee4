// A stored scan's answer as the store tests save it: every field present, `over` replacing any of them.
import { randomUUID } from 'node:crypto';
import type { ScanResult } from '../../src/scan/scanner.js';

export const scanResult = (over: Partial<ScanResult> = {}): ScanResult => ({
  id: randomUUID(),
  url: 'https://cash.example/',
  finalUrl: 'https://cash.example/',
  domain: 'cash.example',
  scannedAt: new Date('2026-11-21T00:00:00Z').toISOString(),
  rulesetVersion: 'test',
  weights: 'default',
  score: 72,
  band: 'high',
  complete: true,
  stance: null,
  summary: { en: 'Score 72/100', ko: '점수 72/100' },
  findings: [{ rule: 'payout-rate', signal: 'implausible-payout', points: 25, message: { en: 'm', ko: '메' }, evidence: [{ source: 'text', excerpt: '지급률 95% 보장' }] }],
  checks: [{ rule: 'payout-rate', status: 'hit' }],
  indicators: { phones: [], bankAccounts: [], kakaoIds: ['cash7777'], openChats: [], telegram: [], emails: [], links: [], lineIds: [], wechatIds: [] },
  fetch: { status: 200, contentType: 'text/html', bytes: 10, truncated: false, redirects: [], ms: 3, provided: false, pages: [] },
  domainInfo: null,
  template: null,
  history: null,
  related: [],
  reports: [],
  analystVerdict: null,
  suppressed: [],
  evidence: null,
  ...over,
});
