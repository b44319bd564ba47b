import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { chmodSync, mkdirSync, readFileSync, realpathSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { addressChecks } from '../src/doctor/addresses.js';
import { deriveLocalNet } from '../src/model/contacts.js';

const derivedLocalNet = (address: string) => deriveLocalNet(`sip:${address}`)?.localNet;
import type { DoctorConfig } from '../src/doctor/types.js';
import { parseXml } from '../src/model/parse.js';
import { closedPort } from './admin-stand-in.js';
import { ROOT, cli, doc, needsTool, skipUnless, tempDir } from './helpers.js';

const TLS = join(ROOT, 'test/fixtures/tls');
const tlsFile = (name: string) => join(TLS, name);

interface Check {
  id: string;
  status: 'ok' | 'warn' | 'fail';
  message: string;
  setting?: string;
  origin?: string;
}

/** A config on free loopback ports, with `tls` files and `extra` XML inside <drachtio>; returns its path. */
async function config(o: { tls?: Record<string, string>; adminTls?: boolean; extra?: string; contact?: string } = {}) {
  const dir = tempDir();
  const [admin, adminTls, sip] = [await closedPort(), await closedPort(), await closedPort()];
  const tls = o.tls ? `<tls>${Object.entries(o.tls).map(([k, v]) => `<${k}>${v}</${k}>`).join('')}</tls>` : '';
  const contact = o.contact ?? `sip:127.0.0.1:${sip};transport=tcp`;
  mkdirSync(join(dir, 'log'));
  const file = join(dir, 'drachtio.conf.xml');
  writeFileSync(
    file,
    doc(
      `<sip><contacts><contact>${contact}</contact></contacts>${tls}</sip>\n<logging><file><name>${join(dir, 'log/drachtio.log')}</name><archive>${join(dir, 'log')}</archive></file></logging>${o.extra ?? ''}`,
      `<admin port="${admin}"${o.adminTls ? ` tls-port="${adminTls}"` : ''} secret="a-long-and-random-secret-9f2c">127.0.0.1</admin>`,
    ),
  );
  return { file, dir, sip };
}

async function doctor(args: string[]) {
  const r = await cli(['doctor', '--json', ...args]);
  assert.ok(r.exitCode === 0 || r.exitCode === 1, `exit ${r.exitCode}: ${r.stderr}`);
  const j = JSON.parse(r.stdout) as { checks: Check[]; summary: Record<string, number> };
  return { ...j, exitCode: r.exitCode, find: (id: string) => j.checks.filter((c) => c.id === id) };
}

const GOOD_TLS = { 'key-file': tlsFile('leaf.key'), 'cert-file': tlsFile('leaf.pem'), 'chain-file': tlsFile('chain.pem'), 'dh-param': tlsFile('dh.pem') };

test('doctor passes a healthy config: valid TLS files and chain, DH for admin TLS, free ports, existing writable directories', async () => {
  const { file } = await config({ tls: GOOD_TLS, adminTls: true, contact: `sips:127.0.0.1:${await closedPort()};transport=tls` });
  const r = await doctor([file]);
  assert.equal(r.exitCode, 0, JSON.stringify(r.checks.filter((c) => c.status !== 'ok')));
  assert.equal(r.summary.fail, 0);
  for (const id of ['tls.key', 'tls.cert', 'tls.key-match', 'tls.expiry', 'tls.chain', 'tls.dh', 'port', 'address', 'log-dir', 'archive-dir']) {
    assert.ok(r.find(id).length > 0 && r.find(id).every((c) => c.status === 'ok'), `${id}: ${JSON.stringify(r.find(id))}`);
  }
  assert.equal(r.summary.ok, r.checks.length);
  assert.match(r.find('tls.expiry')[0]!.message, /valid until 2124-01-01 \(\d+ days left\)/);
  assert.deepEqual(Object.keys(r.summary), ['ok', 'warn', 'fail']);
  const expiry = r.find('tls.expiry')[0]!;
  assert.equal(expiry.setting, 'sip.tls.cert-file');
  assert.match(expiry.origin!, /drachtio\.conf\.xml:\d+:\d+$/);
});

test('doctor fails an expired certificate and one not yet valid, naming the file', async () => {
  for (const [cert, why] of [['expired.pem', /expired on 2001-01-01 \(\d+ days ago\)/], ['future.pem', /not valid before 2090-01-01/]] as const) {
    const { file } = await config({ tls: { 'key-file': tlsFile('leaf.key'), 'cert-file': tlsFile(cert) } });
    const r = await doctor([file]);
    assert.equal(r.exitCode, 1);
    const [c] = r.find('tls.expiry');
    assert.equal(c!.status, 'fail');
    assert.ok(c!.message.startsWith(`${tlsFile(cert)}: `), c!.message);
    assert.match(c!.message, why);
  }
});

test('doctor fails a key that is not the certificate\'s, naming both files', async () => {
  const { file } = await config({ tls: { 'key-file': tlsFile('other.key'), 'cert-file': tlsFile('leaf.pem') } });
  const r = await doctor([file]);
  assert.equal(r.exitCode, 1);
  const [c] = r.find('tls.key-match');
  assert.equal(c!.status, 'fail');
  assert.equal(c!.message, `${tlsFile('other.key')} is not the key of ${tlsFile('leaf.pem')} (CN=127.0.0.1)`);
});

test('doctor fails a chain out of order, a missing file, and admin TLS without DH parameters', async () => {
  const { file } = await config({ tls: { 'key-file': tlsFile('leaf.key'), 'cert-file': tlsFile('leaf.pem'), 'chain-file': tlsFile('chain-reversed.pem') }, adminTls: true });
  const r = await doctor([file]);
  assert.equal(r.exitCode, 1);
  assert.match(r.find('tls.chain')[0]!.message, /chain-reversed\.pem: out of order: the certificate CN=127\.0\.0\.1 comes 2nd, not first$/);
  assert.match(r.find('tls.dh')[0]!.message, /needs DH parameters .*"missing tls settings"/);
  const missing = await config({ tls: { 'key-file': join(TLS, 'nope.key'), 'cert-file': tlsFile('leaf.pem') } });
  const m = await doctor([missing.file]);
  assert.equal(m.find('tls.file')[0]!.message, `${join(TLS, 'nope.key')}: does not exist`);
  assert.equal(m.exitCode, 1);
});

test('doctor: a chain file without a cert file serves as the certificate; a certificate given as the key fails', async () => {
  const { file } = await config({ tls: { 'key-file': tlsFile('leaf.key'), 'chain-file': tlsFile('chain.pem') } });
  const r = await doctor([file]);
  assert.deepEqual(['tls.cert', 'tls.key-match', 'tls.expiry', 'tls.chain'].map((id) => r.find(id).map((c) => c.status)), [['ok'], ['ok'], ['ok'], ['ok']]);
  assert.equal(r.find('tls.cert')[0]!.setting, 'sip.tls.chain-file');
  const swapped = await config({ tls: { 'key-file': tlsFile('leaf.pem'), 'cert-file': tlsFile('leaf.pem') } });
  const bad = await doctor([swapped.file]);
  assert.equal(bad.exitCode, 1);
  assert.match(bad.find('tls.key')[0]!.message, /leaf\.pem: not a private key the server can load without a passphrase/);
});

test('doctor fails a TCP and a UDP SIP port the test holds open, naming this process as the holder', async () => {
  const tcp = createServer();
  await new Promise<void>((r) => tcp.listen(0, '127.0.0.1', r));
  const udp = createSocket('udp4');
  await new Promise<void>((r) => udp.bind(0, '127.0.0.1', r));
  try {
    const tport = (tcp.address() as AddressInfo).port;
    const uport = udp.address().port;
    for (const [contact, proto, port] of [[`sip:127.0.0.1:${tport};transport=tcp`, 'tcp', tport], [`sip:127.0.0.1:${uport};transport=udp`, 'udp', uport]] as const) {
      const { file } = await config({ contact });
      const r = await doctor([file]);
      assert.equal(r.exitCode, 1);
      const taken = r.find('port').filter((c) => c.status === 'fail');
      assert.equal(taken.length, 1, JSON.stringify(r.find('port')));
      assert.ok(taken[0]!.message.startsWith(`${proto} 127.0.0.1:${port} (SIP contact ${contact}) is in use by pid ${process.pid} (`), taken[0]!.message);
      assert.equal(taken[0]!.setting, 'sip.contacts.uri');
    }
  } finally {
    tcp.close();
    udp.close();
  }
});

test('doctor: a port held by a process named drachtio is ok, naming its pid (the server is running already)', async () => {
  // the kernel names a process after the file it was started from: node started as "drachtio"
  const bin = join(tempDir(), 'drachtio');
  symlinkSync(process.execPath, bin);
  const child = spawn(bin, ['-e', "const s = require('node:net').createServer().listen(0, '127.0.0.1', () => console.log(s.address().port))"], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const port = Number(await new Promise<string>((resolve) => child.stdout.once('data', (b: Buffer) => resolve(b.toString()))));
    const { file } = await config({ contact: `sip:127.0.0.1:${port};transport=tcp` });
    const r = await doctor([file]);
    const held = r.find('port').filter((c) => c.setting === 'sip.contacts.uri');
    assert.deepEqual(held.map((c) => [c.status, c.message]), [['ok', `tcp 127.0.0.1:${port} (SIP contact sip:127.0.0.1:${port};transport=tcp) is held by drachtio, pid ${child.pid}`]]);
  } finally {
    child.kill();
  }
});

test('doctor fails a missing log directory whose parent is missing too; warns when the server would create it', async () => {
  const dir = tempDir();
  const { file } = await config({ extra: '' });
  const text = readFileSync(file, 'utf8').replace(/<name>[^<]*<\/name>/, `<name>${join(dir, 'a/b/drachtio.log')}</name>`).replace(/<archive>[^<]*<\/archive>/, `<archive>${join(dir, 'c/d')}</archive>`);
  writeFileSync(file, text);
  const r = await doctor([file]);
  assert.equal(r.exitCode, 1);
  assert.deepEqual(r.find('log-dir').map((c) => [c.status, c.message]), [['fail', `log directory ${join(dir, 'a/b')} does not exist, nor does ${join(dir, 'a')}`]]);
  assert.deepEqual(r.find('archive-dir').map((c) => [c.status, c.message]), [['warn', `archive directory ${join(dir, 'c/d')} does not exist; the server creates it in ${dir}`]]);
});

const hasNobody = (() => {
  try {
    return /^nobody:/m.test(readFileSync('/etc/passwd', 'utf8'));
  } catch {
    return false;
  }
})();

/** Whether every directory above the temporary root lets other users through (a private TMPDIR does not). */
const othersReachTmp = (() => {
  for (let d = realpathSync(tmpdir()); ; d = dirname(d)) {
    if ((statSync(d).mode & 0o001) === 0) return false;
    if (d === dirname(d)) return true;
  }
})();

test('doctor --user: a log directory the service user cannot write fails; the config readable by it passes', { skip: skipUnless(hasNobody, 'needs a "nobody" user in /etc/passwd') || skipUnless(othersReachTmp, 'TMPDIR is private: other users cannot reach it') }, async () => {
  const { file, dir } = await config();
  chmodSync(join(dir, 'log'), 0o755);
  chmodSync(file, 0o644);
  // temporary directories are 0700: nobody cannot even reach the log directory
  const unreachable = await doctor([file, '--user', 'nobody']);
  assert.equal(unreachable.find('log-dir')[0]!.message, `log directory ${join(dir, 'log')} cannot be reached by nobody (no search permission on ${dir})`);
  for (const d of [dir, dirname(dir)]) chmodSync(d, 0o755);
  const r = await doctor([file, '--user', 'nobody']);
  assert.equal(r.exitCode, 1);
  assert.match(r.find('log-dir')[0]!.message, /^log directory .*\/log not writable by nobody \(mode 0755, owner \d+:\d+\)$/);
  assert.deepEqual(r.find('config').map((c) => c.status), ['ok']);
  chmodSync(file, 0o600);
  const hidden = await doctor([file, '--user', 'nobody']);
  assert.match(hidden.find('config')[0]!.message, /not readable by nobody \(mode 0600/);
  const unknown = await cli(['doctor', file, '--user', 'no-such-user-x']);
  assert.equal(unknown.exitCode, 2);
  assert.equal(unknown.stderr, 'drachtioctl: --user no-such-user-x: no such user in /etc/passwd\n');
});

test('doctor: a contact on an address of no interface fails; names resolve or fail; server arguments after -- replace file contacts', async () => {
  const { file } = await config({ contact: 'sip:192.0.2.7:5070;transport=tcp', extra: '<monitoring><prometheus port="0">127.0.0.1</prometheus></monitoring>' });
  writeFileSync(file, readFileSync(file, 'utf8').replace('</logging>', '<syslog><address>localhost</address></syslog></logging>'));
  const r = await doctor([file]);
  assert.equal(r.find('address')[0]!.message, 'sip:192.0.2.7:5070;transport=tcp: 192.0.2.7 is not assigned to any interface of this host');
  assert.equal(r.find('address')[0]!.status, 'fail');
  assert.match(r.find('name')[0]!.message, /^syslog server localhost resolves to /);
  const port = await closedPort();
  const overlaid = await doctor([file, '--', '--contact', `sip:127.0.0.1:${port};transport=tcp`]);
  const contacts = overlaid.find('port').filter((c) => c.setting === 'sip.contacts.uri');
  assert.deepEqual(contacts.map((c) => c.message), [`tcp 127.0.0.1:${port} (SIP contact sip:127.0.0.1:${port};transport=tcp) is free`]);
  assert.equal(contacts[0]!.origin, '--contact');
});

test('doctor: a name that does not resolve fails', async () => {
  const { file } = await config();
  writeFileSync(file, readFileSync(file, 'utf8').replace('</logging>', '<syslog><address>no-such-host.invalid</address></syslog></logging>'));
  const r = await doctor([file, '--dns-timeout', '1500']);
  assert.equal(r.exitCode, 1);
  assert.match(r.find('name')[0]!.message, /^syslog server no-such-host\.invalid (does not resolve|did not resolve within 1500 ms)/);
});

test('doctor: text output is one line per check and a summary; a missing file is exit 2 in one line', async () => {
  const { file } = await config();
  const r = await cli(['doctor', file]);
  assert.equal(r.exitCode, 0, r.stdout);
  const lines = r.stdout.trimEnd().split('\n');
  assert.match(lines.at(-1)!, /^\d+ ok, 0 warnings, 0 failures$/);
  assert.ok(lines.slice(0, -1).every((l) => /^ok {4}\S+ +\S/.test(l)), r.stdout);
  const missing = await cli(['doctor', join(tempDir(), 'none.xml')]);
  assert.equal(missing.exitCode, 2);
  assert.equal(missing.stderr.split('\n').length, 2, missing.stderr);
  const broken = join(tempDir(), 'broken.xml');
  writeFileSync(broken, '<drachtio>\n  <admin port="9022">127.0.0.1\n</drachtio>\n');
  const bad = await cli(['doctor', broken]);
  assert.equal(bad.exitCode, 2);
  assert.ok(bad.stderr.startsWith(`drachtioctl: ${broken}:`), bad.stderr);
  assert.match(bad.stderr, /:\d+:\d+: not well-formed XML: .+\n$/);
});

test('doctor warns about a certificate with under 30 days left', { skip: needsTool('openssl', 'openssl') }, async () => {
  const dir = tempDir();
  const [key, cert] = [join(dir, 'k.pem'), join(dir, 'c.pem')];
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-subj', '/CN=soon', '-days', '10'], { stdio: 'ignore' });
  const { file } = await config({ tls: { 'key-file': key, 'cert-file': cert } });
  const r = await doctor([file]);
  assert.equal(r.exitCode, 0);
  assert.deepEqual(r.find('tls.expiry').map((c) => c.status), ['warn']);
  assert.match(r.find('tls.expiry')[0]!.message, /\((9|10) days left\)$/);
});

test('the local-net the server derives is compared with the interface network (SipTransport::addTransports)', () => {
  assert.equal(derivedLocalNet('10.1.2.3'), '10.0.0.0/8');
  assert.equal(derivedLocalNet('192.168.0.9'), '192.168.0.0/24');
  assert.equal(derivedLocalNet('192.168.1.9'), undefined);
  assert.equal(derivedLocalNet('172.16.5.5'), '172.16.0.0/16');
  assert.equal(derivedLocalNet('172.17.0.2'), undefined);
  const xml = doc('<sip><contacts><contact>sip:10.1.2.3</contact><contact local-net="10.1.2.0/24">sip:10.1.2.3:5070</contact></contacts></sip>');
  const d: DoctorConfig = { config: parseXml(xml, 'd.xml').config, path: 'd.xml', baseDir: '.', originOf: () => undefined };
  const eth0 = { address: '10.1.2.3', netmask: '255.255.255.0', family: 'IPv4' as const, mac: '00:00:00:00:00:00', internal: false, cidr: '10.1.2.3/24' };
  const checks = addressChecks(d, { eth0: [eth0] }).filter((c) => c.id === 'local-net');
  assert.deepEqual(checks.map((c) => [c.status, c.message]), [
    ['warn', 'sip:10.1.2.3: the server derives local-net 10.0.0.0/8 but eth0 is on 10.1.2.0/24: set local-net="10.1.2.0/24"'],
    ['ok', 'sip:10.1.2.3:5070: local-net 10.1.2.0/24, the network of eth0'],
  ]);
});
