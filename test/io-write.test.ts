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
