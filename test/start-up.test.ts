/**
 * How the CLI starts: bin/run.js's shebang gives node options, and tools/bundle.mjs must build the
 * bundle's code cache under the same ones, or V8 refuses the cache and every run compiles the
 * bundle from source (still correct, only slower: no other test would notice).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { execa } from 'execa';
import { binNodeOptions } from '../src/io/node-options.js';
import { BIN, ROOT } from './helpers.js';

/** whether V8 refuses the code cache in a node started with `options` */
async function cacheRejected(options: readonly string[]): Promise<boolean> {
  const r = await execa(process.execPath, [...options, '-e', `process.stdout.write(String(require(${JSON.stringify(BIN)}).bundleScript().script.cachedDataRejected))`]);
  return JSON.parse(String(r.stdout)) as boolean;
}

describe('start-up', () => {
  it('reads the node options from the shebang, up to the "--" that ends them', () => {
    const first = readFileSync(BIN, 'utf8').split('\n', 1)[0]!;
    const options = binNodeOptions(ROOT);
    assert.ok(options.length > 0 && options.every((o) => o.startsWith('--') && o !== '--'), options.join(' '));
    assert.equal(first, `#!/usr/bin/env -S node ${options.join(' ')} --`);
  });

  it('compiles the bundle from its code cache under those options, and not without them', async () => {
    assert.equal(await cacheRejected(binNodeOptions(ROOT)), false);
    assert.equal(await cacheRejected([]), true);
  });
});
