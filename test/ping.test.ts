import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, test } from 'node:test';
import fc from 'fast-check';
import { FrameReader, encodeFrame } from '../src/ping/frame.js';
import { summariseMetrics } from '../src/ping/prometheus.js';
import { adminEndpoint } from '../src/ping/target.js';
import { parseXml } from '../src/model/parse.js';
import { closedPort, standIn, type StandIn, type StandInOptions } from './admin-stand-in.js';
import { ROOT, cli, doc, tempDir } from './helpers.js';

const TLS_DIR = join(ROOT, 'test/fixtures/tls');
const fixture = (name: string) => readFileSync(join(TLS_DIR, name));
const SECRET = 'pïng-secret-9f2c';
const running: StandIn[] = [];
after(() => Promise.all(running.map((s) => s.close())));

async function server(o: Partial<StandInOptions> = {}) {
  const s = await standIn({ secret: SECRET, hostports: ['udp/10.0.0.1:5060', 'tcp/10.0.0.1:5060'], localHostports: ['udp/127.0.0.1:5060'], ...o });
  running.push(s);
  return s;
}

const ping = (args: string[]) => cli(['ping', '--host', '127.0.0.1', ...args]);
const noSecret = (r: { stdout: string; stderr: string }) => {
  assert.ok(!r.stdout.includes(SECRET) && !r.stderr.includes(SECRET), 'the secret is never printed');
};

test('frames: a length counts UTF-8 bytes; any split (inside the length, inside a character, between frames) reads the same payloads', () => {
  const payloads = ['a|response|1|OK|udp/[::1]:5060|v0.9.4-ünï-🎉|', 'b|response|2|NO|incorrect secret'];
  const bytes = Buffer.concat(payloads.map(encodeFrame));
  assert.equal(encodeFrame('é').toString('latin1').split('#')[0], '2');
  for (let cut = 0; cut <= bytes.length; cut++) {
    const r = new FrameReader();
    assert.deepEqual([...r.push(bytes.subarray(0, cut)), ...r.push(bytes.subarray(cut))], payloads, `cut at ${cut}`);
  }
  const one = new FrameReader();
  assert.deepEqual([...bytes].flatMap((b) => one.push(Buffer.from([b]))), payloads);
  assert.throws(() => new FrameReader().push(Buffer.from('HTTP/1.1 400 Bad Request\r\n')), /decimal length/);
});

test('ping authenticates against the stand-in and reports version, hostports and local hostports (--json)', async () => {
  const s = await server({ version: 'v0.9.4-rc1' });
  const r = await ping(['--port', String(s.port), '--secret', SECRET, '--json']);
  assert.equal(r.exitCode, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(j).sort(), ['authenticated', 'hostports', 'localHostports', 'rttMs', 'version']);
  assert.equal(j.authenticated, true);
  assert.equal(j.version, 'v0.9.4-rc1');
  assert.deepEqual(j.hostports, ['udp/10.0.0.1:5060', 'tcp/10.0.0.1:5060']);
  assert.deepEqual(j.localHostports, ['udp/127.0.0.1:5060']);
  assert.equal(typeof j.rttMs, 'number');
  // what the server got: <id>|authenticate|<secret>, the secret's bytes intact
  const [, verb, secret] = s.received.at(-1)!.split('|');
  assert.deepEqual([verb, secret], ['authenticate', SECRET]);
  noSecret(r);
});

test('ping reads a reply sent one byte per packet with multi-byte UTF-8, after a frame meant for someone else', async () => {
  const s = await server({ bytewise: true, noise: true, version: 'v0.9.4-ünïcødé-🎉', hostports: ['tls/[2001:db8::1]:5061'] });
  const r = await ping(['--port', String(s.port), '--secret', SECRET, '--json']);
  assert.equal(r.exitCode, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.version, 'v0.9.4-ünïcødé-🎉');
  assert.deepEqual(j.hostports, ['tls/[2001:db8::1]:5061']);
});

test('ping: text output names the address, version and hostports', async () => {
  const s = await server();
  const r = await ping(['--port', String(s.port), '--secret', SECRET]);
  assert.equal(r.exitCode, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`^authenticated at 127\\.0\\.0\\.1:${s.port} in [\\d.]+ ms: drachtio v0\\.9\\.4\\n`));
  assert.match(r.stdout, /SIP hostports: udp\/10\.0\.0\.1:5060, tcp\/10\.0\.0\.1:5060\n/);
  noSecret(r);
});

