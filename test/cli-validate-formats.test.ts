import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { escapeData, escapeProperty } from '../src/format/github.js';
import { RULES } from '../src/validate/rules/index.js';
import { ROOT, SHARED, cli, doc, needsShared, writeFiles } from './helpers.js';
import { SARIF_SCHEMA_NPM, sarifSchemaErrors, xmlErrors, xpath as xpathOf } from './validators.js';

const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** One file with an error (invalid-number, line 3) and a warning (invalid-value, line 4), one fragment (xml-fragment, an error turned into a warning by --rule). */
function fixture() {
  return writeFiles({
    'mixed.xml': doc('<logging><loglevel>verbose</loglevel></logging>', '<admin port="x" secret="a-long-and-random-secret-9f2c">127.0.0.1</admin>'),
    'frag.xml': '<sip><contacts><contact>sip:*:5060</contact></contacts></sip>\n',
  });
}
/** The OASIS SARIF 2.1.0 schema in the shared folder (the npm-shipped one is a release candidate of it). */
const SARIF_SCHEMA_SHARED = join(SHARED, 'schemas/sarif-2.1.0.json');

const AS_WARNING = ['--rule', 'xml-fragment=warning'];
const run = (dir: string, format: string) => cli(['validate', '--format', format, ...AS_WARNING, 'mixed.xml', 'frag.xml'], { cwd: dir });

