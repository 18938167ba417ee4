// Builds the Fastify app from config-derived services. The server file only configures and listens;
// tests use the app with app.inject.
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Rule } from './engine/types.js';
import type { Weights } from './engine/weights.js';
import { errorHandler, sendProblem } from './http/problem.js';
import { healthRoutes } from './routes/health.js';
import { ruleRoutes } from './routes/rules.js';
import { MAX_HTML_BYTES, scanRoutes } from './routes/scans.js';
import type { Scanner } from './scan/scanner.js';
import type { ScanStore } from './store/scan-store.js';

export interface Ruleset {
  version: string;
  rules: readonly Rule[];
  weights: Weights;
}

export interface AppServices {
  scanner: Scanner;
  store: ScanStore;
  ruleset: Ruleset;
}

declare module 'fastify' {
  interface FastifyInstance {
    scanner: Scanner;
    store: ScanStore;
    ruleset: Ruleset;
  }
}

export async function buildApp(services: AppServices, options: { logger?: FastifyServerOptions['logger'] } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    // Room for the optional html field plus JSON escaping.
    bodyLimit: MAX_HTML_BYTES * 2 + 16_384,
    requestTimeout: 120_000,
    return503OnClosing: true,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('scanner', services.scanner);
  app.decorate('store', services.store);
  app.decorate('ruleset', services.ruleset);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, 404, `no route ${request.method} ${request.url.split('?')[0]}; see POST /v1/scans`, 'NOT_FOUND'),
  );
  await app.register(healthRoutes);
  await app.register(ruleRoutes);
  await app.register(scanRoutes);
  return app;
}
