import { serverUint } from '../../model/coerce.js';
import type { DrachtioConfig } from '../../model/config.js';
import { isTemplated } from '../../schema/patterns.js';
import type { Position } from '../../xml/positions.js';
import { contactPort, contactTransports, contactUris, parseSipUri } from '../../model/contacts.js';
import type { Rule } from '../types.js';

/** Listeners that would share a port: the admin ports, Prometheus and the SIP contacts. */

interface Listener {
  label: string;
  host: string;
  port: number;
  protocols: ReadonlySet<'tcp' | 'udp'>;
  pos: Position;
  setting: string;
}

const TCP: ReadonlySet<'tcp' | 'udp'> = new Set(['tcp'] as const);
const UDP: ReadonlySet<'tcp' | 'udp'> = new Set(['udp'] as const);
const UDP_TCP: ReadonlySet<'tcp' | 'udp'> = new Set(['udp', 'tcp'] as const);
const TCP_UDP: ReadonlySet<'tcp' | 'udp'> = new Set(['tcp', 'udp'] as const);
/** The shared sets above as lists: iterating a set allocates an iterator, once per listener. */
const AS_LIST = new Map([TCP, UDP, UDP_TCP, TCP_UDP].map((set) => [set, [...set]]));
const WILDCARD = new Set(['', '0.0.0.0', '::', '[::]', '*']);
function sipListener(raw: string, pos: Position): Listener | undefined {
  const uri = isTemplated(raw) ? undefined : parseSipUri(raw);
  if (!uri) return undefined;
  const transports = contactTransports(uri);
  // shared sets (a config may have thousands of contacts), in the order the transports name them
  const udp = transports.includes('udp');
  const protocols = !udp ? TCP : transports.every((t) => t === 'udp') ? UDP : transports[0] === 'udp' ? UDP_TCP : TCP_UDP;
  return { label: `SIP contact ${raw}`, host: uri.host, port: contactPort(uri), protocols, pos, setting: 'sip.contacts.uri' };
}

function listeners(config: DrachtioConfig): Listener[] {
  const out: Listener[] = [];
  const adminHost = config.values.get('admin.address')?.raw.trim() ?? '';
  const portOf = (id: string, fallback: number) => {
    const v = config.values.get(id);
    return { port: (v && !isTemplated(v.raw) ? serverUint(v.raw) : undefined) ?? (v && isTemplated(v.raw) ? 0 : fallback), pos: v?.pos };
  };
  if (config.elements.has('admin')) {
    const plain = portOf('admin.port', 9022);
    const tls = portOf('admin.tls-port', 0);
    const at = config.elements.get('admin')!;
    if (plain.port) out.push({ label: 'the admin port', host: adminHost, port: plain.port, protocols: TCP, pos: plain.pos ?? at, setting: 'admin.port' });
    if (tls.port) out.push({ label: 'the admin tls-port', host: adminHost, port: tls.port, protocols: TCP, pos: tls.pos ?? at, setting: 'admin.tls-port' });
  }
  const prometheus = portOf('monitoring.prometheus.port', 0);
  if (prometheus.port && prometheus.pos) {
    const host = config.values.get('monitoring.prometheus.address')?.raw.trim() ?? '';
    out.push({ label: 'the Prometheus port', host, port: prometheus.port, protocols: TCP, pos: prometheus.pos, setting: 'monitoring.prometheus.port' });
  }
  for (const uri of contactUris(config)) {
    const l = sipListener(uri.raw, uri.pos);
    if (l) out.push(l);
  }
  return out;
}

/** Per protocol and port: the first listener on any address, the first on a wildcard, the first per address. */
interface Firsts {
  any: number;
  wildcard?: number;
  byHost: Map<string, number>;
}

/**
 * For each listener, the first listener before it that it overlaps: same port, a shared protocol,
 * and the same address or a wildcard on either side. Indexed by protocol, port and address, so
 * that a config with thousands of contacts is checked in linear time.
 */
function firstOverlaps(all: readonly Listener[]): (Listener | undefined)[] {
  const index = { tcp: new Map<number, Firsts>(), udp: new Map<number, Firsts>() };
  return all.map((b, i) => {
    const wildcard = WILDCARD.has(b.host);
    let found = Infinity;
    const protocols = AS_LIST.get(b.protocols)!;
    for (const p of protocols) {
      const f = index[p].get(b.port);
      if (f) found = Math.min(found, wildcard ? f.any : Math.min(f.wildcard ?? Infinity, f.byHost.get(b.host) ?? Infinity));
    }
    for (const p of protocols) {
      const f = index[p].get(b.port) ?? { any: i, byHost: new Map<string, number>() };
      index[p].set(b.port, f);
      if (wildcard) f.wildcard ??= i;
      else if (!f.byHost.has(b.host)) f.byHost.set(b.host, i);
    }
    return all[found];
  });
}

export const portClash: Rule = {
  meta: {
    id: 'port-clash',
    severity: 'error',
    summary: 'Two listeners on the same port and address: admin port, admin tls-port, Prometheus port or SIP contacts.',
    why: 'Only one socket can listen on a port: the second fails to bind and drachtio-server stops at start-up (exit status 0). SIP contacts without a port use 5060 (sip) or 5061 (sips or transport=tls).',
    bad: '<drachtio><admin port="5060">0.0.0.0</admin><sip><contacts><contact>sip:10.0.0.1;transport=tcp</contact></contacts></sip></drachtio>',
    good: '<drachtio><admin port="9022">127.0.0.1</admin><sip><contacts><contact>sip:10.0.0.1;transport=tcp</contact></contacts></sip></drachtio>',
  },
  check({ config, report }) {
    const all = listeners(config);
    const overlapped = firstOverlaps(all);
    for (let i = 0; i < all.length; i++) {
      const a = overlapped[i];
      const b = all[i]!;
      if (!a) continue;
      const proto = [...a.protocols].find((p) => b.protocols.has(p))!.toUpperCase();
      report({
        message: `${b.label} uses ${proto} port ${b.port}, as does ${a.label} (line ${a.pos.line}) on an overlapping address: the second cannot bind and drachtio-server stops at start-up`,
        pos: b.pos,
        setting: b.setting,
      });
    }
  },
};
