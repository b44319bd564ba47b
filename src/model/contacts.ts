import { SIP_URI } from '../schema/patterns.js';
import type { DrachtioConfig, RawValue } from './config.js';
import { inIPv4Block, isIPv4 } from './ip.js';

/** The server's contact when none is given anywhere (src/controller.cpp DrachtioController::run). */
export const DEFAULT_CONTACT = 'sip:*;transport=udp,tcp';

/** The server attaches TLS files to a SIP contact only when its text contains "sips" or "tls". */
export const isTlsContact = (uri: string): boolean => uri.includes('sips') || uri.includes('tls');

export interface ContactInForce {
  uri: RawValue;
  externalIp?: RawValue;
  localNet?: RawValue;
}

/** Every SIP contact in force in a file: the legacy <sip><contact> (URI only) replaces <contacts> when present. */
export function contactsInForce(config: DrachtioConfig): ContactInForce[] {
  const legacy = config.values.get('sip.contact');
  if (legacy) return [{ uri: legacy }];
  return (config.lists.get('sip.contacts') ?? [])
    .filter((i) => i.fields.uri)
    .map((i) => ({ uri: i.fields.uri!, ...(i.fields['external-ip'] && { externalIp: i.fields['external-ip'] }), ...(i.fields['local-net'] && { localNet: i.fields['local-net'] }) }));
}

/** Every SIP contact URI in force in a file. */
export const contactUris = (config: DrachtioConfig): RawValue[] => contactsInForce(config).map((c) => c.uri);

export interface SipUri {
  scheme: 'sip' | 'sips';
  host: string;
  port?: number;
  /** lower-cased transports of the last ;transport= parameter, e.g. ['udp', 'tcp']; [] without one */
  transports: string[];
}

/** The schema's pattern, whose groups are scheme, host, port and parameters. */
const SIP_URI_RE = new RegExp(SIP_URI);
const TRANSPORT = /(?:^|;)transport(?:=([^;]*))?(?=;|$)/gi;

/** Split a contact the way drachtio-server accepts it; undefined when the server would reject it. */
export function parseSipUri(text: string): SipUri | undefined {
  const m = SIP_URI_RE.exec(text);
  if (!m) return undefined;
  // the last transport parameter counts; one without a value names no transport
  let transport: string | undefined;
  TRANSPORT.lastIndex = 0;
  for (let t = m[4] ? TRANSPORT.exec(m[4]) : null; t; t = TRANSPORT.exec(m[4]!)) transport = t[1] ?? '';
  return {
    scheme: m[1] as SipUri['scheme'],
    host: m[2]!,
    ...(m[3] !== undefined && { port: Number(m[3]) }),
    transports: transport ? transport.toLowerCase().split(',').filter(Boolean) : [],
  };
}

/** The transports a contact listens on: its ;transport= list, else udp and tcp (sip) or tls (sips). */
export function contactTransports(uri: SipUri): string[] {
  if (uri.transports.length > 0) return uri.transports;
  return uri.scheme === 'sips' ? ['tls'] : ['udp', 'tcp'];
}

/** The port a contact listens on: its own, else 5061 for sips or tls, else 5060. */
export function contactPort(uri: SipUri): number {
  if (uri.port !== undefined) return uri.port;
  return uri.scheme === 'sips' || uri.transports.includes('tls') ? 5061 : 5060;
}

/**
 * The local networks the server derives for a contact without local-net, tried in this order on
 * the contact's external-ip when it has one, else on the address the transport is bound to
 * (src/sip-transports.cpp SipTransport::addTransports). Any other address gets none.
 */
const DERIVED_NETS: readonly [(address: string) => boolean, string][] = [
  [(a) => a === '127.0.0.1', '127.0.0.1/32'],
  [(a) => a.startsWith('192.168.0.'), '192.168.0.0/24'],
  [(a) => a.startsWith('172.16.'), '172.16.0.0/16'],
  [(a) => a.startsWith('10.'), '10.0.0.0/8'],
];

export interface DerivedLocalNet {
  /** the address the server derives from */
  from: 'external-ip' | 'host';
  address: string;
  /** undefined: the server derives none */
  localNet?: string;
}

/**
 * What the server derives for a contact without local-net; undefined when that depends on the
 * address sofia binds for a host that is not an IPv4 literal (`*`, a name), unknown before start-up.
 */
export function deriveLocalNet(uri: string, externalIp = ''): DerivedLocalNet | undefined {
  const host = parseSipUri(uri)?.host;
  const from = externalIp !== '' ? 'external-ip' : 'host';
  const address = externalIp !== '' ? externalIp : host;
  if (address === undefined || (from === 'host' && !isIPv4(address))) return undefined;
  const localNet = DERIVED_NETS.find(([test]) => test(address))?.[1];
  return { from, address, ...(localNet && { localNet }) };
}

/** Private and shared IPv4 space (RFC 1918, RFC 6598, loopback, link-local): where a local network is expected around an address. */
const PRIVATE_BLOCKS = [['10.0.0.0', 8], ['172.16.0.0', 12], ['192.168.0.0', 16], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16]] as const;

/** The private block an IPv4 address is in, as CIDR; undefined for public or non-IPv4 addresses. */
export function privateBlockOf(address: string | undefined): string | undefined {
  if (address === undefined || !isIPv4(address)) return undefined;
  const found = PRIVATE_BLOCKS.find(([net, bits]) => inIPv4Block(address, net, bits));
  return found && `${found[0]}/${found[1]}`;
}
