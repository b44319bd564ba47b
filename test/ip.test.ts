/**
 * src/model/ip.ts judges dotted quads without node:net (which costs start-up time to load): it must
 * agree with node:net on every kind of text an address field holds, and on random near-addresses.
 */
import assert from 'node:assert/strict';
import * as net from 'node:net';
import { describe, it } from 'node:test';
import { inIPv4Block, isIP, isIPv4 } from '../src/model/ip.js';

const CASES = [
  '0.0.0.0', '127.0.0.1', '255.255.255.255', '256.1.1.1', '1.2.3', '1.2.3.4.5', '01.2.3.4', '1.2.3.04', '00.0.0.0',
  '1.2.3.4 ', ' 1.2.3.4', '1.2.3.4\n', '1..3.4', '1.2.3.', '.1.2.3', '1.2.3.-4', '1.2.3.+4', '１.2.3.4', '1.2.3.4/24',
  '199.255.249.250', '249.250.251.252', '200.300.1.1', '', 'localhost', '::', '::1', '::ffff:10.0.0.1', 'fe80::1%eth0',
  '[::1]', '2001:db8::1', '2001:db8:::1', 'sip.example.com', '*', '10.0.0.1:5060', '1e2.3.4.5', '0x7f.0.0.1',
];

/** four (or three, or five) octet-like groups, now and then with a character that breaks them */
function* nearAddresses(count: number): Generator<string> {
  let seed = 42;
  const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
  const octets = ['0', '00', '1', '01', '9', '10', '99', '100', '199', '200', '249', '250', '255', '256', '260', '300', '999', '1000'];
  const noise = ['', '', '', '', ' ', ':', 'a', '-', '..', '/'];
  for (let i = 0; i < count; i++) {
    const groups = Array.from({ length: 3 + next(3) }, () => octets[next(octets.length)]!);
    const at = next(groups.length);
    groups[at] = `${groups[at]}${noise[next(noise.length)]}`;
    yield groups.join('.');
  }
}

describe('IP checks without node:net', () => {
  it('agree with node:net on the cases an address field holds', () => {
    for (const text of CASES) {
      assert.equal(isIPv4(text), net.isIPv4(text), JSON.stringify(text));
      assert.equal(isIP(text), net.isIP(text), JSON.stringify(text));
    }
  });

  it('agree with node:net on 20,000 near-addresses', () => {
    let quads = 0;
    for (const text of nearAddresses(20_000)) {
      assert.equal(isIPv4(text), net.isIPv4(text), JSON.stringify(text));
      if (isIPv4(text)) quads++;
    }
    // the generator must reach real addresses too, or the agreement says little
    assert.ok(quads > 500, `only ${quads} addresses among the inputs`);
  });

  it('place an address inside or outside a block', () => {
    assert.equal(inIPv4Block('10.1.2.3', '10.0.0.0', 8), true);
    assert.equal(inIPv4Block('11.1.2.3', '10.0.0.0', 8), false);
    assert.equal(inIPv4Block('172.31.255.255', '172.16.0.0', 12), true);
    assert.equal(inIPv4Block('172.32.0.0', '172.16.0.0', 12), false);
  });
});
