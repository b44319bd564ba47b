import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { cli, doc, writeFiles } from './helpers.js';

const SECRET_ADMIN = '<admin port="9022" secret="a-long-and-random-secret-9f2c">127.0.0.1</admin>';
/** an error (invalid-number, line 3) and a warning (invalid-value, line 4) */
const MIXED = doc('<logging><loglevel>verbose</loglevel></logging>', '<admin port="x" secret="a-long-and-random-secret-9f2c">127.0.0.1</admin>');
/** a single warning (invalid-value, line 4) */
const WARNING = doc('<logging><loglevel>verbose</loglevel></logging>', SECRET_ADMIN);
/** two warnings: invalid-value on lines 4 and 5 (loglevel, syslog facility) */
const BAD_LOGGING = '<logging><loglevel>verbose</loglevel>\n<syslog><address>127.0.0.1</address><facility>local9</facility></syslog></logging>';
const TWO_WARNINGS = doc(BAD_LOGGING, SECRET_ADMIN);

const rules = (stdout: string) =>
  (JSON.parse(stdout) as { files: { diagnostics: { rule: string; severity: string; line: number }[] }[] }).files.flatMap((f) =>
    f.diagnostics.map((d) => `${d.line}:${d.rule}:${d.severity}`),
  );

/** A project tree: the file at a/b/c.xml, with `configs` (dir -> JSON text) placed as .drachtioctl.json. */
function project(configs: Record<string, string>, xml = WARNING) {
  const root = writeFiles({});
  mkdirSync(join(root, 'a/b'), { recursive: true });
  writeFileSync(join(root, 'a/b/c.xml'), xml);
  for (const [dir, text] of Object.entries(configs)) writeFileSync(join(root, dir, '.drachtioctl.json'), text);
  return { root, file: join(root, 'a/b/c.xml') };
}

describe('validate --rule', () => {
  it('off removes a rule, warning/error re-grade it and change the exit status', async () => {
    const dir = writeFiles({ 'mixed.xml': MIXED, 'warn.xml': WARNING });
    const off = await cli(['validate', '--json', '--rule', 'invalid-number=off', join(dir, 'mixed.xml')]);
    assert.equal(off.exitCode, 0);
    assert.deepEqual(rules(off.stdout), ['4:invalid-value:warning']);

    assert.equal((await cli(['validate', join(dir, 'warn.xml')])).exitCode, 0);
    const raised = await cli(['validate', '--json', '--rule', 'invalid-value=error', join(dir, 'warn.xml')]);
    assert.equal(raised.exitCode, 1);
    assert.deepEqual(rules(raised.stdout), ['4:invalid-value:error']);

    const lowered = await cli(['validate', '--rule', 'invalid-number=warning', join(dir, 'mixed.xml')]);
    assert.equal(lowered.exitCode, 0);
    assert.match(lowered.stdout, /1 file checked: 0 errors, 2 warnings/);
  });

  it('is repeatable and takes comma-separated settings, before or after the files', async () => {
    const dir = writeFiles({ 'mixed.xml': MIXED });
    const repeated = await cli(['validate', '--json', '--rule', 'invalid-number=off', join(dir, 'mixed.xml'), '--rule', 'invalid-value=off']);
    assert.deepEqual(rules(repeated.stdout), []);
    const commas = await cli(['validate', '--json', '--rule', 'invalid-number=off,invalid-value=error', join(dir, 'mixed.xml')]);
    assert.deepEqual(rules(commas.stdout), ['4:invalid-value:error']);
  });

  it('exits 2 with one line for an unknown rule (suggesting the likely one) or severity', async () => {
    const file = join(writeFiles({ 'w.xml': WARNING }), 'w.xml');
    const unknown = await cli(['validate', '--rule', 'no-such-rule=off', file]);
    assert.equal(unknown.exitCode, 2);
    assert.equal(unknown.stderr, 'drachtioctl: --rule no-such-rule=off: unknown rule "no-such-rule" (drachtioctl rules lists them)\n');
    for (const [typo, meant] of [['weak-secret', 'weak-admin-secret'], ['invalid-numbr', 'invalid-number'], ['admin-exposd', 'admin-exposed']]) {
      const r = await cli(['validate', '--rule', `${typo}=off`, file]);
      assert.equal(r.stderr, `drachtioctl: --rule ${typo}=off: unknown rule "${typo}"; did you mean ${meant}? (drachtioctl rules lists them)\n`);
    }
    assert.equal(unknown.stdout, '');
    const severity = await cli(['validate', '--rule', 'invalid-value=fatal', file]);
    assert.equal(severity.exitCode, 2);
    assert.equal(severity.stderr, 'drachtioctl: --rule invalid-value=fatal: rule "invalid-value": expected off, warning or error, not "fatal"\n');
    const shape = await cli(['validate', '--rule', 'invalid-value', file]);
    assert.equal(shape.exitCode, 2);
    assert.match(shape.stderr, /^drachtioctl: --rule invalid-value: expected ID=off\|warning\|error\n$/);
  });
});

