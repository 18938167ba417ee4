// Starts the server from the environment; SIGTERM/SIGINT shut it down gracefully (src/shutdown.ts).
import v8 from 'node:v8';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { isLoopbackHost } from './serve/auth.js';
import { createServices } from './services.js';
import { shutdownOnSignals } from './shutdown.js';
import { lowerHelperThreads } from './thread-priority.js';

// A setting that is invalid or a store that cannot be opened ends the process with one line that names the
// setting and the cause, not a stack trace.
function cannotStart(err: unknown): never {
  console.error(`scamscore: cannot start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}

// Under a stream of scans V8 kept the main heap within a few MB of its live size and ran a full collection every
// half second, each pausing every request for up to 16 ms (the p99 of every route under load). Letting the heap
// grow half again past what a collection leaves made those collections 5x rarer (30 to 6 in the serving bench);
// it stays below the share of the 160 MB limit where heap relief collects (src/http/heap-relief.ts).
v8.setFlagsFromString('--heap-growing-percent=50');

const config = await Promise.resolve().then(() => loadConfig()).catch(cannotStart);
// Before any worker starts: only Node's own helper threads exist yet (the store's thread keeps the priority).
await lowerHelperThreads(config.threadNice);
const services = await createServices(config).catch(cannotStart);
// The main thread's heap holds requests and answers only (pages are parsed in the workers, the store has its
// own memory): past 160 MB, new requests are shed with 503 rather than pushing the process over its budget.
const app = await buildApp(services, { logger: { level: config.logLevel }, pressure: { maxHeapUsedBytes: 160 * 2 ** 20 } });
shutdownOnSignals(app, { graceMs: config.shutdownGraceMs, closeServices: (onStep) => services.close(onStep) });

await app.listen({ port: config.port, host: config.host });
// Said once at start, so an operator who bound a public address learns why every call answers 401.
if (!config.open && !isLoopbackHost(config.host) && !(await services.apiKeys.anyKeys().catch(() => true))) {
  app.log.warn(`no API keys exist and HOST is ${config.host}: scoped routes answer 401 API_KEYS_REQUIRED until \`scamscore keys create\` makes one (or set SCAMSCORE_OPEN=1)`);
}
