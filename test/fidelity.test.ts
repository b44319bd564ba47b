import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseXml } from '../src/model/parse.js';
import { resolve } from '../src/resolve/index.js';
import { readArgs } from '../src/sources/cli.js';
import { readEnv } from '../src/sources/env.js';
import { validateText } from '../src/validate/engine.js';
import { cli, doc, writeFiles } from './helpers.js';

/** The server's behaviour, observed on v0.9.10 and read off its source; each test names the function. */

function run(inner: string | null, env: Record<string, string> = {}, args: string[] = []) {
  const vars = new Map(Object.entries(env).map(([k, v]) => [k, { value: v, origin: k }]));
  const file = inner === null ? undefined : parseXml(doc(inner), 'd.xml');
  return resolve({ ...(file && { file }), env: readEnv(vars), cli: readArgs(args) });
}
const value = (r: ReturnType<typeof run>, id: string) => r.settings[id]?.value;
const rules = (text: string, rule: string) => validateText(text, 'd.xml').diagnostics.filter((d) => d.rule === rule);
const contacts = (...items: string[]) => `<sip><contacts>${items.join('')}</contacts></sip>`;

describe('local-net derivation', () => {
  it('SipTransport::addTransports — a contact without local-net gets one by prefix of its host: 127.0.0.1/32, 192.168.0.0/24, 172.16.0.0/16, 10.0.0.0/8, else none', () => {
    const uris = ['sip:127.0.0.1', 'sip:192.168.0.9', 'sip:172.16.4.4', 'sip:10.1.2.3', 'sip:192.168.1.9', 'sip:172.17.0.2', 'sip:8.8.8.8', 'sip:*'];
    const r = run(contacts(...uris.map((u) => `<contact>${u}</contact>`)));
    assert.deepEqual(value(r, 'sip.contacts'), [
      { uri: 'sip:127.0.0.1', derived: { 'local-net': '127.0.0.1/32' } },
      { uri: 'sip:192.168.0.9', derived: { 'local-net': '192.168.0.0/24' } },
      { uri: 'sip:172.16.4.4', derived: { 'local-net': '172.16.0.0/16' } },
      { uri: 'sip:10.1.2.3', derived: { 'local-net': '10.0.0.0/8' } },
      { uri: 'sip:192.168.1.9' },
      { uri: 'sip:172.17.0.2' },
      { uri: 'sip:8.8.8.8' },
      { uri: 'sip:*' },
    ]);
    assert.match(r.settings['sip.contacts']!.why, /SipTransport::addTransports/);
  });

  it('SipTransport::addTransports — it derives from the external-ip when there is one, and never overrides a configured or command-line local-net', () => {
    const file = contacts('<contact external-ip="10.9.9.9">sip:192.168.1.5</contact>', '<contact external-ip="203.0.113.7">sip:10.0.0.5</contact>', '<contact local-net="">sip:10.0.0.6</contact>');
    assert.deepEqual(value(run(file), 'sip.contacts'), [
      { uri: 'sip:192.168.1.5', 'external-ip': '10.9.9.9', derived: { 'local-net': '10.0.0.0/8' } },
      { uri: 'sip:10.0.0.5', 'external-ip': '203.0.113.7' },
      // an empty attribute is "no local-net" to the server
      { uri: 'sip:10.0.0.6', 'local-net': '', derived: { 'local-net': '10.0.0.0/8' } },
    ]);
    assert.deepEqual(value(run(null, {}, ['-c', 'sip:10.0.0.1', '-n', '10.0.0.0/16', '-c', 'sip:172.16.0.1']), 'sip.contacts'), [
      { uri: 'sip:10.0.0.1', 'local-net': '10.0.0.0/16' },
      { uri: 'sip:172.16.0.1', derived: { 'local-net': '172.16.0.0/16' } },
    ]);
  });

  it('SipTransport::addTransports — validate warns where the derivation surprises, and not where it is right or harmless', () => {
    const warned = (inner: string) => rules(doc(inner), 'local-net-derived').map((d) => d.message);
    assert.match(warned(contacts('<contact external-ip="203.0.113.7">sip:10.0.0.5</contact>'))[0]!, /from its external-ip 203\.0\.113\.7, not from its host 10\.0\.0\.5, and gets none/);
    assert.match(warned(contacts('<contact external-ip="192.168.1.1">sip:192.168.1.5</contact>'))[0]!, /gets none .*every peer is sent the external-ip/);
    assert.match(warned(contacts('<contact>sip:172.16.0.5</contact>'))[0]!, /172\.16\.0\.0\/16, a guess by prefix inside the private block 172\.16\.0\.0\/12/);
    assert.match(warned(contacts('<contact>sip:192.168.0.5</contact>'))[0]!, /192\.168\.0\.0\/24, a guess/);
    assert.match(warned(contacts('<contact>sip:192.168.1.5</contact>', '<contact>sip:10.0.0.5</contact>'))[0]!, /192\.168\.1\.5 and gets none .*picks among its transports/);
    assert.deepEqual(warned(contacts('<contact>sip:192.168.1.5</contact>')), [], 'a lone contact without external-ip: the network decides nothing');
    assert.deepEqual(warned(contacts('<contact>sip:10.0.0.5</contact>', '<contact external-ip="203.0.113.7" local-net="10.0.0.0/8">sip:10.0.0.6</contact>', '<contact>sip:*</contact>')), []);
  });

  it('SipTransport::addTransports — init behind NAT writes the local network of the SIP address, since the server would derive none from the public external-ip', async () => {
    const r = await cli(['init', '--yes', '--preset', 'behind-nat', '--external-ip', '203.0.113.5', '--sip-address', '10.0.0.5', '--dry-run']);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.match(r.stdout, /<contact external-ip="203\.0\.113\.5" local-net="10\.0\.0\.0\/8">sip:10\.0\.0\.5:5060/);
  });

  it('SipTransport::addTransports — resolve (CLI) prints the derived local-net apart from the configured values, and --explain says the server set it', async () => {
    const dir = writeFiles({ 'd.xml': doc(contacts('<contact>sip:10.0.0.1:5060</contact>')) });
    const r = await cli(['resolve', '--file', join(dir, 'd.xml'), '--json']);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).settings['sip.contacts'].value, [{ uri: 'sip:10.0.0.1:5060', derived: { 'local-net': '10.0.0.0/8' } }]);
    const explain = await cli(['resolve', '--file', join(dir, 'd.xml'), '--explain', 'sip.contacts']);
    assert.match(explain.stdout, /^ {2}derived: item 1 local-net = "10\.0\.0\.0\/8" \(set by the server itself, not configured\)$/m);
  });
});

