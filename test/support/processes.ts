// The service (or a batch worker) as its own process, started from source as `npm start` would run it, with
// its output kept for the failure message. Used where a process boundary is the point: crashes, shutdown,
// workers, several processes sharing one store.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

export interface Started {
  child: ChildProcess;
  /** The first match of the ready pattern in the process's output. */
  ready: RegExpExecArray;
  /** Everything it printed so far. */
  log(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  /** Sends the signal (SIGKILL by default) and resolves once the process is gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Runs `node --import tsx <args>` and resolves once its output matches `ready`; rejects if it exits first.
 *  An empty value in `env` unsets that variable. */
export async function startProcess(args: string[], env: Record<string, string>, ready: RegExp, timeoutMs = 60_000): Promise<Started> {
  const merged = Object.fromEntries(Object.entries({ ...process.env, ...env }).filter(([, v]) => v !== ''));
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { env: merged, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: performance.now() })),
  );
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args.join(' ')} did not start:\n${out}`)), timeoutMs);
    const look = (chunk: Buffer) => {
      out += chunk.toString();
      const m = ready.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    };
    child.stdout!.on('data', look);
    child.stderr!.on('data', look);
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`${args.join(' ')} exited (${code}) at start:\n${out}`));
    });
  });
  return {
    child,
    ready: match,
    log: () => out,
    exited,
    async kill(signal = 'SIGKILL') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = once(child, 'exit');
      child.kill(signal);
      await gone;
    },
  };
}

/** The HTTP service on a free loopback port (logging at info: the listening line gives the port). */
export async function startServer(env: Record<string, string>): Promise<Started & { base: string; port: number }> {
  const started = await startProcess(['src/main.ts'], { ...env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' }, /Server listening at (http:\/\/127\.0\.0\.1:(\d+))/);
  return { ...started, base: started.ready[1]!, port: Number(started.ready[2]) };
}

/** `scamscore worker`: batch jobs from the Redis queue. */
export const startWorker = (env: Record<string, string>) => startProcess(['src/cli.ts', 'worker'], { ...env, LOG_LEVEL: 'info' }, /batch worker ready/);
