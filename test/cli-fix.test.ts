import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { validateText } from '../src/validate/engine.js';
import { fixText } from '../src/validate/fix.js';
import { CORPUS, cli, doc, needsShared, needsTool, tempDir, writeFiles } from './helpers.js';

const FIXABLE = ['ignored-docs-name', 'legacy-contact', 'untrimmed-value'];
const comments = (text: string) => [...text.matchAll(/<!--[\s\S]*?-->/g)].map((m) => m[0]);

const messy = [
  '<?xml version="1.0"?>',
  '<!-- keep me -->',
  '<drachtio>',
  '  <admin port="9022" secret="a-long-and-random-secret-9f2c" tcp-keepalive-interval="30">127.0.0.1</admin>',
  '  <sip>',
  '    <!-- the one contact -->',
  '    <contact>sip:127.0.0.1:5060;transport=udp</contact>',
  '  </sip>',
  '  <logging><loglevel> notice </loglevel></logging>',
  '</drachtio>',
  '',
].join('\n');

const fixedMessy = messy
  .replace('tcp-keepalive-interval=', 'tcp-keepalive=')
  .replace('<contact>sip:127.0.0.1:5060;transport=udp</contact>', '<contacts><contact>sip:127.0.0.1:5060;transport=udp</contact></contacts>')
  .replace('<loglevel> notice </loglevel>', '<loglevel>notice</loglevel>');

describe('drachtioctl validate --fix (subprocess)', () => {
  it('rewrites the fixable findings in place, keeping comments, layout and the file mode', async () => {
    const dir = writeFiles({ 'd.xml': messy });
    const file = join(dir, 'd.xml');
    chmodSync(file, 0o600);
    const r = await cli(['validate', '--fix', file]);
    assert.equal(r.exitCode, 0, r.stdout + r.stderr);
    assert.equal(readFileSync(file, 'utf8'), fixedMessy);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.match(r.stdout, /d\.xml:4:61 {2}fixed {2}rename tcp-keepalive-interval to tcp-keepalive\n/);
    assert.match(r.stdout, /1 file checked: 0 errors, 0 warnings\n$/);
    const again = await cli(['validate', file]);
    assert.equal(again.stdout, '1 file checked: 0 errors, 0 warnings\n');
  });

  it('with --dry-run prints a unified diff that patch(1) applies, and writes nothing', { skip: needsTool('patch', 'patch') }, async () => {
    const dir = writeFiles({ 'd.xml': messy });
    const file = join(dir, 'd.xml');
    const r = await cli(['validate', '--fix', '--dry-run', file]);
    assert.equal(r.exitCode, 1);
    assert.equal(readFileSync(file, 'utf8'), messy);
    // the diff comes first, then the `file:line:col  would fix` lines
    const diff = r.stdout.slice(0, r.stdout.indexOf(`${file}:`));
    assert.match(diff, /^--- .*d\.xml\n\+\+\+ .*d\.xml \(fixed\)\n@@ -1,10 \+1,10 @@\n/);
    assert.match(r.stdout, /d\.xml:7:5 {2}would fix {2}wrap <contact> in <contacts>\n/);
    // the secret is masked, and stderr says so
    assert.doesNotMatch(r.stdout, /a-long-and-random-secret-9f2c/);
    assert.match(diff, /^-  <admin port="9022" secret="\*{8}" tcp-keepalive-interval="30">/m);
    assert.equal(r.stderr, 'drachtioctl: the diff shows secrets as ********; the file itself keeps them\n');
    // the diff is real: patch turns the original (secret masked as in the diff) into the fixed text
    const mask = (t: string) => t.replace('a-long-and-random-secret-9f2c', '********');
    const copy = join(dir, 'copy.xml');
    writeFileSync(copy, mask(messy));
    execFileSync('patch', ['-s', copy], { input: diff });
    assert.equal(readFileSync(copy, 'utf8'), mask(fixedMessy));
  });

  it('does not rename onto an attribute that exists, nor wrap a legacy contact whose attributes would come alive', async () => {
    const text = doc(
      '  <sip><contact external-ip="203.0.113.7">sip:10.0.0.1</contact></sip>',
      '<admin secret="a-long-and-random-secret-9f2c" tcp-keepalive="20" tcp-keepalive-interval="30">127.0.0.1</admin>',
    );
    const dir = writeFiles({ 'd.xml': text });
    const r = await cli(['validate', '--fix', join(dir, 'd.xml')]);
    assert.equal(readFileSync(join(dir, 'd.xml'), 'utf8'), text);
    assert.match(r.stdout, /ignored-docs-name/);
    assert.match(r.stdout, /legacy-contact/);
  });

  it('round-trips every corpus file: comments kept, fixed findings gone, a second run changes nothing', { skip: needsShared }, async () => {
    const dir = tempDir();
    const names = readdirSync(CORPUS).filter((f) => f !== 'MANIFEST.tsv' && f !== 'README.md');
    for (const f of names) {
      copyFileSync(join(CORPUS, f), join(dir, f));
      chmodSync(join(dir, f), 0o644);
    }
    const r = await cli(['validate', '--fix', '--json', ...names.map((f) => join(dir, f))]);
    const out = JSON.parse(r.stdout) as { files: { path: string; fixed: string[] }[] };
    const fixedCount = out.files.reduce((n, f) => n + f.fixed.length, 0);
    assert.ok(fixedCount >= 1, 'the corpus has fixable findings (the docs\' tcp-keepalive-interval)');
    for (const f of names) {
      const before = readFileSync(join(CORPUS, f), 'utf8');
      const after = readFileSync(join(dir, f), 'utf8');
      assert.deepEqual(comments(after), comments(before), f);
      const fixable = (text: string) => validateText(text, f).diagnostics.filter((d) => FIXABLE.includes(d.rule)).length;
      const applied = out.files.find((x) => x.path.endsWith(`/${f}`))!.fixed.length;
      assert.equal(fixable(after), fixable(before) - applied, f);
      assert.deepEqual(fixText(after, f).applied, [], `${f}: fixing is idempotent`);
    }
  });

  it('fixes ```xml blocks of Markdown at their place in the file', () => {
    const md = '# Admin\n\n```xml\n<admin port="9022" secret="a-long-and-random-secret-9f2c" tcp-keepalive-interval="30">127.0.0.1</admin>\n```\n';
    assert.equal(fixText(md, 'README.md').text, md.replace('tcp-keepalive-interval', 'tcp-keepalive'));
  });

  it('leaves alone what the file\'s own comments suppress', () => {
    const admin = '<admin port="9022" secret="a-long-and-random-secret-9f2c" tcp-keepalive-interval="30">127.0.0.1</admin>';
    const next = `<drachtio>\n<!-- drachtioctl-disable-next-line ignored-docs-name -->\n${admin}\n</drachtio>\n`;
    assert.equal(fixText(next, 'd.xml').text, next);
    const whole = `<drachtio>\n${admin}\n<!-- drachtioctl-disable -->\n</drachtio>\n`;
    assert.equal(fixText(whole, 'd.xml').text, whole);
    const other = `<drachtio>\n<!-- drachtioctl-disable-next-line weak-admin-secret -->\n${admin}\n</drachtio>\n`;
    assert.equal(fixText(other, 'd.xml').text, other.replace('tcp-keepalive-interval', 'tcp-keepalive'));
  });

  it('keeps a byte-order mark and CRLF line ends', () => {
    const crlf = '\ufeff' + messy.replace(/\n/g, '\r\n');
    assert.equal(fixText(crlf, 'd.xml').text, '\ufeff' + fixedMessy.replace(/\n/g, '\r\n'));
  });
});

