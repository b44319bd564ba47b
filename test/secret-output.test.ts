import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { BIN, cli, doc, skipUnless, writeFiles } from './helpers.js';
import { HAS_PYTHON, drive } from './pty.js';

const SECRET = 'a-long-and-random-secret-9f2c';
const XML = doc('<sip><contacts><contact>sip:10.0.0.1:5060;transport=udp</contact></contacts></sip>');
const NO_SECRET = doc('', '<admin port="9022">127.0.0.1</admin>');

/** Every command whose output is configuration that needs the secret. */
const OUTPUTS: [string, string[]][] = [
  ['convert --to xml', ['convert', '--to', 'xml']],
  ['convert --to env', ['convert', '--to', 'env']],
  ['convert --to args', ['convert', '--to', 'args']],
  ['convert --to yaml', ['convert', '--to', 'yaml']],
  ['env-export', ['env-export']],
  ['env-export --format k8s', ['env-export', '--format', 'k8s']],
];

describe('machine output never carries a masked secret where it could be deployed', () => {
  for (const [what, argv] of OUTPUTS) {
    it(`${what}: refused into a pipe (exit 2, one line); real with -o (0600) or --show-secrets`, async () => {
      const dir = writeFiles({ 'd.xml': XML, 'n.xml': NO_SECRET });
      const [command, ...flags] = argv;
      const piped = await cli([command!, join(dir, 'd.xml'), ...flags]);
      assert.equal(piped.exitCode, 2);
      assert.equal(piped.stdout, '');
      assert.match(piped.stderr, /^drachtioctl: the output of .* holds the admin secret .*stdout is not a terminal.*-o FILE \(mode 0600\) or pass --show-secrets\n$/);
      const out = join(dir, 'out');
      assert.equal((await cli([command!, join(dir, 'd.xml'), ...flags, '-o', out])).exitCode, 0);
      assert.equal(statSync(out).mode & 0o777, 0o600);
      assert.ok(readFileSync(out, 'utf8').includes(SECRET));
      const shown = await cli([command!, join(dir, 'd.xml'), ...flags, '--show-secrets']);
      assert.equal(shown.exitCode, 0, shown.stderr);
      assert.ok(shown.stdout.includes(SECRET));
      // nothing to hide, nothing to refuse
      const plain = await cli([command!, join(dir, 'n.xml'), ...flags]);
      assert.equal(plain.exitCode, 0, plain.stderr);
      assert.doesNotMatch(plain.stdout, /\*{8}/);
    });
  }

  it('on a terminal the output is for reading: masked, exit 0', { skip: skipUnless(HAS_PYTHON, 'python3 (for its pty module) is not available') }, async () => {
    const dir = writeFiles({ 'd.xml': XML });
    const r = await drive(['node', BIN, 'convert', join(dir, 'd.xml'), '--to', 'env'], [], dir);
    assert.equal(r.exitCode, 0, r.screen);
    assert.match(r.screen, /DRACHTIO_SECRET=\*{8}/);
    assert.ok(!r.screen.includes(SECRET));
  });
});
