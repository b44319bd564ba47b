import { isTemplated } from '../schema/patterns.js';
import { setting } from '../registry/index.js';
import type { Position } from '../xml/positions.js';
import { fileValueOrDefault, serverUint } from './coerce.js';
import type { DrachtioConfig, RawValue } from './config.js';
import { DEFAULT_CONTACT, contactPort, contactTransports, contactsInForce, isTlsContact, parseSipUri, type ContactInForce, type SipUri } from './contacts.js';

/**
 * Facts derived from one configuration (the effective one: file values with the environment's and
 * command line's in their place), computed here only, for rules, render, init and doctor alike.
 */

export type Protocol = 'tcp' | 'udp';

/** One socket the server opens. */
export interface Listener {
  /** what it is for, as a sentence fragment: "the admin port", "SIP contact sip:…" */
  label: string;
  /** registry id of the setting that opens it */
  setting: string;
  /** the address as written ('' or a wildcard: every interface) */
  host: string;
  port: number;
  /** in the order the contact names its transports */
  protocols: readonly Protocol[];
  /** the SIP transports a contact carries (udp, tcp, tls, ws, wss); empty for admin and Prometheus */
  transports: readonly string[];
  /** the server attaches the TLS key and certificate to it (admin tls-port, sips/tls contacts) */
  tls: boolean;
  /** where it was written; absent for the server's default contact */
  pos?: Position;
}

const WILDCARDS = new Set(['', '0.0.0.0', '::', '[::]', '*']);
/** Whether a listener's address means every interface. */
export const isWildcard = (host: string) => WILDCARDS.has(host);
/** Whether a listener is reachable only from this host. */
export const isLoopback = (host: string) => /^127\./.test(host) || host === '::1' || host === '[::1]' || host === 'localhost';

const TCP: readonly Protocol[] = ['tcp'];
const UDP: readonly Protocol[] = ['udp'];
const UDP_TCP: readonly Protocol[] = ['udp', 'tcp'];
const TCP_UDP: readonly Protocol[] = ['tcp', 'udp'];

/** The port a numeric value holds as the server reads it: templated text counts as unknown (0). */
function portValue(config: DrachtioConfig, id: string): { port: number; pos?: Position } {
  const v = config.values.get(id);
  if (v && isTemplated(v.raw)) return { port: 0, pos: v.pos };
  const port = v ? (serverUint(v.raw) ?? Number(setting(id).default ?? 0)) : Number(setting(id).default ?? 0);
  return v ? { port, pos: v.pos } : { port };
}

/** A contact's listener, or undefined for text the server would not accept (or a template). */
export function contactListener(raw: string, pos?: Position): Listener | undefined {
  return listenerOf(raw, parseSipUri(raw), pos);
}

/** As contactListener, for a contact already parsed. */
function listenerOf(raw: string, uri: SipUri | undefined, pos?: Position): Listener | undefined {
  if (!listens(raw, uri)) return undefined;
  const transports = contactTransports(uri);
  const protocols = protocolsOf(transports);
  const label = `SIP contact ${raw}`;
  const port = contactPort(uri);
  const tls = isTlsContact(raw);
  // two literals, not a spread or a property added later: a config may have thousands of contacts
  return pos
    ? { label, setting: 'sip.contacts.uri', host: uri.host, port, protocols, transports, tls, pos }
    : { label, setting: 'sip.contacts.uri', host: uri.host, port, protocols, transports, tls };
}

/** Whether a contact opens a socket: the server accepts its text, and it is no template placeholder. */
const listens = (raw: string, uri: SipUri | undefined): uri is SipUri => uri !== undefined && !isTemplated(raw);

/** The socket protocols of a contact's transports, in its order (shared arrays: a config may have thousands of contacts). */
function protocolsOf(transports: readonly string[]): readonly Protocol[] {
  if (!transports.includes('udp')) return TCP;
  // a loop, not every(): no closure to call per contact while this runs as bytecode
  for (let i = 0; i < transports.length; i++) if (transports[i] !== 'udp') return transports[0] === 'udp' ? UDP_TCP : TCP_UDP;
  return UDP;
}

function adminListener(label: string, id: string, host: string, port: number, tls: boolean, pos: Position | undefined): Listener {
  return pos ? { label, setting: id, host, port, protocols: TCP, transports: [], tls, pos } : { label, setting: id, host, port, protocols: TCP, transports: [], tls };
}

/**
 * Every socket the configuration opens: the admin port and tls-port (src/controller.cpp
 * DrachtioController::run), Prometheus when it has a port, and each SIP contact (the server's
 * default contact when none is given).
 */
export const listenersOf = (config: DrachtioConfig): Listener[] => withContacts(fixedListeners(config), contactsInForce(config));

