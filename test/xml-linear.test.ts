/**
 * Shapes whose reading used to be quadratic (issue 11): many attributes on one element, many
 * sibling elements. Each runs the real CLI on a file of the size that took a minute or more and
 * asserts what it reports; a hang fails through the timeout, never a measured time.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { cli, doc, writeFiles } from './helpers.js';

/** a hang, not slowness: long enough for a loaded CI machine */
const HANG = { timeout: 60_000 };

const attributes = (n: number) => Array.from({ length: n }, (_, i) => `a${i}="${i}"`);

describe('XML reading stays linear', () => {
  it('reads 200,000 distinct attributes on one element as well-formed', async () => {
    const dir = writeFiles({ 'attrs.xml': doc(`<sip ${attributes(200_000).join(' ')}/>`) });
    const r = await cli(['validate', '--json', '--rule', 'unknown-attribute=off', join(dir, 'attrs.xml')], HANG);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).summary, { files: 1, errors: 0, warnings: 0, unreadable: 0 });
  });

  it('finds the one repeated name among 200,000 attributes, where it stands', async () => {
    const attrs = attributes(200_000);
    attrs[attrs.length - 1] = 'a0="again"';
    const line = `<sip ${attrs.join(' ')}/>`;
    const dir = writeFiles({ 'dup.xml': doc(line) });
    const r = await cli(['validate', '--json', '--rule', 'unknown-attribute=off', join(dir, 'dup.xml')], HANG);
    assert.equal(r.exitCode, 1, r.stderr);
    const found = JSON.parse(r.stdout).files[0].diagnostics.map((d: { rule: string; line: number; column: number }) => [d.rule, d.line, d.column]);
    assert.deepEqual(found, [['xml-lenient', 4, line.lastIndexOf('a0=') + 1]]);
  });

  it('reads 1,000,000 sibling elements, every one of them', async () => {
    const values = '<value>s</value>'.repeat(1_000_000);
    const spammers = `<sip><spammers action="reject"><header name="user-agent">${values}</header></spammers></sip>`;
    const dir = writeFiles({ 'siblings.xml': doc(spammers) });
    const r = await cli(['convert', '--to', 'json', '--show-secrets', join(dir, 'siblings.xml')], HANG);
    assert.equal(r.exitCode, 0, r.stderr);
    const headers = JSON.stringify(JSON.parse(r.stdout)).match(/"s"/g);
    assert.equal(headers?.length, 1_000_000);
  });
});
