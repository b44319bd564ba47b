import { contactsInForce, deriveLocalNetOf, privateBlockOf } from '../../model/contacts.js';
import { IPV4_DIGITS, isTemplated } from '../../schema/patterns.js';
import { quote } from '../quote.js';
import type { Rule } from '../types.js';
import { isIPv4 } from '../../model/ip.js';

/** How the server works out which peers are local to a contact (external-ip, local-net). */

const isPrivate = (a: string) => privateBlockOf(a) !== undefined;

/** The derived networks narrower than the private block they sit in. */
const NARROW: Readonly<Record<string, string>> = { '172.16.0.0/16': '172.16.0.0/12', '192.168.0.0/24': '192.168.0.0/16' };

export const localNetDerived: Rule = {
  meta: {
    id: 'local-net-derived',
    effective: true,
    severity: 'warning',
    summary: 'A contact without local-net where the network the server derives for it is not the one it sits in.',
    why: 'Without local-net the server derives one from the external-ip, else the host, by prefix only: 127.0.0.1/32, 192.168.0.0/24, 172.16.0.0/16, 10.0.0.0/8, and nothing for any other address (src/sip-transports.cpp SipTransport::addTransports). Peers outside the local network are sent the external-ip, and transports are picked for a destination by it, so a private address that gets no network, a derivation from a public external-ip, or a /16 or /24 guess inside a wider private block sends the wrong address to peers beside the server. Without an external-ip the network only steers the choice among several contacts, so a lone contact is not reported.',
    bad: '<drachtio><admin>127.0.0.1</admin><sip><contacts><contact external-ip="203.0.113.10">sip:192.168.1.5:5060</contact></contacts></sip></drachtio>',
    good: '<drachtio><admin>127.0.0.1</admin><sip><contacts><contact external-ip="203.0.113.10" local-net="192.168.1.0/24">sip:192.168.1.5:5060</contact></contacts></sip></drachtio>',
  },
  check({ config, report }) {
    const contacts = contactsInForce(config);
    for (let i = 0; i < contacts.length; i++) {
      const c = contacts[i]!;
      if (c.localNet?.raw || isTemplated(c.uri.raw) || (c.externalIp && isTemplated(c.externalIp.raw))) continue;
      const d = deriveLocalNetOf(c.sip?.host, c.externalIp?.raw);
      if (!d) continue;
      // built only for a contact that is reported
      const base = () => `${quote(c.uri.raw)} has no local-net, so drachtio-server derives one from its ${d.from} ${d.address}`;
      const host = d.from === 'external-ip' ? deriveLocalNetOf(c.sip?.host) : undefined;
      let message: string | undefined;
      if (d.localNet && NARROW[d.localNet]) {
        message = `${base()}: ${d.localNet}, a guess by prefix inside the private block ${NARROW[d.localNet]}; set local-net to the network the peers are on`;
      } else if (!d.localNet && isPrivate(d.address) && (d.from === 'external-ip' || contacts.length > 1)) {
        message = `${base()} and gets none (only 127.0.0.1, 10.*, 172.16.* and 192.168.0.* give one): ${d.from === 'external-ip' ? 'every peer is sent the external-ip' : 'no destination counts as local to it when the server picks among its transports'}; set local-net`;
      } else if (!d.localNet && host && isPrivate(host.address)) {
        message = `${base()}, not from its host ${host.address}, and gets none: every peer, even those on the host's own network, is sent the external-ip; set local-net`;
      }
      if (message) report({ message, pos: c.externalIp?.pos ?? c.uri.pos, setting: 'sip.contacts.local-net' });
    }
  },
};

/** the server's own check of external-ip; one RegExp object, not one per contact */
const DIGITS_AND_DOTS = new RegExp(IPV4_DIGITS);

export const externalIpUnusable: Rule = {
  meta: {
    id: 'external-ip-unusable',
    effective: true,
    severity: 'warning',
    summary: 'A contact external-ip of digits and dots that is not an IPv4 address (203.0.113, 999.1.1.1).',
    why: 'The server checks external-ip only against digits and dots (src/sip-transports.cpp SipTransport::init), so it starts and advertises the text as is in Via and Contact headers, where no peer can use it.',
    bad: '<drachtio><admin>127.0.0.1</admin><sip><contacts><contact external-ip="203.0.113" local-net="10.0.0.0/8">sip:10.0.0.1</contact></contacts></sip></drachtio>',
    good: '<drachtio><admin>127.0.0.1</admin><sip><contacts><contact external-ip="203.0.113.7" local-net="10.0.0.0/8">sip:10.0.0.1</contact></contacts></sip></drachtio>',
  },
  check({ config, report }) {
    const contacts = contactsInForce(config);
    for (let i = 0; i < contacts.length; i++) {
      const v = contacts[i]!.externalIp;
      // an address passes the one test; only what fails it needs the server's own
      if (!v || v.raw === '' || isIPv4(v.raw) || !DIGITS_AND_DOTS.test(v.raw)) continue;
      report({
        message: `external-ip ${quote(v.raw)} is not an IPv4 address, but drachtio-server accepts digits and dots and advertises it as is: peers are sent an address they cannot reach`,
        pos: v.pos,
        setting: 'sip.contacts.external-ip',
      });
    }
  },
};
