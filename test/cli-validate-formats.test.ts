import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Ajv04 from 'ajv-draft-04';
import { execa } from 'execa';
import { escapeData, escapeProperty } from '../src/format/github.js';
import { RULES } from '../src/validate/rules/index.js';
import { ROOT, SHARED, cli, doc, writeFiles } from './helpers.js';

const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** One file with an error (invalid-number, line 3) and a warning (invalid-value, line 4), one fragment (xml-fragment, an error turned into a warning by --rule). */
function fixture() {
  return writeFiles({
    'mixed.xml': doc('<logging><loglevel>verbose</loglevel></logging>', '<admin port="x" secret="a-long-and-random-secret-9f2c">127.0.0.1</admin>'),
    'frag.xml': '<sip><contacts><contact>sip:*:5060</contact></contacts></sip>\n',
  });
}
/** The official schema's complaints about a SARIF log, or undefined when it is valid. */
function sarifSchemaErrors(log: unknown): string | undefined {
  const ajv = new Ajv04.default({ strict: false, allErrors: true });
  // the schema's formats, checked with the platform's URL parser rather than a format plug-in
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'file:///base/'));
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  const validate = ajv.compile(JSON.parse(readFileSync(join(SHARED, 'schemas/sarif-2.1.0.json'), 'utf8')));
  return validate(log) ? undefined : ajv.errorsText(validate.errors);
}

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
    assert.deepEqual(out.summary, { errors: 1, warnings: 2 });
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

  it('sarif validates against the official SARIF 2.1.0 schema', async () => {
    const dir = fixture();
    const r = await run(dir, 'sarif');
    assert.equal(r.exitCode, 1, r.stderr);
    const log = JSON.parse(r.stdout);
    assert.equal(sarifSchemaErrors(log), undefined);

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
        ['invalid-number', 'error', 'mixed.xml', { startLine: 3, startColumn: 10 }],
        ['invalid-value', 'warning', 'mixed.xml', { startLine: 4, startColumn: 20 }],
        ['xml-fragment', 'warning', 'frag.xml', { startLine: 1, startColumn: 1 }],
      ],
    );
    assert.equal(run0.tool.driver.rules[run0.results[0].ruleIndex].id, 'invalid-number');
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

  it('github escaping follows the runner rules for %, CR, LF, : and ,', () => {
    assert.equal(escapeData('100%\r\nnext: a, b'), '100%25%0D%0Anext: a, b');
    assert.equal(escapeProperty('100%\r\nnext: a, b'), '100%25%0D%0Anext%3A a%2C b');
  });

  it('junit is well-formed XML (xmllint) with one suite per file and a failure per failing rule', async () => {
    const dir = fixture();
    const r = await run(dir, 'junit');
    assert.equal(r.exitCode, 1);
    writeFileSync(join(dir, 'report.xml'), r.stdout);
    const lint = await execa('xmllint', ['--noout', join(dir, 'report.xml')], { reject: false });
    assert.equal(lint.exitCode, 0, lint.stderr);
    // xmllint's XPath reads the counts back out of the real document
    const xpath = async (expr: string) => (await execa('xmllint', ['--xpath', expr, join(dir, 'report.xml')])).stdout;
    assert.equal(await xpath('count(/testsuites/testsuite)'), '2');
    assert.equal(await xpath('string(/testsuites/testsuite[1]/@name)'), 'mixed.xml');
    assert.equal(await xpath('count(/testsuites/testsuite[1]/testcase)'), String(RULES.length));
    assert.equal(await xpath('count(//failure)'), '1');
    assert.equal(await xpath('string(//testcase[failure]/@name)'), 'invalid-number');
    assert.match(await xpath('string(//testcase[@name="invalid-value"]/system-out)'), /^mixed\.xml:4:20 {2}warning {2}"verbose"/);
    assert.equal(await xpath('string(/testsuites/@failures)'), '1');
  });

  it('rejects an unknown format with exit 2', async () => {
    const r = await cli(['validate', '--format', 'xml', join(fixture(), 'mixed.xml')]);
    assert.equal(r.exitCode, 2);
    assert.match(r.stderr, /xml/);
  });
});
