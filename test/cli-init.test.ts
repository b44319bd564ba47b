import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { execa } from 'execa';
import { PRESET_NAMES, type PresetName } from '../src/init/presets.js';
import { parseXml } from '../src/model/parse.js';
import { renderXml } from '../src/xml/render.js';
import { parse as parseYaml } from 'yaml';
import { assertComposeSpec, assertNoPlaceholder, exposureOf } from './deploy-checks.js';
import { cli, needsTool, tempDir } from './helpers.js';

const TLS = ['--tls-key', '/etc/drachtio/key.pem', '--tls-cert', '/etc/drachtio/cert.pem', '--tls-dh-param', '/etc/drachtio/dh.pem'];

/** The flags each preset cannot do without. */
const NEEDS: Record<PresetName, string[]> = {
  inbound: [],
  outbound: ['--request-handler', 'https://router.example.com/route'],
  proxy: [],
  webrtc: TLS,
  'behind-nat': ['--external-ip', '203.0.113.7'],
};

/** CI runs with no stdin at all: init must never wait for one. */
const init = (args: readonly string[]) => cli(['init', ...args], { stdin: 'ignore' });

async function assertValidatesClean(path: string) {
  const r = await cli(['validate', '--json', path]);
  assert.equal(r.exitCode, 0, r.stdout + r.stderr);
  assert.deepEqual(JSON.parse(r.stdout).files[0].diagnostics, []);
}

