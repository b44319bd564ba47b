import assert from 'node:assert/strict';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { execa } from 'execa';
import { parseAllDocuments } from 'yaml';
import { validateText } from '../src/validate/engine.js';
import { CORPUS, TEMPLATE, cli, doc, tempDir, writeFiles } from './helpers.js';

const SECRET = 'k8s-secret-value-0123456789';
// the wss contact has its key and certificate: without them the server would not start (tls-contact-without-cert)
const BIG = doc(
  `<sip><contacts><contact>sip:10.0.0.5:5060;transport=udp,tcp</contact><contact>sips:10.0.0.5:443;transport=wss</contact></contacts><tls><key-file>/etc/drachtio/key.pem</key-file><cert-file>/etc/drachtio/cert.pem</cert-file><min-tls-version>1.2</min-tls-version></tls></sip>
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
  it('writes a systemd unit that systemd-analyze verify accepts', async () => {
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

  it('writes a compose file that docker-compose config accepts, host network by default', async () => {
    const dir = writeFiles({ 'drachtio.conf.xml': BIG });
    assert.equal((await cli(['render', 'compose', join(dir, 'drachtio.conf.xml'), '-o', dir])).exitCode, 0);
    const check = await execa('docker-compose', ['config'], { cwd: dir, reject: false });
    assert.equal(check.exitCode, 0, String(check.stderr));
    assert.match(String(check.stdout), /network_mode: host/);
    assert.match(String(check.stdout), new RegExp(`${dir}/drachtio.conf.xml:/etc/drachtio/drachtio.conf.xml:ro`));
  });

  it('publishes every port the config listens on with --publish', async () => {
    const dir = writeFiles({ 'drachtio.conf.xml': BIG });
    const r = await cli(['render', 'compose', join(dir, 'drachtio.conf.xml'), '-o', dir, '--publish']);
    assert.match(r.stderr, /warning: published ports/);
    const check = await execa('docker-compose', ['config'], { cwd: dir });
    const { parse } = await import('yaml');
    const ports = (parse(String(check.stdout)).services.drachtio.ports as { protocol: string; published: number }[]).map((p) => `${p.published}/${p.protocol}`);
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

  it('refuses to overwrite without --force', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'drachtio.service'), 'old');
    const r = await cli(['render', 'systemd', TEMPLATE, '-o', dir]);
    assert.equal(r.exitCode, 2);
    assert.match(r.stderr, /drachtio\.service: already exists \(use --force to replace it\)\n$/);
    assert.equal(readFileSync(join(dir, 'drachtio.service'), 'utf8'), 'old');
    assert.equal((await cli(['render', 'systemd', TEMPLATE, '-o', dir, '--force'])).exitCode, 0);
  });

  it('renders every corpus config that the server can start from', async () => {
    for (const f of ['drachtio-server__drachtio.conf.xml', 'jambonz-infrastructure__docker_sbc_drachtio.conf.xml', 'simple_proxy__drachtio.conf.xml']) {
      const r = await cli(['render', 'k8s', '--json', join(CORPUS, f)]);
      assert.equal(r.exitCode, 0, `${f}: ${r.stderr}`);
      assert.equal(JSON.parse(r.stdout).files.length >= 1, true);
    }
  });
});
