import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
/** The project's own test configs (test/fixtures/), written for these tests: always present. */
export const FIXTURES = join(ROOT, 'test/fixtures');

/** Run the built CLI as a subprocess through its own shebang, as a shell would, never throwing on a non-zero exit. */
export async function cli(args: readonly string[], options: Options = {}) {
  const r = await execa(BIN, args, { reject: false, cwd: ROOT, stripFinalNewline: false, ...options });
  return { stdout: String(r.stdout), stderr: String(r.stderr), exitCode: r.exitCode ?? -1 };
}

/**
 * CI sets DRACHTIOCTL_REQUIRE_ALL=1: then nothing may be skipped for want of a tool or of ../shared,
 * and a test whose need is missing fails instead.
 */
export const REQUIRE_ALL = process.env.DRACHTIOCTL_REQUIRE_ALL === '1';

/** node:test's `skip` option: the reason when `available` is false (unless CI requires everything), else false. */
export function skipUnless(available: boolean, reason: string): string | false {
  return available || REQUIRE_ALL ? false : reason;
}

/** Whether a program is on PATH. */
export function hasTool(name: string): boolean {
  return (process.env.PATH ?? '').split(':').some((d) => d !== '' && existsSync(join(d, name)));
}

/** `skip` for a test that runs an external tool: names the Debian package that brings it. */
export const needsTool = (tool: string, debianPackage: string) =>
  skipUnless(hasTool(tool), `needs ${tool} (apt-get install ${debianPackage})`);

/** `skip` for a test that reads shared/ beside the clone (the real-world corpus, the SARIF schema, docs). */
export const needsShared = skipUnless(existsSync(SHARED), `needs ${SHARED} (the shared corpus beside the checkout; set DRACHTIOCTL_SHARED)`);

/** One temporary root per test process, removed when the process exits, so a run leaves TMPDIR as it found it. */
let root: string | undefined;
function tempRoot(): string {
  if (!root) {
    root = mkdtempSync(join(tmpdir(), 'drachtioctl-test-'));
    const dir = root;
    const remove = () => rmSync(dir, { recursive: true, force: true });
    process.on('exit', remove);
    // a run stopped by Ctrl-C or kill skips 'exit' handlers: clean up, then end as the signal would
    for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
      process.once(signal, () => {
        remove();
        process.exit(code);
      });
    }
  }
  return root;
}

/** A fresh temporary directory for one test, inside the run's temporary root. */
export function tempDir(): string {
  return mkdtempSync(join(tempRoot(), 't-'));
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
