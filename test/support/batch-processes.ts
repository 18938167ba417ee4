// Child processes for the batch tests: `scamscore worker` and the API server, run from source with tsx, each
// resolved once it says it is ready. (main has a general test/support/processes.ts since; merge onto it later.)
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

export interface Child {
  child: ChildProcess;
  /** Everything it printed so far. */
  output(): string;
  /** SIGKILL, resolved once it is gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

async function start(args: string[], env: Record<string, string>, ready: RegExp): Promise<Child & { match: RegExpExecArray }> {
  // An empty value unsets the variable.
  const merged = Object.fromEntries(Object.entries({ ...process.env, ...env, LOG_LEVEL: 'info' }).filter(([, v]) => v !== ''));
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    env: merged,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args.join(' ')} did not start: ${out}`)), 60_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = ready.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${args.join(' ')} exited (${code}): ${out}`));
    });
  });
  child.removeAllListeners('exit');
  return {
    child,
    match,
    output: () => out,
    async kill(signal = 'SIGKILL') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = once(child, 'exit');
      child.kill(signal);
      await gone;
    },
  };
}

export const startWorker = (env: Record<string, string>) => start(['src/cli.ts', 'worker'], env, /batch worker ready/);

export async function startServer(env: Record<string, string>): Promise<Child & { base: string }> {
  const s = await start(['src/main.ts'], { ...env, PORT: '0' }, /listening at (http:\/\/127\.0\.0\.1:\d+)/i);
  return { ...s, base: s.match[1]! };
}
