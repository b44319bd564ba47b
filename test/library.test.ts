import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as lib from '../src/index.js';
import { doc } from './helpers.js';

describe('the library API', () => {
  it('resolves a file and an environment as the server would, with provenance', () => {
    const file = lib.parseXml(doc(''), 'drachtio.conf.xml');
    const env = lib.readEnv(new Map([['DRACHTIO_ADMIN_TCP_PORT', { value: '9999', origin: 'DRACHTIO_ADMIN_TCP_PORT' }]]));
    const r = lib.resolve({ file, env });
    assert.equal(r.settings['admin.port']?.value, 9999);
    assert.equal(r.settings['admin.port']?.source, 'env');
    assert.equal(r.settings['admin.address']?.origin, 'drachtio.conf.xml:3:61');
    assert.equal(r.startup.ok, true);
  });

  it('diffs two models and validates text from one import', () => {
    const a = lib.parseXml(doc(''), 'a.xml').config;
    const b = lib.parseXml(doc('<cdrs>true</cdrs>'), 'b.xml').config;
    // written in b only, but a has the default false: a change, not an addition (issue 14)
    assert.deepEqual(lib.diffConfigs(a, b), [{ setting: 'cdrs', kind: 'changed', from: false, to: true }]);
    assert.deepEqual(lib.validateText(doc(''), 'a.xml').diagnostics, []);
    assert.ok(lib.REGISTRY.length > 50);
  });
});
