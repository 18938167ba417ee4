// `scamscore` as a child process from source, the way a person runs it (`node --import tsx src/cli.ts`), with
// standard input fed from a string. Its stdout and stderr are pipes, never a terminal.
import { spawn } from 'node:child_process';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** An empty value in `env` unsets that variable. */
export function runCli(args: string[], opts: { env?: Record<string, string>; input?: string } = {}): Promise<CliRun> {
  const env = Object.fromEntries(Object.entries({ ...process.env, ...opts.env }).filter(([, v]) => v !== '' && v !== undefined));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdin.on('error', () => {});
  child.stdin.end(opts.input ?? '');
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * The same command on a pseudo-terminal (util-linux `script`), as a person at a terminal runs it: stdout and
 * stderr are both the terminal, so `stdout` here holds both, with every escape code as written.
 */
export function runCliInTerminal(args: string[], opts: { env?: Record<string, string> } = {}): Promise<CliRun> {
  const quote = (a: string) => `'${a.replace(/'/g, `'\\''`)}'`;
  const command = [process.execPath, '--import', 'tsx', 'src/cli.ts', ...args].map(quote).join(' ');
  const env = Object.fromEntries(Object.entries({ ...process.env, TERM: 'xterm', ...opts.env }).filter(([, v]) => v !== '' && v !== undefined));
  const child = spawn('script', ['-qefc', command, '/dev/null'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}
