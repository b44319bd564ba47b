import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa, type Options } from 'execa';

/** The repository root (tests run from dist/test/). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** shared/ beside the clone: real-world corpus, SARIF schema, docs. */
export const SHARED = process.env.DRACHTIOCTL_SHARED ?? resolve(ROOT, '../shared');
export const CORPUS = join(SHARED, 'corpus');
export const BIN = join(ROOT, 'bin/run.js');
export const TEMPLATE = join(ROOT, 'templates/drachtio.conf.xml');

/** Run the built CLI as a subprocess through its own shebang, as a shell would, never throwing on a non-zero exit. */
export async function cli(args: readonly string[], options: Options = {}) {
  const r = await execa(BIN, args, { reject: false, cwd: ROOT, stripFinalNewline: false, ...options });
  return { stdout: String(r.stdout), stderr: String(r.stderr), exitCode: r.exitCode ?? -1 };
}

/** A fresh temporary directory for one test. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'drachtioctl-test-'));
}

/** Write files (name -> text) into a new temporary directory and return its path. */
export function writeFiles(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** A minimal valid document with `inner` added inside <drachtio>. */
export const doc = (inner: string, admin = '<admin port="9022" secret="a-long-and-random-secret-9f2c">127.0.0.1</admin>') =>
  `<?xml version="1.0"?>\n<drachtio>\n  ${admin}\n${inner}\n</drachtio>\n`;
