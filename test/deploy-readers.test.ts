import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { UserError } from '../src/errors.js';
import { deploymentKind, imageEntrypoint, readCommandLine, readDeployment, type DeployedService, type DeployedWord, type EnvSource, type Place } from '../src/deploy/index.js';
import { ROOT } from './helpers.js';

/** Hand-written deployment files: test/fixtures/deploy/. */
const FIXTURES = 'test/fixtures/deploy';
const read = (name: string) => readFileSync(join(ROOT, FIXTURES, name), 'utf8');
const services = (name: string) => readDeployment(read(name), `${FIXTURES}/${name}`);
const at = (p: Place) => `${p.line}:${p.column}`;
const words = (ws: readonly DeployedWord[]) => ws.map((w) => `${w.text}@${at(w.place)}`);
const env = (es: readonly EnvSource[]) =>
  es.map((e) => (e.kind === 'var' ? `${e.name}=${e.value}@${at(e.place)}` : e.kind === 'file' ? `file ${e.path}${e.required ? '' : ' (optional)'} ${e.dialect}@${at(e.place)}` : `${e.name ?? '*'}=?@${at(e.place)}`));
const unknowns = (s: DeployedService) => s.unknowns.map((u) => `${u.what}@${at(u.place)}`);
const service = (list: DeployedService[], name: string) => list.find((s) => s.name === name) ?? assert.fail(`no service ${name}: ${list.map((s) => s.name).join(', ')}`);
/** The text at a place of a fixture: what the lead will point a finding at. */
const textAt = (name: string, p: Place, length: number) => read(name).split('\n')[p.line - 1]!.slice(p.column - 1, p.column - 1 + length);

function throwsAt(fn: () => unknown, where: string, message: RegExp) {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof UserError, String(e));
    assert.equal(`${e.file}:${e.line}:${e.column}`, where);
    assert.match(e.message, message);
    assert.ok(!e.message.includes('\n'), 'one line');
    return true;
  });
}

test('compose: string command is split like a shell, then re-split by the image entrypoint; `--` drops the rest (entrypoint.sh)', () => {
  const sbc = service(services('compose.yml'), 'sbc');
  assert.equal(sbc.kind, 'compose');
  assert.equal(sbc.image, 'drachtio/drachtio-server:0.9.4');
  // --secret 'two words' reaches the server as two words: MYARGS+=($1) splits it
  assert.deepEqual(words(sbc.args), ['--contact@5:23', 'sip:*;transport=udp@5:34', '--loglevel@5:55', 'verbose@5:66', '--secret@5:74', 'two@5:84', 'words@5:88']);
  assert.deepEqual(words(sbc.entrypointWords!).slice(-3), ['two words@5:84', '--@5:95', '--ignored@5:98']);
  assert.equal(textAt('compose.yml', sbc.args[3]!.place, 7), 'verbose');
});

test('compose: map environment, ${VAR} and host-taken values unknown, $$ literal; env_file below environment', () => {
  const sbc = service(services('compose.yml'), 'sbc');
  assert.deepEqual(env(sbc.env), [
    `file ${FIXTURES}/drachtio.env dotenv@12:15`,
    'DRACHTIO_ADMIN_TCP_PORT=19O22@7:32',
    'DRACHTIO_SECRET=admin@8:24',
    'FROM_HOST=?@9:7',
    'HOME_DIR=?@10:17',
    'PRICE=$5@11:14',
  ]);
  const port = sbc.env[1]!;
  assert.ok(port.kind === 'var');
  assert.equal(textAt('compose.yml', port.place, 5), '19O22');
  assert.equal(textAt('compose.yml', port.namePlace, 23), 'DRACHTIO_ADMIN_TCP_PORT');
  assert.ok(unknowns(sbc).includes('FROM_HOST@9:7'));
  assert.ok(unknowns(sbc).includes('${HOME}/x@10:17'));
});

test('compose: volumes short and long form, relative to the compose file', () => {
  const sbc = service(services('compose.yml'), 'sbc');
  assert.deepEqual(
    sbc.mounts.map((m) => [m.target, m.hostPath, m.readOnly, at(m.place)]),
    [
      ['/etc/drachtio.conf.xml', `${FIXTURES}/drachtio.conf.xml`, true, '14:9'],
      ['/etc/certs', `${FIXTURES}/certs`, true, '15:9'],
      ['/var/log/drachtio', undefined, false, '19:9'],
    ],
  );
});