describe('drachtioctl init --yes (subprocess)', () => {
  for (const preset of PRESET_NAMES) {
    it(`--preset ${preset} writes a canonical 0600 file that validates with no finding`, async () => {
      const path = join(tempDir(), 'drachtio.conf.xml');
      const r = await init(['--yes', '--preset', preset, ...NEEDS[preset], '-o', path]);
      assert.equal(r.exitCode, 0, r.stderr);
      assert.equal(statSync(path).mode & 0o777, 0o600);
      await assertValidatesClean(path);
      const text = readFileSync(path, 'utf8');
      assert.equal(renderXml(parseXml(text, path).config), text);
      assert.match(text, /secret="[A-Za-z0-9_-]{32}"/);
      assert.match(r.stdout, /Next steps:\n {2}1\. drachtioctl validate .*\n(.*\n)* {2}\d\. drachtio -f /);
    });
  }

  for (const preset of PRESET_NAMES.filter((p) => NEEDS[p].length > 0)) {
    it(`--preset ${preset} without its required flags exits 2 naming them, and writes nothing`, async () => {
      const dir = tempDir();
      const r = await init(['--yes', '--preset', preset, '-o', join(dir, 'x.xml')]);
      assert.equal(r.exitCode, 2);
      const named = NEEDS[preset].filter((f) => f.startsWith('--'));
      assert.match(r.stderr, new RegExp(`^drachtioctl: missing answers: pass ${named.map((f) => `${f} <[^>]+>`).join(' ')}\n$`));
      assert.equal(existsSync(join(dir, 'x.xml')), false);
    });
  }

  const combos: [string, string[], RegExp][] = [
    ['admin on 0.0.0.0 gets TLS only', ['--admin-address', '0.0.0.0', ...TLS], /<admin port="0" tls-port="9023" secret="[^"]+">0\.0\.0\.0<\/admin>/],
    ['every transport', ['--transports', 'udp,tcp,tls,ws,wss', ...TLS], /sip:\*:5061;transport=tls<\/contact>\n.*sip:\*:8080;transport=ws<\/contact>\n.*sips:\*:8443;transport=wss/],
    ['an IPv6 listen address', ['--sip-address', '2001:db8::5', '--transports', 'tcp'], /<contact>sip:\[2001:db8::5\]:5060;transport=tcp<\/contact>/],
    ['syslog, homer and prometheus', ['--log', 'syslog', '--syslog-address', 'logs.example.com', '--homer-address', '10.0.0.9', '--prometheus-port', '9090', '--cdrs'], /<prometheus port="9090">127\.0\.0\.1<\/prometheus>/],
    // notice, not debug: init refuses debug, at which the server logs every presented secret (secret-logged)
    ['file logging and a proxy', ['--shape', 'proxy', '--no-reject-register-with-no-realm', '--log', 'file', '--log-file', '/srv/log/d.log', '--loglevel', 'notice'], /<archive>\/srv\/log\/archive<\/archive>/],
    ['a given secret', ['--secret', 'x'.repeat(40)], new RegExp(`secret="${'x'.repeat(40)}"`)],
  ];
  for (const [what, flags, expected] of combos) {
    it(`writes ${what}, validating with no finding`, async () => {
      const path = join(tempDir(), 'drachtio.conf.xml');
      const r = await init(['--yes', ...flags, '-o', path]);
      assert.equal(r.exitCode, 0, r.stderr);
      assert.match(readFileSync(path, 'utf8'), expected);
      await assertValidatesClean(path);
    });
  }

  it('refuses to run without a terminal unless --yes, listing what is still needed', async () => {
    const dir = tempDir();
    const plain = await init(['-o', join(dir, 'a.xml')]);
    assert.equal(plain.exitCode, 2);
    assert.equal(plain.stderr, 'drachtioctl: stdin is not a terminal, so init cannot ask its questions: pass --yes to take the remaining answers from the preset and defaults\n');
    const webrtc = await init(['--preset', 'webrtc', '-o', join(dir, 'a.xml')]);
    assert.equal(webrtc.exitCode, 2);
    assert.match(webrtc.stderr, /pass --yes and --tls-key <path> --tls-cert <path> --tls-dh-param <path>\n$/);
    assert.equal(existsSync(join(dir, 'a.xml')), false);
  });

  it('never replaces a file without --force; with it, replaces it atomically, keeping its mode less world access', async () => {
    const path = join(tempDir(), 'drachtio.conf.xml');
    writeFileSync(path, 'mine', { mode: 0o644 });
    const refused = await init(['--yes', '-o', path]);
    assert.equal(refused.exitCode, 2);
    assert.equal(refused.stderr, `drachtioctl: ${path}: already exists (use --force to replace it)\n`);
    assert.equal(readFileSync(path, 'utf8'), 'mine');
    const forced = await init(['--yes', '--force', '-o', path]);
    assert.equal(forced.exitCode, 0, forced.stderr);
    assert.match(readFileSync(path, 'utf8'), /^<\?xml/);
    // the operator's group access stays (a service account may read it); the world's goes, as the file holds the secret
    assert.equal(statSync(path).mode & 0o777, 0o640);
  });

  it('--dry-run prints the file with the secret masked, unless --show-secrets, and writes nothing', async () => {
    const dir = tempDir();
    const path = join(dir, 'drachtio.conf.xml');
    const masked = await init(['--yes', '--dry-run', '-o', path]);
    assert.equal(masked.exitCode, 0, masked.stderr);
    assert.match(masked.stdout, /^<\?xml .*\n<drachtio>\n(.*\n)*.*<admin port="9022" secret="\*{8}">127\.0\.0\.1<\/admin>\n(.*\n)*<\/drachtio>\n$/);
    assert.equal(masked.stderr, `drachtioctl: dry run: nothing was written to ${path}\n`);
    const shown = await init(['--yes', '--dry-run', '--show-secrets', '-o', path]);
    assert.match(shown.stdout, /secret="[A-Za-z0-9_-]{32}"/);
    assert.equal(existsSync(path), false);
  });

  it('emits the documented --json shape, secret masked', async () => {
    const path = join(tempDir(), 'drachtio.conf.xml');
    const r = await init(['--yes', '--preset', 'proxy', '--json', '-o', path]);
    assert.equal(r.exitCode, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(out), ['path', 'written', 'preset', 'settings', 'nextSteps']);
    assert.equal(out.path, path);
    assert.equal(out.written, true);
    assert.equal(out.preset, 'proxy');
    assert.equal(out.settings['admin.secret'], '********');
    assert.equal(out.settings['sip.reject-register-with-no-realm'], 'true');
    assert.deepEqual(out.settings['sip.contacts'], [{ uri: 'sip:*:5060;transport=udp,tcp' }]);
    assert.equal(out.nextSteps[0], `drachtioctl validate ${path}`);
    const dry = JSON.parse((await init(['--yes', '--json', '--dry-run', '-o', join(tempDir(), 'x.xml')])).stdout);
    assert.equal(dry.written, false);
    assert.match(dry.xml, /secret="\*{8}"/);
  });

  it('--with env,systemd,compose writes files that reference each other, that their tools accept and the service user can read', { skip: needsTool('systemd-analyze', 'systemd') || needsTool('docker-compose', 'docker-compose') }, async () => {
    const dir = tempDir();
    const path = join(dir, 'drachtio.conf.xml');
    const env = join(dir, 'drachtio.env');
    const r = await init(['--yes', '--preset', 'webrtc', ...TLS, '--with', 'env,systemd,compose', '--json', '-o', path]);
    assert.equal(r.exitCode, 0, r.stderr);
    const unitPath = join(dir, 'drachtio.service');
    const unit = readFileSync(unitPath, 'utf8');
    assert.match(unit, new RegExp(`^ExecStart=/usr/local/bin/drachtio -f ${path}$`, 'm'));
    assert.match(unit, new RegExp(`^EnvironmentFile=${env}$`, 'm'));
    assert.match(unit, /^User=drachtio$/m);
    assert.ok((await exposureOf(unitPath)) <= 2.0);
    const compose = await execa('docker-compose', ['config'], { cwd: dir, reject: false });
    assert.equal(compose.exitCode, 0, String(compose.stderr));
    const service = parseYaml(String(compose.stdout)).services.drachtio;
    // docker-compose read the env file the compose file names: the real secret, the one in the XML
    const secret = /secret="([^"]+)"/.exec(readFileSync(path, 'utf8'))![1];
    assert.equal(service.environment.DRACHTIO_SECRET, secret);
    assert.match(String(compose.stdout), new RegExp(`${path}:/etc/drachtio/drachtio.conf.xml:ro`));
    assert.match(String(compose.stdout), /\/etc\/drachtio\/key\.pem:\/etc\/drachtio\/key\.pem:ro/, 'the TLS files are mounted');
    const composeText = readFileSync(join(dir, 'docker-compose.yml'), 'utf8');
    assertComposeSpec(parseYaml(composeText));
    assertNoPlaceholder(unit, composeText, readFileSync(env, 'utf8'), readFileSync(path, 'utf8'));
    // the unit runs as drachtio: root and drachtio's group may read the secret, nobody else
    const gid = Number(/^drachtio:[^:]*:(\d+):/m.exec(readFileSync('/etc/group', 'utf8'))?.[1] ?? NaN);
    const root = process.getuid?.() === 0;
    for (const f of [path, env]) {
      assert.equal(statSync(f).mode & 0o777, 0o640, f);
      if (root && Number.isInteger(gid)) assert.deepEqual([statSync(f).uid, statSync(f).gid], [0, gid], f);
    }
    const steps = JSON.parse(r.stdout).nextSteps as string[];
    if (!root || !Number.isInteger(gid)) assert.ok(steps.includes(`chown root:drachtio ${path} ${env} && chmod 0640 ${path} ${env}`), steps.join('\n'));
  });

  it('--with compose alone keeps the config 0600 (the container reads it as root)', async () => {
    const dir = tempDir();
    const path = join(dir, 'drachtio.conf.xml');
    assert.equal((await init(['--yes', '--with', 'compose', '-o', path])).exitCode, 0);
    assert.equal(statSync(path).mode & 0o777, 0o600);
    const compose = parseYaml(readFileSync(join(dir, 'docker-compose.yml'), 'utf8'));
    assertComposeSpec(compose);
    assert.equal(compose.services.drachtio.env_file, undefined, 'the XML holds the secret');
  });

  it('--with env writes drachtio.env (mode 0600) that resolves to the same admin settings as the file', async () => {
    const dir = tempDir();
    const path = join(dir, 'drachtio.conf.xml');
    assert.equal((await init(['--yes', '--with', 'env', '-o', path])).exitCode, 0);
    const env = join(dir, 'drachtio.env');
    assert.equal(statSync(env).mode & 0o777, 0o600);
    assert.match(readFileSync(env, 'utf8'), /^DRACHTIO_SECRET=\S{32}$/m);
    const fromFile = JSON.parse((await cli(['resolve', '--json', '--show-secrets', '--file', path])).stdout).settings;
    const fromEnv = JSON.parse((await cli(['resolve', '--json', '--show-secrets', '--env-file', env, '--file', path])).stdout).settings;
    for (const id of ['admin.secret', 'admin.port', 'admin.address']) {
      assert.equal(fromEnv[id].value, fromFile[id].value, id);
      assert.equal(fromEnv[id].source, 'env', id);
    }
  });

  it('--with an unknown output is a usage error before anything is written', async () => {
    const path = join(tempDir(), 'drachtio.conf.xml');
    const r = await init(['--yes', '--with', 'helm', '-o', path]);
    assert.equal(r.exitCode, 2);
    assert.equal(r.stderr, 'drachtioctl: --with helm: choose from env, systemd, compose\n');
    assert.equal(existsSync(path), false);
  });

  const rejected: [string[], RegExp][] = [
    [['--admin-address', 'localhost'], /--admin-address "localhost": "localhost" is not an IP address literal/],
    [['--admin-address', '0.0.0.0', '--admin-tls-port', '0', ...TLS], /--admin-tls-port "0": an admin address other than loopback needs TLS/],
    [['--admin-address', '0.0.0.0', '--admin-port', '9022', ...TLS], /--admin-port "9022": plain TCP on every interface \(0\.0\.0\.0\) sends the secret/],
    // the admin default now skips a port SIP took (issue 14), so the clash must be asked for
    [['--sip-port', '9022', '--admin-port', '9022'], /--admin-port "9022": port 9022 is used twice \(the admin port and SIP contact sip:\*:9022;transport=udp,tcp\)/],
    [['--prometheus-port', '5060'], /--prometheus-port "5060": port 5060 is used twice \(the Prometheus port and SIP contact sip:\*:5060;transport=udp,tcp\)/],
    [['--sip-address', 'sip.example.com'], /is not an IP address literal/],
    [['--external-ip', '203.0.113.7'], /--external-ip does not apply/],
    [['--behind-nat', '--external-ip', '2001:db8::1'], /--external-ip "2001:db8::1": .* not an IPv4 address literal/],
    [['--behind-nat', '--external-ip', '203.0.113.7', '--local-net', '10.0.0.0'], /--local-net "10\.0\.0\.0": .* not an IPv4 network/],
    [['--transports', 'udp,udp'], /a transport is listed twice/],
    [['--sofia-loglevel', '12'], /--sofia-loglevel "12": 12 is out of range: allowed is 0 to 9/],
    [['--admin-port', '+9022'], /is not a whole number/],
    [['--transports', 'tls', '--tls-key', 'key.pem', '--tls-cert', '/c', '--tls-dh-param', '/d'], /--tls-key "key\.pem": give an absolute path/],
    [['--secret', 'admin'], /^drachtioctl: --secret \*{8}: use at least 32 characters/],
    [['--shape', 'outbound', '--request-handler', 'http://r.example.com/'], /use an https:\/\/ URL/],
  ];
  for (const [flags, message] of rejected) {
    it(`rejects ${flags.join(' ')} with exit 2 and one line`, async () => {
      const dir = tempDir();
      const r = await init(['--yes', ...flags, '-o', join(dir, 'x.xml')]);
      assert.equal(r.exitCode, 2);
      assert.match(r.stderr, message);
      assert.equal(r.stderr.split('\n').length, 2, r.stderr);
      assert.equal(existsSync(join(dir, 'x.xml')), false);
    });
  }
});
