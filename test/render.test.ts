import assert from 'node:assert/strict';
import { chmodSync, existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { execa } from 'execa';
import { parse } from 'yaml';
import { isLoopback } from '../src/model/facts.js';
import { validateText } from '../src/validate/engine.js';
import { assertComposeSpec, assertNoPlaceholder, assertNoShadowing, exposureOf, inImage, k8sObjects, podOf, secretCommand } from './deploy-checks.js';
import { CORPUS, TEMPLATE, cli, doc, needsShared, needsTool, tempDir, writeFiles } from './helpers.js';

const SECRET = 'k8s-secret-value-0123456789';
// the wss contact has its key and certificate: without them the server would not start (tls-contact-without-cert)
const BIG = doc(
  `<sip><contacts><contact>sip:10.0.0.5:5060;transport=udp,tcp</contact><contact>sips:10.0.0.5:443;transport=wss</contact></contacts>
<tls><key-file>/etc/drachtio/tls/key.pem</key-file><cert-file>/etc/drachtio/tls/cert.pem</cert-file><min-tls-version>1.2</min-tls-version></tls></sip>
<monitoring><prometheus port="9090">127.0.0.1</prometheus></monitoring>
<logging><file><name>/var/log/drachtio/drachtio.log</name></file></logging>`,
  `<admin port="9022" secret="${SECRET}">10.0.0.5</admin>`,
);
/** wss with every TLS file, one of them relative; admin on loopback; SIP on every interface. */
const WSS = doc(
  `<sip><contacts><contact>sip:*:5060;transport=udp,tcp</contact><contact>sips:*:8443;transport=wss</contact></contacts>
<tls><key-file>/etc/drachtio/tls/key.pem</key-file><cert-file>/etc/drachtio/tls/cert.pem</cert-file><chain-file>/etc/ssl/chain.pem</chain-file><dh-param>dh.pem</dh-param><min-tls-version>1.2</min-tls-version></tls></sip>`,
  `<admin port="9022" secret="${SECRET}">127.0.0.1</admin>`,
);
/** every TCP port on loopback: nothing a probe from the node can reach */
const LOOPBACK = doc('<sip><contacts><contact>sip:127.0.0.1:5070;transport=udp,tcp</contact></contacts></sip>');
/** the server would not start: an admin address that is not an IP */
const BROKEN = doc('', `<admin port="9022" secret="${SECRET}">localhost</admin>`);

/** An executable stand-in for the drachtio binary, so systemd-analyze can check ExecStart. */
function fakeBinary(dir: string): string {
  const path = join(dir, 'drachtio');
  writeFileSync(path, '#!/bin/sh\nexit 0\n');
  chmodSync(path, 0o755);
  return path;
}

/** Every directive of the hardening block comes after a comment saying why. */
function assertHardeningCommented(unit: string): void {
  const block = unit.slice(unit.indexOf('# Hardening'), unit.indexOf('[Install]')).trim().split('\n');
  assert.ok(block.length > 20, 'a hardening block');
  let commented = false;
  for (const line of block) {
    if (line.startsWith('#')) commented = true;
    else if (line === '') commented = false;
    else assert.ok(commented, `no comment says why: ${line}`);
  }
}

describe('render systemd: a hardened unit, checked by systemd-analyze', { skip: needsTool('systemd-analyze', 'systemd') }, () => {
  const configs: [string, string, string[]][] = [
    ['the template (unprivileged ports)', readFileSync(TEMPLATE, 'utf8'), []],
    ['SIP on 443, logs under /var/log/drachtio', BIG, []],
    ['wss, logs in /srv/log, TLS under /home, an env file', doc(`<sip><contacts><contact>sips:*:443;transport=wss</contact></contacts>
<tls><key-file>/home/ops/key.pem</key-file><cert-file>/home/ops/cert.pem</cert-file><min-tls-version>1.2</min-tls-version></tls></sip>
<logging><file><name>/srv/log/drachtio.log</name><archive>/srv/log/archive</archive></file></logging>`), ['--env-file', '/etc/drachtio/drachtio.env']],
  ];
  for (const [what, xml, extra] of configs) {
    it(`${what}: verify passes and the exposure is at most 2.0`, async () => {
      const dir = writeFiles({ 'drachtio.conf.xml': xml });
      const bin = fakeBinary(dir);
      const r = await cli(['render', 'systemd', join(dir, 'drachtio.conf.xml'), '-o', dir, '--binary', bin, '--validate-before-start', `${bin} validate`, ...extra]);
      assert.equal(r.exitCode, 0, r.stderr);
      const path = join(dir, 'drachtio.service');
      const verify = await execa('systemd-analyze', ['verify', path], { reject: false });
      assert.equal(verify.exitCode, 0, String(verify.stderr));
      const exposure = await exposureOf(path);
      assert.ok(exposure <= 2.0, `exposure ${exposure}`);
      const unit = readFileSync(path, 'utf8');
      assertHardeningCommented(unit);
      assert.match(unit, /^Restart=always$/m);
      assert.match(unit, new RegExp(`^ExecStartPre=${bin} validate /etc/drachtio/drachtio.conf.xml$`, 'm'));
      assert.match(r.stderr, /chown root:drachtio \/etc\/drachtio\/drachtio.conf.xml.* && chmod 0640 /, 'says how to let the service user read the config');
    });
  }

  it('grants CAP_NET_BIND_SERVICE only for a port below 1024, opens only the log directories it needs', async () => {
    const low = (await cli(['render', 'systemd', writeFiles({ 'a.xml': BIG }) + '/a.xml'])).stdout;
    assert.match(low, /^AmbientCapabilities=CAP_NET_BIND_SERVICE$/m);
    assert.match(low, /^CapabilityBoundingSet=CAP_NET_BIND_SERVICE$/m);
    assert.match(low, /^LogsDirectory=drachtio$/m);
    assert.match(low, /^ProtectHome=yes$/m);
    const high = (await cli(['render', 'systemd', TEMPLATE])).stdout;
    assert.doesNotMatch(high, /AmbientCapabilities/);
    assert.match(high, /^CapabilityBoundingSet=$/m);
    const srv = (await cli(['render', 'systemd', writeFiles({ 'a.xml': doc('<logging><file><name>/srv/log/d.log</name></file></logging>') }) + '/a.xml', '--env-file', '/etc/drachtio/drachtio.env'])).stdout;
    assert.match(srv, /^ReadWritePaths=-\/srv\/log$/m);
    assert.doesNotMatch(srv, /^LogsDirectory=/m);
    assert.match(srv, /^EnvironmentFile=\/etc\/drachtio\/drachtio.env$/m);
    const home = await cli(['render', 'systemd', writeFiles({ 'a.xml': doc(`<sip><contacts><contact>sips:*:5061;transport=tls</contact></contacts>
<tls><key-file>/home/ops/key.pem</key-file><cert-file>/home/ops/cert.pem</cert-file><min-tls-version>1.2</min-tls-version></tls></sip>
<logging><file><name>logs/d.log</name></file></logging>`) }) + '/a.xml']);
    assert.equal(home.exitCode, 0, home.stderr);
    assert.match(home.stdout, /^ProtectHome=read-only$/m, 'the TLS files under /home stay readable');
    assert.match(home.stderr, /logging\.file\.name "logs\/d\.log" is a relative path: .* here \/var\/lib\/drachtio\/logs\/d\.log/);
    assert.doesNotMatch(home.stdout, /^ReadWritePaths=/m, 'the state directory is writable already');
  });
});

describe('render compose: TLS files mounted, ports published where they listen', () => {
  it('is valid against the compose-spec schema and docker-compose config, with every TLS file mounted read-only at its path', { skip: needsTool('docker-compose', 'docker-compose') }, async () => {
    const dir = writeFiles({ 'drachtio.conf.xml': WSS });
    const r = await cli(['render', 'compose', join(dir, 'drachtio.conf.xml'), '-o', dir]);
    assert.equal(r.exitCode, 0, r.stderr);
    const text = readFileSync(join(dir, 'docker-compose.yml'), 'utf8');
    assertComposeSpec(parse(text));
    assertNoPlaceholder(text);
    const check = await execa('docker-compose', ['config'], { cwd: dir, reject: false });
    assert.equal(check.exitCode, 0, String(check.stderr));
    const service = parse(String(check.stdout)).services.drachtio;
    assert.equal(service.network_mode, 'host');
    // docker-compose 1.x prints SOURCE:TARGET:ro, 2.x objects
    const volumes = (service.volumes as (string | { source: string; target: string; read_only?: boolean })[]).map((v) =>
      typeof v === 'string' ? { source: v.split(':')[0]!, target: v.split(':')[1]!, read_only: v.split(':')[2] === 'ro' } : v,
    );
    const targets = new Map(volumes.map((v) => [v.target, v]));
    for (const path of ['/etc/drachtio/drachtio.conf.xml', '/etc/drachtio/tls/key.pem', '/etc/drachtio/tls/cert.pem', '/etc/ssl/chain.pem', inImage('dh.pem')]) {
      assert.equal(targets.get(path)?.read_only, true, `${path} mounted read-only`);
    }
    assert.equal(targets.get('/dh.pem')!.source, join(dir, 'dh.pem'), 'a relative path is taken beside the config');
    assert.equal(targets.size, volumes.length, 'no path mounted twice');
    assert.match(r.stderr, /sip\.tls\.dh-param "dh\.pem" is a relative path: .* here \/dh\.pem/);
  });

  it('--publish publishes each port on the address it listens on', async () => {
    const dir = writeFiles({ 'drachtio.conf.xml': BIG });
    const r = await cli(['render', 'compose', join(dir, 'drachtio.conf.xml'), '-o', dir, '--publish']);
    assert.match(r.stderr, /warning: published ports/);
    const compose = parse(readFileSync(join(dir, 'docker-compose.yml'), 'utf8'));
    assertComposeSpec(compose);
    assert.deepEqual(compose.services.drachtio.ports, ['10.0.0.5:9022:9022/tcp', '127.0.0.1:9090:9090/tcp', '10.0.0.5:5060:5060/udp', '10.0.0.5:5060:5060/tcp', '10.0.0.5:443:443/tcp']);
    const wss = parse((await cli(['render', 'compose', writeFiles({ 'a.xml': WSS }) + '/a.xml', '--publish'])).stdout);
    assert.deepEqual(wss.services.drachtio.ports, ['127.0.0.1:9022:9022/tcp', '5060:5060/udp', '5060:5060/tcp', '8443:8443/tcp']);
  });

  it('reads the secret from an env file when the XML has none', async () => {
    const noSecret = doc('', '<admin port="9022">127.0.0.1</admin>');
    const compose = parse((await cli(['render', 'compose', writeFiles({ 'a.xml': noSecret }) + '/a.xml'])).stdout);
    assertComposeSpec(compose);
    assert.deepEqual(compose.services.drachtio.env_file, ['drachtio.env']);
    const withSecret = parse((await cli(['render', 'compose', writeFiles({ 'a.xml': WSS }) + '/a.xml'])).stdout);
    assert.equal(withSecret.services.drachtio.env_file, undefined, 'the mounted XML holds the secret');
  });
});

describe('render k8s: objects that start the server with its certificates and its secret', () => {
  it('mounts every TLS file from the TLS Secret at its path, the config by subPath, nothing shadowed; references the admin Secret', async () => {
    const dir = writeFiles({ 'drachtio.conf.xml': WSS });
    // stdout is a pipe here, as in `render k8s f.xml | kubectl apply -f -`
    const r = await cli(['render', 'k8s', join(dir, 'drachtio.conf.xml')]);
    assert.equal(r.exitCode, 0, r.stderr);
    assertNoPlaceholder(r.stdout);
    assert.doesNotMatch(r.stdout + r.stderr, new RegExp(SECRET));
    const docs = k8sObjects(r.stdout);
    assert.deepEqual(docs.map((d) => d.kind), ['ConfigMap', 'Deployment']);
    const xml = docs[0]!.data['drachtio.conf.xml'] as string;
    assert.deepEqual(validateText(xml, 'configmap.xml').diagnostics.filter((d) => d.severity === 'error'), []);
    const pod = podOf(docs);
    const container = pod.containers[0];
    assert.deepEqual(container.env, [{ name: 'DRACHTIO_SECRET', valueFrom: { secretKeyRef: { name: 'drachtio-secret', key: 'DRACHTIO_SECRET' } } }]);
    const mounts = container.volumeMounts as { name: string; mountPath: string; subPath?: string }[];
    assertNoShadowing(mounts);
    assert.deepEqual(mounts.find((m) => m.name === 'config'), { name: 'config', mountPath: '/etc/drachtio/drachtio.conf.xml', subPath: 'drachtio.conf.xml', readOnly: true });
    const tlsVolume = pod.volumes.find((v: { name: string }) => v.name === 'tls');
    // the commands on stderr create exactly the Secrets the pod reads, without the secret value
    const commands = [...r.stderr.matchAll(/^ {2}(kubectl .*)$/gm)].map((m) => secretCommand(m[1]!));
    const tlsSecret = commands.find((c) => c.name === tlsVolume.secret.secretName)!;
    assert.equal(tlsSecret.type, 'generic', 'a chain and DH parameters do not fit kubernetes.io/tls');
    for (const [setting, path] of [['key', '/etc/drachtio/tls/key.pem'], ['cert', '/etc/drachtio/tls/cert.pem'], ['chain', '/etc/ssl/chain.pem'], ['dh', inImage('dh.pem')]]) {
      const m = mounts.find((x) => x.mountPath === path);
      assert.ok(m && m.name === 'tls' && m.subPath, `${setting}: ${path} mounted from the TLS Secret`);
      assert.ok(tlsSecret.keys[m.subPath!], `${setting}: the Secret has key ${m.subPath}`);
    }
    assert.deepEqual(Object.keys(commands.find((c) => c.name === 'drachtio-secret')!.keys), ['DRACHTIO_SECRET']);
  });

  it('a key and certificate alone come from a kubernetes.io/tls Secret', async () => {
    const r = await cli(['render', 'k8s', writeFiles({ 'a.xml': BIG }) + '/a.xml', '--tls-secret-name', 'sip-cert']);
    const cmd = secretCommand(/^ {2}(kubectl create secret tls .*)$/m.exec(r.stderr)![1]!);
    assert.deepEqual(cmd, { type: 'tls', name: 'sip-cert', keys: { 'tls.key': '/etc/drachtio/tls/key.pem', 'tls.crt': '/etc/drachtio/tls/cert.pem' } });
    const mounts = podOf(k8sObjects(r.stdout)).containers[0].volumeMounts;
    assert.deepEqual(mounts.filter((m: { name: string }) => m.name === 'tls').map((m: { subPath: string }) => m.subPath), ['tls.key', 'tls.crt']);
  });

  it('probes only a port listening beyond loopback; with none, no probe and a warning saying why', async () => {
    for (const [xml, port] of [[WSS, 5060], [BIG, 9022]] as const) {
      const docs = k8sObjects((await cli(['render', 'k8s', writeFiles({ 'a.xml': xml }) + '/a.xml'])).stdout);
      const c = podOf(docs).containers[0];
      for (const probe of [c.readinessProbe, c.livenessProbe]) {
        assert.equal(probe.tcpSocket.port, port);
        assert.ok(!isLoopback(probe.tcpSocket.host ?? ''), 'never a loopback host');
      }
    }
    const r = await cli(['render', 'k8s', writeFiles({ 'a.xml': LOOPBACK }) + '/a.xml']);
    assert.equal(r.exitCode, 0, r.stderr);
    const c = podOf(k8sObjects(r.stdout)).containers[0];
    assert.equal(c.readinessProbe, undefined);
    assert.equal(c.livenessProbe, undefined);
    assert.match(r.stderr, /warning: no liveness or readiness probe: every TCP port listens on a loopback address \(the admin port on 127\.0\.0\.1:9022, SIP contact sip:127\.0\.0\.1:5070;transport=udp,tcp on 127\.0\.0\.1:5070\)/);
  });

  it('a hostNetwork Deployment is recreated, never rolled (the new pod could not bind the ports); --kind daemonset; scheduling, resources, capabilities', async () => {
    const file = writeFiles({ 'a.xml': BIG }) + '/a.xml';
    const deployment = k8sObjects((await cli(['render', 'k8s', file])).stdout).find((d) => d.kind === 'Deployment')!;
    assert.deepEqual(deployment.spec.strategy, { type: 'Recreate' });
    assert.equal(deployment.spec.template.spec.hostNetwork, true);
    const r = await cli(['render', 'k8s', file, '--kind', 'daemonset', '--node-selector', 'drachtio=yes', '--toleration', 'dedicated=sip:NoSchedule', '--toleration', 'edge', '--grace-period', '60', '--memory-limit', '2Gi']);
    assert.equal(r.exitCode, 0, r.stderr);
    const ds = k8sObjects(r.stdout).find((d) => d.kind === 'DaemonSet')!;
    assert.deepEqual(ds.spec.updateStrategy.rollingUpdate, { maxUnavailable: 1, maxSurge: 0 });
    const pod = ds.spec.template.spec;
    assert.deepEqual(pod.nodeSelector, { drachtio: 'yes' });
    assert.deepEqual(pod.tolerations, [{ key: 'dedicated', operator: 'Equal', value: 'sip', effect: 'NoSchedule' }, { key: 'edge', operator: 'Exists' }]);
    assert.equal(pod.terminationGracePeriodSeconds, 60);
    const c = pod.containers[0];
    assert.deepEqual(c.resources, { requests: { cpu: '250m', memory: '256Mi' }, limits: { memory: '2Gi' } });
    assert.deepEqual(c.securityContext, { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } }, 'port 443');
    assert.doesNotMatch(c.image, /:latest$|^[^:]*$/);
    const high = podOf(k8sObjects((await cli(['render', 'k8s', TEMPLATE])).stdout)).containers[0];
    assert.deepEqual(high.securityContext.capabilities, { drop: ['ALL'] });
    const bad = await cli(['render', 'k8s', file, '--toleration', '=x']);
    assert.equal(bad.exitCode, 2);
    assert.match(bad.stderr, /^drachtioctl: --toleration =x: expected KEY\[=VALUE\]/);
  });

  it('--with-secret renders the Secret: into a file 0600, to stdout only with --show-secrets, refused into a pipe', async () => {
    const dir = writeFiles({ 'drachtio.conf.xml': BIG });
    const file = join(dir, 'drachtio.conf.xml');
    const refused = await cli(['render', 'k8s', file, '--with-secret']);
    assert.equal(refused.exitCode, 2);
    assert.equal(refused.stdout, '');
    assert.match(refused.stderr, /^drachtioctl: render k8s --with-secret holds the admin secret .* stdout is not a terminal.*-o FILE.*--show-secrets.*leave out --with-secret[^\n]*\n$/);
    const r = await cli(['render', 'k8s', file, '--with-secret', '-o', dir, '--secret-name', 'sip-admin']);
    assert.equal(r.exitCode, 0, r.stderr);
    const path = join(dir, 'drachtio.k8s.yaml');
    assert.equal(statSync(path).mode & 0o777, 0o600);
    const docs = k8sObjects(readFileSync(path, 'utf8'));
    assert.deepEqual(docs.map((d) => d.kind), ['ConfigMap', 'Secret', 'Deployment']);
    assert.equal(docs[1]!.metadata.name, 'sip-admin');
    assert.equal(docs[1]!.stringData.DRACHTIO_SECRET, SECRET);
    assert.doesNotMatch(docs[0]!.data['drachtio.conf.xml'], new RegExp(SECRET));
    assert.equal(podOf(docs).containers[0].env[0].valueFrom.secretKeyRef.name, 'sip-admin');
    const shown = await cli(['render', 'k8s', file, '--with-secret', '--show-secrets']);
    assert.match(shown.stdout, new RegExp(`DRACHTIO_SECRET: ${SECRET}`));
    const json = JSON.parse((await cli(['render', 'k8s', file, '--with-secret', '--json'])).stdout);
    assert.match(json.files[0].content, /DRACHTIO_SECRET: "\*{8}"/, '--json is a report: masked');
  });
});

