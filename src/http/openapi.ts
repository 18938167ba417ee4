// The OpenAPI 3.1 document, generated from the routes' zod schemas (@fastify/swagger with
// fastify-type-provider-zod's transforms) and served at /openapi.json, with an interactive reference at /docs
// (@scalar/fastify-api-reference, its JavaScript served from this process: the page works offline).
// Each route that needs a scope gets the key schemes, its scope (`x-scope`) and the problem answers every such
// route can give; register before the routes, since the document is collected as routes are added.
import swagger from '@fastify/swagger';
import scalar from '@scalar/fastify-api-reference';
import type { FastifyInstance, FastifySchema } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

type Transform = typeof jsonSchemaTransform;

const problemSchema = {
  type: 'object',
  description: 'RFC 9457 problem details',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string', description: 'stable error code (README: errors)' },
  },
  additionalProperties: true,
};

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: problemSchema } } });

/** Answers any route may give (documented so clients see their shape). */
const COMMON_PROBLEMS: Record<string, ReturnType<typeof problem>> = {
  400: problem('Bad input (BAD_INPUT, MALFORMED_REQUEST, FST_ERR_*)'),
  503: problem('Overloaded, store unavailable or shutting down; carries Retry-After'),
};

/** What a route that needs an API key scope may answer besides its own statuses. */
const SCOPED_PROBLEMS: Record<string, ReturnType<typeof problem>> = {
  401: problem('No key (API_KEY_MISSING), an unknown or revoked key (API_KEY_INVALID, API_KEY_REVOKED), or a keyless non-loopback install (API_KEYS_REQUIRED); carries WWW-Authenticate'),
  403: problem("The key lacks the route's scope (INSUFFICIENT_SCOPE)"),
  429: problem('Rate limit of the scope exceeded for this key (RATE_LIMITED); carries Retry-After'),
};

const transform: Transform = (input) => {
  const out = jsonSchemaTransform(input);
  const scope = input.route.config?.scope;
  const schema = { ...(out.schema ?? {}) } as FastifySchema & { response?: Record<string, unknown>; security?: unknown; [k: string]: unknown };
  const params = (input.route.url.match(/:\w+/g) ?? []).length > 0;
  schema.response = {
    ...COMMON_PROBLEMS,
    ...(params ? { 404: problem('No such resource (NOT_FOUND)') } : {}),
    ...(scope ? SCOPED_PROBLEMS : {}),
    ...schema.response,
  };
  if (scope) {
    schema.security = [{ bearer: [] }, { apiKey: [] }];
    schema['x-scope'] = scope;
    schema.description = `${schema.description ? `${String(schema.description)}\n\n` : ''}Needs an API key with scope \`${scope}\` (or \`admin\`).`;
  }
  return { ...out, schema };
};

export async function installOpenApi(app: FastifyInstance, info: { version: string }): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'scamscore',
        version: info.version,
        description:
          'Explainable risk scores for Korean micropayment cash-out (소액결제 현금화) sites. Errors are RFC 9457 problem details with a stable `code`.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'Authorization: Bearer <key> (scamscore keys create)' },
          apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
        },
      },
    },
    transform,
    transformObject: jsonSchemaTransformObject,
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(scalar, {
    routePrefix: '/docs',
    // The document this process serves; the page's script is the package's bundled copy (served at
    // /docs/js/scalar.js), and without default fonts it asks nothing of a CDN.
    configuration: { url: '/openapi.json', withDefaultFonts: false },
  });
}
