import assert from 'node:assert/strict';
import { statSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { parseXml } from '../src/model/parse.js';
import { resolve } from '../src/resolve/index.js';
import { readEnv } from '../src/sources/env.js';
import { parseEnvFile, type EnvDialect } from '../src/sources/envfile.js';
import { emitEnv } from '../src/emit/env.js';
import { assignmentsOf } from '../src/emit/assignments.js';
import { cli, doc, writeFiles } from './helpers.js';

const XML = doc(`  <sip>
    <contacts><contact external-ip="1.2.3.4">sip:10.0.0.1:5060;transport=udp</contact></contacts>
    <aggressive-nat-detection>YES</aggressive-nat-detection>
    <capture-server id="10">10.1.1.1</capture-server>
    <blacklist><redis-address>r</redis-address><redis-key>k</redis-key></blacklist>
    <timers><t1>400</t1></timers>
    <user-agent-options-auto-respond>it's "quoted" \\ here</user-agent-options-auto-respond>
  </sip>
  <monitoring><prometheus port="9090"></prometheus></monitoring>
  <logging><loglevel>debug</loglevel><sofia-loglevel>3</sofia-loglevel></logging>`);

test('round trip: xml → env (every dialect) → effective values equal xml → effective values for every env-expressible setting', async () => {
  const { config } = parseXml(XML, 'd.xml');
  const fromFile = resolve({ file: parseXml(XML, 'd.xml') }).settings;
  const expressible = assignmentsOf(config, 'env').assignments.map((a) => a.setting);
  assert.ok(expressible.length >= 10);
  for (const dialect of ['dotenv', 'shell', 'systemd', 'docker'] as EnvDialect[]) {
    const { output } = await emitEnv(config, { format: dialect });
    const vars = new Map(parseEnvFile(output, 'x.env', dialect).map((e) => [e.name, { value: e.value, origin: `x.env:${e.line}` }]));
    const fromEnv = resolve({ env: readEnv(vars) }).settings;
    for (const id of expressible) assert.deepEqual(fromEnv[id]?.value, fromFile[id]?.value, `${dialect} ${id}`);
  }
});

test('env-export lists what the environment cannot express, and --strict exits 1', async () => {
  const dir = writeFiles({ 'd.xml': XML });
  const r = await cli(['env-export', join(dir, 'd.xml'), '--json']);
  assert.equal(r.exitCode, 0);
  const out = JSON.parse(r.stdout);
  assert.ok(out.warnings.some((w: { setting: string }) => w.setting === 'sip.timers.t1'));
  assert.ok(out.warnings.some((w: { setting: string }) => w.setting === 'sip.contacts'));
  // HEP port: the file default 9060 must be written, since env without a port means port 0
  assert.match(out.output, /^DRACHTIO_HOMER_PORT=9060$/m);
  assert.match(out.output, /^DRACHTIO_BLACKLIST_REDIS_REFRESH_SECS=3600$/m);
  assert.match(out.output, /^DRACHTIO_SECRET=\*{8}$/m, 'JSON output masks the secret');
  assert.equal((await cli(['env-export', join(dir, 'd.xml'), '--strict', '--show-secrets'])).exitCode, 1);
});

test('env-export -o writes the real secret with mode 0600 and refuses to overwrite without --force', async () => {
  const dir = writeFiles({ 'd.xml': XML });
  const out = join(dir, 'drachtio.env');
  assert.equal((await cli(['env-export', join(dir, 'd.xml'), '--format', 'systemd', '-o', out])).exitCode, 0);
  assert.equal(statSync(out).mode & 0o777, 0o600);
  assert.match(readFileSync(out, 'utf8'), /^DRACHTIO_SECRET=a-long-and-random-secret-9f2c$/m);
  const again = await cli(['env-export', join(dir, 'd.xml'), '-o', out]);
  assert.equal(again.exitCode, 2);
  assert.match(again.stderr, /already exists/);
});

test('env-export --format k8s: a ConfigMap and a Secret holding the admin secret, parsed back with the yaml package', async () => {
  const dir = writeFiles({ 'd.xml': XML });
  const refused = await cli(['env-export', join(dir, 'd.xml'), '--format', 'k8s']);
  assert.equal(refused.exitCode, 2, 'a masked Secret into a pipe would be applied as the secret');
  assert.equal(refused.stdout, '');
  const r = await cli(['env-export', join(dir, 'd.xml'), '--format', 'k8s', '--show-secrets']);
  const docs = parseAllDocuments(r.stdout).map((d) => d.toJS());
  assert.deepEqual(docs.map((d) => d.kind), ['ConfigMap', 'Secret']);
  assert.equal(docs[1].stringData.DRACHTIO_SECRET, 'a-long-and-random-secret-9f2c');
  assert.equal(docs[0].data.DRACHTIO_SECRET, undefined);
  assert.equal(docs[0].data.DRACHTIO_HOMER_ID, '10');
});

test('convert: xml → yaml → xml keeps every setting; json → xml; env → xml; args → env', async () => {
  const dir = writeFiles({ 'd.xml': XML, 'prod.env': 'DRACHTIO_ADMIN_ADDRESS=10.0.0.1\nDRACHTIO_SECRET="s e"\n', 'exec.txt': 'ExecStart=/usr/bin/drachtio --contact sip:1.1.1.1 --loglevel debug\n' });
  const yaml = await cli(['convert', join(dir, 'd.xml'), '--to', 'yaml', '-o', join(dir, 'd.yaml')]);
  assert.equal(yaml.exitCode, 0, yaml.stderr);
  const back = await cli(['convert', join(dir, 'd.yaml'), '--to', 'json', '-o', join(dir, 'd.json')]);
  assert.equal(back.exitCode, 0, back.stderr);
  const xml = await cli(['convert', join(dir, 'd.json'), '--to', 'xml', '--show-secrets']);
  const a = resolve({ file: parseXml(XML, 'a') }).settings;
  const b = resolve({ file: parseXml(xml.stdout, 'b') }).settings;
  for (const id of Object.keys(a)) assert.deepEqual(b[id]?.value, a[id]!.value, id);
  const fromEnv = await cli(['convert', join(dir, 'prod.env'), '--to', 'xml', '--show-secrets']);
  assert.match(fromEnv.stdout, /<admin secret="s e">10\.0\.0\.1<\/admin>/);
  const args = await cli(['convert', join(dir, 'exec.txt'), '--from', 'args', '--to', 'env', '--json']);
  const json = JSON.parse(args.stdout);
  assert.match(json.output, /DRACHTIO_LOGLEVEL=debug/);
  assert.ok(json.warnings.some((w: { setting: string }) => w.setting === 'sip.contacts'));
});

test('convert --to args: a per-method handler set is lossy; --strict exits 1', async () => {
  const dir = writeFiles({ 'd.xml': doc('<request-handlers><request-handler sip-method="INVITE">http://a</request-handler></request-handlers>') });
  const r = await cli(['convert', join(dir, 'd.xml'), '--to', 'args', '--strict', '--show-secrets']);
  assert.equal(r.exitCode, 1);
  assert.match(r.stderr, /per-method request handlers/);
});

test('resolve --json: sources, origins, masking and startup; exit 1 when the server would not start', async () => {
  const dir = writeFiles({ 'd.xml': XML, 'prod.env': '# prod\nDRACHTIO_SECRET=from-env\nDRACHTIO_ADMIN_TCP_PORT=0\n' });
  const r = await cli(['resolve', '--file', join(dir, 'd.xml'), '--env-file', join(dir, 'prod.env'), '--json', '--', '--loglevel', 'notice', '--contact', 'sip:2.2.2.2']);
  assert.equal(r.exitCode, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(out.settings['admin.secret'], { value: '********', source: 'env', origin: `${join(dir, 'prod.env')}:2`, overridden: [{ source: 'file', origin: `${join(dir, 'd.xml')}:3:22`, value: '********' }], why: out.settings['admin.secret'].why });
  assert.equal(out.settings['admin.port'].source, 'file');
  assert.equal(out.settings['logging.loglevel'].origin, '--loglevel');
  assert.deepEqual(out.settings['sip.contacts'].value, [{ uri: 'sip:2.2.2.2' }]);
  assert.deepEqual(out.startup, { ok: true, exitCode: 0, errors: [] });
  const shown = JSON.parse((await cli(['resolve', '--file', join(dir, 'd.xml'), '--json', '--show-secrets'])).stdout);
  assert.equal(shown.settings['admin.secret'].value, 'a-long-and-random-secret-9f2c');
  const bad = await cli(['resolve', '--file', join(dir, 'd.xml'), '--', '--loglevel', 'loud']);
  assert.equal(bad.exitCode, 1);
  assert.match(bad.stdout, /startup: the server exits with status 255/);
});

test('resolve reads the file the server would: -f, DRACHTIO_CONFIG_FILE_PATH, else /etc/drachtio.conf.xml (missing: exit 255)', async () => {
  const dir = writeFiles({ 'd.xml': XML, 'p.env': `DRACHTIO_CONFIG_FILE_PATH=${join(dir0(), 'nope.xml')}\n` });
  const viaArgs = JSON.parse((await cli(['resolve', '--json', '--', '-f', join(dir, 'd.xml')])).stdout);
  assert.equal(viaArgs.startup.ok, true);
  const missing = JSON.parse((await cli(['resolve', '--json', '--env-file', join(dir, 'p.env')])).stdout);
  assert.deepEqual([missing.startup.ok, missing.startup.exitCode], [false, 255]);
});
const dir0 = () => '/nonexistent-dir';

test('resolve --explain names every layer, the winner and the server rule', async () => {
  const dir = writeFiles({ 'd.xml': doc('', '<admin tcp-keepalive="30">127.0.0.1</admin>') });
  const r = await cli(['resolve', '--file', join(dir, 'd.xml'), '--explain', 'admin.tcp-keepalive', '--', '--tcp-keepalive-interval', '65535']);
  assert.match(r.stdout, /^admin\.tcp-keepalive = 30$/m);
  assert.match(r.stdout, /lost: {2}cli --tcp-keepalive-interval = 65535 \(65535 is the server's "unset" value\)/);
  assert.match(r.stdout, /rule: .*DrachtioController::run/);
});

test('malformed and non-UTF-8 env files: one line naming file and line, exit 2', async () => {
  const dir = writeFiles({ 'd.xml': XML, 'bad.env': 'A=1\nnot an assignment\n' });
  writeFileSync(join(dir, 'latin1.env'), Buffer.from([0x41, 0x3d, 0x31, 0x0a, 0x42, 0x3d, 0xe9, 0x0a]));
  const bad = await cli(['resolve', '--file', join(dir, 'd.xml'), '--env-file', join(dir, 'bad.env')]);
  assert.equal(bad.exitCode, 2);
  assert.equal(bad.stderr, `drachtioctl: ${join(dir, 'bad.env')}:2: expected NAME=VALUE, found "not an assignment"\n`);
  const latin = await cli(['convert', join(dir, 'latin1.env'), '--to', 'xml']);
  assert.equal(latin.stderr, `drachtioctl: ${join(dir, 'latin1.env')}:2: not UTF-8 text\n`);
});

test('resolve --env-file with a missing file is our one-line error, not Node 20 claiming --env-file for itself', async () => {
  const r = await cli(['resolve', '--env-file', '/nonexistent/prod.env']);
  assert.equal(r.exitCode, 2);
  assert.equal(r.stderr, 'drachtioctl: /nonexistent/prod.env: cannot read: no such file\n');
});