describe('what stops the server is an error', () => {
  it('DrachtioController::run — a sips/tls contact without key and certificate stops the server (exit 0): validate exits 1 with an error, resolve reports the stop', async () => {
    const dir = writeFiles({ 'd.xml': doc(contacts('<contact>sips:10.0.0.1:8443;transport=wss</contact>')) });
    const v = await cli(['validate', join(dir, 'd.xml')]);
    assert.equal(v.exitCode, 1, v.stdout);
    assert.match(v.stdout, /\d+:\d+ {2}error {2}"sips:10\.0\.0\.1:8443;transport=wss" is a TLS transport, .*drachtio-server stops \(exit status 0.*tls-contact-without-cert/);
    const r = await cli(['resolve', '--file', join(dir, 'd.xml'), '--json']);
    assert.equal(r.exitCode, 1);
    assert.equal(JSON.parse(r.stdout).startup.exitCode, 0);
    // the files may come from the command line, where the server finds them
    const withFiles = await cli(['resolve', '--file', join(dir, 'd.xml'), '--json', '--', '--key-file', '/k.pem', '--cert-file', '/c.pem']);
    assert.equal(JSON.parse(withFiles.stdout).startup.ok, true);
  });
});

describe('a file the server cannot start from', () => {
  const fragment = '<sip>\n  <contacts><contact>sip:10.0.0.1:5060</contact></contacts>\n</sip>\n';

  it('DrachtioConfig::Impl::Impl — a <sip>-rooted file fails validate (exit 1) and resolve (exit 255); --fragment sip checks it as a section on purpose', async () => {
    const dir = writeFiles({ 'sip.xml': fragment });
    const v = await cli(['validate', join(dir, 'sip.xml')]);
    assert.equal(v.exitCode, 1, v.stdout);
    assert.match(v.stdout, /sip\.xml:1:1 {2}error {2}the file holds the <sip> section \(sip\): drachtio-server cannot start from it .*pass --fragment sip .*xml-fragment/);
    const r = await cli(['resolve', '--file', join(dir, 'sip.xml'), '--json']);
    assert.equal(r.exitCode, 1);
    assert.equal(JSON.parse(r.stdout).startup.exitCode, 255);
    const on = await cli(['validate', join(dir, 'sip.xml'), '--fragment', 'sip', '--json']);
    assert.equal(on.exitCode, 0, on.stdout);
    assert.deepEqual(JSON.parse(on.stdout).files[0].diagnostics, []);
  });

  it('validate --fragment names a section: another section is still an error, an unknown one is a usage error (exit 2)', async () => {
    const dir = writeFiles({ 'sip.xml': fragment });
    const other = await cli(['validate', join(dir, 'sip.xml'), '--fragment', 'request-handlers']);
    assert.equal(other.exitCode, 1);
    assert.match(other.stdout, /not the request-handlers section --fragment names/);
    const bad = await cli(['validate', join(dir, 'sip.xml'), '--fragment', 'nonsense']);
    assert.equal(bad.exitCode, 2);
    assert.equal(bad.stderr.trim().split('\n').length, 1, bad.stderr);
    assert.match(bad.stderr, /--fragment nonsense: not a section/);
  });

  it('Markdown blocks are sections by nature: no xml-fragment finding', () => {
    const md = '# notes\n\n```xml\n' + fragment + '```\n';
    assert.deepEqual(validateText(md, 'notes.md').diagnostics.filter((d) => d.rule === 'xml-fragment'), []);
  });
});

describe('silently disabled is a warning, and resolve shows what is in force', () => {
  it('DrachtioController::run — <prometheus port="0"> and hep-version 4 run with the feature off: out-of-range warnings, not errors', () => {
    const text = doc('<sip><capture-server port="9060" id="7" hep-version="4">10.0.0.9</capture-server></sip><monitoring><prometheus port="0">127.0.0.1</prometheus></monitoring>');
    const found = rules(text, 'out-of-range').map((d) => `${d.setting} ${d.severity}`);
    assert.deepEqual(found.sort(), ['monitoring.prometheus.port warning', 'sip.capture-server.hep-version warning']);
    assert.match(rules(text, 'out-of-range').find((d) => d.setting === 'monitoring.prometheus.port')!.message, /runs with Prometheus off/);
    // a truncated port still listens elsewhere: that stays an error
    assert.equal(rules(doc('', '<admin port="90220">127.0.0.1</admin>'), 'out-of-range')[0]!.severity, 'error');
  });

  it('DrachtioController::run — resolve puts no capture server in force when hep-version is outside 1..3, nor Prometheus on port 0, and says why', () => {
    const r = run('<sip><capture-server port="9060" id="7" hep-version="4">10.0.0.9</capture-server></sip><monitoring><prometheus port="0">127.0.0.1</prometheus></monitoring>');
    assert.equal(r.settings['sip.capture-server.address'], undefined);
    assert.equal(r.settings['monitoring.prometheus.port'], undefined);
    assert.ok(r.warnings.some((w) => /hep-version 4 is outside 1\.\.3: the server runs with capture off/.test(w)), r.warnings.join('\n'));
    assert.ok(r.warnings.some((w) => /Prometheus port 0: the server runs with Prometheus off/.test(w)));
    const ok = run('<sip><capture-server port="9060" id="7" hep-version="2">10.0.0.9</capture-server></sip>');
    assert.deepEqual(['address', 'hep-version'].map((k) => value(ok, `sip.capture-server.${k}`)), ['10.0.0.9', 2]);
  });

  it('SipTransport::init — an external-ip of three octets passes the server\'s digits-and-dots check and is advertised as is: a warning', () => {
    const [d] = rules(doc(contacts('<contact external-ip="203.0.113" local-net="10.0.0.0/8">sip:10.0.0.1</contact>')), 'external-ip-unusable');
    assert.equal(d!.severity, 'warning');
    assert.match(d!.message, /^external-ip "203\.0\.113" is not an IPv4 address, but drachtio-server accepts digits and dots/);
    assert.deepEqual(rules(doc(contacts('<contact external-ip="203.0.113.9" local-net="10.0.0.0/8">sip:10.0.0.1</contact>')), 'external-ip-unusable'), []);
  });
});

describe('the file the server reads', () => {
  it('parseCmdArgs — the last -f wins: resolve --file F -- -f other.xml reads other.xml, and the server exits 255 when it is missing', async () => {
    const dir = writeFiles({ 'f.xml': doc('', '<admin port="9022">127.0.0.1</admin>'), 'other.xml': doc('', '<admin port="7777">127.0.0.1</admin>') });
    const r = JSON.parse((await cli(['resolve', '--file', join(dir, 'f.xml'), '--json', '--', '-f', join(dir, 'other.xml')])).stdout);
    assert.equal(r.settings['admin.port'].value, 7777);
    assert.equal(r.settings['runtime.config-file'].value, join(dir, 'other.xml'));
    assert.deepEqual(r.settings['runtime.config-file'].overridden.map((o: { origin: string }) => o.origin), ['--file']);
    const missing = await cli(['resolve', '--file', join(dir, 'f.xml'), '--json', '--', '-f', join(dir, 'gone.xml')]);
    assert.equal(missing.exitCode, 1);
    assert.equal(JSON.parse(missing.stdout).startup.exitCode, 255);
  });

  it('DrachtioController::DrachtioController — resolve --file F reports runtime.config-file as F, not /etc/drachtio.conf.xml', async () => {
    const dir = writeFiles({ 'f.xml': doc('') });
    const r = JSON.parse((await cli(['resolve', '--file', join(dir, 'f.xml'), '--json'])).stdout);
    assert.deepEqual([r.settings['runtime.config-file'].value, r.settings['runtime.config-file'].origin], [join(dir, 'f.xml'), '--file']);
  });
});

describe('request-handler routes as the server uses them', () => {
  it('RequestHandler::startRequest — a file handler without http-method is GET, "post" is GET (compared case-sensitively), and every route verifies the peer', () => {
    const r = run('<request-handlers><request-handler sip-method="INVITE">https://a.example/</request-handler><request-handler sip-method="REGISTER" http-method="post" verify-peer="false">https://b.example/</request-handler><request-handler sip-method="OPTIONS" http-method="POST">https://c.example/</request-handler></request-handlers>');
    assert.deepEqual(value(r, 'request-handlers'), [
      { 'sip-method': 'INVITE', 'http-method': 'GET', 'verify-peer': true, url: 'https://a.example/' },
      { 'sip-method': 'REGISTER', 'http-method': 'GET', 'verify-peer': true, url: 'https://b.example/' },
      { 'sip-method': 'OPTIONS', 'http-method': 'POST', 'verify-peer': true, url: 'https://c.example/' },
    ]);
    const [d] = rules(doc('<request-handlers><request-handler http-method="post">https://b.example/</request-handler></request-handlers>'), 'invalid-value');
    assert.match(d!.message, /^"post" is not one of GET, POST \(the server compares case-sensitively: write POST\): drachtio-server uses GET$/);
  });

  it('parseCmdArgs — an https --http-handler route verifies the peer, and --http-method is compared without regard to case (resolve CLI)', async () => {
    const r = await cli(['resolve', '--json', '--file', join(writeFiles({ 'd.xml': doc('') }), 'd.xml'), '--', '--http-handler', 'https://r.example/route', '--http-method', 'post']);
    assert.deepEqual(JSON.parse(r.stdout).settings['request-handlers'].value, [{ 'sip-method': '*', 'http-method': 'POST', 'verify-peer': true, url: 'https://r.example/route' }]);
  });

  it('convert of a command line writes no verify-peer: the field is never used, so it is no configuration', async () => {
    const dir = writeFiles({ 'args.txt': 'drachtio --http-handler https://r.example/route\n' });
    const x = await cli(['convert', join(dir, 'args.txt'), '--from', 'args', '--to', 'xml']);
    assert.match(x.stdout, /<request-handler sip-method="\*" http-method="GET">https:\/\/r\.example\/route<\/request-handler>/);
  });
});

describe('security traps in the server', () => {
  it('Client::processAuthentication — at loglevel debug every presented secret is logged: a warning that never prints the secret itself (CLI)', async () => {
    const dir = writeFiles({ 'd.xml': doc('<logging><loglevel>debug</loglevel></logging>') });
    const v = await cli(['validate', join(dir, 'd.xml')]);
    assert.match(v.stdout, /warning {2}at loglevel debug drachtio-server logs the secret of every application .* {2}secret-logged/);
    assert.doesNotMatch(v.stdout, /a-long-and-random-secret-9f2c/);
    assert.deepEqual(rules(doc('<logging><loglevel>info</loglevel></logging>'), 'secret-logged'), []);
  });

  it('the secrets published in drachtio\'s docs and tests and in drachtioctl\'s own template are well known', () => {
    for (const secret of ['cymru', 'foobar', 'replace-with-a-long-random-secret']) {
      assert.match(rules(doc('', `<admin port="9022" secret="${secret}">127.0.0.1</admin>`), 'weak-admin-secret')[0]!.message, /well-known secret/, secret);
    }
  });
});

describe('value gaps found by hand', () => {
  it('DrachtioConfig::Impl::Impl — misspelt yes/no words (ture, treu, yse) silently mean false and are reported; no and false are not', () => {
    for (const word of ['ture', 'treu', 'yse', 'tru']) {
      const [d] = rules(doc(`<sip><aggressive-nat-detection>${word}</aggressive-nat-detection></sip>`), 'unrecognised-boolean');
      assert.match(d?.message ?? '', new RegExp(`silently reads "${word}" as false`), word);
    }
    for (const word of ['no', 'false', 'off', 'yes']) assert.deepEqual(rules(doc(`<sip><aggressive-nat-detection>${word}</aggressive-nat-detection></sip>`), 'unrecognised-boolean'), [], word);
  });

  it('validate DIR: an empty directory is a usage error (exit 2), and templates (*.xml.j2) and saved revisions (*.xml@rev) are not picked up', async () => {
    const empty = writeFiles({});
    const r = await cli(['validate', empty]);
    assert.equal(r.exitCode, 2);
    assert.equal(r.stderr, `drachtioctl: ${empty}: no *.xml, *.yml, *.yaml or *.service files in this directory\n`);
    const dir = writeFiles({ 'a.xml': doc(''), 'b.conf.xml.j2': '<drachtio>{{ x }}</drachtio>', 'c.conf.xml@8876099': '<sip/>' });
    const json = JSON.parse((await cli(['validate', dir, '--json'])).stdout);
    assert.deepEqual(json.files.map((f: { path: string }) => f.path), [join(dir, 'a.xml')]);
  });

  it('resolve --explain takes any name of a setting and suggests the nearest for a typo (exit 2)', async () => {
    const file = join(writeFiles({ 'd.xml': doc('') }), 'd.xml');
    const typo = await cli(['resolve', '--file', file, '--explain', 'admin.prot']);
    assert.equal(typo.exitCode, 2);
    assert.equal(typo.stderr, 'drachtioctl: --explain: no setting named admin.prot; did you mean admin.port?\n');
    const byVar = await cli(['resolve', '--file', file, '--explain', 'DRACHTIO_ADMIN_TCP_PORT']);
    assert.match(byVar.stdout, /^admin\.port = 9022\n/);
  });

  it('init offers the first free port for admin when SIP already took 9022', async () => {
    const r = await cli(['init', '--yes', '--sip-port', '9022', '--dry-run']);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.match(r.stdout, /<admin port="9023" /);
  });
});

describe('diff', () => {
  it('a setting written on one side only, over a default, is "changed" with from and to; "added" has no from', async () => {
    const dir = writeFiles({
      'a.xml': doc(contacts('<contact>sip:10.0.0.1</contact>')),
      'b.xml': doc(contacts('<contact>sip:10.0.0.1</contact>', '<contact>sip:10.0.0.2</contact>'), '<admin port="9023" secret="a-long-and-random-secret-9f2c">127.0.0.1</admin>'),
    });
    const r = JSON.parse((await cli(['diff', join(dir, 'a.xml'), join(dir, 'b.xml'), '--json'])).stdout);
    assert.deepEqual(r.changes, [
      { setting: 'admin.port', kind: 'changed', from: 9022, to: 9023 },
      { setting: 'sip.contacts[1].uri', kind: 'added', to: 'sip:10.0.0.2' },
    ]);
  });

  it('--env-format reads env files in the dialect given: docker keeps quotes that dotenv strips', async () => {
    const dir = writeFiles({ 'a.env': "DRACHTIO_SECRET='a-long-and-random-secret-9f2c'\n", 'b.env': 'DRACHTIO_SECRET=a-long-and-random-secret-9f2c\n' });
    assert.equal((await cli(['diff', join(dir, 'a.env'), join(dir, 'b.env')])).exitCode, 0);
    const docker = await cli(['diff', join(dir, 'a.env'), join(dir, 'b.env'), '--env-format', 'docker']);
    assert.equal(docker.exitCode, 1, docker.stdout + docker.stderr);
    assert.match(docker.stdout, /~ admin\.secret: /);
  });
});

describe('JSON and YAML input', () => {
  it('convert refuses JSON that is not JSON (a trailing comma), naming line and column (exit 2)', async () => {
    const dir = writeFiles({ 'c.json': '{\n  "admin": {"address": "127.0.0.1",}\n}\n' });
    const r = await cli(['convert', join(dir, 'c.json'), '--to', 'xml']);
    assert.equal(r.exitCode, 2);
    assert.match(r.stderr, new RegExp(`^drachtioctl: ${join(dir, 'c.json')}:2:\\d+: not valid JSON: `));
  });

  it('ClientController::ClientController — convert refuses a JSON admin address "localhost" (the server would stop), writes nothing, exit 1', async () => {
    const dir = writeFiles({ 'c.json': '{"admin": {"address": "localhost", "secret": "a-long-and-random-secret-9f2c"}}\n' });
    const r = await cli(['convert', join(dir, 'c.json'), '--to', 'xml', '-o', join(dir, 'out.xml')]);
    assert.equal(r.exitCode, 1);
    assert.match(r.stderr, /c\.json:1:\d+: error: the admin address "localhost" is not an IP address literal .*\[admin-address-invalid\]/);
    assert.equal((await cli(['validate', join(dir, 'out.xml')])).exitCode, 2, 'no output file');
  });

  it('a YAML key that is no setting names its line and column and the nearest setting', async () => {
    const dir = writeFiles({ 'c.yaml': 'admin:\n  address: 127.0.0.1\n  prot: 9022\n' });
    const r = await cli(['diff', join(dir, 'c.yaml'), join(dir, 'c.yaml')]);
    assert.equal(r.exitCode, 2);
    assert.equal(r.stderr, `drachtioctl: ${join(dir, 'c.yaml')}:3:3: "admin.prot" is not a drachtio setting (did you mean admin.port?)\n`);
  });
});

describe('forms that cannot start alone', () => {
  it('DrachtioController::DrachtioController — convert --to env says the output cannot start the server alone; --with-minimal-file writes the file it needs and resolve then starts', async () => {
    const dir = writeFiles({ 'd.xml': doc(contacts('<contact>sip:10.0.0.1:5060</contact>')) });
    const alone = await cli(['convert', join(dir, 'd.xml'), '--to', 'env', '-o', join(dir, 'alone.env')]);
    assert.match(alone.stderr, /warning: runtime\.config-file: drachtio-server always reads a config file .* --with-minimal-file PATH/);
    const noFile = JSON.parse((await cli(['resolve', '--json', '--env-file', join(dir, 'alone.env')], { env: { DRACHTIO_CONFIG_FILE_PATH: join(dir, 'none.xml') } })).stdout);
    assert.equal(noFile.startup.exitCode, 255);

    const min = join(dir, 'min.xml');
    const r = await cli(['convert', join(dir, 'd.xml'), '--to', 'env', '-o', join(dir, 'with.env'), '--with-minimal-file', min, '--json']);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.ok(!JSON.parse(r.stdout).warnings.some((w: { setting: string }) => w.setting === 'runtime.config-file'));
    assert.equal((await cli(['validate', min, '--rule', 'weak-admin-secret=off'])).exitCode, 0);
    const started = JSON.parse((await cli(['resolve', '--json', '--env-file', join(dir, 'with.env')])).stdout);
    assert.deepEqual([started.startup.ok, started.settings['runtime.config-file'].value, started.settings['admin.address'].value], [true, min, '127.0.0.1']);
  });

  it('convert --with-minimal-file applies to args and env only (exit 2)', async () => {
    const dir = writeFiles({ 'd.xml': doc('') });
    const r = await cli(['convert', join(dir, 'd.xml'), '--to', 'yaml', '--with-minimal-file', join(dir, 'm.xml')]);
    assert.equal(r.exitCode, 2);
    assert.match(r.stderr, /--with-minimal-file applies to --to args and --to env only/);
  });
});

describe('on the effective configuration', () => {
  it('SipTransport::addTransports, Client::processAuthentication — a compose command line gets the local-net and debug-secret warnings at its own words', async () => {
    const dir = writeFiles({
      'docker-compose.yml': 'services:\n  drachtio:\n    image: drachtio/drachtio-server:0.9.10\n    command: ["drachtio", "--contact", "sip:10.0.0.5:5060", "--external-ip", "203.0.113.5", "--loglevel", "debug"]\n',
    });
    const r = await cli(['validate', join(dir, 'docker-compose.yml')]);
    assert.match(r.stdout, /docker-compose\.yml:4:\d+ {2}warning {2}"sip:10\.0\.0\.5:5060" has no local-net, .*local-net-derived/);
    assert.match(r.stdout, /docker-compose\.yml:4:\d+ {2}warning {2}at loglevel debug .*secret-logged/);
  });
});