describe('validate --format', () => {
  it('json is the --json shape', async () => {
    const dir = fixture();
    const [byFormat, byFlag] = await Promise.all([run(dir, 'json'), cli(['validate', '--json', ...AS_WARNING, 'mixed.xml', 'frag.xml'], { cwd: dir })]);
    assert.equal(byFormat.exitCode, 1);
    assert.equal(byFlag.exitCode, 1);
    assert.deepEqual(JSON.parse(byFormat.stdout), JSON.parse(byFlag.stdout));
    const out = JSON.parse(byFormat.stdout);
    assert.deepEqual(out.summary, { files: 2, errors: 1, warnings: 2, unreadable: 0 });
    assert.deepEqual(
      out.files.flatMap((f: { diagnostics: { rule: string }[] }) => f.diagnostics.map((d) => d.rule)),
      ['invalid-number', 'invalid-value', 'xml-fragment'],
    );
  });

  it('stylish prints compiler-style lines', async () => {
    const r = await run(fixture(), 'stylish');
    assert.equal(r.exitCode, 1);
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(lines[0]!, /^mixed\.xml:3:10 {2}error {2}.* {2}invalid-number$/);
    assert.match(lines[1]!, /^mixed\.xml:4:20 {2}warning {2}"verbose" is not one of .* {2}invalid-value$/);
    assert.match(lines[2]!, /^frag\.xml:1:1 {2}warning {2}.* {2}xml-fragment$/);
    assert.equal(lines[3], '2 files checked: 1 error, 2 warnings');
  });

  it('sarif validates against the official SARIF 2.1.0 schema', { skip: needsShared }, async () => {
    const r = await run(fixture(), 'sarif');
    assert.equal(existsSync(SARIF_SCHEMA_SHARED), true);
    assert.equal(sarifSchemaErrors(JSON.parse(r.stdout), SARIF_SCHEMA_SHARED), undefined);
  });

  it('sarif validates against the SARIF 2.1.0 schema of Microsoft\'s SARIF SDK and carries the rules and results', async () => {
    const dir = fixture();
    const r = await run(dir, 'sarif');
    assert.equal(r.exitCode, 1, r.stderr);
    const log = JSON.parse(r.stdout);
    assert.equal(sarifSchemaErrors(log, SARIF_SCHEMA_NPM), undefined);

    const run0 = log.runs[0];
    assert.deepEqual([run0.tool.driver.name, run0.tool.driver.version], ['drachtioctl', VERSION]);
    assert.deepEqual(
      run0.tool.driver.rules.map((r: { id: string }) => r.id),
      RULES.map((r) => r.meta.id),
    );
    const invalidNumber = RULES.find((r) => r.meta.id === 'invalid-number')!.meta;
    const described = run0.tool.driver.rules.find((r: { id: string }) => r.id === 'invalid-number');
    assert.equal(described.shortDescription.text, invalidNumber.summary);
    assert.equal(described.fullDescription.text, invalidNumber.why);
    assert.equal(run0.originalUriBaseIds['%SRCROOT%'].uri, `file://${dir}/`);
    assert.deepEqual(
      run0.results.map((x: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: object } }[] }) => [
        x.ruleId,
        x.level,
        x.locations[0]!.physicalLocation.artifactLocation.uri,
        x.locations[0]!.physicalLocation.region,
      ]),
      [
        // port="x", verbose, <sip>: the region ends after the token (end column exclusive)
        ['invalid-number', 'error', 'mixed.xml', { startLine: 3, startColumn: 10, endLine: 3, endColumn: 18 }],
        ['invalid-value', 'warning', 'mixed.xml', { startLine: 4, startColumn: 20, endLine: 4, endColumn: 27 }],
        ['xml-fragment', 'warning', 'frag.xml', { startLine: 1, startColumn: 1, endLine: 1, endColumn: 6 }],
      ],
    );
    assert.equal(run0.tool.driver.rules[run0.results[0].ruleIndex].id, 'invalid-number');
  });

  it('sarif gives code scanning what it tracks and ranks alerts by: fingerprints, rule names, help links, tags, security severity', async () => {
    const dir = fixture();
    const log = JSON.parse((await run(dir, 'sarif')).stdout);
    const run0 = log.runs[0];
    assert.equal(run0.automationDetails.id, 'drachtioctl/validate/');
    const headings = new Set([...readFileSync(join(ROOT, 'docs/rules.md'), 'utf8').matchAll(/^## (\S+)$/gm)].map((m) => m[1]));
    for (const rule of run0.tool.driver.rules) {
      assert.match(rule.name, /^[A-Z][A-Za-z0-9]+$/, rule.id);
      assert.equal(rule.helpUri, `https://github.com/drachtioctl/drachtioctl/blob/main/docs/rules.md#${rule.id}`);
      assert.ok(headings.has(rule.id), `docs/rules.md has a heading for ${rule.id}`);
      assert.ok(rule.properties.tags.length > 0, rule.id);
      assert.ok(['very-high', 'high'].includes(rule.properties.precision), rule.id);
      const security = rule.properties.tags.includes('security');
      assert.equal(rule.properties['security-severity'] !== undefined, security, rule.id);
      if (security) assert.match(rule.properties['security-severity'], /^(10\.0|\d\.\d)$/);
    }
    assert.equal(run0.tool.driver.rules.find((r: { id: string }) => r.id === 'weak-admin-secret').name, 'WeakAdminSecret');

    // the same finding keeps its fingerprint when lines move; different findings differ
    const prints = (l: typeof log) => l.runs[0].results.map((x: { partialFingerprints: Record<string, string> }) => x.partialFingerprints['drachtioctlFinding/v1']);
    const before = prints(log);
    assert.equal(new Set(before).size, before.length);
    writeFileSync(join(dir, 'mixed.xml'), '\n\n' + readFileSync(join(dir, 'mixed.xml'), 'utf8').replace('<?xml version="1.0"?>\n', ''));
    const moved = JSON.parse((await run(dir, 'sarif')).stdout);
    assert.notDeepEqual(moved.runs[0].results.map((x: { locations: { physicalLocation: { region: { startLine: number } } }[] }) => x.locations[0]!.physicalLocation.region.startLine), [3, 4, 1]);
    assert.deepEqual(prints(moved), before);
  });

  it('sarif regions span the token a finding points at: an attribute with its value, a tag, a text value', async () => {
    const { regionAt } = await import('../src/format/region.js');
    assert.deepEqual(regionAt('  <admin port="19O22" secret="s">', 3, 10), { startLine: 3, startColumn: 10, endLine: 3, endColumn: 22 });
    assert.deepEqual(regionAt("<a x = 'v'/>", 1, 4), { startLine: 1, startColumn: 4, endLine: 1, endColumn: 11 });
    assert.deepEqual(regionAt('<logging><mtu-size>1</mtu-size>', 1, 10), { startLine: 1, startColumn: 10, endLine: 1, endColumn: 20 });
    assert.deepEqual(regionAt('<loglevel>verbose</loglevel>', 1, 11), { startLine: 1, startColumn: 11, endLine: 1, endColumn: 18 });
    assert.deepEqual(regionAt('x', 2, 1), { startLine: 2, startColumn: 1, endLine: 2, endColumn: 2 });
    // no text, or a position past the line's end: the start alone
    assert.deepEqual(regionAt(undefined, 1, 1), { startLine: 1, startColumn: 1 });
    assert.deepEqual(regionAt('', 1, 1), { startLine: 1, startColumn: 1 });
  });

  it('sarif percent-encodes relative paths and gives absolute file: URIs outside the working directory', async () => {
    const dir = writeFiles({ 'my conf#1.xml': doc('', '<admin port="x">127.0.0.1</admin>') });
    const inside = JSON.parse((await cli(['validate', '--format', 'sarif', 'my conf#1.xml'], { cwd: dir })).stdout);
    assert.equal(inside.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'my%20conf%231.xml');
    const outside = JSON.parse((await cli(['validate', '--format', 'sarif', join(dir, 'my conf#1.xml')])).stdout);
    const location = outside.runs[0].results[0].locations[0].physicalLocation.artifactLocation;
    assert.deepEqual(location, { uri: `file://${dir}/my%20conf%231.xml` });
  });

  it('github prints workflow commands, escaping properties and data', async () => {
    const dir = writeFiles({ 'a,b:c.xml': doc('<logging><loglevel>50%,x</loglevel></logging>', '<admin port="x" secret="a-long-and-random-secret-9f2c">127.0.0.1</admin>') });
    const r = await cli(['validate', '--format', 'github', 'a,b:c.xml'], { cwd: dir });
    assert.equal(r.exitCode, 1);
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(lines[0]!, /^::error file=a%2Cb%3Ac\.xml,line=3,col=10,title=invalid-number::"x" is not a whole number: .*9022$/);
    assert.match(lines[1]!, /^::warning file=a%2Cb%3Ac\.xml,line=4,col=20,title=invalid-value::"50%25,x" is not one of /);
    assert.equal(lines[2], '1 file checked: 1 error, 1 warning');
  });

  it('github annotates at most 10 errors and 10 warnings, lists the rest as plain lines and says how many were left out', async () => {
    // 12 files, each with an invalid-number error and an invalid-value warning
    const one = doc('<logging><loglevel>verbose</loglevel></logging>', '<admin port="x" secret="a-long-and-random-secret-9f2c">127.0.0.1</admin>');
    const dir = writeFiles(Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`c${String(i).padStart(2, '0')}.xml`, one])));
    const [errors, warnings] = [12, 12];
    const summaryFile = join(dir, 'summary.md');
    const r = await cli(['validate', '--format', 'github', '.'], { cwd: dir, env: { GITHUB_STEP_SUMMARY: summaryFile } });
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.filter((l) => l.startsWith('::error ')).length, 10);
    assert.equal(lines.filter((l) => l.startsWith('::warning ')).length, 10);
    assert.deepEqual(lines.filter((l) => /^c\d\d\.xml:\d+:\d+ {2}(error|warning) /.test(l)).map((l) => l.slice(0, 3)), ['c10', 'c10', 'c11', 'c11']);
    assert.equal(lines.at(-2), '2 errors and 2 warnings not annotated (GitHub shows 10 of each per step): listed above as plain lines');
    assert.equal(lines.at(-1), `12 files checked: ${errors} errors, ${warnings} warnings`);

    // the step summary: a Markdown table of every finding, linked to the rule's documentation
    const md = readFileSync(summaryFile, 'utf8');
    assert.match(md, /^### drachtioctl validate\n\n12 files checked: 12 errors, 12 warnings\n/);
    const rows = md.split('\n').filter((l) => l.startsWith('| ❌') || l.startsWith('| ⚠️'));
    assert.equal(rows.length, errors + warnings);
    assert.match(rows[0]!, /^\| ❌ error \| c00\.xml \| 3:10 \| \[invalid-number\]\(https:\/\/github\.com\/drachtioctl\/drachtioctl\/blob\/main\/docs\/rules\.md#invalid-number\) \| /);
  });

  it('github writes no step summary outside GitHub Actions, and appends to one that exists', async () => {
    const dir = fixture();
    const before = readdirSync(dir);
    const r = await cli(['validate', '--format', 'github', 'mixed.xml'], { cwd: dir, env: { GITHUB_STEP_SUMMARY: '' } });
    assert.equal(r.exitCode, 1);
    assert.deepEqual(readdirSync(dir), before);
    const summaryFile = join(dir, 'summary.md');
    writeFileSync(summaryFile, 'earlier step\n');
    await cli(['validate', '--format', 'github', 'mixed.xml'], { cwd: dir, env: { GITHUB_STEP_SUMMARY: summaryFile } });
    assert.match(readFileSync(summaryFile, 'utf8'), /^earlier step\n### drachtioctl validate\n/);
  });

  it('a message with a pipe or a newline stays in its cell of the step summary', async () => {
    const { formatGithubStepSummary } = await import('../src/format/github.js');
    const md = formatGithubStepSummary([{ path: '/w/a.xml', diagnostics: [{ rule: 'r', severity: 'warning', message: 'a | b\nc', line: 1, column: 2 }] }], { errors: 0, warnings: 1 }, { tool: { name: 'drachtioctl', version: '0' }, rules: [], cwd: '/w' });
    assert.match(md, /\| a \\\| b c \|\n$/);
  });

  it('github escaping follows the runner rules for %, CR, LF, : and ,', () => {
    assert.equal(escapeData('100%\r\nnext: a, b'), '100%25%0D%0Anext: a, b');
    assert.equal(escapeProperty('100%\r\nnext: a, b'), '100%25%0D%0Anext%3A a%2C b');
  });

  it('junit is well-formed XML (libxml2): a suite per file, a testcase per finding (errors fail), one passing testcase for a clean file', async () => {
    const dir = fixture();
    writeFileSync(join(dir, 'clean.xml'), doc(''));
    const r = await cli(['validate', '--format', 'junit', ...AS_WARNING, 'mixed.xml', 'frag.xml', 'clean.xml'], { cwd: dir });
    assert.equal(r.exitCode, 1);
    assert.deepEqual(await xmlErrors(r.stdout), []);
    // libxml2's XPath reads the counts back out of the real document
    const xpath = (expr: string) => xpathOf(r.stdout, expr);
    assert.equal(await xpath('count(/testsuites/testsuite)'), '3');
    assert.equal(await xpath('string(/testsuites/testsuite[1]/@name)'), 'mixed.xml');
    assert.equal(await xpath('string(/testsuites/@tests)'), '4');
    assert.equal(await xpath('string(/testsuites/@failures)'), '1');
    assert.equal(await xpath('count(//testcase)'), '4');
    assert.equal(await xpath('string(//testcase[failure]/@name)'), 'invalid-number 3:10');
    assert.equal(await xpath('string(//failure/@type)'), 'invalid-number');
    assert.match(await xpath('string(//testcase[@name="invalid-value 4:20"]/system-out)'), /^mixed\.xml:4:20 {2}warning {2}"verbose"/);
    assert.equal(await xpath('count(//testcase[@name="invalid-value 4:20"]/failure)'), '0');
    assert.equal(await xpath('string(/testsuites/testsuite[2]/testcase/@name)'), 'xml-fragment 1:1');
    assert.equal(await xpath('string(/testsuites/testsuite[3]/testcase/@name)'), 'no findings');
    assert.equal(await xpath('count(/testsuites/testsuite[3]/testcase/*)'), '0');
  });

  it('rejects an unknown format with exit 2', async () => {
    const r = await cli(['validate', '--format', 'xml', join(fixture(), 'mixed.xml')]);
    assert.equal(r.exitCode, 2);
    // the rejected word is not repeated (it may be a value meant for a mistyped option); the choices are
    assert.match(r.stderr, /^drachtioctl: --format expects one of: stylish, json, sarif, github, junit/);
  });
});
