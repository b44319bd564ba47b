import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseXml } from '../src/model/parse.js';
import { resolve } from '../src/resolve/index.js';
import { readArgs } from '../src/sources/cli.js';
import { readEnv } from '../src/sources/env.js';
import { parseEnvFile } from '../src/sources/envfile.js';
import { readCommandLine } from '../src/deploy/index.js';
import { getopt } from '../src/sources/argv.js';

const argsOfCommandLine = (text: string) => readCommandLine(text).args.map((w) => w.text);
import { doc } from './helpers.js';

/** One case: file + env + args → the effective configuration. */
function run(inner: string | null, env: Record<string, string> = {}, args: string[] = [], admin?: string) {
  const vars = new Map(Object.entries(env).map(([k, v]) => [k, { value: v, origin: k }]));
  const file = inner === null ? undefined : parseXml(admin === undefined ? doc(inner) : doc(inner, admin), 'd.xml');
  return resolve({ ...(file && { file }), env: readEnv(vars), cli: readArgs(args) });
}
const value = (r: ReturnType<typeof run>, id: string) => r.settings[id]?.value;

test('controller.cpp run:1131-1135 — a non-empty --secret beats DRACHTIO_SECRET beats the file; empty DRACHTIO_SECRET leaves the file', () => {
  const r = run('', { DRACHTIO_SECRET: 'envsecret' }, ['--secret', 'clisecret']);
  assert.equal(value(r, 'admin.secret'), 'clisecret');
  assert.deepEqual(r.settings['admin.secret']!.overridden.map((o) => o.source), ['env', 'file']);
  assert.equal(value(run('', { DRACHTIO_SECRET: '' }), 'admin.secret'), 'a-long-and-random-secret-9f2c');
});

test('getEnv:790 — DRACHTIO_ADMIN_TCP_PORT=0 is ignored; parseCmdArgs -p 0 overwrites the env value and run() then uses the file', () => {
  assert.equal(value(run('', { DRACHTIO_ADMIN_TCP_PORT: '0' }), 'admin.port'), 9022);
  const r = run('', { DRACHTIO_ADMIN_TCP_PORT: '7000' }, ['-p', '0']);
  assert.equal(value(r, 'admin.port'), 9022);
  assert.equal(r.settings['admin.port']!.source, 'file');
  assert.equal(value(run('', { DRACHTIO_ADMIN_TCP_PORT: '7000' }), 'admin.port'), 7000);
});

test('run:1296-1298 — --tcp-keepalive-interval 65535 means "use the file"; 0 disables; DRACHTIO_TCP_KEEPALIVE_INTERVAL=abc is atoi 0 and disables', () => {
  const inner = '';
  const admin = '<admin tcp-keepalive="30">127.0.0.1</admin>';
  assert.equal(value(run(inner, {}, ['--tcp-keepalive-interval', '65535'], admin), 'admin.tcp-keepalive'), 30);
  assert.equal(value(run(inner, {}, ['--tcp-keepalive-interval', '0'], admin), 'admin.tcp-keepalive'), 0);
  assert.equal(value(run(inner, { DRACHTIO_TCP_KEEPALIVE_INTERVAL: 'abc' }, [], admin), 'admin.tcp-keepalive'), 0);
});

test('installConfig/addRoute — the env http handler beats the CLI handler (first insert wins), and both replace file handlers', () => {
  const r = run('<request-handlers><request-handler sip-method="INVITE">http://file</request-handler></request-handlers>', { DRACHTIO_HTTP_HANDLER_URI: 'http://env' }, ['--http-handler', 'http://cli', '--http-method', 'post']);
  assert.deepEqual(value(r, 'request-handlers'), [{ 'sip-method': '*', 'http-method': 'GET', 'verify-peer': true, url: 'http://env' }]);
  assert.deepEqual(r.settings['request-handlers']!.overridden.map((o) => o.source), ['cli', 'file']);
  const cli = run('', {}, ['--http-handler', 'http://cli', '-m', 'Post']);
  assert.deepEqual(value(cli, 'request-handlers'), [{ 'sip-method': '*', 'http-method': 'POST', 'verify-peer': true, url: 'http://cli' }]);
});

test('Impl::Impl + RequestRouter::addRoute — in the file the first handler for a method wins', () => {
  const r = run('<request-handlers><request-handler sip-method="invite">http://a</request-handler><request-handler sip-method="INVITE">http://b</request-handler></request-handlers>');
  // each route as the server uses it: GET without http-method, the peer always verified (RequestHandler::startRequest)
  assert.deepEqual(value(r, 'request-handlers'), [{ 'sip-method': 'INVITE', 'http-method': 'GET', 'verify-peer': true, url: 'http://a' }]);
});

