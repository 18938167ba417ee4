// Starts the server from the environment; SIGTERM/SIGINT shut it down gracefully (src/shutdown.ts).
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { createServices } from './services.js';
import { shutdownOnSignals } from './shutdown.js';

const config = loadConfig();
const services = await createServices(config);
const app = await buildApp(services, { logger: { level: config.logLevel } });
shutdownOnSignals(app, { graceMs: config.shutdownGraceMs, closeServices: () => services.close() });

await app.listen({ port: config.port, host: config.host });
