// CORS for browser extensions calling the API (SCAMSCORE_CORS_ORIGINS): exact origins such as
// `chrome-extension://<id>`, or patterns with `*` (`moz-extension://*`: Firefox gives each install its own
// UUID). No list, no CORS: browsers then refuse cross-origin calls, which is the safe default.
import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';

export function originMatcher(patterns: readonly string[]): (origin: string) => boolean {
  const exact = new Set(patterns.filter((p) => !p.includes('*')).map((p) => p.toLowerCase()));
  const wildcards = patterns
    .filter((p) => p.includes('*'))
    // `*` stands for one origin part: no slash, so `https://*.example.org` cannot match `https://evil.test/x.example.org`.
    .map((p) => new RegExp(`^${p.toLowerCase().split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^/]+')}$`));
  return (origin) => {
    const o = origin.toLowerCase();
    return exact.has(o) || wildcards.some((re) => re.test(o));
  };
}

export async function installCors(app: FastifyInstance, origins: readonly string[]): Promise<void> {
  if (origins.length === 0) return;
  const allowed = originMatcher(origins);
  await app.register(cors, {
    origin: (origin, cb) => cb(null, origin !== undefined && allowed(origin)),
    methods: ['GET', 'POST', 'DELETE'],
    allowedHeaders: ['authorization', 'x-api-key', 'content-type'],
    exposedHeaders: ['ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset', 'retry-after', 'location', 'www-authenticate'],
    maxAge: 600,
  });
}
