// docker/ cannot be built here (no container engine); test/deployment.test.ts runs its topology as processes.
// These checks keep the files true to the code: what the image copies exists, it runs as a non-root user on a
// Node the package supports, its health check and commands name real entry points and CLI commands, and the
// compose file's settings are ones the service accepts.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../src/config.js';

const root = path.resolve(import.meta.dirname, '../..');
const dockerfile = fs.readFileSync(path.join(root, 'docker/Dockerfile'), 'utf8');
const compose = parse(fs.readFileSync(path.join(root, 'docker/compose.yaml'), 'utf8'), { merge: true }) as {
  services: Record<string, { command?: string[]; environment?: Record<string, string>; deploy?: { replicas?: number }; image?: string; build?: { context: string; dockerfile: string } }>;
};
/** Dockerfile instructions, continuation lines joined. */
const instructions = dockerfile
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));
const stages = instructions.reduce<string[][]>((acc, line) => (line.startsWith('FROM ') ? [...acc, [line]] : (acc.at(-1)!.push(line), acc)), []);
const builtFile = (dist: string) => path.join(root, dist.replace(/^dist\//, '').replace(/\.js$/, '.ts'));

describe('docker/Dockerfile', () => {
  it('builds in a stage of its own and runs as a non-root user on a Node the package supports', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const runtime = stages.at(-1)!;
    expect(runtime.filter((l) => l.startsWith('USER ')).at(-1)).toMatch(/^USER (?!root\b|0\b)\S+/);
    const engines = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).engines.node as string;
    const [wantMajor, wantMinor] = /(\d+)\.(\d+)/.exec(engines)!.slice(1).map(Number);
    for (const stage of stages) {
      const [major, minor] = /FROM node:(\d+)\.(\d+)/.exec(stage[0]!)!.slice(1).map(Number);
      expect(major! > wantMajor! || (major === wantMajor && minor! >= wantMinor!), stage[0]).toBe(true);
    }
  });

  it('copies only what exists in the repository, and leaves local builds and tests out of the context', () => {
    const copies = instructions.filter((l) => l.startsWith('COPY ') && !l.includes('--from='));
    expect(copies.length).toBeGreaterThan(0);
    for (const copy of copies) {
      const sources = copy.split(/\s+/).slice(1, -1);
      for (const source of sources) expect(fs.existsSync(path.join(root, source)), source).toBe(true);
    }
    const ignored = fs.readFileSync(path.join(root, 'docker/Dockerfile.dockerignore'), 'utf8').split('\n');
    for (const entry of ['node_modules', 'dist', '.git', 'test']) expect(ignored).toContain(entry);
  });

  it('checks /healthz and starts the built server', () => {
    expect(instructions.find((l) => l.startsWith('HEALTHCHECK '))).toMatch(/\/healthz/);
    const cmd = JSON.parse(instructions.filter((l) => l.startsWith('CMD ')).at(-1)!.slice(4)) as string[];
    expect(cmd[0]).toBe('node');
    expect(fs.existsSync(builtFile(cmd[1]!))).toBe(true);
  });
});

describe('docker/compose.yaml', () => {
  const { api, worker, postgres, redis } = compose.services;

  it('runs two API replicas and two workers from the image, beside Postgres and Redis', () => {
    expect(api?.deploy?.replicas).toBe(2);
    expect(worker?.deploy?.replicas).toBeGreaterThanOrEqual(2);
    expect(postgres).toBeDefined();
    expect(redis).toBeDefined();
    for (const s of [api!, worker!]) expect(s.build).toEqual({ context: '..', dockerfile: 'docker/Dockerfile' });
    expect((redis as { command: string[] }).command.join(' ')).toMatch(/--maxmemory-policy noeviction/);
  });

  it('gives the service settings it accepts, pointing at the compose services', () => {
    for (const s of [api!, worker!]) {
      const env = s.environment!;
      const config = loadConfig({ ...env, HOST: '0.0.0.0' });
      expect(new URL(config.databaseUrl!).hostname).toBe('postgres');
      expect(new URL(config.redisUrl!).hostname).toBe('redis');
    }
  });

  it('starts workers with a real CLI command', async () => {
    const command = worker!.command!;
    expect(command.slice(0, 2)).toEqual(['node', 'dist/src/cli.js']);
    expect(fs.existsSync(builtFile(command[1]!))).toBe(true);
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli.ts', '--help'], { cwd: root });
    expect(stdout).toMatch(new RegExp(`scamscore ${command[2]}\\b`));
  });
});