test('run:1153-1158 — file booleans cannot be switched off: aggressive NAT and reject-register are OR-ed', () => {
  const r = run('<sip><aggressive-nat-detection>yes</aggressive-nat-detection><reject-register-with-no-realm>true</reject-register-with-no-realm></sip>', { DRACHTIO_AGRESSIVE_NAT_DETECTION: '0' });
  assert.equal(value(r, 'sip.aggressive-nat-detection'), true);
  assert.equal(value(r, 'sip.reject-register-with-no-realm'), true);
  assert.equal(value(run('', { DRACHTIO_AGRESSIVE_NAT_DETECTION: '1' }), 'sip.aggressive-nat-detection'), true);
  assert.equal(value(run('<sip><aggressive-nat-detection>Yes</aggressive-nat-detection></sip>'), 'sip.aggressive-nat-detection'), false);
});

test('run:1139-1146 — any --contact replaces every file contact; none anywhere gives sip:*;transport=udp,tcp', () => {
  const file = '<sip><contacts><contact>sip:10.0.0.1</contact><contact>sip:10.0.0.2</contact></contacts></sip>';
  assert.deepEqual(value(run(file, {}, ['-c', 'sip:1.1.1.1']), 'sip.contacts'), [{ uri: 'sip:1.1.1.1' }]);
  assert.deepEqual(value(run(''), 'sip.contacts'), [{ uri: 'sip:*;transport=udp,tcp' }]);
});

test('Impl::Impl:80-85 — a legacy <sip><contact> hides <contacts>', () => {
  const r = run('<sip><contact>sip:9.9.9.9</contact><contacts><contact>sip:10.0.0.1</contact></contacts></sip>');
  assert.deepEqual(value(r, 'sip.contacts'), [{ uri: 'sip:9.9.9.9' }]);
});

test('parseCmdArgs:568-600,719-723 — --external-ip/--local-net attach to the preceding --contact; every --dns-name goes to the last contact', () => {
  const r = run('', {}, ['--dns-name', 'a.example', '--contact', 'sip:1.1.1.1', '-x', '5.5.5.5', '--contact', 'sip:2.2.2.2', '-n', '10.0.0.0/8', '--dns-name', 'b.example']);
  assert.deepEqual(value(r, 'sip.contacts'), [
    { uri: 'sip:1.1.1.1', 'external-ip': '5.5.5.5' },
    { uri: 'sip:2.2.2.2', 'local-net': '10.0.0.0/8', 'dns-names': ['a.example', 'b.example'] },
  ]);
});

test('parseCmdArgs:580-600 — --external-ip without a contact, or twice, exits 255 (usage)', () => {
  assert.equal(run('', {}, ['--external-ip', '1.2.3.4']).startup.exitCode, 255);
  assert.equal(run('', {}, ['-c', 'sip:1.1.1.1', '-x', '1.1.1.1', '-x', '2.2.2.2']).startup.exitCode, 255);
});

test('SipTransport (source notes §3) and main() (§6) — CLI contact errors throw runtime_error: main() exits 0, not 255; the same contact in the file exits 255', () => {
  const cli = run('', {}, ['--contact', 'udp:10.0.0.1']);
  assert.deepEqual([cli.startup.ok, cli.startup.exitCode], [false, 0]);
  assert.equal(run('', {}, ['-c', 'sip:1.1.1.1', '-x', 'host.example']).startup.exitCode, 0);
  const file = run('<sip><contacts><contact>udp:10.0.0.1</contact></contacts></sip>');
  assert.equal(file.startup.exitCode, 255);
});

test('parseCmdArgs:612-640 and getEnv — homer: CLI port defaults to 9060, env without DRACHTIO_HOMER_PORT uses port 0, always HEP 3; file element ignored whole', () => {
  const file = '<sip><capture-server port="9999" id="7" hep-version="2">10.9.9.9</capture-server></sip>';
  const cli = run(file, {}, ['--homer', '10.0.0.5', '--homer-id', '5']);
  assert.deepEqual(['address', 'port', 'id', 'hep-version'].map((k) => value(cli, `sip.capture-server.${k}`)), ['10.0.0.5', 9060, 5, 3]);
  const env = run(file, { DRACHTIO_HOMER_ADDRESS: '10.0.0.6', DRACHTIO_HOMER_ID: '6' });
  assert.equal(value(env, 'sip.capture-server.port'), 0);
  assert.ok(env.warnings.some((w) => w.includes('port 0')));
});

