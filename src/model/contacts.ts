import { SIP_URI } from '../schema/patterns.js';
import type { DrachtioConfig, ListItem, RawValue } from './config.js';
import { inIPv4Block, isIPv4 } from './ip.js';

/** The server's contact when none is given anywhere (src/controller.cpp DrachtioController::run). */
export const DEFAULT_CONTACT = 'sip:*;transport=udp,tcp';

/** The server attaches TLS files to a SIP contact only when its text contains "sips" or "tls". */
export const isTlsContact = (uri: string): boolean => uri.includes('sips') || uri.includes('tls');

export interface ContactInForce {
  uri: RawValue;
  externalIp: RawValue | undefined;
  localNet: RawValue | undefined;
  /** the URI as the server splits it (templates included); undefined when the server would reject it */
  sip: SipUri | undefined;
}

/** contactsInForce's answer per config, with the values it was read from: most rules ask for it. */
const IN_FORCE = new WeakMap<DrachtioConfig, { legacy?: RawValue; items?: readonly ListItem[]; count: number; contacts: readonly ContactInForce[]; tls?: readonly ContactInForce[] }>();

/**
 * Every SIP contact in force in a file: the legacy <sip><contact> (URI only) replaces <contacts> when
 * present. Worked out (and each URI parsed) once per config while its contacts stay the same.
 */
export function contactsInForce(config: DrachtioConfig): readonly ContactInForce[] {
  const legacy = config.values.get('sip.contact');
  const items = config.lists.get('sip.contacts');
  const known = IN_FORCE.get(config);
  if (known && known.legacy === legacy && known.items === items && known.count === (items?.length ?? 0)) return known.contacts;
  const contacts = legacy ? [{ uri: legacy, externalIp: undefined, localNet: undefined, sip: parseSipUri(legacy.raw) }] : listedContacts(items ?? []);
  IN_FORCE.set(config, { legacy, items, count: items?.length ?? 0, contacts });
  return contacts;
}

/** The contacts in force the server attaches TLS files to (isTlsContact), in order: found once per config, as contactsInForce is. */
export function tlsContactsInForce(config: DrachtioConfig): readonly ContactInForce[] {
  const contacts = contactsInForce(config);
  const known = IN_FORCE.get(config)!;
  if (known.tls) return known.tls;
  const tls: ContactInForce[] = [];
  for (let i = 0; i < contacts.length; i++) if (isTlsContact(contacts[i]!.uri.raw)) tls.push(contacts[i]!);
  return (known.tls = tls);
}

/** From this many contacts on, they are split by hand (splitSipUri). */
const MANY_CONTACTS = 64;

function listedContacts(items: readonly ListItem[]): ContactInForce[] {
  const out: ContactInForce[] = [];
  const parse = items.length >= MANY_CONTACTS ? splitSipUri : parseSipUri;
  // one object literal of one shape, no spreads: a config may have tens of thousands of contacts
  for (let i = 0; i < items.length; i++) {
    const fields = items[i]!.fields;
    const uri = fields.uri;
    if (uri) out.push({ uri, externalIp: fields['external-ip'], localNet: fields['local-net'], sip: parse(uri.raw) });
  }
  return out;
}

export interface SipUri {
  scheme: 'sip' | 'sips';
  host: string;
  port?: number;
  /** lower-cased transports of the last ;transport= parameter, e.g. ['udp', 'tcp']; [] without one */
  transports: string[];
}

/** The schema's pattern, whose groups are scheme, host, port and parameters. */
const SIP_URI_RE = new RegExp(SIP_URI);
/** shared by every URI without a transport parameter (frozen: parses are shared too) */
const NO_TRANSPORTS = Object.freeze([]) as unknown as string[];

/** Split a contact the way drachtio-server accepts it; undefined when the server would reject it. */
export function parseSipUri(text: string): SipUri | undefined {
  const m = SIP_URI_RE.exec(text);
  if (!m) return undefined;
  const scheme = m[1] as SipUri['scheme'];
  return sipUri(scheme, m[2]!, m[3] === undefined ? undefined : Number(m[3]), m[4] ? lastTransport(m[4], 0) : undefined);
}

/**
 * parseSipUri's answer, split by hand where the text is plain: for long lists of contacts. Once
 * V8 has optimised it, it costs a fraction of the pattern's match array and captures; for a few
 * contacts, still run as bytecode, the pattern is cheaper.
 */
export function splitSipUri(text: string): SipUri | undefined {
  const plain = splitPlainUri(text);
  return plain === NOT_PLAIN ? parseSipUri(text) : plain;
}

function sipUri(scheme: SipUri['scheme'], host: string, port: number | undefined, transport: string | undefined): SipUri {
  const transports = transport ? transportList(transport) : NO_TRANSPORTS;
  return port === undefined ? { scheme, host, transports } : { scheme, host, port, transports };
}

/** what splitPlainUri answers for text it leaves to the pattern */
const NOT_PLAIN = null;
/**
 * Characters after which the pattern may read the text in more than one way (userinfo, brackets,
 * an IPv6 literal), or that end the host where nearly every contact has none (| and ^): left to it.
 */
