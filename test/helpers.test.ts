import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { execa } from 'execa';

const HELPERS = new URL('./helpers.js', import.meta.url).href;

/** A node process that makes a temporary directory with the helpers, prints its path, then waits or exits. */
const child = (then: string) => execa('node', ['--input-type=module', '-e', `const { tempDir } = await import(${JSON.stringify(HELPERS)}); console.log(tempDir()); ${then}`], { reject: false, buffer: true });

describe('test helpers: temporary directories', () => {
  it('are removed when the test process exits', async () => {
    const r = await child('');
    const dir = String(r.stdout).trim();
    assert.match(dir, /drachtioctl-test-/);
    assert.equal(existsSync(dir), false);
  });

  it('are removed when the test process is stopped by SIGTERM or Ctrl-C, which skip exit handlers', async () => {
    for (const [signal, code] of [['SIGTERM', 143], ['SIGINT', 130]] as const) {
      const p = child('setInterval(() => {}, 1000);');
      const dir = await new Promise<string>((resolve) => p.stdout!.once('data', (b: Buffer) => resolve(b.toString().trim())));
      assert.equal(existsSync(dir), true);
      p.kill(signal);
      const r = await p;
      assert.equal(r.exitCode, code, signal);
      assert.equal(existsSync(dir), false, signal);
    }
  });
});