test('parseCmdArgs:704-707 — a homer address (CLI or env) without an id exits 255; --homer-id 0 exits 255; --homer host:abc aborts', () => {
  assert.equal(run('', { DRACHTIO_HOMER_ADDRESS: '10.0.0.6' }).startup.exitCode, 255);
  assert.equal(run('', {}, ['--homer', 'h', '--homer-id', '0']).startup.exitCode, 255);
  const abort = run('', {}, ['--homer', 'h:abc', '--homer-id', '1']);
  assert.deepEqual([abort.startup.exitCode, abort.startup.abort], [134, true]);
  assert.equal(run('', {}, ['--homer', 'a:b:c', '--homer-id', '1']).startup.exitCode, 255);
});

test('parseCmdArgs:642-653 / run:1281 — --prometheus-scrape-port replaces <prometheus> whole; "abc" aborts (lexical_cast)', () => {
  const r = run('<monitoring><prometheus port="9090">10.0.0.1</prometheus></monitoring>', {}, ['--prometheus-scrape-port', '9100']);
  assert.deepEqual([value(r, 'monitoring.prometheus.port'), value(r, 'monitoring.prometheus.address')], [9100, '0.0.0.0']);
  assert.equal(run('', {}, ['--prometheus-scrape-port', 'abc']).startup.exitCode, 134);
  assert.equal(run('', { DRACHTIO_PROMETHEUS_SCRAPE_PORT: '[::1]:9090' }).startup.abort, true);
});

test('run:1257-1265 — the file <blacklist> block wipes a CLI/env redis password; a CLI/env address makes refresh default 300', () => {
  const file = '<sip><blacklist><redis-address>10.0.0.9</redis-address><redis-key>bl</redis-key><redis-password>filepw</redis-password></blacklist></sip>';
  const wiped = run(file, { DRACHTIO_BLACKLIST_REDIS_PASSWORD: 'envpw' });
  assert.equal(value(wiped, 'sip.blacklist.redis-password'), '');
  assert.equal(value(wiped, 'sip.blacklist.refresh-secs'), 3600);
  const own = run(file, { DRACHTIO_BLACKLIST_REDIS_PASSWORD: 'envpw' }, ['--blacklist-redis-address', 'r2', '--blacklist-redis-key', 'k']);
  assert.deepEqual(['redis-address', 'redis-password', 'redis-port', 'refresh-secs'].map((k) => value(own, `sip.blacklist.${k}`)), ['r2', 'envpw', 6379, 300]);
  assert.equal(run('', { DRACHTIO_BLACKLIST_REDIS_PORT: 'x' }).startup.abort, true);
});

test('parseCmdArgs:534-561, getEnv:823-832 — invalid --loglevel and --sofia-loglevel 10 exit 255; invalid env values are ignored', () => {
  assert.equal(run('', {}, ['--loglevel', 'verbose']).startup.exitCode, 255);
  assert.equal(run('', {}, ['--sofia-loglevel', '10']).startup.exitCode, 255);
  const env = run('<logging><loglevel>debug</loglevel><sofia-loglevel>4</sofia-loglevel></logging>', { DRACHTIO_LOGLEVEL: 'verbose', DRACHTIO_SOFIA_LOGLEVEL: '0' });
  assert.deepEqual([value(env, 'logging.loglevel'), value(env, 'logging.sofia-loglevel')], ['debug', 4]);
  assert.equal(value(run('<logging><sofia-loglevel>4</sofia-loglevel></logging>', {}, ['--sofia-loglevel', '0']), 'logging.sofia-loglevel'), 0);
});

test('run:1173 — min TLS: CLI/env >= 1.0 wins, else the file value only above 1.0', () => {
  const file = '<sip><tls><min-tls-version>1.2</min-tls-version></tls></sip>';
  assert.equal(value(run(file, {}, ['--min-tls-version', '1.1']), 'sip.tls.min-tls-version'), 1.1);
  assert.equal(value(run(file, { DRACHTIO_MIN_TLS_VERSION: '1.5' }), 'sip.tls.min-tls-version'), 1.2);
  assert.equal(value(run('<sip><tls><min-tls-version>1.0</min-tls-version></tls></sip>'), 'sip.tls.min-tls-version'), undefined);
});

