// Response schemas of the routes that had none, for the OpenAPI document. Fastify serializes answers through
// them (fastify-type-provider-zod parses, then stringifies), so every object is loose — a member added to an
// answer, or one missing from an answer stored by an older version, must never turn a 200 into a 500 — and the
// members answers gained over time (memory: history, related, evidence...) are optional.
import { z } from 'zod';

/**
 * A response schema as the handlers see it: answers are typed by their own interfaces, which lack the index
 * signature loose objects infer, so the compile-time type is left open; the runtime schema (documented and
 * checked on the way out) is unchanged.
 */
const answer = (schema: z.ZodType): z.ZodType<unknown> => schema;

const localized = z.looseObject({ en: z.string(), ko: z.string() });
const band = z.enum(['low', 'medium', 'high', 'critical', 'unknown']);

const evidence = z.looseObject({
  source: z.string().describe('text, form, link, meta, url, whois, header'),
  excerpt: z.string(),
  location: z.string().optional(),
});

export const finding = z.looseObject({
  rule: z.string(),
  signal: z.string(),
  points: z.number(),
  message: localized,
  evidence: z.array(evidence),
});

const check = z.looseObject({ rule: z.string(), status: z.enum(['hit', 'clear', 'unavailable']), reason: z.string().optional() });

const fetchReport = z.looseObject({
  status: z.number().int().nullable(),
  contentType: z.string().nullable(),
  bytes: z.number().int(),
  truncated: z.boolean(),
  redirects: z.array(z.looseObject({ url: z.string(), status: z.number().int() })),
  ms: z.number(),
  provided: z.boolean().optional(),
  error: z.string().optional().describe('why the page could not be read; the answer is then complete: false'),
  pages: z.array(z.looseObject({ url: z.string(), status: z.number().int().nullable(), error: z.string().optional() })).optional(),
});

const domainInfo = z.looseObject({
  domain: z.string(),
  createdAt: z.string().nullable(),
  ageDays: z.number().nullable(),
  registrar: z.string().nullable(),
  privacy: z.boolean().nullable().optional(),
  source: z.enum(['rdap', 'whois']).optional(),
});

const analystVerdict = z.looseObject({ id: z.string(), verdict: z.enum(['scam', 'legitimate']), reason: z.string(), by: z.string(), at: z.string() });

/** The answer of POST /v1/scans and GET /v1/scans/:id (README: API). */
const scanResultSchema = z.looseObject({
  id: z.string(),
  url: z.string(),
  finalUrl: z.string(),
  domain: z.string().nullable(),
  scannedAt: z.string(),
  rulesetVersion: z.string(),
  weights: z.string().optional(),
  score: z.number().int().min(0).max(100),
  band,
  complete: z.boolean().optional(),
  summary: localized,
  findings: z.array(finding),
  checks: z.array(check),
  indicators: z.record(z.string(), z.array(z.string())).nullable().optional(),
  stance: z.looseObject({}).nullable().optional(),
  fetch: fetchReport,
  domainInfo: domainInfo.nullable(),
  template: z.string().nullable().optional(),
  history: z.looseObject({ firstSeen: z.string(), lastSeen: z.string(), scans: z.number().int() }).nullable().optional(),
  related: z.array(z.looseObject({ domain: z.string() })).optional(),
  reports: z.array(z.looseObject({})).optional(),
  analystVerdict: analystVerdict.nullable().optional(),
  suppressed: z.array(z.looseObject({})).optional(),
  evidence: z.looseObject({}).nullable().optional(),
});

export const scanResult = answer(scanResultSchema);

export const rescoreResult = answer(z.looseObject({
  result: scanResultSchema.extend({ rescoredAt: z.string().optional() }),
  changes: z.looseObject({ score: z.looseObject({ from: z.number(), to: z.number() }) }),
}));

const reportCounts = z.looseObject({ windowDays: z.number().int(), count: z.number().int(), independentSources: z.number().int() });

export const domainHistory = answer(z.looseObject({
  domain: z.string(),
  firstSeen: z.string().nullable().optional(),
  lastSeen: z.string().nullable().optional(),
  analystVerdict: analystVerdict.nullable(),
  suppressions: z.array(z.looseObject({})),
  reports: reportCounts,
  scans: z.array(
    z.looseObject({
      id: z.string(),
      url: z.string(),
      host: z.string(),
      scannedAt: z.string(),
      score: z.number().int(),
      band,
      complete: z.boolean().optional(),
      page: z.string().nullable().optional(),
      changes: z.looseObject({}).nullable(),
    }),
  ),
  next: z.string().nullable(),
}));

export const indicatorSightings = answer(z.looseObject({
  kind: z.string(),
  value: z.string(),
  domains: z.array(
    z.looseObject({
      domain: z.string(),
      firstSeen: z.string(),
      lastSeen: z.string(),
      scans: z.number().int(),
      latest: z.looseObject({ scanId: z.string(), band: z.string(), score: z.number() }),
    }),
  ),
  scans: z.array(z.looseObject({})),
  reports: reportCounts,
}));

export const ruleList = answer(z.looseObject({
  rulesetVersion: z.string(),
  weights: z.string(),
  bands: z.looseObject({}),
  rules: z.array(
    z.looseObject({
      id: z.string(),
      title: localized,
      description: localized,
      signals: z.array(z.looseObject({ id: z.string(), points: z.number(), message: z.looseObject({}) })),
    }),
  ),
}));

const domainVerdictSchema = analystVerdict.extend({ domain: z.string(), supersedes: z.string().nullable() });
const domainSuppressionSchema = z.looseObject({
  id: z.string(),
  domain: z.string(),
  rule: z.string(),
  reason: z.string(),
  by: z.string(),
  at: z.string(),
  supersedes: z.string().nullable(),
});
const withdrawal = { withdrawnAt: z.string(), withdrawnBy: z.string(), withdrawReason: z.string() };
export const domainVerdict = answer(domainVerdictSchema);
export const domainSuppression = answer(domainSuppressionSchema);
export const withdrawnVerdict = answer(domainVerdictSchema.extend(withdrawal));
export const withdrawnSuppression = answer(domainSuppressionSchema.extend(withdrawal));

export const auditTrail = answer(z.looseObject({
  domain: z.string(),
  verdict: analystVerdict.nullable(),
  suppressions: z.array(z.looseObject({})),
  entries: z.array(
    z.looseObject({
      id: z.string(),
      at: z.string(),
      actor: z.string().describe("who: an API key's owner (with `by` when given), or `by` on open local installs"),
      action: z.string(),
      subjectKind: z.string(),
      subjectId: z.string(),
      domain: z.string().nullable(),
      detail: z.looseObject({}),
    }),
  ),
}));

export const health = z.looseObject({ status: z.literal('ok') });
