import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { execa } from 'execa';
import { CORPUS, TEMPLATE, cli, doc, writeFiles } from './helpers.js';

describe('drachtioctl validate (subprocess)', () => {
  it('passes the template with exit 0 and one warning: its placeholder secret is published, so well known', async () => {
    const r = await cli(['validate', TEMPLATE]);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.match(r.stdout, /drachtio\.conf\.xml:10:22 {2}warning {2}the admin secret \(\*+\) is a well-known secret .* {2}weak-admin-secret\n1 file checked: 0 errors, 1 warning\n$/);
    // a CI gate with --strict refuses the template until the secret is replaced
    const strict = await cli(['validate', '--strict', TEMPLATE]);
    assert.equal(strict.exitCode, 1, strict.stderr);
    // and any XML tool reads it
    assert.equal((await execa('xmllint', ['--noout', TEMPLATE], { reject: false })).exitCode, 0);
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
    assert.deepEqual(out.summary, { errors: 1, warnings: 0 });
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

  it('exits 2 with one line, no stack trace, for a file it cannot read', async () => {
    const missing = await cli(['validate', '/nonexistent/drachtio.conf.xml']);
    assert.equal(missing.exitCode, 2);
    assert.equal(missing.stderr, 'drachtioctl: /nonexistent/drachtio.conf.xml: no such file, directory or matching files\n');
    const dir = writeFiles({ 'locked.xml': doc('') });
    chmodSync(join(dir, 'locked.xml'), 0o000);
    const locked = await cli(['validate', join(dir, 'locked.xml')]);
    if (process.getuid?.() !== 0) {
      assert.equal(locked.exitCode, 2);
      assert.match(locked.stderr, /locked\.xml: cannot read: permission denied\n$/);
    }
  });

  it('exits 2 on an unknown flag', async () => {
    const r = await cli(['validate', '--no-such-flag', TEMPLATE]);
    assert.equal(r.exitCode, 2);
    assert.equal(r.stderr.split('\n').length, 2);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  });

  it('validates the whole corpus directory and finds its startup failures', async () => {
    const r = await cli(['validate', '--json', CORPUS]);
    assert.equal(r.exitCode, 1);
    const out = JSON.parse(r.stdout) as { files: { path: string }[]; summary: { errors: number } };
    assert.ok(out.files.length >= 35);
    assert.ok(out.summary.errors >= 4);
  });
});

describe('drachtioctl command dispatch (subprocess)', () => {
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
