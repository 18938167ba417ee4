// GET /v1/rules: every rule, its signals and the points in force, so anyone can check a score by hand.
import type { FastifyPluginAsync } from 'fastify';
import { signalKey } from '../engine/weights.js';
import { ruleList } from '../http/schemas.js';

export const ruleRoutes: FastifyPluginAsync = async (app) => {
  app.get('/v1/rules', { config: { scope: 'lookup' }, schema: { response: { 200: ruleList } } }, async () => ({
    rulesetVersion: app.ruleset.version,
    weights: app.ruleset.weights.source,
    bands: app.ruleset.weights.bands,
    rules: app.ruleset.rules.map((r) => ({
      id: r.meta.id,
      title: r.meta.title,
      description: r.meta.description,
      needs: r.meta.needs,
      signals: Object.entries(r.meta.signals).map(([id, s]) => ({
        id,
        points: app.ruleset.weights.points[signalKey(r.meta.id, id)] ?? s.points,
        message: s.message,
      })),
    })),
  }));
};