test('compose: list command after a replaced entrypoint is not re-split; list environment; env_file list and long forms', () => {
  const s = service(services('compose.yml'), 'list-form');
  assert.equal(s.image, 'ghcr.io/mirror/drachtio/drachtio-server@sha256:abc');
  assert.deepEqual(words(s.args), ['--loglevel@23:16', 'info@23:30', '-f@23:38', '/etc/custom.xml@23:44']);
  assert.equal(s.entrypointWords, undefined);
  assert.deepEqual(env(s.env), [
    `file ${FIXTURES}/common.env dotenv@28:9`,
    `file ${FIXTURES}/optional.env (optional) dotenv@29:15`,
    `file ${FIXTURES}/raw.env docker@31:15`,
    'DRACHTIO_SIP_PORT=5070@25:27',
    'FROM_HOST=?@26:9',
  ]);
});

test('compose: only drachtio services; a built image running drachtio is read with its entrypoint unknown', () => {
  const all = services('compose.yml');
  assert.deepEqual(all.map((s) => s.name), ['sbc', 'list-form', 'custom']);
  const custom = service(all, 'custom');
  assert.deepEqual(words(custom.args), ['--port@38:28', '9023@38:38']);
  assert.deepEqual(unknowns(custom), ['entrypoint of image (built here)@36:3']);
});

test('systemd: quoting, ${VAR} one word, $VAR split, continuation lines with a comment, %% and %h, last Environment= wins', () => {
  const [unit, ...rest] = services('drachtio.service');
  assert.equal(rest.length, 0);
  assert.equal(unit!.kind, 'systemd');
  assert.equal(unit!.name, 'drachtio.service');
  assert.deepEqual(words(unit!.args), [
    '-f@10:36', '/etc/drachtio.conf.xml@10:39',
    '--loglevel@11:3', 'info@11:14', '--port@11:26', '9022@11:26',
    '--contact@13:3', 'sip:*;transport=udp@13:14', '--user@13:35', '%u@13:43', '--home@13:48', '%h@13:55',
    '--secret@14:3', 'adminx@14:12', '--unset=@14:32',
  ]);
  assert.deepEqual(env(unit!.env), [
    'LOGLEVEL=info@7:23', 'PORTS=--port 9022@7:36', 'DRACHTIO_SECRET=two words@7:66',
    'DRACHTIO_ADMIN_TCP_PORT=19O22@8:37', 'DRACHTIO_SECRET=admin@9:29',
  ]);
  assert.equal(textAt('drachtio.service', unit!.env[3]!.place, 5), '19O22');
  assert.deepEqual(unknowns(unit!), ['%h@13:55']);
});

test('systemd: -EnvironmentFile is optional and overrides Environment=, so $VAR is unknown; @ skips argv[0]', () => {
  const [unit] = services('with-envfile.service');
  assert.deepEqual(env(unit!.env), ['LOGLEVEL=debug@4:22', 'file /etc/default/drachtio (optional) systemd@2:18', 'file /etc/drachtio/env systemd@3:17']);
  assert.deepEqual(words(unit!.args), ['--loglevel@5:52', '$LOGLEVEL@5:63', '--port@5:73', '9022@5:80']);
  assert.deepEqual(unknowns(unit!), ['$LOGLEVEL@5:63']);
});

test('systemd: a unit without a drachtio ExecStart gives nothing; an empty ExecStart= resets', () => {
  assert.deepEqual(readDeployment('[Service]\nExecStart=/usr/bin/redis-server\n', 'r.service'), []);
  assert.deepEqual(readDeployment('[Service]\nExecStart=/usr/local/bin/drachtio -p 1\nExecStart=\nExecStart=/bin/true\n', 'r.service'), []);
  const [u] = readDeployment('[Service]\nExecStart=/usr/local/bin/drachtio --x a\\x20b \\\n\t--y "c\\"d"\n', 'e.service');
  assert.deepEqual(words(u!.args), ['--x@2:35', 'a b@2:39', '--y@3:2', 'c"d@3:7']);
});