describe('render refuses what cannot run', () => {
  it('exits 1 listing validate\'s errors, and writes nothing', async () => {
    const dir = writeFiles({ 'drachtio.conf.xml': BROKEN });
    for (const target of ['systemd', 'compose', 'k8s']) {
      const out = tempDir();
      const r = await cli(['render', target, join(dir, 'drachtio.conf.xml'), '-o', out]);
      assert.equal(r.exitCode, 1, target);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, new RegExp(`^${join(dir, 'drachtio.conf.xml')}:3:\\d+  error  .*localhost`, 'm'));
      assert.match(r.stderr, /drachtioctl: .*: not rendered: drachtio-server would not run this configuration as meant \(\d+ errors?\)\n$/);
      assert.deepEqual(readdirSync(out), []);
    }
    const json = JSON.parse((await cli(['render', 'k8s', join(dir, 'drachtio.conf.xml'), '--json'])).stdout);
    assert.deepEqual(json.files, []);
    assert.ok(json.errors.length > 0 && json.errors.every((e: { severity: string; path: string }) => e.severity === 'error' && e.path.endsWith('drachtio.conf.xml')));
  });

  it('--json has the documented shape: every file with path, content, its mode as an octal string and where it was written', async () => {
    const dir = writeFiles({ 'drachtio.conf.xml': BIG });
    const stdout = JSON.parse((await cli(['render', 'k8s', '--with-secret', '--json', join(dir, 'drachtio.conf.xml')])).stdout);
    assert.deepEqual(Object.keys(stdout), ['target', 'files', 'warnings', 'commands', 'errors']);
    assert.deepEqual(stdout.files.map((f: object) => Object.keys(f)), [['path', 'content', 'mode', 'written']]);
    assert.deepEqual([stdout.files[0].path, stdout.files[0].mode, stdout.files[0].written], ['drachtio.k8s.yaml', '0600', null]);
    assert.doesNotMatch(stdout.files[0].content, new RegExp(SECRET));
    const out = tempDir();
    const written = JSON.parse((await cli(['render', 'systemd', '--json', TEMPLATE, '-o', out])).stdout);
    assert.deepEqual(written.files.map((f: { path: string; mode: string; written: string }) => [f.path, f.mode, f.written]), [['drachtio.service', '0644', join(out, 'drachtio.service')]]);
    assert.equal(statSync(join(out, 'drachtio.service')).mode & 0o777, 0o644);
  });

  it('refuses to overwrite without --force, before writing anything', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'drachtio.service'), 'old');
    const r = await cli(['render', 'systemd', TEMPLATE, '-o', dir]);
    assert.equal(r.exitCode, 2);
    assert.match(r.stderr, /drachtio\.service: already exists \(use --force to replace it\)\n$/);
    assert.equal(readFileSync(join(dir, 'drachtio.service'), 'utf8'), 'old');
    assert.equal((await cli(['render', 'systemd', TEMPLATE, '-o', dir, '--force'])).exitCode, 0);
    assert.ok(existsSync(join(dir, 'drachtio.service')));
  });

  it('renders every corpus config that validates with no error, each object valid', { skip: needsShared }, async () => {
    for (const f of ['drachtio-server__drachtio.conf.xml', 'jambonz-infrastructure__docker_sbc_drachtio.conf.xml', 'simple_proxy__drachtio.conf.xml']) {
      const errors = validateText(readFileSync(join(CORPUS, f), 'utf8'), f).diagnostics.filter((d) => d.severity === 'error');
      const r = await cli(['render', 'k8s', join(CORPUS, f)]);
      assert.equal(r.exitCode, errors.length ? 1 : 0, `${f}: ${r.stderr}`);
      if (!errors.length) {
        k8sObjects(r.stdout);
        assertNoPlaceholder(r.stdout);
      }
    }
  });
});
