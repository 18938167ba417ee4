// A template data dir for the embedded store, so that the service process never runs initdb: PGlite's
// in-process initdb grows its WebAssembly memory to ~900 MB, and WebAssembly memory is never given back.
// The build makes the template once (`node dist/src/store/pglite-template.js`, a process of its own); a
// fresh data dir is unpacked from it. When the file is missing (dist deleted), a short-lived child process
// makes it, so the memory initdb needs is the child's and ends with it.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const here = fileURLToPath(import.meta.url);
// From the TypeScript sources (tests, tsx) the child needs the tsx loader; from dist it is plain JS.
const fromSource = here.endsWith('.ts');

/** dist/pglite-template.tar.gz in the package, whether this code runs from src (tsx) or from dist. */
export const DEFAULT_TEMPLATE = fileURLToPath(new URL(fromSource ? '../../dist/pglite-template.tar.gz' : '../../pglite-template.tar.gz', import.meta.url));

/** Runs initdb in THIS process and writes the gzip tarball: only for the build and the child below. */
export async function makeTemplate(file: string): Promise<void> {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create();
  const tgz = Buffer.from(await (await db.dumpDataDir('gzip')).arrayBuffer());
  await db.close();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Write then rename, so a process that starts meanwhile never reads half a template.
  const partial = `${file}.${process.pid}.partial`;
  fs.writeFileSync(partial, tgz);
  fs.renameSync(partial, file);
}

const making = new Map<string, Promise<void>>();

/** The template's bytes; made first in a child process when the file is missing. */
export async function loadTemplate(file = DEFAULT_TEMPLATE): Promise<Buffer> {
  if (!fs.existsSync(file)) {
    let made = making.get(file);
    if (!made) {
      made = makeInChild(file).finally(() => making.delete(file));
      making.set(file, made);
    }
    await made;
  }
  return fs.readFileSync(file);
}

function makeInChild(file: string): Promise<void> {
  const child = spawn(process.execPath, [...(fromSource ? ['--import', 'tsx'] : []), here, file], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 && fs.existsSync(file) ? resolve() : reject(new Error(`making the embedded store's template ${file} failed (exit ${code}): ${stderr.trim()}`)),
    );
  });
}

/**
 * Unpacks the template (a tar as PGlite's dumpDataDir writes it: ustar, regular files and directories,
 * names relative to the data dir) into dir. PG_VERSION, the mark of a data dir, is written last, so an
 * unpack cut short is unpacked again at the next start instead of opened half-made.
 */
export function unpackTemplate(tgz: Buffer, dir: string): void {
  const tar = zlib.gunzipSync(tgz);
  const text = (b: Buffer) => b.toString('latin1').replace(/\0.*$/s, '');
  const root = path.resolve(dir);
  const marker = path.join(root, 'PG_VERSION');
  let version: Buffer | null = null;
  fs.mkdirSync(root, { recursive: true, mode: 0o700 });
  for (let at = 0; at + 512 <= tar.length; ) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const name = path.join(text(header.subarray(345, 500)), text(header.subarray(0, 100)));
    const size = parseInt(text(header.subarray(124, 136)).trim() || '0', 8);
    const type = String.fromCharCode(header[156] ?? 0);
    const target = path.join(root, name);
    if (!target.startsWith(root + path.sep)) throw new Error(`template entry ${name} is outside the data dir`);
    const data = tar.subarray(at + 512, at + 512 + size);
    if (type === '5') fs.mkdirSync(target, { recursive: true, mode: 0o700 });
    else if (type === '0' || type === '\0') {
      fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
      if (target === marker) version = data;
      else fs.writeFileSync(target, data, { mode: 0o600 });
    } else throw new Error(`template entry ${name} has tar type ${JSON.stringify(type)}, which the unpacker does not handle`);
    at += 512 + Math.ceil(size / 512) * 512;
  }
  if (!version) throw new Error('the template holds no PG_VERSION; it is not a data dir');
  fs.writeFileSync(marker, version, { mode: 0o600 });
}

/** A template older than the installed PGlite may not match its Postgres: make it again. */
export function isStale(file: string): boolean {
  const pglite = fileURLToPath(import.meta.resolve('@electric-sql/pglite'));
  return !fs.existsSync(file) || fs.statSync(file).mtimeMs < fs.statSync(pglite).mtimeMs;
}

// `node dist/src/store/pglite-template.js [file]`: the build step (skipped while the template is current,
// initdb takes seconds), and the child of makeInChild.
if (process.argv[1] && path.resolve(process.argv[1]) === here) {
  const file = process.argv[2] ?? DEFAULT_TEMPLATE;
  if (isStale(file)) await makeTemplate(file);
}