describe('drachtioctl validate --target-version and --check-files (subprocess)', () => {
  it('warns about settings the target version does not read, and rejects a bad version with exit 2', async () => {
    const dir = writeFiles({ 'd.xml': doc('  <sip><udp-buffer-size>8388608</udp-buffer-size><udp-mtu>4096</udp-mtu></sip>') });
    const old = await cli(['validate', '--target-version', '0.8.x', join(dir, 'd.xml')]);
    assert.equal(old.exitCode, 0);
    assert.match(old.stdout, /d\.xml:4:25 {2}warning {2}<udp-buffer-size> is read only from drachtio-server v0\.9\.5 on; 0\.8\.x silently ignores it {2}not-in-target-version\n/);
    assert.doesNotMatch(old.stdout, /no-effect-setting/);
    const current = await cli(['validate', '--target-version', 'v0.9.10', join(dir, 'd.xml')]);
    assert.doesNotMatch(current.stdout, /not-in-target-version/);
    assert.match(current.stdout, /no-effect-setting/);
    const bad = await cli(['validate', '--target-version', 'latest', join(dir, 'd.xml')]);
    assert.equal(bad.exitCode, 2);
    assert.equal(bad.stderr, 'drachtioctl: --target-version latest: not a version such as 0.9.x, 0.8.25 or v0.9.4\n');
  });

  it('checks TLS files relative to the config file only with --check-files', async () => {
    const tls = '  <sip><tls><key-file>certs/key.pem</key-file><cert-file>/nonexistent/cert.pem</cert-file><dh-param>certs</dh-param></tls></sip>';
    const dir = writeFiles({ 'd.xml': doc(tls) });
    mkdirSync(join(dir, 'certs'));
    writeFileSync(join(dir, 'certs/key.pem'), 'not really a key\n');
    const plain = await cli(['validate', join(dir, 'd.xml')], { cwd: '/' });
    assert.doesNotMatch(plain.stdout, /tls-file-missing/);
    const checked = await cli(['validate', '--check-files', join(dir, 'd.xml')], { cwd: '/' });
    assert.equal(checked.exitCode, 1);
    const found = checked.stdout.split('\n').filter((l) => l.endsWith('tls-file-missing'));
    assert.deepEqual(found.map((l) => l.split('  ')[0]!.slice(dir.length + 1)), ['d.xml:4:58', 'd.xml:4:101']);
    assert.match(found[0]!, /"\/nonexistent\/cert\.pem": \/nonexistent\/cert\.pem does not exist/);
    assert.match(found[1]!, /is not a regular file/);
  });
});
