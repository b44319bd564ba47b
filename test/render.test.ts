import assert from 'node:assert/strict';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { execa } from 'execa';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { validateText } from '../src/validate/engine.js';
import { CORPUS, FIXTURES, TEMPLATE, cli, doc, needsShared, needsTool, tempDir, writeFiles } from './helpers.js';
import { composeSchemaErrors, k8sErrors } from './validators.js';

const SECRET = 'k8s-secret-value-0123456789';
const BIG = doc(
  `<sip><contacts><contact>sip:10.0.0.5:5060;transport=udp,tcp</contact><contact>sips:10.0.0.5:443;transport=wss</contact></contacts></sip>
<monitoring><prometheus port="9090">127.0.0.1</prometheus></monitoring>
<logging><file><name>/var/log/drachtio/drachtio.log</name></file></logging>`,
  `<admin port="9022" secret="${SECRET}">10.0.0.5</admin>`,
);

/** An executable stand-in for the drachtio binary, so systemd-analyze can check ExecStart. */
function fakeBinary(dir: string): string {
  const path = join(dir, 'drachtio');
  writeFileSync(path, '#!/bin/sh\nexit 0\n');
  chmodSync(path, 0o755);
  return path;
}

describe('drachtioctl render (subprocess, checked by the real tools)', () => {
  it('writes a systemd unit that systemd-analyze verify accepts', { skip: needsTool('systemd-analyze', 'systemd') }, async () => {
    const dir = writeFiles({ 'drachtio.conf.xml': BIG });
    const bin = fakeBinary(dir);
    const r = await cli(['render', 'systemd', join(dir, 'drachtio.conf.xml'), '-o', dir, '--binary', bin, '--validate-before-start', `${bin} validate`]);
    assert.equal(r.exitCode, 0, r.stderr);
    const unit = readFileSync(join(dir, 'drachtio.service'), 'utf8');
    assert.match(unit, /^Restart=always$/m);
    assert.match(unit, new RegExp(`^ExecStartPre=${bin} validate /etc/drachtio/drachtio.conf.xml$`, 'm'));
    assert.match(unit, /^AmbientCapabilities=CAP_NET_BIND_SERVICE$/m, 'port 443 needs the capability');
    assert.match(unit, /^LogsDirectory=drachtio$/m);
    const verify = await execa('systemd-analyze', ['verify', join(dir, 'drachtio.service')], { reject: false });
    assert.equal(verify.exitCode, 0, String(verify.stderr));
  });

  it('leaves out the capability when every port is unprivileged', async () => {
    const r = await cli(['render', 'systemd', TEMPLATE]);
    assert.equal(r.exitCode, 0);
    assert.doesNotMatch(r.stdout, /AmbientCapabilities/);
  });

  it('writes a compose file valid by the Compose Specification schema, host network by default', async () => {
    const dir = writeFiles({ 'drachtio.conf.xml': BIG });
    assert.equal((await cli(['render', 'compose', join(dir, 'drachtio.conf.xml'), '-o', dir])).exitCode, 0);
    const compose = parseYaml(readFileSync(join(dir, 'docker-compose.yml'), 'utf8'));
    assert.equal(composeSchemaErrors(compose), undefined);
    assert.equal(compose.services.drachtio.network_mode, 'host');
    assert.deepEqual(compose.services.drachtio.volumes, ['./drachtio.conf.xml:/etc/drachtio/drachtio.conf.xml:ro']);
  });

  it('publishes every port the config listens on with --publish', async () => {
    const dir = writeFiles({ 'drachtio.conf.xml': BIG });
    const r = await cli(['render', 'compose', join(dir, 'drachtio.conf.xml'), '-o', dir, '--publish']);
    assert.match(r.stderr, /warning: published ports/);
    const compose = parseYaml(readFileSync(join(dir, 'docker-compose.yml'), 'utf8'));
    assert.equal(composeSchemaErrors(compose), undefined);
    assert.equal(compose.services.drachtio.network_mode, undefined);
    assert.deepEqual(compose.services.drachtio.ports, ['5060:5060/udp', '5060:5060/tcp', '443:443/tcp', '9022:9022/tcp', '9090:9090/tcp']);
  });

  it('writes compose files that docker-compose config accepts and reads as intended', { skip: needsTool('docker-compose', 'docker-compose') }, async () => {
    const dir = writeFiles({ 'drachtio.conf.xml': BIG });
    assert.equal((await cli(['render', 'compose', join(dir, 'drachtio.conf.xml'), '-o', dir])).exitCode, 0);
    const check = await execa('docker-compose', ['config'], { cwd: dir, reject: false });
    assert.equal(check.exitCode, 0, String(check.stderr));
    assert.match(String(check.stdout), /network_mode: host/);
    assert.match(String(check.stdout), new RegExp(`${dir}/drachtio.conf.xml:/etc/drachtio/drachtio.conf.xml:ro`));

    assert.equal((await cli(['render', 'compose', join(dir, 'drachtio.conf.xml'), '-o', dir, '--publish', '--force'])).exitCode, 0);
    const published = await execa('docker-compose', ['config'], { cwd: dir });
    const ports = (parseYaml(String(published.stdout)).services.drachtio.ports as { protocol: string; published: number }[]).map((p) => `${p.published}/${p.protocol}`);
    assert.deepEqual(ports, ['5060/udp', '5060/tcp', '443/tcp', '9022/tcp', '9090/tcp']);
  });

  it('moves the admin secret from the ConfigMap into a Secret, writes 0600, masks it on stdout', async () => {
    const dir = writeFiles({ 'drachtio.conf.xml': BIG });
    const r = await cli(['render', 'k8s', join(dir, 'drachtio.conf.xml'), '-o', dir]);
    assert.equal(r.exitCode, 0, r.stderr);
    const path = join(dir, 'drachtio.k8s.yaml');
    assert.equal(statSync(path).mode & 0o777, 0o600);
    const docs = parseAllDocuments(readFileSync(path, 'utf8')).map((d) => d.toJS());
    assert.deepEqual(docs.map((d) => d.kind), ['ConfigMap', 'Secret', 'Deployment']);
    assert.deepEqual(k8sErrors(docs), [], 'every object is valid by the Kubernetes API schema');
    const xml = docs[0].data['drachtio.conf.xml'] as string;
    assert.doesNotMatch(xml, new RegExp(SECRET));
    assert.deepEqual(validateText(xml, 'configmap.xml').diagnostics.filter((d) => d.severity === 'error'), []);
    assert.equal(docs[1].stringData.DRACHTIO_SECRET, SECRET);
    const container = docs[2].spec.template.spec.containers[0];
    assert.deepEqual(container.readinessProbe.tcpSocket, { port: 9022 });
    assert.ok(container.ports.every((p: { name: string }) => /^[a-z0-9-]{1,15}$/.test(p.name)));

    const stdout = await cli(['render', 'k8s', join(dir, 'drachtio.conf.xml')]);
    assert.doesNotMatch(stdout.stdout, new RegExp(SECRET));
    assert.match(stdout.stdout, /DRACHTIO_SECRET: "\*{8}"/);
    assert.doesNotMatch(stdout.stdout, /&a\d/, 'no YAML anchors');
    const shown = await cli(['render', 'k8s', join(dir, 'drachtio.conf.xml'), '--show-secrets']);
    assert.match(shown.stdout, new RegExp(`DRACHTIO_SECRET: ${SECRET}`));
  });

  it('--json has the documented shape: every file with path, content, its mode as an octal string and where it was written', async () => {
    const dir = writeFiles({ 'drachtio.conf.xml': BIG });
    const stdout = JSON.parse((await cli(['render', 'k8s', '--json', join(dir, 'drachtio.conf.xml')])).stdout);
    assert.deepEqual(Object.keys(stdout), ['target', 'files', 'warnings']);
    assert.deepEqual(stdout.files.map((f: object) => Object.keys(f)), [['path', 'content', 'mode', 'written']]);
    assert.deepEqual([stdout.files[0].path, stdout.files[0].mode, stdout.files[0].written], ['drachtio.k8s.yaml', '0600', null]);
    assert.doesNotMatch(stdout.files[0].content, new RegExp(SECRET));
    const out = tempDir();
    const written = JSON.parse((await cli(['render', 'systemd', '--json', TEMPLATE, '-o', out])).stdout);
    assert.deepEqual(written.files.map((f: { path: string; mode: string; written: string }) => [f.path, f.mode, f.written]), [['drachtio.service', '0644', join(out, 'drachtio.service')]]);
    assert.equal(statSync(join(out, 'drachtio.service')).mode & 0o777, 0o644);
  });

  it('refuses to overwrite without --force', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'drachtio.service'), 'old');
    const r = await cli(['render', 'systemd', TEMPLATE, '-o', dir]);
    assert.equal(r.exitCode, 2);
    assert.match(r.stderr, /drachtio\.service: already exists \(use --force to replace it\)\n$/);
    assert.equal(readFileSync(join(dir, 'drachtio.service'), 'utf8'), 'old');
    assert.equal((await cli(['render', 'systemd', TEMPLATE, '-o', dir, '--force'])).exitCode, 0);
  });

  it('renders every fixture config the server can start from into valid Kubernetes objects', async () => {
    for (const f of ['sbc.conf.xml', 'registrar.conf.xml']) {
      const r = await cli(['render', 'k8s', '--json', join(FIXTURES, f)]);
      assert.equal(r.exitCode, 0, `${f}: ${r.stderr}`);
      const objects = JSON.parse(r.stdout).files.flatMap((x: { content: string }) => parseAllDocuments(x.content).map((d) => d.toJS()));
      assert.deepEqual(k8sErrors(objects), [], f);
    }
  });

  it('renders every corpus config that the server can start from', { skip: needsShared }, async () => {
    for (const f of ['drachtio-server__drachtio.conf.xml', 'jambonz-infrastructure__docker_sbc_drachtio.conf.xml', 'simple_proxy__drachtio.conf.xml']) {
      const r = await cli(['render', 'k8s', '--json', join(CORPUS, f)]);
      assert.equal(r.exitCode, 0, `${f}: ${r.stderr}`);
      const objects = JSON.parse(r.stdout).files.flatMap((x: { content: string }) => parseAllDocuments(x.content).map((d) => d.toJS()));
      assert.deepEqual(k8sErrors(objects), [], f);
    }
  });
});
