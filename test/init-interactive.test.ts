import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseXml } from '../src/model/parse.js';
import { validateText } from '../src/validate/engine.js';
import { BIN, skipUnless, tempDir } from './helpers.js';
import { HAS_PYTHON, KEY, drive } from './pty.js';

const { enter, down, space, killLine, ctrlC } = KEY;
const skip = skipUnless(HAS_PYTHON, 'needs python3, for its pty module (apt-get install python3)');

describe('drachtioctl init on a terminal (the built CLI on a pseudo-terminal)', { skip }, () => {
  it('asks, re-asks on an invalid answer, and writes a file that validates', async () => {
    const dir = tempDir();
    const r = await drive(
      ['node', BIN, 'init'],
      [
        ['How do your applications', down + down + enter],
        ['Reject REGISTER', enter],
        ['SIP listen address', enter],
        ['SIP transports', down + down + down + down + space + enter],
        ['port for udp and tcp', enter],
        ['port for wss', enter],
        ['behind NAT', 'y' + enter],
        ['Public IPv4', '203.0.113.9' + enter],
        ['Local network', '10.0.0.0/8' + enter],
        ['Address applications connect to', 'localhost' + enter],
        ['"localhost" is not an IP address literal', killLine + '127.0.0.1' + enter],
        ['Plain TCP port', enter],
        ['TLS port for applications', enter],
        ['private key', '/etc/drachtio/key.pem' + enter],
        ['certificate file', '/etc/drachtio/cert.pem' + enter],
        ['chain file', enter],
        ['Diffie-Hellman', 'dh.pem' + enter],
        ['give an absolute path', killLine + '/etc/drachtio/dh.pem' + enter],
        ['Homer', enter],
        ['Prometheus metrics port', '8443' + enter],
        ['port 8443 is used twice \\(the Prometheus port and SIP', killLine + '9090' + enter],
        ['metrics endpoint', enter],
        ['Where should drachtio log', down + enter],
        ['Log file', enter],
        ['drachtio log level', down + enter],
        ['sofia', enter],
        ['CDRs', 'y' + enter],
      ],
      dir,
    );
    assert.equal(r.exitCode, 0, r.screen);
    const path = join(dir, 'drachtio.conf.xml');
    assert.match(r.screen, new RegExp(`wrote ${path} \\(mode 0600`));
    assert.match(r.screen, /Next steps:\s+1\. drachtioctl validate /);
    assert.equal(statSync(path).mode & 0o777, 0o600);
    const text = readFileSync(path, 'utf8');
    assert.deepEqual(validateText(text, path).diagnostics, []);
    const { config } = parseXml(text, path);
    const value = (id: string) => config.values.get(id)?.raw;
    assert.deepEqual(
      config.lists.get('sip.contacts')!.map((c) => [c.fields.uri?.raw, c.fields['external-ip']?.raw, c.fields['local-net']?.raw]),
      [
        ['sip:*:5060;transport=udp,tcp', '203.0.113.9', '10.0.0.0/8'],
        ['sips:*:8443;transport=wss', '203.0.113.9', '10.0.0.0/8'],
      ],
    );
    assert.equal(value('admin.address'), '127.0.0.1');
    assert.match(value('admin.secret')!, /^[A-Za-z0-9_-]{32}$/);
    assert.equal(value('sip.reject-register-with-no-realm'), 'true');
    assert.equal(value('sip.tls.dh-param'), '/etc/drachtio/dh.pem');
    assert.equal(value('sip.tls.min-tls-version'), '1.2');
    assert.equal(value('monitoring.prometheus.port'), '9090');
    assert.equal(value('monitoring.prometheus.address'), '127.0.0.1');
    assert.equal(value('logging.file.name'), '/var/log/drachtio/drachtio.log');
    // debug is not offered (the server would log every presented secret), so down from info wraps to notice
    assert.equal(value('logging.loglevel'), 'notice');
    assert.equal(value('cdrs'), 'true');
    // the secret is written to the file, never to the terminal
    assert.ok(!r.screen.includes(value('admin.secret')!));
  });

  it('asks only what the flags leave open, and requires https for the request handler', async () => {
    const dir = tempDir();
    const r = await drive(
      ['node', BIN, 'init', '--preset', 'outbound', '--transports', 'udp', '--no-behind-nat', '--log', 'console', '-o', 'out.xml'],
      [
        ['How do your applications', enter],
        ['HTTPS URL', 'http://router.example.com/route' + enter],
        ['use an https:// URL', killLine + 'https://router.example.com/route' + enter],
        ['HTTP method', down + enter],
        ['SIP listen address', '10.1.2.3' + enter],
        ['SIP port for udp', '5080' + enter],
        ['Address applications connect to', enter],
        ['Plain TCP port', enter],
        ['TLS port for applications', enter],
        ['Homer', 'homer.example.com' + enter],
        ['Capture server UDP port', enter],
        ['HEP agent id', '0' + enter],
        ['0 is out of range', killLine + '7' + enter],
        ['Prometheus metrics port', enter],
        ['drachtio log level', enter],
        ['sofia', enter],
        ['CDRs', enter],
      ],
      dir,
    );
    assert.equal(r.exitCode, 0, r.screen);
    assert.doesNotMatch(r.screen, /SIP transports|behind NAT|Where should drachtio log/);
    const path = join(dir, 'out.xml');
    const text = readFileSync(path, 'utf8');
    assert.deepEqual(validateText(text, path).diagnostics, []);
    assert.match(text, /<request-handler sip-method="\*" http-method="POST">https:\/\/router\.example\.com\/route<\/request-handler>/);
    assert.match(text, /<contact>sip:10\.1\.2\.3:5080;transport=udp<\/contact>/);
    assert.match(text, /<capture-server port="9060" id="7" hep-version="3">homer\.example\.com<\/capture-server>/);
    assert.match(text, /<console\/>/);
  });

  it('stops on Ctrl-C with exit 130 and writes nothing', async () => {
    const dir = tempDir();
    const r = await drive(['node', BIN, 'init'], [['How do your applications', ctrlC]], dir);
    assert.equal(r.exitCode, 130, r.screen);
    assert.match(r.screen, /drachtioctl: cancelled: nothing was written/);
    assert.equal(existsSync(join(dir, 'drachtio.conf.xml')), false);
  });
});
