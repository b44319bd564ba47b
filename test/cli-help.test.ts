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
