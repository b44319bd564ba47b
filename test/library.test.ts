import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { execa } from 'execa';
import * as lib from '../src/index.js';
import { ROOT, cli, doc, writeFiles } from './helpers.js';

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

  it('diffs two models, validates text and looks settings up, from one import', () => {
    const a = lib.parseXml(doc(''), 'a.xml').config;
    const b = lib.parseXml(doc('<cdrs>true</cdrs>'), 'b.xml').config;
    // written in b only, but a has the default false: a change, not an addition (issue 14)
    assert.deepEqual(lib.diffConfigs(a, b), [{ setting: 'cdrs', kind: 'changed', from: false, to: true }]);
    assert.deepEqual(lib.validateText(doc(''), 'a.xml').diagnostics, []);
    assert.equal(lib.setting('admin.port').default, 9022);
    assert.equal(lib.settingAtXml(['admin'], 'port'), lib.setting('admin.port'));
  });
});

describe('validateText as the CLI applies it', () => {
  const text = [
    '<?xml version="1.0"?>',
    '<drachtio>',
    '  <!-- drachtioctl-disable-next-line invalid-value -->',
    '  <admin port="9022" secret="a-long-and-random-secret-9f2c">127.0.0.1</admin>',
    '  <logging><loglevel>verbose</loglevel><sofia-loglevel>x</sofia-loglevel></logging>',
    '  <!-- drachtioctl-disable-next-line -->',
    '  <cdrs>Yes please</cdrs>',
    '  <sip><udp-mtu>1500</udp-mtu></sip>',
    '</drachtio>',
    '',
  ].join('\n');
  const projectJson = '{ "rules": { "no-effect-setting": "off", "invalid-number": "warning" }, "strict": true }';

  it('honours suppression comments and a project config, and reports what fails the run, exactly as validate does', async () => {
    const dir = writeFiles({ 'drachtio.conf.xml': text, '.drachtioctl.json': projectJson });
    const projectConfig = lib.parseProjectConfig(projectJson, join(dir, '.drachtioctl.json'));
    const mine = lib.validateText(text, join(dir, 'drachtio.conf.xml'), { projectConfig });
    const r = await cli(['validate', '--json', join(dir, 'drachtio.conf.xml')]);
    const theirs = JSON.parse(r.stdout).files[0];
    assert.deepEqual(mine.diagnostics, theirs.diagnostics);
    // what the CLI did: invalid-number re-graded, no-effect-setting off, the suppressed lines silent
    assert.deepEqual(mine.diagnostics.map((d) => `${d.line} ${d.rule} ${d.severity}`), ['5 invalid-value warning', '5 invalid-number warning']);
    assert.deepEqual(mine.failures, ['2 warnings under .drachtioctl.json, which sets "strict": true']);
    assert.match(r.stderr, /^drachtioctl: failing: 2 warnings under \/.*\/\.drachtioctl\.json, which sets "strict": true$/m);
    assert.equal(r.exitCode, 1);
  });

  it('lets overrides win over the project config, as --rule and --no-strict do', () => {
    const projectConfig = lib.parseProjectConfig(projectJson, '.drachtioctl.json');
    const r = lib.validateText(text, 'a.xml', { projectConfig, policy: { rules: { 'invalid-number': 'off' }, strict: false } });
    assert.deepEqual(r.diagnostics.map((d) => d.rule), ['invalid-value']);
    assert.deepEqual(r.failures, []);
    assert.deepEqual(lib.validateText(text, 'a.xml').diagnostics.map((d) => d.rule), ['invalid-value', 'invalid-number', 'no-effect-setting']);
  });
});

describe('render, convert and the formatters from the library', () => {
  it('render: a systemd unit from the package\'s template, and Kubernetes objects', () => {
    const { config } = lib.parseXml(doc(''), 'drachtio.conf.xml');
    const options = { name: 'drachtio', configPath: '/etc/drachtio.conf.xml', binary: '/usr/local/bin/drachtio', user: 'drachtio', image: 'drachtio/drachtio-server:0.9.10' };
    const systemdTemplate = readFileSync(join(ROOT, 'templates/systemd/drachtio.service'), 'utf8');
    const unit = lib.render('systemd', { config, options, configFile: 'drachtio.conf.xml', systemdTemplate });
    assert.match(unit.files[0]!.content, /^ExecStart=\/usr\/local\/bin\/drachtio -f \/etc\/drachtio.conf.xml$/m);
    const k8s = lib.render('k8s', { config, options, configFile: 'drachtio.conf.xml', systemdTemplate: '' });
    assert.match(k8s.files[0]!.content, /kind: Deployment/);
  });

  it('convert: XML to env variables and back through loadModel', async () => {
    const { config } = lib.parseXml(doc(''), 'drachtio.conf.xml');
    const env = await lib.convert(config, { to: 'env' });
    assert.match(env.output, /^DRACHTIO_ADMIN_TCP_PORT=9022$/m);
    const back = await lib.loadModel(env.output, 'x.env', lib.detectInput('x.env', env.output));
    assert.deepEqual(lib.diffConfigs(config, back.config), []);
  });

  it('the formatters: SARIF and JUnit of a validation result', async () => {
    const file = lib.validateText(doc('', '<admin port="x" secret="a-long-and-random-secret-9f2c">127.0.0.1</admin>'), '/w/a.xml');
    const meta = { tool: { name: 'drachtioctl', version: '0.0.0' }, rules: lib.RULES.map((r) => r.meta), cwd: '/w' };
    const sarif = JSON.parse((await lib.formatter('sarif'))([file], lib.summarise([file]), meta));
    assert.equal(sarif.runs[0].results[0].ruleId, 'invalid-number');
    assert.match((await lib.formatter('junit'))([file], lib.summarise([file]), meta), /<failure message=".*" type="invalid-number">/);
  });
});

describe('the README\'s library section', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

  it('lists every export of src/index.ts with its type: regenerate with `npm run generate`', async () => {
    const { readmeWithApi } = await import('../tools/api-doc.js');
    assert.equal(readme, readmeWithApi(ROOT));
    for (const name of ['validateText', 'render', 'convert', 'formatter', 'parseProjectConfig', 'resolve']) assert.match(readme, new RegExp(`^\\| \`${name}\\(`, 'm'));
  });

  it('its example runs as written against the package and prints the findings', async () => {
    const example = /## Library\n\n```ts\n([\s\S]*?)```/.exec(readme)![1]!;
    assert.equal(example.trimEnd().split('\n').length, 5);
    const dir = writeFiles({ 'drachtio.conf.xml': doc('<logging><loglevel>verbose</loglevel></logging>'), 'example.mjs': example });
    // the example imports the package by name, as an installed copy would be
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(ROOT, join(dir, 'node_modules/drachtioctl'));
    const r = await execa('node', ['example.mjs'], { cwd: dir });
    assert.match(String(r.stdout), /^4:20 warning invalid-value: "verbose" is not one of .* \[ '1 warning under \.drachtioctl\.json, which sets "strict": true' \]$/);
  });
});
