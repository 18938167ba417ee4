// Starts the server from the environment, and shuts down gracefully on SIGTERM/SIGINT.
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { createServices } from './services.js';

const config = loadConfig();
const services = await createServices(config);
const app = await buildApp(services, { logger: { level: config.logLevel } });
app.addHook('onClose', () => services.close());

let closing = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      (err) => {
        app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}

await app.listen({ port: config.port, host: config.host });