/** The fixed listeners followed by those of the contacts the server accepts. */
function withContacts(fixed: Listener[], contacts: readonly ContactInForce[]): Listener[] {
  for (let i = 0; i < contacts.length; i++) {
    const l = contactListenerOf(contacts[i]!);
    if (l) fixed.push(l);
  }
  return fixed;
}

const contactListenerOf = (c: ContactInForce) => listenerOf(c.uri.raw, c.sip, c.uri.pos);

/** The listeners before the contacts: admin, tls-port, Prometheus, and the default contact when none is given. */
function fixedListeners(config: DrachtioConfig): Listener[] {
  const out: Listener[] = [];
  const adminHost = config.values.get('admin.address')?.raw.trim() ?? '';
  const at = config.elements.get('admin');
  const plain = portValue(config, 'admin.port');
  const tls = portValue(config, 'admin.tls-port');
  // without <admin> the server does not start, and a fragment has none of its own
  if (at || config.values.has('admin.address')) {
    if (plain.port) out.push(adminListener('the admin port', 'admin.port', adminHost, plain.port, false, plain.pos ?? at?.pos));
    if (tls.port) out.push(adminListener('the admin tls-port', 'admin.tls-port', adminHost, tls.port, true, tls.pos ?? at?.pos));
  }
  const prometheus = portValue(config, 'monitoring.prometheus.port');
  if (prometheus.port && prometheus.pos) {
    const host = config.values.get('monitoring.prometheus.address')?.raw.trim() ?? '';
    out.push({ label: 'the Prometheus port', setting: 'monitoring.prometheus.port', host, port: prometheus.port, protocols: TCP, transports: [], tls: false, pos: prometheus.pos });
  }
  if (contactsInForce(config).length === 0 && !config.fragment) {
    const l = contactListener(DEFAULT_CONTACT);
    if (l) out.push({ ...l, label: `the default SIP contact ${DEFAULT_CONTACT}` });
  }
  return out;
}

/** Whether two listeners would fight over one socket: same port, a shared protocol, overlapping addresses. */
export const overlaps = (a: Listener, b: Listener) =>
  a.port === b.port && a.protocols.some((p) => b.protocols.includes(p)) && (a.host === b.host || isWildcard(a.host) || isWildcard(b.host));

/** Per protocol and port: the first listener on any address, the first on a wildcard, the first per address. */
interface Firsts {
  any: number;
  wildcard?: number;
  byHost: Map<string, number>;
}

/** Up to this many listeners (a typical config has two to five), comparing each pair costs less than building an index. */
const FEW_LISTENERS = 8;

function firstBefore(all: readonly Listener[], i: number, b: Listener): Listener | undefined {
  for (let j = 0; j < i; j++) if (overlaps(all[j]!, b)) return all[j];
  return undefined;
}

/**
 * Listeners added in order, indexed by protocol, port and address, so that a config with
 * thousands of contacts is checked in linear time. `add` answers the first earlier one that
 * the new one overlaps (-1: none).
 */
class OverlapIndex {
  private readonly index = { tcp: new Map<number, Firsts>(), udp: new Map<number, Firsts>() };

  add(i: number, host: string, port: number, protocols: readonly Protocol[]): number {
    const wildcard = isWildcard(host);
    // small integers throughout (NONE too): Infinity would make every comparison a slow one
    let found = NONE;
    // each protocol has its own index, so each can be looked up and recorded in turn
    for (let k = 0; k < protocols.length; k++) {
      const map = this.index[protocols[k]!];
      let f = map.get(port);
      if (!f) map.set(port, (f = { any: i, byHost: new Map<string, number>() }));
      else if (wildcard) found = Math.min(found, f.any);
      if (wildcard) {
        f.wildcard ??= i;
        continue;
      }
      // one lookup per listener in the per-address index: a config may have thousands of contacts
      const sameHost = f.byHost.get(host);
      if (sameHost === undefined) f.byHost.set(host, i);
      found = Math.min(found, f.wildcard ?? NONE, sameHost ?? NONE);
    }
    return found === NONE ? -1 : found;
  }
}

/** no listener: past any index (a config cannot hold this many) and still a small integer */
const NONE = 0x3fffffff;

/** A listener that cannot bind, since the first listener before it overlaps it. */
export interface Clash {
  listener: Listener;
  first: Listener;
}

/**
 * Every listener that overlaps an earlier one, in listenersOf's order. The contacts of a big
 * config are indexed as they are: Listeners are made only for the few that clash.
 */
