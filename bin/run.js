#!/usr/bin/env -S node --
// ("--" ends node's own options: Node 20 otherwise takes a later --env-file for itself and exits 9)
// Start the bundled CLI (dist/drachtioctl.cjs). This file is CommonJS (bin/package.json): Node
// starts it without its ESM loader. Compiling the bundle's JavaScript is most of a cold start,
// so V8 compiles it from the code cache tools/bundle.mjs built beside it; V8 ignores the cache
// when this Node version (or its flags) differs from the one that built it, and compiles as usual.
'use strict';
const { readFileSync, renameSync, statSync, writeFileSync } = require('node:fs');
const { dirname, join } = require('node:path');

const root = join(__dirname, '..');
const argv = process.argv.slice(2);

if (argv.length === 1 && argv[0] === '--version') {
  // the line oclif prints, without loading the bundle to print it
  const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  process.stdout.write(`${name}/${version} ${process.platform}-${process.arch === 'ia32' ? 'x86' : process.arch} node-${process.version}\n`);
} else {
  loadBundle().run(argv, root);
}

function loadBundle() {
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
  const script = new Script(wrapped, { filename: file, cachedData });
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