describe('validate --strict and --max-warnings', () => {
  it('--strict makes warnings fail, and says why on stderr', async () => {
    const file = join(writeFiles({ 'w.xml': WARNING }), 'w.xml');
    const strict = await cli(['validate', '--strict', file]);
    assert.equal(strict.exitCode, 1);
    assert.equal(strict.stderr, 'drachtioctl: failing: 1 warning, and --strict makes warnings fail\n');
    const clean = await cli(['validate', '--strict', join(writeFiles({ 'ok.xml': doc('') }), 'ok.xml')]);
    assert.equal(clean.exitCode, 0);
  });

  it('--max-warnings N fails only above N', async () => {
    const file = join(writeFiles({ 'w2.xml': TWO_WARNINGS }), 'w2.xml');
    const over = await cli(['validate', '--max-warnings', '1', file]);
    assert.equal(over.exitCode, 1);
    assert.equal(over.stderr, 'drachtioctl: failing: 2 warnings, more than --max-warnings 1\n');
    assert.equal((await cli(['validate', '--max-warnings', '2', file])).exitCode, 0);
    assert.equal((await cli(['validate', '--max-warnings', '-1', file])).exitCode, 2);
  });
});

describe('.drachtioctl.json project config', () => {
  it('is found by walking up from the file, and the nearest one wins', async () => {
    const { root, file } = project({ '.': '{"rules": {"invalid-value": "error"}}' });
    const found = await cli(['validate', '--json', file]);
    assert.equal(found.exitCode, 1);
    assert.deepEqual(rules(found.stdout), ['4:invalid-value:error']);
    // run from elsewhere with a relative path: the lookup starts at the file, not the working directory
    const relative = await cli(['validate', '--json', 'a/b/c.xml'], { cwd: root });
    assert.deepEqual(rules(relative.stdout), ['4:invalid-value:error']);

    writeFileSync(join(root, 'a/.drachtioctl.json'), '{"rules": {"invalid-value": "off"}}');
    const nearest = await cli(['validate', '--json', file]);
    assert.equal(nearest.exitCode, 0);
    assert.deepEqual(rules(nearest.stdout), []);
  });

  it('governs each file of one run by its own nearest config, however its directory is spelled', async () => {
    const { root } = project({ '.': '{"rules": {"invalid-value": "error"}}', 'a/b': '{"rules": {"invalid-value": "off"}}' });
    writeFileSync(join(root, 'a/d.xml'), WARNING);
    // a/b/c.xml under a/b's config, a/d.xml under the root's, and a/b/c.xml again as a/b/../b/c.xml
    const r = await cli(['validate', '--json', 'a/b/c.xml', 'a/d.xml', 'a/b/../b/c.xml'], { cwd: root });
    const byFile = (JSON.parse(r.stdout) as { files: { path: string; diagnostics: { rule: string; severity: string }[] }[] }).files.map(
      (f) => `${f.path}:${f.diagnostics.map((d) => `${d.rule}:${d.severity}`).join(',')}`,
    );
    assert.deepEqual(byFile, ['a/b/c.xml:', 'a/d.xml:invalid-value:error', 'a/b/../b/c.xml:']);
    assert.equal(r.exitCode, 1);
  });

  it('sets strict and maxWarnings, and command-line flags override it', async () => {
    const strict = project({ a: '{"strict": true}' });
    const failed = await cli(['validate', strict.file]);
    assert.equal(failed.exitCode, 1);
    assert.equal(failed.stderr, `drachtioctl: failing: 1 warning under ${join(strict.root, 'a/.drachtioctl.json')}, which sets "strict": true\n`);
    assert.equal((await cli(['validate', '--no-strict', strict.file])).exitCode, 0);

    const max = project({ '.': '{"maxWarnings": 0, "rules": {"invalid-value": "error"}}' });
    assert.equal((await cli(['validate', '--rule', 'invalid-value=warning', max.file])).exitCode, 1);
    assert.equal((await cli(['validate', '--rule', 'invalid-value=warning', '--max-warnings', '1', max.file])).exitCode, 0);
    assert.equal((await cli(['validate', '--rule', 'invalid-value=off', max.file])).exitCode, 0);
  });

  it('malformed JSON is one line naming file:line:col, exit 2, and no report', async () => {
    const { root, file } = project({ a: '{\n  "rules": {"invalid-value": "off",}\n}\n' });
    const r = await cli(['validate', file]);
    assert.equal(r.exitCode, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, `drachtioctl: ${join(root, 'a/.drachtioctl.json')}:2:36: not valid JSON: Unexpected token RBrace found.\n`);
  });

  it('unknown rules, bad severities and unknown keys are errors at their position', async () => {
    const cases: [string, string][] = [
      ['{"rules": {"weak-secrte": "off"}}', '1:12: unknown rule "weak-secrte" (drachtioctl rules lists them)'],
      ['{"rules": {"weak-secret": "off"}}', '1:12: unknown rule "weak-secret"; did you mean weak-admin-secret? (drachtioctl rules lists them)'],
      ['{"rules": {\n  "invalid-value": "loud"\n}}', '2:20: rule "invalid-value": expected off, warning or error, not "loud"'],
      ['{"maxWarning": 0}', '1:2: unknown key "maxWarning" (expected "rules", "maxWarnings" or "strict")'],
      ['{"maxWarnings": 1.5}', '1:17: "maxWarnings" must be a whole number, 0 or more'],
      ['{"strict": "yes"}', '1:12: "strict" must be true or false'],
      ['["invalid-value"]', '1:1: expected a JSON object such as {"rules": {"invalid-value": "error"}}'],
      ['{"strict": true, "strict": false}', '1:18: "strict" is given twice'],
    ];
    for (const [text, expected] of cases) {
      const { root, file } = project({ '.': text });
      const r = await cli(['validate', file]);
      assert.equal(r.exitCode, 2, text);
      assert.equal(r.stderr, `drachtioctl: ${join(root, '.drachtioctl.json')}:${expected}\n`, text);
    }
  });
});

