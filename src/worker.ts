// `scamscore worker`: a batch worker process. It builds the same services as the API from the same environment
// (store, scanner, scan service) without the HTTP server and runs batch jobs from the BullMQ queue in Redis.
// SIGTERM/SIGINT: stop taking jobs, let the running ones finish (bounded by SCAMSCORE_SHUTDOWN_GRACE_MS; a job
// cut off by the deadline is left to BullMQ, which hands it to another worker once its lock lapses), close the
// store, exit 0. A second signal exits at once.
import { pino } from 'pino';
import { loadConfig, type Config } from './config.js';
import { createServices } from './services.js';

export async function runWorker(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (err) {
    console.error(`scamscore worker: cannot start: ${(err as Error).message}`);
    return 1;
  }
  if (!config.redisUrl) {
    console.error('scamscore worker: cannot start: REDIS_URL is not set (without Redis the API process runs batches itself)');
    return 1;
  }
  if (!config.databaseUrl) {
    console.error('scamscore worker: cannot start: DATABASE_URL is not set (a worker shares the API\'s Postgres; the embedded store belongs to one process)');
    return 1;
  }
  const log = pino({ level: config.logLevel });
  let services;
  try {
    services = await createServices(config, log);
  } catch (err) {
    console.error(`scamscore worker: cannot start: ${(err as Error).message}`);
    return 1;
  }
  try {
    await services.batches.consume();
  } catch (err) {
    console.error(`scamscore worker: cannot start: ${(err as Error).message}`);
    await services.close().catch(() => {});
    return 1;
  }
  log.info({ concurrency: config.batchConcurrency, prefix: config.redisPrefix, pid: process.pid }, 'batch worker ready');

  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  log.info({ signal }, 'batch worker stopping: running jobs finish, no new ones are taken');
  const again = () => process.exit(1);
  process.once('SIGTERM', again);
  process.once('SIGINT', again);
  const hard = setTimeout(() => {
    log.error('batch worker did not stop in time; its unfinished jobs will be retried by another worker');
    process.exit(1);
  }, config.shutdownGraceMs + 1_000);
  hard.unref();
  await services.close();
  log.info('batch worker stopped');
  return 0;
}