export function listenerClashes(config: DrachtioConfig): Clash[] {
  const fixed = fixedListeners(config);
  const contacts = contactsInForce(config);
  const out: Clash[] = [];
  if (fixed.length + contacts.length <= FEW_LISTENERS) {
    const all = withContacts(fixed, contacts);
    for (let i = 1; i < all.length; i++) {
      const first = firstBefore(all, i, all[i]!);
      if (first) out.push({ listener: all[i]!, first });
    }
    return out;
  }
  const index = new OverlapIndex();
  // listeners by their index: the fixed ones, then one per contact (a contact the server would not accept has none)
  const at = (i: number) => (i < fixed.length ? fixed[i]! : contactListenerOf(contacts[i - fixed.length]!)!);
  for (let i = 0; i < fixed.length; i++) {
    const l = fixed[i]!;
    const first = index.add(i, l.host, l.port, l.protocols);
    if (first >= 0) out.push({ listener: l, first: at(first) });
  }
  for (let k = 0; k < contacts.length; k++) {
    const c = contacts[k]!;
    if (!listens(c.uri.raw, c.sip)) continue;
    const i = fixed.length + k;
    const first = index.add(i, c.sip.host, contactPort(c.sip), protocolsOf(contactTransports(c.sip)));
    if (first >= 0) out.push({ listener: at(i), first: at(first) });
  }
  return out;
}

/** One file the server reads at start-up or writes while it runs, by the setting that names it. */
export interface NamedPath {
  setting: string;
  /** the path, trimmed */
  path: string;
  /** the text as written */
  raw: string;
  pos: Position;
}

const TLS_FILES = ['sip.tls.key-file', 'sip.tls.cert-file', 'sip.tls.chain-file', 'sip.tls.dh-param'] as const;
const LOG_PATHS = ['logging.file.name', 'logging.file.archive'] as const;

function pathsOf(config: DrachtioConfig, ids: readonly string[]): NamedPath[] {
  const out: NamedPath[] = [];
  for (const id of ids) {
    const v = config.values.get(id);
    if (v && v.raw.trim() !== '' && !isTemplated(v.raw)) out.push({ setting: id, path: v.raw.trim(), raw: v.raw, pos: v.pos });
  }
  return out;
}

/** The TLS key, certificate, chain and DH parameters the configuration names (src/controller.cpp DrachtioController::run). */
export const tlsFilesOf = (config: DrachtioConfig) => pathsOf(config, TLS_FILES);

/** The log file and its archive directory (src/controller.cpp DrachtioController::initializeLogging). */
export const logPathsOf = (config: DrachtioConfig) => pathsOf(config, LOG_PATHS);

/** Whether some listener needs the TLS key and certificate. */
export const needsTls = (config: DrachtioConfig) => listenersOf(config).some((l) => l.tls);

/** The admin secret in force, when one is set. */
export function secretOf(config: DrachtioConfig): RawValue | undefined {
  const v = config.values.get('admin.secret');
  return v && v.raw !== '' ? v : undefined;
}

/** The value of a setting as the server reads it, the default when absent. */
export const valueOf = (config: DrachtioConfig, id: string) => fileValueOrDefault(setting(id), config.values.get(id)?.raw);

/** A SIP contact in force with the addresses it advertises, for checks against this host's interfaces. */
export interface ContactNet {
  uri: string;
  host: string;
  externalIp?: RawValue;
  localNet?: RawValue;
  pos: Position;
}

/** Every contact in force with its external-ip and local-net (a legacy <sip><contact> has neither: the server ignores them there). */
export function contactNetsOf(config: DrachtioConfig): ContactNet[] {
  const out: ContactNet[] = [];
  for (const c of contactsInForce(config)) {
    if (!listens(c.uri.raw, c.sip)) continue;
    const n: ContactNet = { uri: c.uri.raw, host: c.sip.host, pos: c.uri.pos };
    if (c.externalIp && c.externalIp.raw !== '') n.externalIp = c.externalIp;
    if (c.localNet && c.localNet.raw !== '') n.localNet = c.localNet;
    out.push(n);
  }
  return out;
}

/** A host name the server sends to: the syslog server, the Homer capture server, redis and its sentinels. */
export interface NamedHost {
  setting: string;
  host: string;
  pos: Position;
}

const HOST_SETTINGS = ['logging.syslog.address', 'sip.capture-server.address', 'sip.blacklist.redis-address', 'sip.blacklist.redis-sentinels'] as const;

/** The host part of host[:port] (an IPv6 literal keeps its colons). */
const hostPart = (text: string) => {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed) return bracketed[1]!;
  return (text.match(/:/g) ?? []).length === 1 ? text.slice(0, text.indexOf(':')) : text;
};

/** Every host the configuration names for the server to reach (sentinels are a comma-separated host:port list). */
export function hostsOf(config: DrachtioConfig): NamedHost[] {
  const out: NamedHost[] = [];
  for (const p of pathsOf(config, HOST_SETTINGS)) {
    for (const part of p.path.split(',')) {
      const host = hostPart(part.trim());
      if (host !== '') out.push({ setting: p.setting, host, pos: p.pos });
    }
  }
  return out;
}
