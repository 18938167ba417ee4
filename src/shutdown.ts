// Graceful shutdown. A rolling deploy or a container stop sends SIGTERM and waits a bounded time before
// SIGKILL, so the process must stop taking work at once, let the answers already being computed reach their
// callers, and be gone within its grace period. Node's server.close() alone does not do that: it closes the
// keep-alive connections that are idle at that moment, but a connection busy with a request goes back to idle
// after its answer and then stays open until the keep-alive timeout (72 s in Fastify), and close() waits for it.
import { constants } from 'node:os';
import type { FastifyInstance } from 'fastify';
import { ShuttingDownError } from './errors.js';
import { sendProblem } from './http/problem.js';

/** The hard deadline is grace + this: the time left to close the services after the connections are cut. */
export const HARD_DEADLINE_AFTER_GRACE_MS = 900;

/**
 * Hooks that make a closing app behave like one, from the moment app.close() is called: a request that still
 * arrives on an open connection is answered 503 SHUTTING_DOWN, and every answer (those in flight included)
 * carries `Connection: close`, so Node ends each connection after its last answer instead of keeping it.
 */
export function drainOnClose(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (_request, reply) => {
    if (!closing) return;
    const refusal = new ShuttingDownError();
    void reply.header('retry-after', String(refusal.retryAfterSeconds));
    return sendProblem(reply, refusal.status, refusal.message, refusal.code);
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    if (closing) void reply.header('connection', 'close');
    return payload;
  });
}

export interface ShutdownOptions {
  /** How long in-flight requests may take to finish before their connections are cut. */
  graceMs: number;
  /** Closes what the app uses (the store last), telling `onStep` each service as it starts. Runs only once no
   *  connection is left, so every answer sent was saved before it. */
  closeServices: (onStep: (service: string) => void) => Promise<void>;
  /** Told each step as it starts, so a shutdown ended by the hard deadline can say where it hung. */
  onStage?: (stage: ShutdownStage) => void;
}

export type ShutdownStage = 'draining' | 'cutting connections' | 'closing services' | `closing services: ${string}`;

export interface ShutdownReport {
  /** True when every connection ended by itself within the grace period. */
  drained: boolean;
  /** Connections still open (requests still running) when the grace period ended. */
  cutConnections: number;
  ms: number;
}

/** Stop listening, drain within the grace period, cut what is left, then close the services. */
export async function shutdown(app: FastifyInstance, options: ShutdownOptions): Promise<ShutdownReport> {
  const started = performance.now();
  options.onStage?.('draining');
  // Stops accepting, closes the idle keep-alive connections, and resolves once every connection has ended.
  const closed = app.close();
  let timer: NodeJS.Timeout | undefined;
  const graceOver = new Promise<'grace over'>((resolve) => {
    timer = setTimeout(() => resolve('grace over'), options.graceMs);
  });
  const drained = (await Promise.race([closed.then(() => 'drained' as const), graceOver])) === 'drained';
  clearTimeout(timer);
  let cutConnections = 0;
  if (!drained) {
    options.onStage?.('cutting connections');
    cutConnections = await openConnections(app);
    app.server.closeAllConnections();
    await closed;
  }
  options.onStage?.('closing services');
  await options.closeServices((service) => options.onStage?.(`closing services: ${service}`));
  return { drained, cutConnections, ms: Math.round(performance.now() - started) };
}

function openConnections(app: FastifyInstance): Promise<number> {
  return new Promise((resolve) => app.server.getConnections((err, n) => resolve(err ? 0 : n)));
}

export interface SignalOptions extends ShutdownOptions {
  exit?: (code: number) => void;
}

/**
 * SIGTERM/SIGINT run shutdown() and exit 0 when it completes. A hard timer ends the process with 1 at
 * grace + HARD_DEADLINE_AFTER_GRACE_MS whatever still hangs (a service that does not close); a second
 * signal exits at once, as an operator pressing Ctrl-C twice expects.
 */
export function shutdownOnSignals(app: FastifyInstance, options: SignalOptions): void {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      app.log.warn({ signal }, 'second signal during shutdown: exiting now');
      exit(128 + (constants.signals[signal] ?? 0));
      return;
    }
    stopping = true;
    let stage: ShutdownStage = 'draining';
    app.log.info({ signal, graceMs: options.graceMs }, 'shutting down: no new connections, draining in-flight requests');
    const hardDeadline = setTimeout(() => {
      app.log.error({ graceMs: options.graceMs, stage }, 'shutdown did not complete by its hard deadline: exiting with what still hangs');
      exit(1);
    }, options.graceMs + HARD_DEADLINE_AFTER_GRACE_MS);
    hardDeadline.unref();
    const onStage = (s: ShutdownStage) => {
      stage = s;
      options.onStage?.(s);
    };
    shutdown(app, { ...options, onStage }).then(
      (report) => {
        if (report.drained) app.log.info(report, 'shut down');
        else app.log.warn(report, 'shut down; requests still running at the end of the grace period were cut');
        exit(0);
      },
      (err: unknown) => {
        app.log.error({ err }, 'shutdown failed');
        exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
