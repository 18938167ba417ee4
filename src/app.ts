// Builds the Fastify app from config-derived services. The server file only configures and listens;
// tests use the app with app.inject.
import underPressure from '@fastify/under-pressure';
import Fastify, { type FastifyInstance, type FastifyServerOptions, type RouteOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Rule } from './engine/types.js';
import type { Weights } from './engine/weights.js';
import { installCors } from './http/cors.js';
import { installOpenApi } from './http/openapi.js';
import { startHeapRelief } from './http/heap-relief.js';
import { clientErrorHandler, errorHandler, sendProblem } from './http/problem.js';
import { domainRoutes } from './routes/domains.js';
import { healthRoutes } from './routes/health.js';
import { metricsRoutes } from './routes/metrics.js';
import { indicatorRoutes } from './routes/indicators.js';
import { reportRoutes } from './routes/reports.js';
import { verdictRoutes } from './routes/verdicts.js';
import { lookupRoutes } from './routes/lookup.js';
import type { Lookups } from './serve/lookup.js';
import { ruleRoutes } from './routes/rules.js';
import { MAX_HTML_BYTES, scanRoutes } from './routes/scans.js';
import type { Rescorer } from './scan/rescore.js';
import type { Scanner } from './scan/scanner.js';
import { installAuth } from './serve/auth.js';
import { installHttpMetrics } from './serve/http-metrics.js';
import type { KeyVerifier } from './serve/keys.js';
import type { Metrics } from './serve/metrics.js';
import { installRateLimits, type RateLimits } from './serve/rate-limits.js';
import type { ScanService } from './serve/scan-service.js';
import { drainOnClose } from './shutdown.js';
import { batchRoutes } from './routes/batches.js';
import type { Batches } from './serve/batch-service.js';
import type { Casework } from './store/casework.js';
import type { ScanStore } from './store/scan-store.js';
import { webRoutes } from './web/routes.js';

export interface Ruleset {
  version: string;
  rules: readonly Rule[];
  weights: Weights;
}

export interface AppServices {
  scanner: Scanner;
  store: ScanStore;
  scans: ScanService;
  ruleset: Ruleset;
  casework: Casework;
  rescore: Rescorer;
  metrics: Metrics;
  batches: Batches;
  lookups: Lookups;
  apiKeys: KeyVerifier;
  access: AccessSettings;
}

/** Who may call, how often, from which browser origins (serve/auth.ts, serve/rate-limits.ts, http/cors.ts). */
export interface AccessSettings {
  listenHost: string;
  allowOpen: boolean;
  rateLimits: RateLimits;
  /** Count callers without a key (open installs) per address; keyed callers are always counted. */
  limitAnonymous: boolean;
  corsOrigins: string[];
  redisUrl: string | null;
  redisPrefix: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    scanner: Scanner;
    store: ScanStore;
    scans: ScanService;
    ruleset: Ruleset;
    casework: Casework;
    rescore: Rescorer;
    metrics: Metrics;
    batches: Batches;
  }
}

/** When the process is overwhelmed, shed load with 503 + Retry-After instead of slowing down for everyone. */
export interface PressureLimits {
  maxEventLoopDelayMs: number;
  maxEventLoopUtilization: number;
  maxHeapUsedBytes: number;
  sampleIntervalMs: number;
  retryAfterSeconds: number;
}

export const DEFAULT_PRESSURE: PressureLimits = {
  maxEventLoopDelayMs: 1_000,
  // Off (0): admission bounds the scans at work, and a loop that is busy answering a burst is doing its job; a
  // 1 s utilisation near 1 shed even the cheap queue-full refusals. Delay and heap still mark real overload.
  maxEventLoopUtilization: 0,
  maxHeapUsedBytes: 1_500_000_000,
  sampleIntervalMs: 1_000,
  retryAfterSeconds: 10,
};