test('initializeLogging:998 / Impl::Impl — console logging is on without <file>/<syslog>, or with --noconfig', () => {
  assert.equal(value(run(''), 'logging.console'), true);
  assert.equal(value(run('<logging><syslog><address>1.2.3.4</address></syslog></logging>'), 'logging.console'), false);
  assert.equal(value(run('<logging><syslog><address>1.2.3.4</address></syslog></logging>', {}, ['--noconfig']), 'logging.console'), true);
});

test('run:1190-1194, ClientController — tls-port without TLS files and a hostname admin address stop with exit 0; flags can supply the files', () => {
  assert.deepEqual([run('', {}, ['--tls-port', '9023']).startup.exitCode, run('', {}, ['--tls-port', '9023']).startup.ok], [0, false]);
  assert.equal(run('', {}, ['--tls-port', '9023', '-A', 'k', '-B', 'c', '-G', 'dh']).startup.ok, true);
  assert.equal(run('', {}, ['--address', 'localhost']).startup.exitCode, 0);
  assert.equal(run('', { DRACHTIO_ADMIN_ADDRESS: '10.0.0.1' }).settings['admin.address']!.value, '10.0.0.1');
});

test('DrachtioController ctor:309 — <admin> missing exits 255 even when --address is given', () => {
  const r = resolve({ file: parseXml('<drachtio><sip/></drachtio>', 'd.xml'), cli: readArgs(['--address', '127.0.0.1']) });
  assert.equal(r.startup.exitCode, 255);
  assert.match(r.startup.errors[0]!.origin, /^d\.xml:1:/);
});

test('parseCmdArgs:460,687 — --user-agent-options-auto-respond VALUE crashes; -i aborts; -h and -v exit 0', () => {
  assert.equal(run('', {}, ['--user-agent-options-auto-respond', 'x']).startup.abort, true);
  assert.equal(run('', {}, ['-i', 'x']).startup.exitCode, 134);
  assert.equal(run('', {}, ['-h']).startup.exitCode, 0);
  assert.equal(run('', {}, ['--version']).startup.ok, false);
});

test('getopt_long — prefixes, --opt=value, clustered shorts, -d/-s are not short options, unknown options and operands are skipped', () => {
  const r = run('', {}, ['--sec=abc', '--tcp-keep', '10', '-Ip9000', '-d', 'x', '-s', '3', 'stray', '--bogus']);
  assert.equal(value(r, 'admin.secret'), 'abc');
  assert.equal(value(r, 'admin.tcp-keepalive'), 10);
  assert.equal(value(r, 'admin.port'), 9000);
  assert.equal(value(r, 'sip.aggressive-nat-detection'), true);
  assert.equal(value(r, 'logging.sofia-loglevel'), 1);
  assert.equal(r.warnings.filter((w) => /invalid option|unrecognized|not an option/.test(w)).length, 6);
  assert.ok(getopt(['--ho', 'x']).some((e) => e.kind === 'error' && e.message.includes('ambiguous')));
  assert.ok(getopt(['--daemon=yes']).some((e) => e.kind === 'error'));
});

test('readCommandLine — ExecStart= lines and docker run keep only the server arguments', () => {
  assert.deepEqual(argsOfCommandLine('ExecStart=-/usr/local/bin/drachtio --contact "sip:*;transport=udp" -p 9022'), ['--contact', 'sip:*;transport=udp', '-p', '9022']);
  assert.deepEqual(argsOfCommandLine("docker run --rm -e X=1 drachtio/drachtio-server:0.9.10 drachtio --loglevel 'debug'"), ['--loglevel', 'debug']);
});

test('env files: docker takes values literally, systemd strips quotes, dotenv handles quotes and comments; errors name file:line', () => {
  const text = 'A="x y"\nexport B=\'q\'\n# c\nC=v # note\n';
  assert.deepEqual(parseEnvFile(text, 'f', 'dotenv').map((e) => e.value), ['x y', 'q', 'v']);
  assert.deepEqual(parseEnvFile('A="x y"\nC=v  \n', 'f', 'docker').map((e) => e.value), ['"x y"', 'v  ']);
  assert.deepEqual(parseEnvFile('A="x \\"y\\""\n; c\nB=v  \n', 'f', 'systemd').map((e) => e.value), ['x "y"', 'v']);
  assert.throws(() => parseEnvFile('A=1\nB C=2\n', 'prod.env', 'dotenv'), (e: Error) => e.toString().startsWith('prod.env:2:'));
  assert.throws(() => parseEnvFile('A=$HOME\n', 'x.sh', 'shell'), /expansion/);
});
