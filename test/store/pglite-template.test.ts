// The embedded store starts from the build's template instead of running initdb in the service process:
// a fresh data dir is a copy of the template (same Postgres system identifier, which initdb would make
// anew), data persists across reopening, and every start gets the small-memory settings.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATE, loadTemplate, unpackTemplate } from '../../src/store/pglite-template.js';
import { openPglite, type SqlClient } from '../../src/store/sql.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'scamscore-template-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const SYSTEM_ID = 'select system_identifier::text as id from pg_control_system()';
const systemId = async (db: SqlClient | PGlite) => ((await (db as SqlClient).query(SYSTEM_ID)).rows[0] as { id: string } | undefined)?.id;
const setting = async (db: SqlClient, name: string) => (await db.query<{ v: string }>('select current_setting($1) as v', [name])).rows[0]?.v;

async function templateSystemId(file = DEFAULT_TEMPLATE): Promise<string | undefined> {
  const db = await PGlite.create({ loadDataDir: new Blob([await loadTemplate(file)]) });
  try {
    return await systemId(db);
  } finally {
    await db.close();
  }
}

describe('embedded store template', () => {
  it('opens a fresh data dir as a copy of the template, not a new initdb, and keeps its data', async () => {
    const expected = await templateSystemId();
    expect(expected).toMatch(/^\d+$/);
    const dir = path.join(tmp, 'fresh', 'data');
    const first = await openPglite(dir);
    expect(await systemId(first)).toBe(expected);
    await first.query('create table kept (note text)');
    await first.query('insert into kept values ($1)', ['still here']);
    await first.close();

    const second = await openPglite(dir);
    expect((await second.query('select note from kept')).rows).toEqual([{ note: 'still here' }]);
    expect(await systemId(second)).toBe(expected);
    await second.close();
  });

  it('opens an in-memory store from the template with the small-memory settings', async () => {
    const db = await openPglite(null);
    expect(await systemId(db)).toBe(await templateSystemId());
    expect(await setting(db, 'shared_buffers')).toBe('16MB');
    expect((await db.query('select 1 + 1 as two')).rows).toEqual([{ two: 2 }]);
    await db.close();
  });

  it("applies the small-memory settings to a data dir made with PGlite's defaults (older versions)", async () => {
    const dir = path.join(tmp, 'older');
    unpackTemplate(await loadTemplate(), dir);
    const old = await PGlite.create(dir);
    expect((await old.query<{ v: string }>("select current_setting('shared_buffers') as v")).rows[0]?.v).toBe('128MB');
    await old.exec("create table kept (note text); insert into kept values ('from before')");
    await old.close();

    const db = await openPglite(dir);
    expect(await setting(db, 'shared_buffers')).toBe('16MB');
    expect(await setting(db, 'max_connections')).toBe('5');
    expect((await db.query('select note from kept')).rows).toEqual([{ note: 'from before' }]);
    await db.close();
  });

  it('unpacks again a data dir whose unpacking was cut short (no PG_VERSION yet)', async () => {
    const dir = path.join(tmp, 'cut-short');
    unpackTemplate(await loadTemplate(), dir);
    fs.rmSync(path.join(dir, 'PG_VERSION'));
    const db = await openPglite(dir);
    expect((await db.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
    await db.close();
  });

  it('makes a missing template in a child process, not in this one', { timeout: 60_000 }, async () => {
    const file = path.join(tmp, 'made', 'template.tar.gz');
    const before = process.memoryUsage().rss;
    const [a, b] = await Promise.all([loadTemplate(file), loadTemplate(file)]);
    // initdb in this process would keep ~700 MB of WebAssembly memory from here on.
    expect((process.memoryUsage().rss - before) / 2 ** 20).toBeLessThan(150);
    expect(fs.existsSync(file)).toBe(true);
    expect(a.equals(b)).toBe(true);
    const db = await openPglite(path.join(tmp, 'from-made'), { template: file });
    expect(await systemId(db)).toBe(await templateSystemId(file));
    await db.close();
  });
});
