import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { UserError } from '../src/errors.js';
import { buildResult } from '../src/init/result.js';
import { QUESTIONS } from '../src/init/questions.js';
import { resolveAnswers } from '../src/init/resolve.js';
import { toComparable } from '../src/model/comparable.js';
import { parseXml } from '../src/model/parse.js';
import { validateText } from '../src/validate/engine.js';

const TLS = { 'tls-key': '/etc/drachtio/key.pem', 'tls-cert': '/etc/drachtio/cert.pem', 'tls-dh-param': '/etc/drachtio/dh.pem' };

/** Flags for any valid combination of answers: distinct ports, any transports, admin anywhere. */
const validFlags = fc
  .record({
    shape: fc.constantFrom('inbound', 'outbound', 'proxy'),
    transports: fc.subarray(['udp', 'tcp', 'tls', 'ws', 'wss'], { minLength: 1 }),
    ports: fc.shuffledSubarray([5060, 5061, 5080, 7443, 8080, 8443, 9022, 9023, 9090, 10443], { minLength: 7, maxLength: 7 }),
    sipAddress: fc.constantFrom('*', '10.0.0.5', '0.0.0.0', '2001:db8::5'),
    adminAddress: fc.constantFrom('127.0.0.1', '0.0.0.0', '10.0.0.5', '::1'),
    nat: fc.option(fc.tuple(fc.ipV4(), fc.option(fc.constantFrom('10.0.0.0/8', '192.168.0.0/16', '172.16.0.0/12')))),
    prometheus: fc.boolean(),
    homer: fc.option(fc.constantFrom('10.0.0.9', 'homer.example.com')),
    log: fc.constantFrom('console', 'file', 'syslog'),
    cdrs: fc.boolean(),
  })
  .map((x): Record<string, string> => {
    const [sip, tls, ws, wss, admin, adminTls, prometheus] = x.ports.map(String) as [string, string, string, string, string, string, string];
    const loopback = x.adminAddress.startsWith('127.') || x.adminAddress === '::1';
    return {
      shape: x.shape,
      transports: x.transports.join(','),
      'sip-address': x.sipAddress,
      'sip-port': sip,
      'sip-tls-port': tls,
      'ws-port': ws,
      'wss-port': wss,
      'admin-address': x.adminAddress,
      // plain TCP on every interface is refused: the secret would cross the network in clear text
      'admin-port': x.adminAddress === '0.0.0.0' ? '0' : admin,
      'admin-tls-port': loopback ? '0' : adminTls,
      'prometheus-port': x.prometheus ? prometheus : '0',
      log: x.log,
      cdrs: String(x.cdrs),
      'behind-nat': String(x.nat !== null),
      ...(x.nat && { 'external-ip': x.nat[0], ...(x.nat[1] && { 'local-net': x.nat[1] }) }),
      ...(x.homer && { 'homer-address': x.homer }),
      ...(x.shape === 'outbound' && { 'request-handler': 'https://router.example.com/route' }),
      ...((!loopback || x.transports.includes('tls') || x.transports.includes('wss')) && TLS),
    };
  })
  // flags for transports not chosen do not apply, and init says so: drop them
  .map((flags) => {
    const t = flags.transports!.split(',');
    const drop = [
      !t.includes('udp') && !t.includes('tcp') && 'sip-port',
      !t.includes('tls') && 'sip-tls-port',
      !t.includes('ws') && 'ws-port',
      !t.includes('wss') && 'wss-port',
    ];
    return Object.fromEntries(Object.entries(flags).filter(([k]) => !drop.includes(k)));
  });

describe('init answers to configuration', () => {
  it('turns any valid combination of answers into a file with no finding that reads back to the same model', async () => {
    await fc.assert(
      fc.asyncProperty(validFlags, async (flags) => {
        const answers = await resolveAnswers(flags, undefined);
        const { config, xml, maskedXml } = buildResult(answers, 'x.xml');
        assert.deepEqual(validateText(xml, 'x.xml').diagnostics, []);
        assert.deepEqual(toComparable(parseXml(xml, 'x.xml').config), toComparable(config));
        assert.ok(!maskedXml.includes(answers.secret));
      }),
      { numRuns: 150 },
    );
  });

  it('generates a different 32-character secret every time', async () => {
    const secrets = new Set<string>();
    for (let i = 0; i < 20; i++) secrets.add((await resolveAnswers({}, undefined)).secret);
    assert.equal(secrets.size, 20);
    for (const s of secrets) assert.match(s, /^[A-Za-z0-9_-]{32}$/);
  });

  it('asks the same checks of a prompt as of a flag', async () => {
    const asked: string[] = [];
    // a terminal that answers every question with its default, except an invalid admin address
    const ask = async (q: (typeof QUESTIONS)[number], def: string | undefined) => {
      asked.push(q.flag);
      return q.flag === 'admin-address' ? 'localhost' : (def ?? '');
    };
    await assert.rejects(resolveAnswers({}, undefined, ask), (e: unknown) => e instanceof UserError && /^--admin-address \(answer "localhost"\): "localhost" is not an IP address literal/.test(e.message));
    assert.ok(!asked.includes('secret'), 'the secret is generated, never prompted for');
  });

  it('gives every question its own flag', () => {
    assert.equal(new Set(QUESTIONS.map((q) => q.flag)).size, QUESTIONS.length);
    assert.equal(new Set(QUESTIONS.map((q) => q.key)).size, QUESTIONS.length);
  });
});