test('k8s: Deployment args through the entrypoint, $(VAR) expansion, env over envFrom with prefix, Secret data decoded', () => {
  const all = services('drachtio.k8s.yaml');
  assert.deepEqual(all.map((s) => s.name), ['Deployment/sbc/drachtio', 'DaemonSet/edge/server']);
  const d = all[0]!;
  assert.deepEqual(words(d.args), [
    '--loglevel@43:31', 'debug@43:45', '--contact@43:60', 'sip:$(POD_IP);transport=tcp@43:73',
    '--x@43:104', '$(NOT_DEFINED)@43:111', '--cost@43:129', '$(LOGLEVEL)@43:139',
  ]);
  assert.deepEqual(env(d.env), [
    'CM_DRACHTIO_ADMIN_TCP_PORT=19O22@7:29',
    'CM_LOGLEVEL=verbose@8:13',
    'CM_drachtio.conf.xml=<drachtio>\n  <admin port="9022" secret="cymru">127.0.0.1</admin>\n</drachtio>\n@10:5',
    'DRACHTIO_SECRET=admin@19:11',
    'POD_IP=?@56:17',
    'LOGLEVEL=debug@59:22',
    'OTHER=?@62:17',
    'COPY=level debug@66:23',
  ]);
  assert.deepEqual(unknowns(d), ['POD_IP@56:17', 'OTHER@62:17', 'sip:$(POD_IP);transport=tcp@43:73', 'files of secret/drachtio-tls@72:15']);
});

test('k8s: a ConfigMap key mounted by subPath gives the XML with a place for each of its lines', () => {
  const d = services('drachtio.k8s.yaml')[0]!;
  const [xml, tls] = d.mounts;
  assert.equal(xml!.target, '/etc/drachtio.conf.xml');
  assert.equal(xml!.from, 'configMap/drachtio-config');
  assert.equal(xml!.readOnly, true);
  assert.equal(xml!.text, '<drachtio>\n  <admin port="9022" secret="cymru">127.0.0.1</admin>\n</drachtio>\n');
  assert.equal(at(xml!.textPlace!), '10:5');
  assert.equal(xml!.textIndent, 4);
  // every line of the embedded XML maps to the manifest: line + k, column textIndent + c
  const lines = xml!.text!.split('\n');
  const secretColumn = lines[1]!.indexOf('cymru') + 1;
  assert.equal(textAt('drachtio.k8s.yaml', { file: '', line: xml!.textPlace!.line + 1, column: xml!.textIndent! + secretColumn }, 5), 'cymru');
  assert.deepEqual([tls!.target, tls!.from, tls!.text], ['/etc/tls', 'secret/drachtio-tls', undefined]);
});

test('k8s: command replaces the entrypoint (no re-splitting); a volume without items projects every key', () => {
  const ds = services('drachtio.k8s.yaml')[1]!;
  assert.deepEqual(words(ds.args), ['--secret@92:19', 'two words@92:31', '--loglevel@92:44', 'verbose@92:58']);
  assert.deepEqual(ds.mounts.map((m) => [m.target, m.key, m.text?.slice(0, 10), m.textPlace && at(m.textPlace)]), [
    ['/etc/drachtio/DRACHTIO_ADMIN_TCP_PORT', 'DRACHTIO_ADMIN_TCP_PORT', '19O22', '7:29'],
    ['/etc/drachtio/LOGLEVEL', 'LOGLEVEL', 'verbose', '8:13'],
    ['/etc/drachtio/drachtio.conf.xml', 'drachtio.conf.xml', '<drachtio>', '10:5'],
  ]);
});

test('k8s: a List of Pods; an envFrom of a ConfigMap defined elsewhere makes every variable unknown', () => {
  const text = [
    'apiVersion: v1', 'kind: List', 'items:', '  - apiVersion: v1', '    kind: Pod', '    metadata: {name: p}', '    spec:', '      containers:',
    '        - name: c', '          image: docker.io/drachtio/drachtio-server:latest', '          envFrom: [{secretRef: {name: far}}]', '          args: ["drachtio", "--port", "$(PORT)"]',
  ].join('\n');
  const [pod] = readDeployment(text, 'list.yaml');
  assert.equal(pod!.name, 'Pod/p/c');
  assert.deepEqual(env(pod!.env), ['*=?@11:21']);
  assert.deepEqual(words(pod!.args), ['--port@12:31', '$(PORT)@12:41']);
  assert.ok(unknowns(pod!).includes('$(PORT)@12:41'));
});

