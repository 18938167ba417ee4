// Starts the server from the environment; SIGTERM/SIGINT shut it down gracefully (src/shutdown.ts).
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { isLoopbackHost } from './serve/auth.js';
import { createServices } from './services.js';
import { shutdownOnSignals } from './shutdown.js';

// A setting that is invalid or a store that cannot be opened ends the process with one line that names the
// setting and the cause, not a stack trace.
function cannotStart(err: unknown): never {
  console.error(`scamscore: cannot start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}

const config = await Promise.resolve().then(() => loadConfig()).catch(cannotStart);
const services = await createServices(config).catch(cannotStart);
// The main thread's heap holds requests and answers only (pages are parsed in the workers, the store has its
// own memory): past 160 MB, new requests are shed with 503 rather than pushing the process over its budget.
const app = await buildApp(services, { logger: { level: config.logLevel }, pressure: { maxHeapUsedBytes: 160 * 2 ** 20 } });
shutdownOnSignals(app, { graceMs: config.shutdownGraceMs, closeServices: () => services.close() });

await app.listen({ port: config.port, host: config.host });
// Said once at start, so an operator who bound a public address learns why every call answers 401.
if (!config.open && !isLoopbackHost(config.host) && !(await services.apiKeys.anyKeys().catch(() => true))) {
  app.log.warn(`no API keys exist and HOST is ${config.host}: scoped routes answer 401 API_KEYS_REQUIRED until \`scamscore keys create\` makes one (or set SCAMSCORE_OPEN=1)`);
}
