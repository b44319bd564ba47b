import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FIXTURES, cli, doc, writeFiles } from './helpers.js';

describe('drachtioctl diff (subprocess)', () => {
  it('finds no difference between a file and itself, exit 0', async () => {
    const f = join(FIXTURES, 'sbc.conf.xml');
    const r = await cli(['diff', f, f]);
    assert.equal(r.exitCode, 0);
    assert.equal(r.stdout, 'no differences\n');
  });

  it('compares what the server reads: a missing port equals port="9022", "19O22" is 9022 too', async () => {
    const dir = writeFiles({
      'a.xml': doc('', '<admin secret="x-long-secret-value-1">127.0.0.1</admin>'),
      'b.xml': doc('', '<admin port="9022" secret="x-long-secret-value-1">127.0.0.1</admin>'),
      'c.xml': doc('', '<admin port="19O22" secret="x-long-secret-value-1">127.0.0.1</admin>'),
    });
    assert.equal((await cli(['diff', join(dir, 'a.xml'), join(dir, 'b.xml')])).exitCode, 0);
    assert.equal((await cli(['diff', join(dir, 'a.xml'), join(dir, 'c.xml')])).exitCode, 0);
    const raw = await cli(['diff', '--raw', '--json', join(dir, 'a.xml'), join(dir, 'c.xml')]);
    assert.equal(raw.exitCode, 1);
    assert.deepEqual(JSON.parse(raw.stdout), { equal: false, changes: [{ setting: 'admin.port', kind: 'added', to: '19O22' }] });
  });

  it('masks secrets unless --show-secrets, and matches request handlers by SIP method', async () => {
    const handlers = (url: string) =>
      `<request-handlers><request-handler sip-method="invite">${url}</request-handler><request-handler sip-method="REGISTER">https://r.example.com</request-handler></request-handlers>`;
    const dir = writeFiles({
      'a.xml': doc(handlers('https://a.example.com'), '<admin secret="first-secret-abcdefgh">127.0.0.1</admin>'),
      'b.xml': doc(
        `<request-handlers><request-handler sip-method="REGISTER">https://r.example.com</request-handler><request-handler sip-method="INVITE">https://b.example.com</request-handler></request-handlers>`,
        '<admin secret="second-secret-abcdefg">127.0.0.1</admin>',
      ),
    });
    const r = await cli(['diff', join(dir, 'a.xml'), join(dir, 'b.xml')]);
    assert.equal(r.exitCode, 1);
    assert.equal(
      r.stdout,
      [
        '~ admin.secret: "********" -> "********"',
        '~ request-handlers[INVITE].url: "https://a.example.com" -> "https://b.example.com"',
        '2 settings differ',
        '',
      ].join('\n'),
    );
    const shown = await cli(['diff', '--show-secrets', join(dir, 'a.xml'), join(dir, 'b.xml')]);
    assert.match(shown.stdout, /admin\.secret: "first-secret-abcdefgh" -> "second-secret-abcdefg"/);
  });

  it('exits 2 with file, line and column when a file is not XML', async () => {
    const dir = writeFiles({ 'a.xml': doc(''), 'bad.xml': '<drachtio>\n<admin>\n</drachtio>' });
    const r = await cli(['diff', join(dir, 'a.xml'), join(dir, 'bad.xml')]);
    assert.equal(r.exitCode, 2);
    assert.match(r.stderr, /^drachtioctl: .*bad\.xml:1:1: not well-formed XML: Unclosed tag 'drachtio'\.\n$/);
  });
});

describe('drachtioctl diff across forms (subprocess)', () => {
  it('compares an XML file with the env file that says the same, then finds a changed value', async () => {
    const dir = writeFiles({
      'a.xml': doc('', '<admin port="9022" secret="same-secret-value-abcdef">10.0.0.1</admin>'),
      'same.env': 'DRACHTIO_ADMIN_ADDRESS=10.0.0.1\nDRACHTIO_ADMIN_TCP_PORT=9022\nDRACHTIO_SECRET=same-secret-value-abcdef\n',
      'other.env': 'DRACHTIO_ADMIN_ADDRESS=10.0.0.2\nDRACHTIO_ADMIN_TCP_PORT=9022\nDRACHTIO_SECRET=same-secret-value-abcdef\n',
    });
    const same = await cli(['diff', join(dir, 'a.xml'), join(dir, 'same.env')]);
    assert.equal(same.exitCode, 0, same.stdout + same.stderr);
    const other = await cli(['diff', '--json', join(dir, 'a.xml'), join(dir, 'other.env')]);
    assert.equal(other.exitCode, 1);
    assert.deepEqual(JSON.parse(other.stdout).changes, [{ setting: 'admin.address', kind: 'changed', from: '10.0.0.1', to: '10.0.0.2' }]);
  });
});