test('ping: a wrong secret is one line and exit 1; --json says authenticated false with the reason', async () => {
  const s = await server();
  const r = await ping(['--port', String(s.port), '--secret', 'wrong-one']);
  assert.equal(r.exitCode, 1);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, `drachtioctl: 127.0.0.1:${s.port} refused the secret: incorrect secret\n`);
  const j = JSON.parse((await ping(['--port', String(s.port), '--secret', 'wrong-one', '--json'])).stdout);
  assert.equal(j.authenticated, false);
  assert.match(j.error, /refused the secret/);
});

test('ping: a closed port is one line and exit 1', async () => {
  const port = await closedPort();
  const r = await ping(['--port', String(port), '--timeout', '3000']);
  assert.equal(r.exitCode, 1);
  assert.equal(r.stderr.split('\n').length, 2, r.stderr);
  assert.match(r.stderr, new RegExp(`^drachtioctl: connection refused by 127\\.0\\.0\\.1:${port}`));
});

test('ping: a server that never answers gives up after --timeout, exit 1', async () => {
  const s = await server({ behaviour: 'silent' });
  const r = await ping(['--port', String(s.port), '--secret', SECRET, '--timeout', '300']);
  assert.equal(r.exitCode, 1);
  assert.equal(r.stderr, `drachtioctl: no answer from 127.0.0.1:${s.port} within 300 ms\n`);
});

test('ping: a reset connection is one line, exit 1', async () => {
  const s = await server({ behaviour: 'reset' });
  const r = await ping(['--port', String(s.port), '--secret', SECRET]);
  assert.equal(r.exitCode, 1);
  assert.match(r.stderr, new RegExp(`^drachtioctl: connection reset by 127\\.0\\.0\\.1:${s.port}.*\\n$`));
});

test('ping --tls: authenticates over real TLS, verified against the CA with --ca; a CA that did not sign it fails in one line', async () => {
  const chain = Buffer.concat([fixture('leaf.pem'), fixture('int.pem')]);
  const s = await server({ tls: { key: fixture('leaf.key'), cert: chain } });
  const verified = await ping(['--port', String(s.port), '--tls', '--ca', join(TLS_DIR, 'ca.pem'), '--secret', SECRET, '--json']);
  assert.equal(verified.exitCode, 0, verified.stderr);
  assert.equal(JSON.parse(verified.stdout).authenticated, true);
  const unverified = await ping(['--port', String(s.port), '--tls', '--secret', SECRET]);
  assert.equal(unverified.exitCode, 0, unverified.stderr);
  assert.match(unverified.stdout, /\(TLS\)/);
  const wrongCa = await ping(['--port', String(s.port), '--tls', '--ca', join(TLS_DIR, 'leaf.pem'), '--secret', SECRET]);
  assert.equal(wrongCa.exitCode, 1);
  assert.match(wrongCa.stderr, /^drachtioctl: TLS with 127\.0\.0\.1:\d+ failed: .+\n$/);
});

test('ping --tls against a plain TCP port fails in one line within the timeout', async () => {
  const s = await server();
  const r = await ping(['--port', String(s.port), '--tls', '--secret', SECRET, '--timeout', '2000']);
  assert.equal(r.exitCode, 1);
  assert.equal(r.stderr.split('\n').length, 2, r.stderr);
});

test('ping --file takes address, port and secret from the configuration, and never prints the secret', async () => {
  const s = await server();
  const dir = tempDir();
  const file = join(dir, 'drachtio.conf.xml');
  writeFileSync(file, doc('', `<admin port="${s.port}" secret="${SECRET}">0.0.0.0</admin>`));
  const r = await cli(['ping', '--file', file, '--json']);
  assert.equal(r.exitCode, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).authenticated, true);
  noSecret(r);
});

test('ping without a secret uses the server default "admin"; --secret and --file together are a usage error', async () => {
  const s = await server({ secret: 'admin' });
  assert.equal((await ping(['--port', String(s.port)])).exitCode, 0);
  const both = await ping(['--port', String(s.port), '--secret', 'x', '--file', 'y.xml']);
  assert.equal(both.exitCode, 2);
});

