// The OpenAPI document covers every route the app registers, and the README's example answers are true to it;
// the reference page at /docs works without the internet.
import fs from 'node:fs';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { checkExamples, readmeExamples } from '../support/readme-examples.js';
import { startHarness, type Harness } from '../support/harness.js';

let h: Harness;
let app: FastifyInstance;
const routes: RouteOptions[] = [];
let doc: { openapi: string; paths: Record<string, Record<string, { responses?: Record<string, unknown>; security?: unknown; 'x-scope'?: string }>> };

beforeAll(async () => {
  h = await startHarness({});
  app = await buildApp(h.services, { onRoute: (r) => void routes.push(r) });
  const r = await app.inject({ method: 'GET', url: '/openapi.json' });
  expect(r.statusCode).toBe(200);
  doc = r.json();
});
afterAll(async () => {
  await app?.close();
  await h?.close();
});

const openapiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}');

describe('GET /openapi.json', () => {
  it('is OpenAPI 3.1 and lists every route the app registered, with its scope', () => {
    expect(doc.openapi).toBe('3.1.0');
    const documented = routes.filter((r) => !(r.schema as { hide?: boolean } | undefined)?.hide);
    // Sanity: the walk saw the API (and would see a route added without a document entry).
    expect(documented.length).toBeGreaterThanOrEqual(15);
    const missing: string[] = [];
    for (const r of documented) {
      for (const method of [r.method].flat()) {
        // Fastify adds a HEAD twin to GET routes by itself; the document describes the GET.
        if (method === 'HEAD') continue;
        const op = doc.paths[openapiPath(r.url)]?.[method.toLowerCase()];
        if (!op) {
          missing.push(`${method} ${r.url}`);
          continue;
        }
        const scope = (r.config as { scope?: string } | undefined)?.scope;
        expect(op['x-scope'], `${method} ${r.url}`).toBe(scope);
        if (scope) expect(Object.keys(op.responses ?? {}), `${method} ${r.url}`).toEqual(expect.arrayContaining(['401', '403', '429']));
      }
    }
    expect(missing).toEqual([]);
    // Hidden routes are only the document, the reference page itself and the web page for people (src/web).
    const hidden = routes.filter((r) => (r.schema as { hide?: boolean } | undefined)?.hide).map((r) => r.url);
    for (const url of hidden) expect(url).toMatch(/^(\/openapi\.json|\/docs.*|\/metrics|\*|\/|\/site\/:domain|\/indicator\/:kind\/:value|\/batch|\/batch\/:id|\/assets\/.*)$/);
  });

  it('describes the scan answer, not just its request', () => {
    const ok = doc.paths['/v1/scans']!.post!.responses!['200'] as { content: Record<string, { schema: { properties: Record<string, unknown> } }> };
    expect(Object.keys(ok.content['application/json']!.schema.properties)).toEqual(expect.arrayContaining(['score', 'band', 'findings', 'checks', 'fetch', 'domainInfo']));
  });
});

describe('README example answers', () => {
  const readme = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

  it('are marked, documented and valid against the document', () => {
    const examples = readmeExamples(readme);
    expect(examples.length).toBeGreaterThanOrEqual(3);
    expect(checkExamples(readme, doc)).toEqual([]);
  });

  it('would fail on an example that does not validate, an undocumented route or status, or a marker without JSON', () => {
    const bad = [
      '<!-- example: GET /healthz 200 -->',
      '```json',
      '{ "status": "down" }',
      '```',
      '<!-- example: GET /v1/nowhere 200 -->',
      '```json',
      '{}',
      '```',
      '<!-- example: GET /healthz 418 -->',
      '```json',
      '{}',
      '```',
      '<!-- example: GET /healthz 200 -->',
      'text',
    ].join('\n');
    const problems = checkExamples(bad, doc);
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(/does not match the schema/);
    expect(problems[1]).toMatch(/no such route/);
    expect(problems[2]).toMatch(/status 418 is not documented/);
    expect(problems[3]).toMatch(/not directly followed/);
  });
});

describe('GET /docs', () => {
  it('serves the reference page and its script from this process, nothing from a CDN', async () => {
    const page = await app.inject({ method: 'GET', url: '/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const srcs = [...page.body.matchAll(/<(?:script|link)[^>]+(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(srcs.length).toBeGreaterThan(0);
    for (const src of srcs) expect(src, src).not.toMatch(/^(https?:)?\/\//);
    expect(page.body).toContain('/openapi.json');
    const script = await app.inject({ method: 'GET', url: '/docs/js/scalar.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
    expect(script.body.length).toBeGreaterThan(100_000);
  });
});
