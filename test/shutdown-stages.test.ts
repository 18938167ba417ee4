// What a signal's shutdown says and how it exits, in-process (test/shutdown.test.ts runs the real service): a
// clean close exits 0; a service that never closes is left at the hard deadline with exit 1, and the log names
// the service it hung in, so an operator knows where to look.
import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { HARD_DEADLINE_AFTER_GRACE_MS, shutdownOnSignals } from '../src/shutdown.js';

const GRACE_MS = 100;

async function stopWith(closeServices: (onStep: (service: string) => void) => Promise<void>) {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n')) if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const app = Fastify({ logger: { level: 'info', stream } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const exited = new Promise<{ code: number; at: number }>((resolve) => {
    shutdownOnSignals(app, { graceMs: GRACE_MS, closeServices, exit: (code) => resolve({ code, at: performance.now() }) });
  });
  const sentAt = performance.now();
  process.emit('SIGTERM', 'SIGTERM');
  const { code, at } = await exited;
  return { code, ms: at - sentAt, lines };
}

const before = { SIGTERM: process.listeners('SIGTERM'), SIGINT: process.listeners('SIGINT') };
afterEach(() => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    for (const l of process.listeners(signal)) if (!before[signal].includes(l)) process.off(signal, l);
  }
});

describe('shutdown on a signal', () => {
  it('exits 0 once every service has closed, in order', async () => {
    const closed: string[] = [];
    const { code, lines } = await stopWith(async (onStep) => {
      for (const service of ['batches', 'store']) {
        onStep(service);
        closed.push(service);
      }
    });
    expect(code).toBe(0);
    expect(closed).toEqual(['batches', 'store']);
    expect(lines.some((l) => l.msg === 'shut down' && l.drained === true)).toBe(true);
  });

  it('exits 1 at the hard deadline when a service hangs, naming that service', async () => {
    const { code, ms, lines } = await stopWith(async (onStep) => {
      onStep('batches');
      onStep('store');
      await new Promise(() => {});
    });
    expect(code).toBe(1);
    expect(ms).toBeGreaterThanOrEqual(GRACE_MS + HARD_DEADLINE_AFTER_GRACE_MS - 50);
    expect(lines.find((l) => l.level === 50)).toMatchObject({ stage: 'closing services: store', msg: expect.stringMatching(/hard deadline/) });
  });
});