test('docker run: options with values skipped, -e/--env-file/-v/--mount read, image args through the entrypoint, --cloud-deployment unknown', () => {
  const [run, direct, ...rest] = services('run.sh');
  assert.equal(rest.length, 0, 'redis is not drachtio');
  assert.equal(run!.image, 'drachtio/drachtio-server:0.9.4');
  assert.deepEqual(words(run!.args), ['--loglevel@9:43', 'verbose@9:54', '--secret@9:62', 'two@9:72', 'words@9:76', '--contact@9:83', 'sip:?:?;transport=udp,tcp@9:83']);
  assert.deepEqual(env(run!.env), [`file ${FIXTURES}/drachtio.env docker@6:14`, 'DRACHTIO_ADMIN_TCP_PORT=19O22@5:30', 'DRACHTIO_SECRET=admin@5:56', 'FROM_SHELL=?@5:66']);
  assert.deepEqual(run!.mounts.map((m) => [m.target, m.hostPath, m.readOnly]), [
    ['/etc/certs', undefined, true],
    ['/etc/drachtio.conf.xml', `${FIXTURES}/drachtio.conf.xml`, true],
    ['/var/log/drachtio', `${FIXTURES}/logs`, false],
  ]);
  assert.ok(unknowns(run!).includes('$PWD/certs:/etc/certs:ro@6:33'));
  assert.ok(unknowns(run!).includes('--contact sip:?:?;transport=udp,tcp@9:83'));
  assert.deepEqual(words(direct!.args), ['--port@10:83', '9023@10:90']);
});

test('entrypoint: --cloud-deployment and WSS_PORT with known addresses; exec "$@" for other programs; globbing that may match /', () => {
  const w = (text: string, column: number) => ({ text, place: { file: 'x', line: 1, column }, at: (i: number) => ({ file: 'x', line: 1, column: column + i }) });
  const place = { file: 'x', line: 1, column: 1 };
  const vars: Record<string, string> = { LOCAL_IP: '10.0.0.2', PUBLIC_IP: '203.0.113.9', DRACHTIO_SIP_PORT: '5070', WSS_PORT: '8443' };
  const known = (n: string) => (n in vars ? { value: vars[n]! } : ('unset' as const));
  const r = imageEntrypoint([w('drachtio', 1), w('--cloud-deployment', 10), w('-p  9022', 30)], known, place);
  assert.deepEqual(r.args.map((a) => a.text), [
    '--contact', 'sip:10.0.0.2:5070;transport=udp,tcp', '--external-ip', '203.0.113.9', '-p', '9022',
    '--contact', 'sips:10.0.0.2:8443;transport=wss', '--external-ip', '203.0.113.9',
  ]);
  assert.deepEqual(words(r.args.slice(4, 6)), ['-p@1:30', '9022@1:34']);
  assert.deepEqual(r.unknowns, []);
  const other = imageEntrypoint([w('/usr/local/bin/drachtio', 1), w('a b', 30)], known, place);
  assert.deepEqual(other.args.map((a) => a.text), ['a b']);
  const sh = imageEntrypoint([w('sh', 1), w('-c', 4)], known, place);
  assert.equal(sh.runsDrachtio, false);
  const glob = imageEntrypoint([w('drachtio', 1), w('--contact', 10), w('e*', 20), w('sip:*', 25)], () => 'unset', place);
  assert.deepEqual(glob.unknowns.map((u) => u.what), ['e*'], 'e* matches /etc and /entrypoint.sh; sip:* matches nothing in /');
});

test('readCommandLine: ExecStart= lines, docker run lines and plain arguments (for resolve --command)', () => {
  const exec = readCommandLine('ExecStart=-/usr/local/bin/drachtio --contact "sip:*;transport=udp" -p 9022');
  assert.equal(exec.kind, 'systemd');
  assert.deepEqual(words(exec.args), ['--contact@1:36', 'sip:*;transport=udp@1:47', '-p@1:68', '9022@1:71']);
  const run = readCommandLine("docker run --rm -e X=1 drachtio/drachtio-server:0.9.10 drachtio --loglevel 'debug'");
  assert.equal(run.kind, 'docker-run');
  assert.deepEqual(words(run.args), ['--loglevel@1:65', 'debug@1:77']);
  assert.deepEqual(env(run.env), ['X=1@1:22']);
  assert.deepEqual(words(readCommandLine('--loglevel debug --port 1').args), ['--loglevel@1:1', 'debug@1:12', '--port@1:18', '1@1:25']);
  assert.deepEqual(words(readCommandLine('drachtio --a "b c"').args), ['--a@1:10', 'b c@1:15']);
});