const NEEDS_PATTERN = /[<>@[|^]/;
const COLON = 0x3a;
const SEMICOLON = 0x3b;
/** up to this many digits, adding them up gives exactly what Number() reads */
const EXACT_DIGITS = 15;

/**
 * SIP_URI_RE's answer, without its match array and captures, for the contacts nearly every file
 * has: no angle brackets, userinfo or IPv6 literal. Then the pattern can match one way only:
 * `sip:` or `sips:`, the longest host without ; or : (not empty), then perhaps `:` and digits,
 * then perhaps `;` and parameters (not empty), and the end. Anything else is NOT_PLAIN.
 */
function splitPlainUri(text: string): SipUri | undefined | typeof NOT_PLAIN {
  if (NEEDS_PATTERN.test(text)) return NOT_PLAIN;
  const scheme = text.startsWith('sips:') ? 'sips' : text.startsWith('sip:') ? 'sip' : undefined;
  if (!scheme) return undefined;
  const from = scheme.length + 1;
  // the host ends at the first ':' or ';' (found natively: a loop over its characters runs as bytecode for the first thousands)
  let i = endOfHost(text, from);
  if (i === from) return undefined;
  const host = text.slice(from, i);
  let port: number | undefined;
  if (text.charCodeAt(i) === COLON) {
    const digits = ++i;
    let n = 0;
    for (let c = text.charCodeAt(i); c >= 0x30 && c <= 0x39; c = text.charCodeAt(++i)) n = n * 10 + c - 0x30;
    if (i === digits) return undefined;
    port = i - digits <= EXACT_DIGITS ? n : Number(text.slice(digits, i));
  }
  if (i === text.length) return sipUri(scheme, host, port, undefined);
  // parameters: at least one character after ';' (the text has no '>')
  if (text.charCodeAt(i) !== SEMICOLON || i + 1 === text.length) return undefined;
  return sipUri(scheme, host, port, lastTransport(text, i + 1));
}

function endOfHost(text: string, from: number): number {
  const colon = text.indexOf(':', from);
  const semicolon = text.indexOf(';', from);
  if (colon < 0) return semicolon < 0 ? text.length : semicolon;
  return semicolon < 0 || colon < semicolon ? colon : semicolon;
}

/** A parameter named transport (in any case), with a value or without */
const TRANSPORT_PARAM = /transport(?:=|;|$)/iy;

/** The value of the last transport parameter in the parameters from `start` on ('' for one without a value); undefined when there is none. */
function lastTransport(params: string, start: number): string | undefined {
  let transport: string | undefined;
  // offsets, not split(): each contact is parsed once, but a config may have tens of thousands
  for (let from = start; ; ) {
    const semicolon = params.indexOf(';', from);
    const end = semicolon < 0 ? params.length : semicolon;
    TRANSPORT_PARAM.lastIndex = from;
    if (TRANSPORT_PARAM.test(params)) transport = params.slice(from + 10, end);
    if (semicolon < 0) return transport;
    from = semicolon + 1;
  }
}

/** Transport lists by their text, shared (frozen): a big config repeats a few ("udp", "udp,tcp") thousands of times. */
const TRANSPORT_LISTS = new Map<string, string[]>();
/** ...but a file of thousands of different ones is not kept */
const MAX_TRANSPORT_LISTS = 100;

function transportList(text: string): string[] {
  let list = TRANSPORT_LISTS.get(text);
  if (!list) {
    list = Object.freeze(text.toLowerCase().split(',').filter(Boolean)) as string[];
    if (TRANSPORT_LISTS.size < MAX_TRANSPORT_LISTS) TRANSPORT_LISTS.set(text, list);
  }
  return list;
}

/** shared by every contact without a transport parameter */
const TLS_ONLY: readonly string[] = Object.freeze(['tls']);
const UDP_AND_TCP: readonly string[] = Object.freeze(['udp', 'tcp']);

/** The transports a contact listens on: its ;transport= list, else udp and tcp (sip) or tls (sips). */
export function contactTransports(uri: SipUri): readonly string[] {
  if (uri.transports.length > 0) return uri.transports;
  return uri.scheme === 'sips' ? TLS_ONLY : UDP_AND_TCP;
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
  return deriveLocalNetOf(parseSipUri(uri)?.host, externalIp);
}

/** As deriveLocalNet, for a contact already parsed: its host (undefined when the URI does not parse). */
export function deriveLocalNetOf(host: string | undefined, externalIp = ''): DerivedLocalNet | undefined {
  const from = externalIp !== '' ? 'external-ip' : 'host';
  const address = externalIp !== '' ? externalIp : host;
  if (address === undefined || (from === 'host' && !isIPv4(address))) return undefined;
  const localNet = DERIVED_NETS.find(([test]) => test(address))?.[1];
  return localNet ? { from, address, localNet } : { from, address };
}

/** Private and shared IPv4 space (RFC 1918, RFC 6598, loopback, link-local): where a local network is expected around an address. */
const PRIVATE_BLOCKS = [['10.0.0.0', 8], ['172.16.0.0', 12], ['192.168.0.0', 16], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16]] as const;

/** The private block an IPv4 address is in, as CIDR; undefined for public or non-IPv4 addresses. */
export function privateBlockOf(address: string | undefined): string | undefined {
  if (address === undefined || !isIPv4(address)) return undefined;
  const found = PRIVATE_BLOCKS.find(([net, bits]) => inIPv4Block(address, net, bits));
  return found && `${found[0]}/${found[1]}`;
}
