// GET /v1/domains/:domain: every scan of a registrable domain and its hosts, newest first, with what changed
// between consecutive scans, and what analysts and hotlines recorded about it.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { mainPageHash, siteChanges } from '../engine/changes.js';
import { NotFoundError } from '../errors.js';
import { domainHistory } from '../http/schemas.js';
import { REPORT_WINDOW_DAYS } from '../store/recall.js';
import { registrableDomain } from '../store/casework.js';

const MAX_PAGE = 200;

export const domainRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/domains/:domain',
    {
      config: { scope: 'lookup' },
      schema: {
        params: z.object({ domain: z.string().min(1).max(253) }),
        querystring: z
          .object({
            limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(50),
            before: z.string().datetime({ offset: true, error: 'before must be an ISO date-time (a scannedAt of the previous page)' }).optional(),
          })
          .strict(),
        response: { 200: domainHistory },
      },
    },
    async (request) => {
      const domain = registrableDomain(request.params.domain);
      const { limit, before } = request.query;
      // One more than shown, so the oldest shown scan has its predecessor to compare with.
      const [stats, scans, standing, reports] = await Promise.all([
        app.store.domainStats(domain),
        app.store.history(domain, { limit: limit + 1, before }),
        app.casework.standingFor(domain),
        app.casework.reportsFor({ domain }, REPORT_WINDOW_DAYS),
      ]);
      if (stats.scans === 0) throw new NotFoundError(`no scan of ${domain} is stored; scan it with POST /v1/scans`);
      const shown = scans.slice(0, limit);
      return {
        domain,
        ...stats,
        analystVerdict: standing.verdict,
        suppressions: standing.suppressions,
        reports: { windowDays: REPORT_WINDOW_DAYS, count: reports.length, independentSources: new Set(reports.map((r) => r.source)).size },
        scans: shown.map((scan, i) => {
          const previous = scans[i + 1];
          return {
            id: scan.id,
            url: scan.url,
            host: new URL(scan.finalUrl).hostname,
            scannedAt: scan.scannedAt,
            score: scan.score,
            band: scan.band,
            complete: scan.complete,
            page: mainPageHash(scan),
            changes: previous ? siteChanges(previous, scan) : null,
          };
        }),
        next: scans.length > limit ? `/v1/domains/${domain}?limit=${limit}&before=${encodeURIComponent(shown.at(-1)!.scannedAt)}` : null,
      };
    },
  );
};