test('content detection, whatever the name', () => {
  assert.equal(deploymentKind(read('compose.yml'), 'foo.txt'), 'compose');
  assert.equal(deploymentKind(read('drachtio.k8s.yaml'), 'foo.txt'), 'k8s');
  assert.equal(deploymentKind(read('drachtio.service'), 'foo.txt'), 'systemd');
  assert.equal(deploymentKind(read('run.sh'), 'foo.txt'), 'docker-run');
  assert.equal(deploymentKind('{"services": {"a": {"image": "drachtio/drachtio-server"}}}', 'c.json'), 'compose');
  assert.equal(deploymentKind('<?xml version="1.0"?>\n<drachtio>\n  <admin port="9022">services: x</admin>\n</drachtio>\n', 'compose.yml'), undefined);
  assert.equal(deploymentKind('DRACHTIO_SECRET=x\n', 'drachtio.env'), undefined);
  const unitInManifest = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: u}\ndata:\n  drachtio.service: |\n    [Service]\n    ExecStart=/usr/local/bin/drachtio\n';
  assert.equal(deploymentKind(unitInManifest, 'u.yaml'), 'k8s');
  assert.deepEqual(readDeployment(unitInManifest, 'u.yaml'), []);
  assert.deepEqual(readDeployment('<drachtio/>', 'a.xml'), []);
  assert.deepEqual(services('compose.yml').map((s) => s.name), readDeployment(read('compose.yml'), `${FIXTURES}/compose.yml`).map((s) => s.name));
});

