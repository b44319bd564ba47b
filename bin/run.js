#!/usr/bin/env -S node --max-semi-space-size=128 --
// ("--" ends node's own options: Node 20 otherwise takes a later --env-file for itself and exits 9)
// A young generation of up to 128 MB (V8's default stops at 16): src/io/heap.ts grows it at once to
// what a big config's parse will make, which then runs without a collection. tools/bundle.mjs
// builds the code cache under these options (V8 refuses a cache made under others): whoever starts
// this file with `node` passes them too (src/io/node-options.ts reads them from this line).
// Start the bundled CLI (dist/drachtioctl.cjs). This file is CommonJS (bin/package.json): Node
// starts it without its ESM loader. Compiling the bundle's JavaScript is most of a cold start,
// so V8 compiles it from the code cache tools/bundle.mjs built beside it; V8 ignores the cache
// when this Node version (or its flags) differs from the one that built it, and compiles as usual.
'use strict';
const { readFileSync, renameSync, statSync, writeFileSync, writeSync } = require('node:fs');
const { dirname, join } = require('node:path');

const root = join(__dirname, '..');
const argv = process.argv.slice(2);

// run as a program; required (test/start-up.test.ts does), this file only lends bundleScript
if (require.main === module && !(argv.length === 1 && argv[0] === '--version' && printVersion())) loadBundle().run(argv, root);
module.exports = { bundleScript };

/**
 * The line oclif prints for --version, without loading the bundle to print it, written to
 * descriptor 1 (process.stdout, for a pipe, loads node:net and node:stream). False when it could
 * not be written: then the bundle prints it, and says what is wrong with standard output.
 */
function printVersion() {
  const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  try {
    writeSync(1, `${name}/${version} ${process.platform}-${process.arch === 'ia32' ? 'x86' : process.arch} node-${process.version}\n`);
    return true;
  } catch {
    return false;
  }
}

/** The bundle, compiled from its code cache when V8 accepts the cache (script.cachedDataRejected tells). */
function bundleScript() {
  const { Script } = require('node:vm');
  const file = join(root, 'dist/drachtioctl.cjs');
  const cacheFile = `${file}.cache`;
  let cachedData;
  try {
    // V8 checks only the source's length: a bundle rebuilt after its cache must not use it
    if (statSync(cacheFile).mtimeMs >= statSync(file).mtimeMs) cachedData = readFileSync(cacheFile);
  } catch {
    // no cache: compile from source
  }
  // the bundle is ASCII (tools/bundle.mjs): latin1 reads it as UTF-8 would, only faster
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'latin1')}\n})`;
  return { script: new Script(wrapped, { filename: file, cachedData }), file, cacheFile };
}

function loadBundle() {
  const { script, file, cacheFile } = bundleScript();
  // tools/bundle.mjs sets this to grow the cache with what a run compiled
  if (process.env.DRACHTIOCTL_WRITE_CODE_CACHE === '1') {
    process.on('exit', () => {
      writeFileSync(`${cacheFile}.tmp`, script.createCachedData());
      renameSync(`${cacheFile}.tmp`, cacheFile);
    });
  }
  const module = { exports: {} };
  script.runInThisContext()(module.exports, require('node:module').createRequire(file), module, file, dirname(file));
  return module.exports;
}