export async function buildApp(
  services: AppServices,
  options: {
    logger?: FastifyServerOptions['logger'];
    pressure?: Partial<PressureLimits>;
    /** Sees every route as it is added (the OpenAPI test compares them with the document). */
    onRoute?: (route: RouteOptions) => void;
  } = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    // Room for the optional html field plus JSON escaping.
    bodyLimit: MAX_HTML_BYTES * 2 + 16_384,
    requestTimeout: 120_000,
    // Every answer is problem details: a closing app answers 503 SHUTTING_DOWN through drainOnClose (Fastify's
    // own 503 writes a fixed JSON), errors Node's parser raises before a request exists go through
    // clientErrorHandler, and the router's (bad URL encoding, overlong parameter) through the error handler.
    return503OnClosing: false,
    clientErrorHandler,
    frameworkErrors: errorHandler,
  }).withTypeProvider<ZodTypeProvider>();
  if (options.onRoute) app.addHook('onRoute', options.onRoute);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('scanner', services.scanner);
  app.decorate('store', services.store);
  app.decorate('scans', services.scans);
  app.decorate('ruleset', services.ruleset);
  app.decorate('casework', services.casework);
  app.decorate('rescore', services.rescore);
  app.decorate('metrics', services.metrics);
  app.decorate('batches', services.batches);
  app.decorate('lookups', services.lookups);
  app.setErrorHandler(errorHandler);
  drainOnClose(app);
  // The API speaks JSON only: a text/plain body is a wrong content type (415), not a malformed request.
  app.removeContentTypeParser('text/plain');
  const pressure = { ...DEFAULT_PRESSURE, ...options.pressure };
  // Only for a real working limit (main.ts: 160 MB): the default 1.5 GB is beyond what garbage reaches before V8
  // collects it, and tests that set a tiny limit to force shedding must not collect in a loop.
  if (pressure.maxHeapUsedBytes >= 64 * 2 ** 20 && pressure.maxHeapUsedBytes < 1_000_000_000) {
    const stopRelief = startHeapRelief(pressure.maxHeapUsedBytes, Math.max(50, Math.floor(pressure.sampleIntervalMs / 4)));
    app.addHook('onClose', async () => stopRelief());
  }
  await app.register(underPressure, {
    maxEventLoopDelay: pressure.maxEventLoopDelayMs,
    maxEventLoopUtilization: pressure.maxEventLoopUtilization,
    maxHeapUsedBytes: pressure.maxHeapUsedBytes,
    sampleInterval: pressure.sampleIntervalMs,
    pressureHandler: (_request, reply, type) => {
      void reply.header('retry-after', String(pressure.retryAfterSeconds));
      void sendProblem(reply, 503, `the service is overloaded (${type}); retry in ${pressure.retryAfterSeconds} s`, 'OVERLOADED');
    },
  });
  // CORS first, so that refusals (401, 429) still carry the origin's headers and an extension can read them.
  await installCors(app, services.access.corsOrigins);
  installAuth(app, services.apiKeys, { listenHost: services.access.listenHost, allowOpen: services.access.allowOpen });
  await installRateLimits(app, {
    limits: services.access.rateLimits,
    limitAnonymous: services.access.limitAnonymous,
    redisUrl: services.access.redisUrl,
    redisPrefix: services.access.redisPrefix,
    log: app.log,
  });
  installHttpMetrics(app, services.metrics);
  await installOpenApi(app, { version: services.ruleset.version });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, 404, `no route ${request.method} ${request.url.split('?')[0]}; see POST /v1/scans`, 'NOT_FOUND'),
  );
  await app.register(healthRoutes);
  await app.register(metricsRoutes);
  await app.register(ruleRoutes);
  await app.register(scanRoutes);
  await app.register(domainRoutes);
  await app.register(indicatorRoutes);
  await app.register(reportRoutes);
  await app.register(verdictRoutes);
  await app.register(batchRoutes);
  // The API's side of batches: unfinished items go back on the queue (and, without Redis, run in this process).
  app.addHook('onReady', async () => {
    await services.batches.start().catch((err: Error) => app.log.warn({ err: err.message }, 'unfinished batch items could not be queued again'));
  });
  await app.register(lookupRoutes);
  // The page for people (src/web): its own CSP and headers, scoped to its routes.
  await app.register(webRoutes);
  return app;
}
