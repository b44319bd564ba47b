// Bundle the CLI into one CommonJS file (bin/run.js compiles it with V8's code cache), write
// oclif's command manifest (help reads it instead of loading every command), then build the
// code cache by running the paths users start most: V8 keeps what each run compiled.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
/** render's target modules, which import yaml's stringify statically */
const RENDER_TARGET = /[\\/]src[\\/]render[\\/][^\\/]+\.ts$/;
/** `const x_1 = require("m");`, as tsc writes a module's imports (perhaps wrapped in __importDefault or __importStar) */
const TOP_REQUIRE = /^(const|var|let) ([\w$]+) = ((?:__importDefault|__importStar)?\(?require\("[^"]+"\)\)?);$/gm;
/** the module a thunk returns, loaded on first property access (tsc's output only ever reads properties of it) */
const LAZY_REQUIRE = `function __lazyRequire(load) {
  let m;
  const get = () => (m ??= load());
  return new Proxy({}, { get: (_, key) => get()[key], has: (_, key) => key in get() });
}`;
const bundle = `${root}dist/drachtioctl.cjs`;
/** what oclif's command.js does at load: swallow EPIPE on process.stdout */
const STDOUT_LISTENER = /^process\.stdout\.on\('error', \(err\) => \{\n(?:.*\n){3}\}\);$/m;
/**
 * fdir loads picomatch as it starts, for a glob option drachtioctl never passes (directories are
 * matched by suffix): that is ~3 ms of every directory scan, compiled outside the code cache.
 */
const FDIR_PICOMATCH = /^try \{\n\t__require\.resolve\("picomatch"\);\n\tpm = __require\("picomatch"\);\n\} catch \{\}$/m;

checkOclifImports();

await build({
  entryPoints: ['src/cli.ts'],
  outfile: bundle,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // a smaller file is read faster (DRACHTIOCTL_DEBUG stack traces name minified functions)
  minify: true,
  legalComments: 'none',
  // ESM dependencies (fdir) build a require from import.meta.url, which CommonJS lacks
  define: { 'import.meta.url': '__bundleUrl' },
  banner: { js: `var __bundleUrl = require('node:url').pathToFileURL(__filename).href;\n${LAZY_REQUIRE}` },
  // oclif reaches for typescript only in development mode; a bundle never runs that path
  external: ['typescript'],
  logLevel: 'warning',
  plugins: [
    {
      // The big libraries of a few commands (prompts, the JUnit format's XML builder, the language server) stay in
      // node_modules, loaded when a command uses them, so that validate and help never read them.
      // As bin/run.js compiles the bundle with node:vm, where import() is unavailable, their
      // dynamic imports become require() calls. yaml is bundled (its code then comes from the code
      // cache), evaluated on first use.
      name: 'required-from-node-modules',
      setup(b) {
        b.onResolve({ filter: /^(@inquirer\/prompts|xmlbuilder2|vscode-languageserver(\/node)?|vscode-languageserver-textdocument)$/ }, (a) =>
          a.kind === 'dynamic-import' ? { path: a.path, namespace: 'required' } : { path: a.path, external: true },
        );
        b.onLoad({ filter: /.*/, namespace: 'required' }, (a) => ({ contents: `module.exports = require(${JSON.stringify(a.path)});`, loader: 'js' }));
        // render's targets import yaml's stringify at the top, but only compose and k8s output call it
        // (any other name they import from yaml fails the build here, loudly)
        b.onResolve({ filter: /^yaml$/ }, (a) => (a.kind === 'import-statement' && RENDER_TARGET.test(a.importer) ? { path: a.path, namespace: 'lazy-yaml' } : undefined));
        b.onLoad({ filter: /.*/, namespace: 'lazy-yaml' }, () => ({
          contents: "export function stringify(...a) { return require('yaml').stringify(...a); }",
          loader: 'js',
          resolveDir: root,
        }));
      },
    },
    {
      name: 'fdir-without-picomatch',
      setup(b) {
        b.onLoad({ filter: /[\\/]node_modules[\\/]fdir[\\/]dist[\\/]index\.mjs$/ }, async (a) => {
          const source = await readFile(a.path, 'utf8');
          if (!FDIR_PICOMATCH.test(source)) throw new Error(`${a.path}: fdir no longer loads picomatch as tools/bundle.mjs expects; update FDIR_PICOMATCH`);
          return { contents: source.replace(FDIR_PICOMATCH, ''), loader: 'js' };
        });
      },
    },
    {
      name: 'oclif-core-subpaths',
      setup(b) {
        b.onResolve({ filter: /^@oclif\/core$/ }, (a) => (a.importer.endsWith('oclif-core.cjs') ? undefined : { path: `${root}tools/oclif-core.cjs` }));
      },
    },
    {
      // oclif's modules require each other at the top (command.js alone pulls in config, help and
      // ux, and through them child_process, readline and more): evaluated in full, they cost a
      // validate run more than its own work. Each such require becomes a module loaded on first use.
      name: 'oclif-lazy-requires',
      setup(b) {
        b.onLoad({ filter: /[\\/]node_modules[\\/]@oclif[\\/]core[\\/]lib[\\/].*\.js$/ }, async (a) => {
          const source = withoutStdoutListener(a.path, await readFile(a.path, 'utf8'));
          return { contents: source.replace(TOP_REQUIRE, '$1 $2 = __lazyRequire(() => $3);'), loader: 'js' };
        });
      },
    },
  ],
});

asciiOnly(bundle);
/** how the bundle is started here: with the options its shebang gives node, under which the code cache must be built */
const { binNodeOptions } = await import(`${root}dist/src/io/node-options.js`);
const BIN = [...binNodeOptions(root), 'bin/run.js'];
await writeManifest();
rmSync(`${bundle}.cache`, { force: true });
await writeStoredHelp();

const template = 'templates/drachtio.conf.xml';
// a directory of configs, as CI gates name one (templates/ holds units too, whose readers validate never needs for XML)
const configDir = mkdtempSync(join(tmpdir(), 'drachtioctl-build-'));
copyFileSync(`${root}${template}`, join(configDir, 'drachtio.conf.xml'));
for (const args of [
  ['validate', template],
  ['validate', configDir],
  ['--help'],
  ['validate', '--help'],
  ['explain', 'admin.port'],
  ['resolve', '--file', template],
  // into a pipe the secret must be asked for (the output goes nowhere)
  ['convert', template, '--to', 'json', '--show-secrets'],
  ['convert', template, '--to', 'yaml', '--show-secrets'],
  ['env-export', template, '--show-secrets'],
  ['diff', template, template],
  ['render', 'systemd', template],
]) {
  execFileSync(process.execPath, [...BIN, ...args], { cwd: root, stdio: 'ignore', env: { ...process.env, DRACHTIOCTL_WRITE_CODE_CACHE: '1' } });
}
rmSync(configDir, { recursive: true, force: true });

/**
 * dist/help.json: every help page as oclif prints it to a pipe without colour, so that help
 * there needs neither oclif's config loading nor its renderer (src/stored-help.ts).
 */
async function writeStoredHelp() {
  const { STORED_HELP, userAgent } = await import(`${root}dist/src/stored-help.js`);
  rmSync(`${root}${STORED_HELP}`, { force: true });
  const { FORCE_COLOR: _force, OCLIF_COLUMNS: _columns, ...env } = process.env;
  const { name, version } = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
  const ids = Object.keys(JSON.parse(readFileSync(`${root}oclif.manifest.json`, 'utf8')).commands);
  const pages = {};
  for (const key of ['', '--help', ...ids.map((id) => `${id} --help`)]) {
    pages[key] = execFileSync(process.execPath, [...BIN, ...key.split(' ').filter(Boolean)], { cwd: root, env, encoding: 'utf8' });
  }
  writeFileSync(`${root}${STORED_HELP}`, `${JSON.stringify({ userAgent: userAgent(name, version), pages })}\n`);
}

/**
 * oclif's command.js listens for EPIPE on process.stdout when it loads, which creates the stream (for
 * a pipe, node:net and node:stream: ~5 ms of every run). src/io/stdout.ts guards standard output
 * itself and writes reports without the stream, so the listener goes; a version of oclif without it
 * fails the build, so that this is looked at again.
 */
function withoutStdoutListener(path, source) {
  if (!/[\\/]lib[\\/]command\.js$/.test(path)) return source;
  if (!STDOUT_LISTENER.test(source)) throw new Error(`${path}: oclif's stdout EPIPE listener is not where tools/bundle.mjs expects it`);
  return source.replace(STDOUT_LISTENER, '');
}

/**
 * tools/oclif-core.cjs stands in for `@oclif/core` and defines its exports one by one: a name it
 * lacks would be undefined at run time, so a source file importing one fails the build instead.
 */
function checkOclifImports() {
  const require = createRequire(import.meta.url);
  const shim = require(`${root}tools/oclif-core.cjs`);
  const files = readdirSync(`${root}src`, { recursive: true }).filter((f) => f.endsWith('.ts'));
  for (const file of files) {
    for (const [, names] of readFileSync(`${root}src/${file}`, 'utf8').matchAll(/^import \{([^}]*)\} from '@oclif\/core';/gm)) {
      for (const name of names.split(',').map((n) => n.trim()).filter((n) => n && !n.startsWith('type '))) {
        if (!Object.hasOwn(shim, name)) throw new Error(`src/${file}: imports ${name} from @oclif/core, which tools/oclif-core.cjs does not provide`);
      }
    }
  }
}

/**
 * bin/run.js reads the bundle as latin1, which is faster than decoding UTF-8 and gives the same
 * text (the code cache checks it) only when every byte is ASCII: esbuild leaves a few characters
 * in regular expressions as they are, so they become \\u escapes (valid in strings, regular
 * expressions and names alike).
 */
function asciiOnly(file) {
  const text = readFileSync(file, 'utf8');
  const ascii = text.replace(/[^\0-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (ascii !== text) writeFileSync(file, ascii);
}

/** oclif.manifest.json: every command's flags and help, as oclif's Plugin builds it from the command classes. */
async function writeManifest() {
  const require = createRequire(import.meta.url);
  const { loadCommands } = require(bundle);
  const { Plugin } = require('@oclif/core');
  const plugin = new Plugin({ root, isRoot: true, ignoreManifest: true, errorOnManifestCreate: true });
  // the bundle's commands are lazy loaders; hand oclif the loaded classes it would import from the target
  plugin.commandCache = await loadCommands();
  await plugin.load();
  writeFileSync(`${root}oclif.manifest.json`, `${JSON.stringify(plugin.manifest, null, 2)}\n`);
}