test('ping --prometheus scrapes /metrics at the configured port and sums the key counters', async () => {
  const s = await server();
  const metrics: Server = createServer((req, res) => {
    res.writeHead(req.url === '/metrics' ? 200 : 404, { 'content-type': 'text/plain' });
    res.end(
      [
        '# HELP drachtio_sip_requests_in_total sip requests in',
        '# TYPE drachtio_sip_requests_in_total counter',
        'drachtio_sip_requests_in_total{method="INVITE"} 7',
        'drachtio_sip_requests_in_total{method="OPTIONS"} 5',
        'drachtio_stable_dialogs 3',
        'process_cpu_seconds_total 1.5',
      ].join('\n'),
    );
  });
  await new Promise<void>((r) => metrics.listen(0, '127.0.0.1', r));
  after(() => new Promise<void>((r) => metrics.close(() => r())));
  const mport = (metrics.address() as AddressInfo).port;
  const dir = tempDir();
  const file = join(dir, 'd.xml');
  writeFileSync(file, doc(`<monitoring><prometheus port="${mport}">127.0.0.1</prometheus></monitoring>`, `<admin port="${s.port}" secret="${SECRET}">127.0.0.1</admin>`));
  const r = await cli(['ping', '--file', file, '--prometheus', '--json']);
  assert.equal(r.exitCode, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.deepEqual(j.prometheus, { url: `http://127.0.0.1:${mport}/metrics`, metrics: { drachtio_sip_requests_in_total: 12, drachtio_stable_dialogs: 3 } });
  const text = await cli(['ping', '--file', file, '--prometheus']);
  assert.match(text.stdout, /sip_requests_in_total 12, stable_dialogs 3\n$/);
  const closed = await cli(['ping', '--file', file, '--prometheus', '--metrics-port', String(await closedPort())]);
  assert.equal(closed.exitCode, 1);
  assert.match(closed.stderr, /^drachtioctl: connection refused by http:\/\/127\.0\.0\.1:\d+\/metrics\n$/);
});

test('summariseMetrics ignores comments, other metrics and values that are not numbers', () => {
  assert.deepEqual(summariseMetrics('# x\ndrachtio_app_connections 2\ndrachtio_app_connections{a="b"} NaNx\nfoo 1\n'), { drachtio_app_connections: 2 });
});

test('adminEndpoint: flags win; else the config (wildcard → loopback, its tls-port when it has no plain port); else 127.0.0.1:9022 and "admin"', () => {
  const conf = (admin: string) => parseXml(doc('', admin), 'd.xml').config;
  assert.deepEqual(adminEndpoint({ tls: false }), { host: '127.0.0.1', port: 9022, tls: false, secret: 'admin' });
  assert.deepEqual(adminEndpoint({ tls: false }, conf('<admin port="9100" secret="s1">0.0.0.0</admin>')), { host: '127.0.0.1', port: 9100, tls: false, secret: 's1' });
  assert.deepEqual(adminEndpoint({ tls: false }, conf('<admin port="0" tls-port="9443" secret="s1">10.0.0.5</admin>')), { host: '10.0.0.5', port: 9443, tls: true, secret: 's1' });
  assert.deepEqual(adminEndpoint({ tls: true, host: 'h', port: 1, secret: 'x' }, conf('<admin port="9100">10.0.0.5</admin>')), { host: 'h', port: 1, tls: true, secret: 'x' });
  assert.throws(() => adminEndpoint({ tls: false }, conf('<admin port="0">10.0.0.5</admin>')), /d\.xml: the configuration opens no admin port; give --port/);
  assert.throws(() => adminEndpoint({ tls: true }), /--tls: give --port/);
});

test('frames: any payloads (any Unicode) cut into any chunks read back the same', () => {
  fc.assert(
    fc.property(fc.array(fc.string({ unit: 'grapheme' }).filter((p) => p !== ''), { minLength: 1, maxLength: 5 }), fc.array(fc.nat(), { maxLength: 8 }), (payloads, cuts) => {
      const bytes = Buffer.concat(payloads.map(encodeFrame));
      const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
      const reader = new FrameReader();
      const got: string[] = [];
      let from = 0;
      for (const p of [...points, bytes.length]) {
        got.push(...reader.push(bytes.subarray(from, p)));
        from = p;
      }
      assert.deepEqual(got, payloads);
    }),
  );
});
