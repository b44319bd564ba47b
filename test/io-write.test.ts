import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { UserError } from '../src/errors.js';
import { writeFileAtomic } from '../src/io/write.js';
import { MASK, displayValue } from '../src/model/secrets.js';
import { tempDir } from './helpers.js';

describe('writeFileAtomic', () => {
  it('writes with the requested mode and leaves no temporary file', () => {
    const dir = tempDir();
    writeFileAtomic(join(dir, 'drachtio.conf.xml'), '<drachtio/>\n', { mode: 0o600 });
    assert.equal(readFileSync(join(dir, 'drachtio.conf.xml'), 'utf8'), '<drachtio/>\n');
    assert.equal(statSync(join(dir, 'drachtio.conf.xml')).mode & 0o777, 0o600);
    assert.deepEqual(readdirSync(dir), ['drachtio.conf.xml']);
  });

  it('refuses to replace a file without force, and replaces it with force', () => {
    const dir = tempDir();
    const path = join(dir, 'a.xml');
    writeFileSync(path, 'old');
    assert.throws(() => writeFileAtomic(path, 'new'), (e: unknown) => e instanceof UserError && /already exists/.test(e.message));
    assert.equal(readFileSync(path, 'utf8'), 'old');
    writeFileAtomic(path, 'new', { force: true });
    assert.equal(readFileSync(path, 'utf8'), 'new');
  });

  it('leaves nothing behind when the directory is not writable', { skip: process.getuid?.() === 0 && 'root ignores directory permissions' }, () => {
    const dir = tempDir();
    chmodSync(dir, 0o500);
    assert.throws(() => writeFileAtomic(join(dir, 'a.xml'), 'x'), /cannot write: permission denied/);
    chmodSync(dir, 0o700);
    assert.deepEqual(readdirSync(dir), []);
  });

  it('removes its temporary file when the final rename fails', () => {
    const dir = tempDir();
    const target = join(dir, 'taken');
    mkdirSync(target);
    assert.throws(() => writeFileAtomic(target, 'x', { force: true }), /taken: cannot write/);
    assert.deepEqual(readdirSync(dir), ['taken']);
  });

  // tests run as root here and in CI: these failures happen whoever runs them
  it('fails cleanly where even root cannot write: a file as parent, a name too long, /proc', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'file'), 'x');
    const cases: [string, RegExp][] = [
      [join(dir, 'file', 'a.xml'), /a\.xml: cannot write: a component of the path is not a directory$/],
      [join(dir, 'n'.repeat(300)), /: cannot write: file name too long$/],
      ['/proc/drachtioctl-test.xml', /^\/proc\/drachtioctl-test\.xml: cannot write: no such directory$/],
    ];
    for (const [path, message] of cases) {
      assert.throws(
        () => writeFileAtomic(path, '<drachtio/>\n', { mode: 0o600 }),
        (e: unknown) => e instanceof UserError && message.test(e.toString()),
        path,
      );
    }
    assert.deepEqual(readdirSync(dir), ['file']);
    assert.equal(readFileSync(join(dir, 'file'), 'utf8'), 'x');
  });

  it('leaves a directory standing where the target goes as it was, even with force', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'conf.xml'));
    writeFileSync(join(dir, 'conf.xml', 'inside'), 'kept');
    assert.throws(() => writeFileAtomic(join(dir, 'conf.xml'), 'x', { force: true }), /conf\.xml: cannot write: (is a directory|.*not empty)/);
    assert.deepEqual(readdirSync(dir), ['conf.xml']);
    assert.deepEqual(readdirSync(join(dir, 'conf.xml')), ['inside']);
  });

  it('writes a target whose name is as long as the file system allows', () => {
    const dir = tempDir();
    const name = `${'n'.repeat(251)}.xml`;
    writeFileAtomic(join(dir, name), 'x');
    assert.deepEqual(readdirSync(dir), [name]);
  });

  it('keeps the mode of a file it replaces, so a secret stays 0600; a secret never stays world-readable', () => {
    const dir = tempDir();
    const path = join(dir, 'drachtio.conf.xml');
    writeFileAtomic(path, 'secret', { mode: 0o600 });
    writeFileAtomic(path, 'new secret', { force: true, mode: 0o644 });
    assert.equal(statSync(path).mode & 0o777, 0o600);
    chmodSync(path, 0o664);
    writeFileAtomic(path, 'public', { force: true, mode: 0o600 });
    assert.equal(statSync(path).mode & 0o777, 0o664);
    writeFileAtomic(path, 'secret', { force: true, mode: 0o600, secret: true });
    assert.equal(statSync(path).mode & 0o777, 0o660);
  });

  it('names the target when its directory does not exist', () => {
    assert.throws(
      () => writeFileAtomic('/nonexistent-dir/drachtio.conf.xml', 'x'),
      (e: unknown) => e instanceof UserError && e.toString() === '/nonexistent-dir/drachtio.conf.xml: cannot write: no such directory',
    );
  });
});

describe('displayValue', () => {
  it('masks registry secrets unless asked not to', () => {
    assert.equal(displayValue('admin.secret', 'cymru', false), MASK);
    assert.equal(displayValue('admin.secret', 'cymru', true), 'cymru');
    assert.equal(displayValue('sip.blacklist.redis-password', 'pw', false), MASK);
    assert.equal(displayValue('admin.port', '9022', false), '9022');
  });
});
