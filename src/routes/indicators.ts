// GET /v1/indicators/:kind/:value: which domains and scans carried an identifier (a phone, an account, a
// KakaoTalk ID...), when, with each domain's latest band: how a hotline links ten calls to one broker.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BadInputError, NotFoundError } from '../errors.js';
import { indicatorSightings } from '../http/schemas.js';
import { INDICATOR_KINDS, normalizeIndicator } from '../store/casework.js';
import { REPORT_WINDOW_DAYS } from '../store/recall.js';

const MAX_SIGHTINGS = 1000;

export const indicatorRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/indicators/:kind/:value',
    {
      config: { scope: 'lookup' },
      schema: {
        params: z.object({
          kind: z.enum(INDICATOR_KINDS, { error: `kind must be one of ${INDICATOR_KINDS.join(', ')}` }),
          value: z.string().min(1).max(300),
        }),
        response: { 200: indicatorSightings },
      },
    },
    async (request) => {
      const { kind } = request.params;
      const normalized = normalizeIndicator(kind, request.params.value);
      if (!normalized) throw new BadInputError(`"${request.params.value.slice(0, 100)}" is not a ${kind} identifier`);
      const [sightings, reports] = await Promise.all([
        app.store.sightings(kind, normalized.key, MAX_SIGHTINGS),
        app.casework.reportsFor({ domain: null, indicators: [{ kind, value: normalized.key }] }, REPORT_WINDOW_DAYS),
      ]);
      if (sightings.length === 0 && reports.length === 0) throw new NotFoundError(`no stored scan or report carries ${kind} ${normalized.value}`);
      const domains = new Map<string, { domain: string; firstSeen: string; lastSeen: string; scans: number; latest: { scanId: string; band: string; score: number } }>();
      // Sightings come newest first: the first one of a domain is its latest.
      for (const s of sightings) {
        const d = domains.get(s.domain);
        if (!d) domains.set(s.domain, { domain: s.domain, firstSeen: s.seenAt, lastSeen: s.seenAt, scans: 1, latest: { scanId: s.scanId, band: s.band, score: s.score } });
        else Object.assign(d, { firstSeen: s.seenAt, scans: d.scans + 1 });
      }
      return {
        kind,
        value: normalized.value,
        domains: [...domains.values()],
        scans: sightings,
        reports: { windowDays: REPORT_WINDOW_DAYS, count: reports.length, independentSources: new Set(reports.map((r) => r.source)).size },
      };
    },
  );
};
