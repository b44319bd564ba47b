import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { RULES } from '../src/validate/rules/index.js';
import { tmpdir } from 'node:os';
import { fileProblem } from '../src/io/files.js';
import { validateText, type ValidateOptions } from '../src/validate/engine.js';
import type { Rule } from '../src/validate/types.js';
import { TEMPLATE, doc } from './helpers.js';

const findings = (text: string, path = 'test.xml', options: ValidateOptions = {}) => validateText(text, path, options).diagnostics;
const fired = (text: string, path?: string, options?: ValidateOptions) => findings(text, path, options).map((d) => d.rule);

/** The command options a rule's examples are documented with, as the command would pass them. */
const exampleOptions = (rule: Rule): ValidateOptions => ({
  ...(rule.meta.options?.targetVersion && { targetVersion: rule.meta.options.targetVersion }),
  ...(rule.meta.options?.checkFiles && { fileProblem: fileProblem(tmpdir()) }),
});

describe('rules', () => {
  for (const rule of RULES) {
    it(`${rule.meta.id}: fires on its documented bad example and not on its good one`, () => {
      assert.ok(fired(rule.meta.bad, 'test.xml', exampleOptions(rule)).includes(rule.meta.id), rule.meta.bad);
      assert.ok(!fired(rule.meta.good, 'test.xml', exampleOptions(rule)).includes(rule.meta.id), rule.meta.good);
    });
  }

  it('find only the placeholder secret on the template', () => {
    // the placeholder is published with drachtioctl, so it is as well known as "cymru" (item 10 of issue 14)
    assert.deepEqual(findings(readFileSync(TEMPLATE, 'utf8')).map((d) => `${d.line}:${d.column} ${d.rule}`), ['10:22 weak-admin-secret']);
  });

  it('report a non-numeric port with what the server does, at the attribute', () => {
    const [d] = findings(doc('', '<admin port="19O22" secret="a-long-and-random-secret-9f2c">127.0.0.1</admin>'));
    assert.deepEqual(d, {
      rule: 'invalid-number',
      severity: 'error',
      message: '"19O22" is not a whole number: drachtio-server silently uses the default, 9022',
      line: 3,
      column: 10,
      setting: 'admin.port',
    });
  });

  it('report a negative number with the value it wraps to', () => {
    const [d] = findings(doc('', '<admin tcp-keepalive="-1" secret="a-long-and-random-secret-9f2c">127.0.0.1</admin>'));
    assert.equal(d?.rule, 'negative-number');
    assert.match(d!.message, /4294967295/);
  });

  it('report a non-numeric prometheus port as fatal', () => {
    const [d] = findings(doc('<monitoring><prometheus port="abc">0.0.0.0</prometheus></monitoring>'));
    assert.equal(d?.rule, 'invalid-number');
    assert.match(d!.message, /rejects the whole file \(exit 255\)/);
  });

  it('report an invalid contact at its text, and an outbound proxy only as a warning', () => {
    const text = doc('<sip><contacts>\n<contact>\n  sip:10.0.0.1</contact></contacts><outbound-proxy>proxy.example.com</outbound-proxy></sip>');
    const ds = findings(text);
    assert.deepEqual(ds.map((d) => [d.rule, d.severity, d.line, d.setting]), [
      ['invalid-sip-uri', 'error', 6, 'sip.contacts.uri'],
      ['invalid-sip-uri', 'warning', 6, 'sip.outbound-proxy'],
    ]);
    assert.match(ds[0]!.message, /does not trim whitespace/);
  });

  it('skip template placeholders such as {{ port }}', () => {
    assert.deepEqual(fired(doc('', '<admin port="{{ drachtio_port }}" secret="{{ s }}">{{ addr }}</admin>')), []);
  });

  it('check the ```xml blocks of Markdown files at their lines in the file', () => {
    const md = '# Title\n\ntext\n\n```xml\n<admin port="x" secret="a-long-and-random-secret-9f2c">127.0.0.1</admin>\n```\n';
    assert.deepEqual(findings(md, 'doc.md').map((d) => [d.rule, d.line, d.column]), [['invalid-number', 6, 8]]);
  });
});
