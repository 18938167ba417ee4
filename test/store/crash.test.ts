// A `kill -9` of the real server in the middle of a burst of scans: the store must open again with every scan
// that was answered present, its evidence included and intact (each blob checked against its hash). Run on the
// embedded store's data dir and on a real Postgres.
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEvidenceStore } from '../../src/store/evidence.js';
import { openPostgres } from '../../src/store/postgres.js';
import { createScanStore } from '../../src/store/scan-store.js';
import { openPglite, type SqlClient } from '../../src/store/sql.js';
import { startStandIns, type SiteSpec, type StandIns } from '../support/harness.js';
import { createScratchDatabase, startTestPostgres, type TestPostgres } from '../support/postgres.js';
import { startServer } from '../support/processes.js';

const SITES = 12;
const sites: Record<string, SiteSpec> = Object.fromEntries(
  Array.from({ length: SITES }, (_, i) => [
    `cash-${i}.top`,
    {
      // Each page differs, so each scan writes new blobs: the writes the crash must not tear.
      routes: { '/': { body: `<html><head><title>소액결제 현금화 ${i}</title></head><body><p>지급률 9${i % 10}% 카톡 cash${i}x ${'현금화 상담 '.repeat(2000)}</p></body></html>` } },
      whois: { ageDays: 4, registrar: 'Gname.com Pte. Ltd.', privacy: true },
    },
  ]),
);

/** Sends a burst of scans and SIGKILLs the server once `killAfter` have been answered; returns the answered ids. */
async function burstAndKill(standIns: StandIns, base: string, child: ChildProcess, killAfter: number): Promise<string[]> {
  const answered: string[] = [];
  let killed = false;
  const requests = Array.from({ length: SITES * 3 }, async (_, i) => {
    try {
      const res = await fetch(`${base}/v1/scans`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ url: standIns.url(`cash-${i % SITES}.top`, `/?n=${i}`) }),
      });
      if (res.status !== 200) return;
      const body = (await res.json()) as { id: string };
      if (killed) return;
      answered.push(body.id);
      if (answered.length >= killAfter && !killed) {
        killed = true;
        child.kill('SIGKILL');
      }
    } catch {
      // Cut by the kill: never answered, so nothing is owed.
    }
  });
  await Promise.all(requests);
  if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
  return answered;
}

async function checkAllPresent(sql: SqlClient, ids: string[]) {
  const store = await createScanStore(sql, { evidence: createEvidenceStore(sql, { retentionDays: null }) });
  try {
    for (const id of ids) {
      const answer = await store.get(id);
      expect(answer, `answered scan ${id} is missing after the crash`).not.toBeNull();
      const evidence = await store.evidence!.load(id);
      expect(evidence, `the evidence of answered scan ${id} is missing`).not.toBeNull();
      const main = answer!.evidence!.records.find((r) => r.role === 'main')!;
      // blob() checks the bytes against their hash.
      const bytes = await evidence!.blob(main.sha256);
      expect(bytes?.length).toBe(main.bytes);
    }
  } finally {
    await store.close();
  }
}

describe('a kill -9 during a burst of writes', () => {
  const tmp: string[] = [];
  let server: TestPostgres | null = null;
  afterAll(async () => {
    for (const dir of tmp) fs.rmSync(dir, { recursive: true, force: true });
    await server?.stop();
  });

  it('leaves the embedded store openable with every answered scan and its evidence', async () => {
    const standIns = await startStandIns(sites);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scamscore-crash-'));
    tmp.push(dataDir);
    try {
      const { child, base } = await startServer({ ...standIns.env, SCAMSCORE_DATA_DIR: dataDir });
      const answered = await burstAndKill(standIns, base, child, 8);
      expect(child.signalCode).toBe('SIGKILL');
      expect(answered.length).toBeGreaterThanOrEqual(8);
      await checkAllPresent(await openPglite(dataDir), answered);
    } finally {
      await standIns.close();
    }
  }, 120_000);

  it('leaves Postgres with every answered scan and its evidence', async (ctx) => {
    server = await startTestPostgres();
    if (!server) return ctx.skip();
    const db = await createScratchDatabase(server.url);
    const standIns = await startStandIns(sites);
    try {
      const { child, base } = await startServer({ ...standIns.env, DATABASE_URL: db.url });
      const answered = await burstAndKill(standIns, base, child, 8);
      expect(child.signalCode).toBe('SIGKILL');
      await checkAllPresent(await openPostgres(db.url, { connectTimeoutMs: 5000, queryTimeoutMs: 5000 }), answered);
    } finally {
      await standIns.close();
      await db.drop();
    }
  }, 120_000);
});
