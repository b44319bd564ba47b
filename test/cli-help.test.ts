/**
 * Help printed to a pipe comes from dist/help.json (stored at build time, src/stored-help.ts);
 * OCLIF_COLUMNS makes oclif render it instead. Both must print the same page.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { COMMANDS } from '../src/cli.js';
import { cli } from './helpers.js';

describe('stored help', () => {
  for (const argv of [[], ['--help'], ['help'], ...Object.keys(COMMANDS).flatMap((id) => [[id, '--help'], ['help', id]])]) {
    it(`prints what oclif renders for "${argv.join(' ')}"`, async () => {
      const stored = await cli(argv);
      const rendered = await cli(argv, { env: { OCLIF_COLUMNS: '80' } });
      assert.equal(stored.exitCode, 0, stored.stderr);
      assert.match(stored.stdout, /USAGE/);
      assert.equal(stored.stdout, rendered.stdout);
    });
  }
});

describe('help in colour', () => {
  // oclif's colour detection decides (supports-color): only FORCE_COLOR or a --color flag colours a pipe
  it('is oclif\'s, in colour, when FORCE_COLOR asks for it, and the stored page without colour otherwise', async () => {
    const escape = '\u001b[';
    const coloured = await cli(['--help'], { env: { FORCE_COLOR: '1' } });
    assert.equal(coloured.exitCode, 0, coloured.stderr);
    assert.ok(coloured.stdout.includes(escape), 'FORCE_COLOR=1: colour');
    for (const env of [{ FORCE_COLOR: '0' }, {}]) {
      const plain = await cli(['--help'], { env });
      assert.equal(plain.exitCode, 0, plain.stderr);
      assert.ok(!plain.stdout.includes(escape), JSON.stringify(env));
      assert.match(plain.stdout, /USAGE/);
    }
  });
});