describe('inline suppression comments', () => {
  it('disable-next-line silences the named rules (or all) on the following line only', async () => {
    const text = (comment: string) =>
      doc(
        `${comment}\n${BAD_LOGGING}`,
        '<admin port="x" secret="a-long-and-random-secret-9f2c">127.0.0.1</admin>',
      );
    const dir = writeFiles({
      named: text('<!-- drachtioctl-disable-next-line invalid-value -->'),
      list: text('<!--\n drachtioctl-disable-next-line invalid-number, invalid-value\n-->'),
      all: text('<!-- drachtioctl-disable-next-line -->'),
      other: text('<!-- drachtioctl-disable-next-line invalid-number no-such-rule -->'),
    });
    const check = async (name: string) => rules((await cli(['validate', '--json', join(dir, name)])).stdout);
    // line 3 holds the admin port error, line 5 and 6 the invalid values (the comment ends on line 4)
    assert.deepEqual(await check('named'), ['3:invalid-number:error', '6:invalid-value:warning']);
    assert.deepEqual(await check('all'), ['3:invalid-number:error', '6:invalid-value:warning']);
    assert.deepEqual(await check('other'), ['3:invalid-number:error', '5:invalid-value:warning', '6:invalid-value:warning']);
    // a comment spanning lines 4-6 covers line 7 (the first invalid value there)
    assert.deepEqual(await check('list'), ['3:invalid-number:error', '8:invalid-value:warning']);
  });

  it('disable silences rules in the whole file, wherever it stands', async () => {
    const dir = writeFiles({
      'one.xml': `${MIXED}<!-- drachtioctl-disable invalid-number -->\n`,
      'all.xml': `<!-- drachtioctl-disable -->\n${MIXED}`,
    });
    const one = await cli(['validate', '--json', join(dir, 'one.xml')]);
    assert.equal(one.exitCode, 0);
    assert.deepEqual(rules(one.stdout), ['4:invalid-value:warning']);
    const all = await cli(['validate', '--json', join(dir, 'all.xml')]);
    assert.equal(all.exitCode, 0);
    assert.deepEqual(rules(all.stdout), []);
  });
});
