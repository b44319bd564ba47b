import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateText, type ValidateOptions } from '../src/validate/engine.js';
import { compareVersions, parseVersionRange } from '../src/validate/version.js';
import { doc } from './helpers.js';

const findings = (text: string, options: ValidateOptions = {}) => validateText(text, 'test.xml', options).diagnostics;
const only = (text: string, rule: string, options?: ValidateOptions) => findings(text, options).filter((d) => d.rule === rule);
const at = (text: string, options?: ValidateOptions) => findings(text, options).map((d) => `${d.line}:${d.column} ${d.rule}`);

describe('lint rules: positions and messages', () => {
  it('suggest the registry name for a misspelt section, at the element', () => {
    const [d] = only(doc('  <loging><loglevel>debug</loglevel></loging>'), 'unknown-element');
    assert.equal(`${d!.line}:${d!.column}`, '4:3');
    assert.match(d!.message, /^<loging> inside <drachtio> is not a drachtio-server setting \(did you mean <logging>\?\): it is silently ignored$/);
  });

  it('suggest a known attribute for a misspelt one, at the attribute', () => {
    const [d] = only(doc('', '<admin port="9022" secret="a-long-and-random-secret-9f2c" tls-prot="9023">127.0.0.1</admin>'), 'unknown-attribute');
    assert.equal(`${d!.line}:${d!.column}`, '3:61');
    assert.match(d!.message, /did you mean tls-port\?/);
  });

  it('name the docs spelling tcp-keepalive-interval and offer no rename when tcp-keepalive is already set', () => {
    const text = doc('', '<admin secret="a-long-and-random-secret-9f2c" tcp-keepalive="20" tcp-keepalive-interval="30">127.0.0.1</admin>');
    const [d] = only(text, 'ignored-docs-name');
    assert.equal(`${d!.line}:${d!.column}`, '3:68');
    assert.match(d!.message, /already set here/);
  });

  it('explain that <mtu-size> is not read and that <udp-mtu> would not help either', () => {
    const [d] = only(doc('  <sip><mtu-size>4096</mtu-size></sip>'), 'ignored-docs-name');
    assert.match(d!.message, /^<mtu-size> is never read .* the setting is <udp-mtu>, which has itself had no effect since v0\.9\.4: remove it$/);
    assert.deepEqual(only(doc('  <sip><mtu-size>4096</mtu-size></sip>'), 'unknown-element'), []);
  });

  it('report <tls> outside <sip> as misplaced, not as unknown', () => {
    const text = doc('  <tls><key-file>/k.pem</key-file></tls>');
    assert.deepEqual(at(text), ['4:3 misplaced-element']);
    assert.match(only(text, 'misplaced-element')[0]!.message, /reads it only as <drachtio><sip><tls>/);
  });

  it('report every repeated element after the first, pointing back at the first', () => {
    const text = doc('  <logging>\n    <loglevel>info</loglevel>\n    <loglevel>debug</loglevel>\n  </logging>');
    const [d] = only(text, 'duplicate-element');
    assert.equal(`${d!.line}:${d!.column}`, '6:5');
    assert.match(d!.message, /reads only the first one \(line 5\)/);
  });

  it('report duplicate request-handler methods compared upper-cased, at the later sip-method', () => {
    const text = doc('  <request-handlers>\n    <request-handler sip-method="invite">https://a.example.com/</request-handler>\n    <request-handler sip-method="INVITE">https://b.example.com/</request-handler>\n  </request-handlers>');
    const [d] = only(text, 'duplicate-request-handler');
    assert.equal(`${d!.line}:${d!.column}`, '6:22');
    assert.match(d!.message, /for INVITE: drachtio-server keeps the first one \(line 5\)/);
  });

  it('flag only true-looking words a switch does not accept', () => {
    assert.equal(only(doc('  <sip><aggressive-nat-detection>Yes</aggressive-nat-detection></sip>'), 'unrecognised-boolean').length, 1);
    assert.equal(only(doc('  <sip><aggressive-nat-detection>ON</aggressive-nat-detection></sip>'), 'unrecognised-boolean').length, 0);
    const [reject] = only(doc('  <sip><reject-register-with-no-realm>TRUE</reject-register-with-no-realm></sip>'), 'unrecognised-boolean');
    assert.match(reject!.message, /true only for true, yes, 1: drachtio-server silently reads "TRUE" as false/);
    assert.equal(only(doc('  <cdrs>YES</cdrs>'), 'unrecognised-boolean').length, 0);
    const [flush] = only(doc('  <logging><file><name>/var/log/d.log</name><auto-flush>no</auto-flush></file></logging>'), 'unrecognised-boolean');
    assert.match(flush!.message, /accepts only true, false, 1 or 0: drachtio-server silently reads "no" as true/);
  });

  it('report a padded log level once, as untrimmed, not also as an invalid value', () => {
    assert.deepEqual(at(doc('  <logging><loglevel> debug </loglevel></logging>')), ['4:23 untrimmed-value']);
    assert.deepEqual(at(doc('  <logging><loglevel>verbose</loglevel></logging>')), ['4:22 invalid-value']);
  });

  it('never print the admin secret', () => {
    const text = doc('', '<admin port="9022" secret="drachtioSecret">127.0.0.1</admin>');
    const [d] = only(text, 'weak-admin-secret');
    assert.equal(`${d!.line}:${d!.column}`, '3:22');
    assert.doesNotMatch(JSON.stringify(findings(text)), /drachtioSecret/);
    assert.match(only(doc('', '<admin secret="short-secret">127.0.0.1</admin>'), 'weak-admin-secret')[0]!.message, /shorter than 16 characters/);
  });

  it('report admin and Prometheus on every interface, including the empty Prometheus address', () => {
    assert.equal(only(doc('', '<admin port="9022" secret="a-long-and-random-secret-9f2c">::</admin>'), 'admin-exposed').length, 1);
    assert.equal(only(doc('', '<admin port="0" tls-port="9023" secret="a-long-and-random-secret-9f2c">0.0.0.0</admin>'), 'admin-exposed').length, 0);
    const [p] = only(doc('  <monitoring><prometheus port="9090"></prometheus></monitoring>'), 'prometheus-exposed');
    assert.match(p!.message, /the empty address binds every interface/);
  });

  it('find port clashes with default SIP ports and overlapping addresses', () => {
    const sips = doc('  <sip><contacts><contact>sips:10.0.0.1;transport=tls</contact></contacts></sip>', '<admin port="5061" secret="a-long-and-random-secret-9f2c">0.0.0.0</admin>');
    const [d] = only(sips, 'port-clash');
    assert.equal(`${d!.line}:${d!.column}`, '4:27');
    assert.match(d!.message, /uses TCP port 5061, as does the admin port \(line 3\)/);
    // UDP-only SIP does not clash with the TCP admin port; different addresses do not clash
    assert.deepEqual(only(doc('  <sip><contacts><contact>sip:10.0.0.1:9022;transport=udp</contact></contacts></sip>'), 'port-clash'), []);
    assert.deepEqual(only(doc('  <sip><contacts><contact>sip:10.0.0.1:9022;transport=tcp</contact></contacts></sip>'), 'port-clash'), []);
    const prom = doc('  <monitoring><prometheus port="9022">127.0.0.1</prometheus></monitoring>');
    assert.equal(only(prom, 'port-clash').length, 1);
  });

  it('report min-tls-version 1.0 as ignored by the server', () => {
    const [d] = only(doc('  <sip><tls><min-tls-version>1.0</min-tls-version></tls></sip>'), 'min-tls-version-low');
    assert.match(d!.message, /ignores 1\.0 in the file, so SIP TLS accepts TLS 1\.0, 1\.1 and 1\.2/);
  });

  it('report wss without sips, and a TLS contact without key and certificate', () => {
    const text = doc('  <sip><contacts>\n    <contact>sip:10.0.0.1:443;transport=wss</contact>\n    <contact>sips:10.0.0.1:5061;transport=tls</contact>\n  </contacts></sip>');
    assert.deepEqual(at(text), ['5:14 wss-without-sips', '6:14 min-tls-version-low', '6:14 tls-contact-without-cert']);
  });

  it('report incomplete services', () => {
    assert.match(only(doc('  <sip><capture-server port="9060">10.0.0.5</capture-server></sip>'), 'capture-server-incomplete')[0]!.message, /^<capture-server> has no id attribute: drachtio-server prints "invalid capture-server config" and captures nothing$/);
    assert.match(
      only(doc('  <sip><blacklist><redis-sentinels>10.0.0.1:26379</redis-sentinels><redis-key>bl</redis-key></blacklist></sip>'), 'blacklist-incomplete')[0]!.message,
      /<redis-sentinels> without <redis-master>/,
    );
    assert.equal(only(doc('  <logging><syslog><address>10.0.0.9</address><facility>local9</facility></syslog></logging>'), 'syslog-no-facility').length, 0);
  });

  it('only with --target-version: settings the named version does not read', () => {
    const text = doc('  <sip><udp-buffer-size>8388608</udp-buffer-size><udp-mtu>4096</udp-mtu></sip>');
    assert.deepEqual(at(text), ['4:59 no-effect-setting']);
    assert.deepEqual(at(text, { targetVersion: 'v0.9.3' }), ['4:25 not-in-target-version']);
    assert.deepEqual(at(text, { targetVersion: '0.9.x' }), ['4:25 not-in-target-version', '4:59 no-effect-setting']);
    assert.match(only(text, 'no-effect-setting', { targetVersion: '0.9.x' })[0]!.message, /has no effect from v0\.9\.4 on \(part of 0\.9\.x\)/);
    assert.deepEqual(at(text, { targetVersion: '0.9.5' }), ['4:59 no-effect-setting']);
    assert.match(only(doc('  <sip><reject-register-with-no-realm>yes</reject-register-with-no-realm></sip>'), 'not-in-target-version', { targetVersion: '0.8.x' })[0]!.message, /earlier 0\.8\.x releases/);
  });

  it('compare versions numerically, with or without v, and read x-ranges', () => {
    assert.ok(compareVersions(parseVersionRange('v0.8.25')!.min, parseVersionRange('0.8.4')!.min) > 0);
    assert.deepEqual(parseVersionRange('0.8.x'), { label: '0.8.x', min: [0, 8, 0], max: [0, 8, Infinity] });
    assert.deepEqual(parseVersionRange('0.2.0')!.max, [0, 2, 0]);
    assert.equal(parseVersionRange('latest'), undefined);
  });
});

describe('secrets in messages', () => {
  it('never prints the admin secret or redis password, even in rules that quote values', () => {
    const text = doc(
      '<sip><blacklist><redis-address>127.0.0.1</redis-address><redis-key>bl</redis-key><redis-password> pw-secret-value </redis-password></blacklist></sip>',
      '<admin secret=" my-very-long-secret-value-123 " port="9022">127.0.0.1</admin>',
    );
    const messages = validateText(text, 'x.xml').diagnostics.map((d) => d.message);
    assert.ok(messages.some((m) => /has whitespace around it, which drachtio-server does not trim: the spaces are part of the secret/.test(m)), messages.join('\n'));
    for (const m of messages) assert.doesNotMatch(m, /my-very-long-secret|pw-secret-value/, m);
  });
});
