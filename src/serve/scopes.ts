// What an API key may do. Each route names the one scope it needs in its route config (`config: { scope }`);
// routes without one (health, docs, metrics) are open. A key with 'admin' may do everything.
export const SCOPES = ['lookup', 'scan', 'batch', 'report', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

declare module 'fastify' {
  interface FastifyContextConfig {
    scope?: Scope;
  }
}
