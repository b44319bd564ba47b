import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CORPUS, FIXTURES, TEMPLATE, cli, doc, needsShared, writeFiles } from './helpers.js';
import { xmlErrors } from './validators.js';

describe('drachtioctl validate (subprocess)', () => {
  it('passes the template with exit 0 and one warning: its placeholder secret is published, so well known', async () => {
    const r = await cli(['validate', TEMPLATE]);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.match(r.stdout, /drachtio\.conf\.xml:10:22 {2}warning {2}the admin secret \(\*+\) is a well-known secret .* {2}weak-admin-secret\n1 file checked: 0 errors, 1 warning\n$/);
    // a CI gate with --strict refuses the template until the secret is replaced
    const strict = await cli(['validate', '--strict', TEMPLATE]);
    assert.equal(strict.exitCode, 1, strict.stderr);
    // and libxml2 reads it
    assert.deepEqual(await xmlErrors(readFileSync(TEMPLATE, 'utf8')), []);
  });

  it('prints compiler-style lines and exits 1 on errors', async () => {
    const dir = writeFiles({ 'bad.xml': doc('', '<admin port="9022" secret="a-long-and-random-secret-9f2c">\n  localhost</admin>') });
    const r = await cli(['validate', join(dir, 'bad.xml')]);
    assert.equal(r.exitCode, 1);
    const [line] = r.stdout.split('\n');
    assert.match(line!, new RegExp(`^${join(dir, 'bad.xml')}:4:3  error  the admin address .* admin-address-invalid$`));
  });

  it('names file, line and column of XML that is not well-formed', async () => {
    const dir = writeFiles({ 'broken.xml': '<drachtio>\n  <admin>127.0.0.1</admin>\n  <sip>\n</drachtio>\n' });
    const r = await cli(['validate', join(dir, 'broken.xml')]);
    assert.equal(r.exitCode, 1);
    // the reader closes <sip> with </drachtio>, then runs out of text with <drachtio> open
    assert.match(r.stdout, /broken\.xml:1:1 {2}error {2}not well-formed XML: Unclosed tag 'drachtio'.*xml-not-well-formed\n/);
    assert.match(r.stdout, /broken\.xml:4:1 {2}error {2}not well-formed XML: Expected closing tag 'sip' \(opened in line 3, col 3\).*xml-lenient\n/);
    assert.equal(r.stderr, '');
  });

  it('emits the documented --json shape', async () => {
    const dir = writeFiles({ 'a.xml': doc('', '<admin port="x" secret="a-long-and-random-secret-9f2c">127.0.0.1</admin>'), 'b.xml': doc('') });
    const r = await cli(['validate', '--json', join(dir, 'a.xml'), join(dir, 'b.xml')]);
    assert.equal(r.exitCode, 1);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(out), ['files', 'summary']);
    assert.deepEqual(out.summary, { files: 2, errors: 1, warnings: 0, unreadable: 0 });
    assert.deepEqual(out.files[0].diagnostics[0], {
      rule: 'invalid-number',
      severity: 'error',
      message: '"x" is not a whole number: drachtio-server silently uses the default, 9022',
      line: 3,
      column: 10,
      setting: 'admin.port',
    });
    assert.deepEqual(out.files[1], { path: join(dir, 'b.xml'), diagnostics: [] });
  });

  it('expands directories and quoted globs', async () => {
    const dir = writeFiles({ 'one.xml': doc(''), 'two.conf.xml': doc('') });
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub/three.xml'), doc(''));
    const byDir = await cli(['validate', dir]);
    assert.match(byDir.stdout, /^3 files checked/m);
    const byGlob = await cli(['validate', `${dir}/**/*.xml`]);
    assert.match(byGlob.stdout, /^3 files checked/m);
  });

  it('an operand that names nothing is in files[] with its error, beside the files checked (exit 2)', async () => {
    const dir = writeFiles({ 'good.xml': doc('') });
    const r = await cli(['validate', '--json', join(dir, 'good.xml'), join(dir, 'typo*.xml')]);
    assert.equal(r.exitCode, 2);
    const out = JSON.parse(r.stdout) as { files: { path: string; error?: { message: string } }[]; summary: Record<string, number> };
    assert.deepEqual(out.files.map((f) => [f.path, f.error?.message]), [
      [join(dir, 'good.xml'), undefined],
      [join(dir, 'typo*.xml'), `${join(dir, 'typo*.xml')}: no such file, directory or matching files`],
    ]);
    assert.deepEqual(out.summary, { files: 2, errors: 0, warnings: 0, unreadable: 1 });
  });

  it('exits 2 with one line, no stack trace, for a file it cannot read', async () => {
    const missing = await cli(['validate', '/nonexistent/drachtio.conf.xml']);
    assert.equal(missing.exitCode, 2);
    assert.equal(missing.stderr, 'drachtioctl: /nonexistent/drachtio.conf.xml: no such file, directory or matching files\n');
    const dir = writeFiles({ 'locked.xml': doc('') });
    chmodSync(join(dir, 'locked.xml'), 0o000);
    const locked = await cli(['validate', join(dir, 'locked.xml')]);
    mkdirSync(join(dir, 'closed'));
    writeFileSync(join(dir, 'closed/inside.xml'), doc(''));
    chmodSync(join(dir, 'closed'), 0o000);
    const closed = await cli(['validate', join(dir, 'closed')]);
    chmodSync(join(dir, 'closed'), 0o755);
    if (process.getuid?.() !== 0) {
      assert.equal(locked.exitCode, 2);
      assert.match(locked.stderr, /locked\.xml: cannot read: permission denied\n$/);
      assert.equal(closed.exitCode, 2);
      assert.match(closed.stderr, /closed: cannot list the directory: permission denied\n/);
    }
    // a FIFO is refused whoever runs the test
    execFileSync('mkfifo', [join(dir, 'fifo.xml')]);
    const fifo = await cli(['validate', join(dir, 'fifo.xml')]);
    assert.equal(fifo.exitCode, 2);
    assert.equal(fifo.stderr.split('\n').length, 2, fifo.stderr);
    assert.match(fifo.stderr, /^drachtioctl: .*fifo\.xml: /);
  });

  it('--json lists a file it cannot read among the files, with its error, and counts it in the summary', async () => {
    const dir = writeFiles({ 'ok.xml': doc('') });
    execFileSync('mkfifo', [join(dir, 'fifo.xml')]);
    const r = await cli(['validate', '--json', 'ok.xml', 'fifo.xml'], { cwd: dir });
    assert.equal(r.exitCode, 2);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.files[0], { path: 'ok.xml', diagnostics: [] });
    assert.equal(out.files[1].path, 'fifo.xml');
    assert.deepEqual(out.files[1].diagnostics, []);
    assert.match(out.files[1].error.message, /^fifo\.xml: /);
    assert.deepEqual(out.summary, { files: 2, errors: 0, warnings: 0, unreadable: 1 });
    const byFormat = await cli(['validate', '--format', 'json', 'ok.xml', 'fifo.xml'], { cwd: dir });
    assert.deepEqual(JSON.parse(byFormat.stdout), out);
  });

  it('--quiet reports errors only, and warnings still fail a --strict run', async () => {
    const dir = writeFiles({ 'w.xml': doc('<logging><loglevel>verbose</loglevel></logging>'), 'e.xml': doc('', '<admin port="x" secret="a-long-and-random-secret-9f2c">127.0.0.1</admin>') });
    const quiet = await cli(['validate', '--quiet', 'w.xml', 'e.xml'], { cwd: dir });
    assert.equal(quiet.exitCode, 1);
    assert.match(quiet.stdout, /^e\.xml:3:10 {2}error {2}.*invalid-number\n2 files checked: 1 error, 0 warnings\n$/);
    const json = JSON.parse((await cli(['validate', '-q', '--json', 'w.xml'], { cwd: dir })).stdout);
    assert.deepEqual(json.files.map((f: { diagnostics: unknown[] }) => f.diagnostics), [[]]);
    assert.deepEqual(json.summary, { files: 1, errors: 0, warnings: 0, unreadable: 0 });
    assert.equal((await cli(['validate', '--quiet', 'w.xml'], { cwd: dir })).exitCode, 0);
    const strict = await cli(['validate', '--quiet', '--strict', 'w.xml'], { cwd: dir });
    assert.equal(strict.exitCode, 1);
    assert.match(strict.stderr, /failing: /);
  });

  it('--output-file writes the report to a file (replacing an older one) and nothing to stdout', async () => {
    const dir = writeFiles({ 'e.xml': doc('', '<admin port="x" secret="a-long-and-random-secret-9f2c">127.0.0.1</admin>'), 'report.sarif': 'old' });
    const r = await cli(['validate', '--format', 'sarif', '--output-file', 'report.sarif', 'e.xml'], { cwd: dir });
    assert.equal(r.exitCode, 1);
    assert.equal(r.stdout, '');
    assert.equal(JSON.parse(readFileSync(join(dir, 'report.sarif'), 'utf8')).runs[0].results[0].ruleId, 'invalid-number');
    const missing = await cli(['validate', '-o', join(dir, 'no/such/dir/r.txt'), 'e.xml'], { cwd: dir });
    assert.equal(missing.exitCode, 2);
    assert.equal(missing.stderr.split('\n').length, 2, missing.stderr);
  });

  it('exits 2 on an unknown flag, in one line suggesting the flag meant', async () => {
    const r = await cli(['validate', '--no-such-flag', TEMPLATE]);
    assert.equal(r.exitCode, 2);
    assert.equal(r.stderr, 'drachtioctl: unknown flag --no-such-flag; see drachtioctl validate --help\n');
    const typo = await cli(['validate', '--formt', 'json', TEMPLATE]);
    assert.equal(typo.exitCode, 2);
    assert.equal(typo.stderr, 'drachtioctl: unknown flag --formt (did you mean --format?); see drachtioctl validate --help\n');
    const json = await cli(['explain', '--jsn', 'admin.port']);
    assert.equal(json.stderr, 'drachtioctl: unknown flag --jsn (did you mean --json?); see drachtioctl explain --help\n');
  });

  it('takes -h for --help everywhere, a lone -v for --version, and --version --json as JSON', async () => {
    const [short, long] = await Promise.all([cli(['validate', '-h']), cli(['validate', '--help'])]);
    assert.equal(short.exitCode, 0);
    assert.equal(short.stdout, long.stdout);
    assert.match(short.stdout, /--format/);
    assert.equal((await cli(['-h'])).stdout, (await cli(['--help'])).stdout);
    const [v, version] = await Promise.all([cli(['-v']), cli(['--version'])]);
    assert.equal(v.stdout, version.stdout);
    assert.match(version.stdout, /^drachtioctl\/\d+\.\d+\.\d+ /);
    const json = JSON.parse((await cli(['--version', '--json'])).stdout);
    assert.deepEqual(Object.keys(json), ['name', 'version', 'platform', 'arch', 'node']);
    assert.equal(json.node, process.version);
    // after --, -h belongs to the server's command line
    const server = await cli(['resolve', '--file', TEMPLATE, '--', '-h']);
    assert.match(server.stdout + server.stderr, /-h prints the usage/);
  });

  it('validates a directory: every config in it, each with its findings', async () => {
    // the fixture configs alone: test/fixtures also holds deployment files, checked in test/deployment.test.ts
    const dir = writeFiles(Object.fromEntries(['broken.conf.xml', 'registrar.conf.xml', 'sbc.conf.xml'].map((f) => [f, readFileSync(join(FIXTURES, f), 'utf8')])));
    const r = await cli(['validate', '--json', dir]);
    assert.equal(r.exitCode, 1);
    const out = JSON.parse(r.stdout) as { files: { path: string; diagnostics: { rule: string; line: number }[] }[]; summary: { errors: number; warnings: number } };
    const found = Object.fromEntries(out.files.map((f) => [f.path.slice(dir.length + 1), f.diagnostics.map((d) => `${d.line} ${d.rule}`)]));
    assert.deepEqual(found, {
      'broken.conf.xml': ['4 invalid-number', '4 admin-address-invalid', '11 invalid-value'],
      'registrar.conf.xml': [],
      'sbc.conf.xml': [],
    });
    assert.deepEqual(out.summary, { files: 3, errors: 2, warnings: 1, unreadable: 0 });
  });

  it('validates the whole corpus directory and finds its startup failures', { skip: needsShared }, async () => {
    const r = await cli(['validate', '--json', CORPUS]);
    assert.equal(r.exitCode, 1);
    const out = JSON.parse(r.stdout) as { files: { path: string }[]; summary: { errors: number } };
    assert.ok(out.files.length >= 35);
    assert.ok(out.summary.errors >= 4);
  });
});

