// Start-up of the real server process against a database it cannot use: it must end within seconds with one
// readable line that names DATABASE_URL and the cause, not hang and not print a stack trace.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen } from './support/listen.js';

let silent: net.Server;
let silentPort: number;
let closedPort: number;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scamscore-startup-'));
beforeAll(async () => {
  silent = net.createServer(() => {});
  silentPort = await listen(silent, '127.0.0.1');
  const free = net.createServer();
  closedPort = await listen(free, '127.0.0.1');
  await new Promise<void>((r) => free.close(() => r()));
});
afterAll(() => {
  silent.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function start(databaseUrl: string): Promise<{ code: number | null; stderr: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/main.ts'],
      {
        env: { ...process.env, DATABASE_URL: databaseUrl, SCAMSCORE_DB_CONNECT_TIMEOUT_MS: '1000', PORT: '0', LOG_LEVEL: 'info', SCAMSCORE_DATA_DIR: dataDir },
        timeout: 30_000,
      },
      (err, _stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? null) : 0, stderr, ms: Date.now() - started }),
    );
  });
}

describe('start-up against an unusable DATABASE_URL', () => {
  it.each([
    ['a port that accepts and never answers', () => `postgres://app:hunter2@127.0.0.1:${silentPort}/scamscore`, /timeout/i],
    ['a port where nothing listens', () => `postgres://app:hunter2@127.0.0.1:${closedPort}/scamscore`, /ECONNREFUSED/],
  ])('%s: exits non-zero within seconds, naming DATABASE_URL and the cause', async (_name, url, cause) => {
    const r = await start(url());
    expect(r.code).not.toBe(0);
    expect(r.code).not.toBeNull();
    expect(r.stderr).toMatch(/DATABASE_URL/);
    expect(r.stderr).toMatch(cause);
    expect(r.stderr).not.toContain('hunter2');
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.ms).toBeLessThan(20_000);
  });
});
