import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { execa } from 'execa';
import { REQUIRE_ALL, ROOT, tempDir } from './helpers.js';

/** npm's own words for a registry it cannot reach (then the test skips, unless CI requires everything). */
const OFFLINE = /\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ENETUNREACH|ENOTCACHED)\b/;

describe('the npm package', () => {
  it('packs into a tarball that installs into an empty project and runs every command without the source tree', { timeout: 600_000 }, async (t) => {
    const work = tempDir();
    // the suite has just built dist/; packing must not build again
    const pack = await execa('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: ROOT });
    const [{ filename, files }] = JSON.parse(String(pack.stdout)) as [{ filename: string; files: { path: string }[] }];
    const packed = new Set(files.map((f) => f.path));
    for (const f of ['LICENSE', 'README.md', 'bin/run.js', 'dist/drachtioctl.cjs', 'dist/src/index.js', 'dist/src/index.d.ts', 'man/drachtioctl.1', 'man/drachtio.conf.xml.5', 'templates/drachtio.conf.xml', 'oclif.manifest.json']) {
      assert.ok(packed.has(f), `${f} is in the tarball`);
    }
    assert.ok(![...packed].some((f) => f.startsWith('test/') || f.startsWith('dist/test/') || f.startsWith('src/')), 'no tests or sources in the tarball');

    const project = join(work, 'project');
    await execa('mkdir', [project]);
    writeFileSync(join(project, 'package.json'), '{ "name": "empty", "version": "1.0.0", "private": true, "type": "module" }\n');
    const install = await execa('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', join(work, filename)], { cwd: project, reject: false });
    if (install.exitCode !== 0 && OFFLINE.test(String(install.stderr)) && !REQUIRE_ALL) {
      t.skip('npm cannot reach the registry for the dependencies (run once online to fill the cache)');
      return;
    }
    assert.equal(install.exitCode, 0, String(install.stderr));

    const bin = join(project, 'node_modules/.bin/drachtioctl');
    const installed = join(project, 'node_modules/drachtioctl');
    const run = (args: string[]) => execa(bin, args, { cwd: project, reject: false });
    const config = join(project, 'drachtio.conf.xml');
    const expectations: [string[], number, RegExp][] = [
      [['--version'], 0, /^drachtioctl\/\d+\.\d+\.\d+/],
      [['--help'], 0, /validate/],
      [['init', '--yes', '-o', config], 0, /drachtio\.conf\.xml/],
      [['validate', config], 0, /1 file checked: 0 errors, 0 warnings/],
      [['validate', join(installed, 'templates/drachtio.conf.xml'), '--format', 'sarif'], 0, /"version": ?"2\.1\.0"/],
      [['explain', 'admin.port'], 0, /DRACHTIO_ADMIN_TCP_PORT/],
      [['resolve', '--file', config], 0, /admin\.port/],
      [['convert', config, '--to', 'yaml', '--show-secrets'], 0, /admin:/],
      [['env-export', config, '--format', 'dotenv', '--show-secrets'], 0, /DRACHTIO_/],
      [['diff', config, config], 0, /no differences/],
      [['render', 'systemd', config], 0, /ExecStart=/],
      [['render', 'compose', config], 0, /services:/],
      [['render', 'k8s', config], 0, /kind: Deployment/],
    ];
    for (const [args, code, out] of expectations) {
      const r = await run(args);
      assert.equal(r.exitCode, code, `drachtioctl ${args.join(' ')}: ${r.stderr}`);
      assert.match(String(r.stdout) + String(r.stderr), out, `drachtioctl ${args.join(' ')}`);
    }

    // the library entry point, from the installed package
    const lib = await execa('node', ['--input-type=module', '-e', "import { validateText } from 'drachtioctl'; console.log(validateText('<drachtio/>', 'x.xml').diagnostics.map((d) => d.rule).join())"], { cwd: project });
    assert.match(String(lib.stdout), /admin/);
    assert.equal(existsSync(join(installed, 'src')), false);
    assert.match(readFileSync(join(installed, 'LICENSE'), 'utf8'), /^MIT License/);
  });
});