test('bad input: one-line UserError at file:line:col', () => {
  throwsAt(() => readDeployment('services:\n  a:\n    image: [x\n   b: c\n', 'bad.yml'), 'bad.yml:4:4', /invalid YAML/);
  throwsAt(() => readDeployment('services:\n  a:\n    image: drachtio/drachtio-server\n    command: drachtio "--x\n', 'c.yml'), 'c.yml:4:23', /unterminated " quote/);
  throwsAt(() => readDeployment('[Service]\nExecStart=/usr/local/bin/drachtio "--x\n', 'u.service'), 'u.service:2:35', /unterminated " quote/);
  throwsAt(() => readDeployment('[Service]\nEnvironment=A=\\q\nExecStart=/usr/local/bin/drachtio\n', 'u.service'), 'u.service:2:15', /invalid escape/);
  assert.deepEqual(words(readDeployment('[Service]\nExecStart=/usr/local/bin/drachtio \\q\n', 'u.service')[0]!.args), ['\\q@2:35']);
  throwsAt(() => readDeployment("docker run drachtio/drachtio-server drachtio --x 'y\n", 'r.sh'), 'r.sh:1:50', /unterminated ' quote/);
  throwsAt(() => readDeployment('services:\n  a:\n    image: drachtio/drachtio-server\n    command: {a: 1}\n', 'm.yml'), 'm.yml:4:14', /expected a string or a list/);
});

test('compose: a block-scalar command splits on newlines (go-shellwords), backslashes escape inside "…", anchors and << merge keys apply', () => {
  const text = [
    'x-base: &base',
    '  image: drachtio/drachtio-server:latest',
    '  environment: &env',
    '    DRACHTIO_SECRET: from-anchor',
    'services:',
    '  a:',
    '    <<: *base',
    '    command: |',
    '      drachtio --contact "sip:\\"q\\"@*"',
    '        --loglevel info; echo dropped',
    '  b:',
    '    <<: *base',
    '    extends: {file: other.yml, service: x}',
    '    environment: *env',
    '    command: drachtio --x\\',
  ].join('\n');
  const list = () => readDeployment(text, 'c.yml');
  throwsAt(list, 'c.yml:15:26', /backslash ends the command/);
  throwsAt(() => readDeployment(text.replace('--x\\', '"--x'), 'c.yml'), 'c.yml:15:23', /unterminated " quote/);
  const [a] = readDeployment(text.replace('--x\\', '--x'), 'c.yml');
  assert.equal(a!.image, 'drachtio/drachtio-server:latest');
  assert.deepEqual(a!.args.map((w) => w.text), ['--contact', 'sip:"q"@*', '--loglevel', 'info']);
  assert.deepEqual(words(a!.args).map((w) => w.replace(/^.*@/, '')), ['9:16', '9:27', '10:9', '10:20']);
  assert.deepEqual(env(a!.env), ['DRACHTIO_SECRET=from-anchor@4:22']);
  const b = readDeployment(text.replace('--x\\', '--x'), 'c.yml')[1]!;
  assert.deepEqual(env(b.env), ['DRACHTIO_SECRET=from-anchor@4:22']);
  assert.deepEqual(unknowns(b).slice(0, 1), ['extends@13:5']);
});

test('docker run: --env=K=V, -eK=V, switch clusters, --name=x, a value option before the image; the first non-option is the image', () => {
  const [s] = readDeployment('docker container run -dit --name=sbc -eA=1 --env=B=2 --log-opt max-size=1m -w /tmp drachtio/drachtio-server:0.9.4 drachtio -p 1\n', 'r.sh');
  assert.deepEqual(env(s!.env), ['A=1@1:42', 'B=2@1:52']);
  assert.deepEqual(words(s!.args), ['-p@1:124', '1@1:127']);
  assert.deepEqual(readDeployment('podman run --rm -v /x:/y alpine echo hi\n', 'r.sh'), []);
});

test('systemd: a lone ; separates commands, \\; is a literal one; only the drachtio one is read; `:` keeps $VAR as written', () => {
  const [u] = readDeployment('[Service]\nEnvironment=P=1\nExecStart=:/bin/echo start ; /usr/local/bin/drachtio --port $P "\\;"\n', 'm.service');
  assert.deepEqual(words(u!.args), ['--port@3:54', '$P@3:61', ';@3:65']);
  assert.deepEqual(u!.unknowns, []);
});

test('empty overrides: k8s args: [] is the image CMD; docker run --entrypoint "" runs the command itself; an image substitution with a drachtio default is drachtio', () => {
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - {name: c, image: drachtio/drachtio-server, args: []}\n';
  const [p] = readDeployment(pod, 'p.yaml');
  assert.deepEqual(p!.args, []);
  assert.deepEqual(p!.entrypointWords!.map((w) => w.text), ['drachtio']);
  const [r] = readDeployment(`docker run --entrypoint '' drachtio/drachtio-server /usr/local/bin/drachtio 'a b'\n`, 'r.sh');
  assert.deepEqual(words(r!.args), ['a b@1:78']);
  const [c] = readDeployment('services:\n  s:\n    image: ${IMAGE:-drachtio/drachtio-server:0.9.4}\n', 'c.yml');
  assert.equal(c!.image, '${IMAGE:-drachtio/drachtio-server:0.9.4}');
  assert.deepEqual(unknowns(c!), ['${IMAGE:-drachtio/drachtio-server:0.9.4}@3:12']);
  throwsAt(() => readDeployment('services:\n  s:\n    image: a\n    image: b\n', 'd.yml'), 'd.yml:4:5', /unique/);
});

test('env files read by the caller make their values known: systemd $VAR, compose and docker run entrypoint contacts', () => {
  const files = new Map<string, ReadonlyMap<string, string>>([
    ['/etc/default/drachtio', new Map()],
    ['/etc/drachtio/env', new Map([['LOGLEVEL', 'warning']])],
  ]);
  const [unit] = readDeployment(read('with-envfile.service'), 'with-envfile.service', { envFiles: (f) => files.get(f.path) });
  // EnvironmentFile= overrides Environment=LOGLEVEL=debug (man systemd.exec)
  assert.deepEqual(unit!.args.map((w) => w.text), ['--loglevel', 'warning', '--port', '9022']);
  assert.deepEqual(unit!.unknowns, []);
  const dir = `${FIXTURES}/`;
  const compose = readDeployment(read('compose.yml'), `${FIXTURES}/compose.yml`, {
    envFiles: (f) => (f.path === `${dir}drachtio.env` ? new Map([['PUBLIC_IP', '203.0.113.9'], ['LOCAL_IP', '10.0.0.2'], ['TLS_PORT', '5061']]) : undefined),
  });
  const sbc = service(compose, 'sbc');
  assert.deepEqual(sbc.args.slice(-4).map((w) => w.text), ['--contact', 'sips:10.0.0.2:5061;transport=tls', '--external-ip', '203.0.113.9']);
  assert.deepEqual(unknowns(sbc), ['FROM_HOST@9:7', '${HOME}/x@10:17']);
  const [unitEnv] = readDeployment('[Service]\nEnvironment=HOME_DIR=%h A=100%%\nExecStart=/usr/local/bin/drachtio\n', 'h.service');
  assert.deepEqual(env(unitEnv!.env), ['HOME_DIR=?@2:22', 'A=100%@2:27']);
});

test('property: words quoted for sh (docker run) and for systemd (ExecStart=) read back as the same words, each placed at its first character', () => {
  const word = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\t', '"', "'", '\\', '$', '%', ';', '*', '-', '=', 'é'), maxLength: 8 });
  /** join quoted words, noting the column of each word's first character inside its quotes */
  const join = (prefix: string, quoted: string[]) => {
    let line = prefix;
    const columns: number[] = [];
    for (const q of quoted) {
      line += ' ';
      columns.push(line.length + 2);
      line += q;
    }
    return { line, columns };
  };
  fc.assert(
    fc.property(fc.array(word, { maxLength: 6 }), (ws) => {
      const sh = join('docker run --rm drachtio/drachtio-server /usr/local/bin/drachtio', ws.map((w) => `'${w.replace(/'/g, "'\\''")}'`));
      const run = readCommandLine(sh.line);
      assert.equal(run.kind, 'docker-run');
      assert.deepEqual(run.args.map((a) => a.text), ws);
      // a word starting with ' is written ''\\''…: its first character is the escaped quote
      run.args.forEach((a, i) => {
        if (ws[i] !== '') assert.equal(a.place.column, sh.columns[i]! + (ws[i]!.startsWith("'") ? 2 : 0));
      });
      // systemd: "…" with \\ and \" escaped, %% for %, $$ for $; a lone ; is written \; (systemd compares the unquoted word)
      const unitWords = ws.filter((w) => w !== '\\;');
      const quote = (w: string) => (w === ';' ? '\\;' : `"${w.replace(/[\\"]/g, '\\$&').replace(/%/g, '%%').replace(/\$/g, '$$$$')}"`);
      const unit = readCommandLine(`ExecStart=/usr/local/bin/drachtio ${unitWords.map(quote).join(' ')}`);
      assert.equal(unit.kind, 'systemd');
      assert.deepEqual(unit.args.map((a) => a.text), unitWords);
    }),
    { seed: 2026, numRuns: 300 },
  );
});

test('compose configs: a top-level file: is a host path, content: is inline text with its place', () => {
  const text = [
    'services:',
    '  s:',
    '    image: drachtio/drachtio-server',
    '    configs:',
    '      - source: conf',
    '        target: /etc/drachtio.conf.xml',
    '      - inline',
    'configs:',
    '  conf:',
    '    file: ./conf/drachtio.conf.xml',
    '  inline:',
    '    content: |',
    '      <drachtio/>',
  ].join('\n');
  const [s] = readDeployment(text, 'deploy/compose.yaml');
  assert.deepEqual(s!.mounts.map((m) => [m.target, m.hostPath, m.text, m.textPlace && at(m.textPlace), m.textIndent, at(m.place)]), [
    ['/etc/drachtio.conf.xml', 'deploy/conf/drachtio.conf.xml', undefined, undefined, undefined, '5:9'],
    ['/inline', undefined, '<drachtio/>\n', '13:7', 6, '7:9'],
  ]);
});

test('compose: $$ is a literal $ and the words after it keep their places', () => {
  const [s] = readDeployment('services:\n  s:\n    image: drachtio/drachtio-server\n    command: drachtio --secret pa$$word --port 9022\n', 'c.yml');
  assert.deepEqual(words(s!.args), ['--secret@4:23', 'pa$word@4:32', '--port@4:41', '9022@4:48']);
});