describe('drachtioctl command dispatch (subprocess)', () => {
  it('with --json, every command reports an error as {"error":{"message","exitCode"}} on stdout, exit 2', async () => {
    const missing = '/nonexistent/drachtio.conf.xml';
    const runs = [
      // validate lists a file it cannot read in files[] (the test above); a usage error is its {error}
      ['validate', TEMPLATE, '--target-version', 'nope'],
      ['explain', 'no-such-setting'],
      ['diff', missing, TEMPLATE],
      ['convert', missing, '--to', 'yaml'],
      ['env-export', missing],
      ['resolve', '--file', missing],
      ['render', 'systemd', missing],
      ['init', '--yes', '--preset', 'webrtc', '--dry-run'],
      ['schema', '--format', 'yaml'],
      ['rules', '--bogus'],
    ];
    for (const args of runs) {
      const r = await cli([...args, '--json']);
      assert.equal(r.exitCode, 2, `${args.join(' ')}: ${r.stderr}`);
      const out = JSON.parse(r.stdout);
      assert.deepEqual(Object.keys(out), ['error'], args.join(' '));
      assert.deepEqual(Object.keys(out.error), ['message', 'exitCode'], args.join(' '));
      assert.equal(out.error.exitCode, 2);
      assert.equal(typeof out.error.message, 'string');
      assert.doesNotMatch(out.error.message, /\n/);
    }
  });

  it('names an unknown command in one line, with a suggestion, exit 2', async () => {
    const r = await cli(['validat', TEMPLATE]);
    assert.equal(r.exitCode, 2);
    assert.equal(r.stderr, 'drachtioctl: no command "validat"; did you mean validate? (see drachtioctl --help)\n');
  });

  it('takes `help COMMAND` for `COMMAND --help`', async () => {
    const r = await cli(['help', 'diff']);
    assert.equal(r.exitCode, 0);
    assert.equal(r.stdout, (await cli(['diff', '--help'])).stdout);
    assert.match(r.stdout, /^Show the settings that differ/);
  });
});
