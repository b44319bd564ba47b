import { isIP } from 'node:net';
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import { deriveLocalNet } from '../model/contacts.js';
import { contactNetsOf, isLoopback, isWildcard, type ContactNet } from '../model/facts.js';
import { about, type Check, type DoctorConfig } from './types.js';

type Interfaces = ReturnType<typeof networkInterfaces>;

const ipv4 = (text: string) => text.split('.').reduce((n, part) => (n << 8) + Number(part), 0) >>> 0;

/** A CIDR as network/bits with the host bits cleared, the way the server masks it. */
function network(cidr: string): string | undefined {
  const m = /^([0-9.]+)\/(\d+)$/.exec(cidr);
  if (!m || isIP(m[1]!) !== 4 || Number(m[2]) > 32) return undefined;
  const bits = Number(m[2]);
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  const n = (ipv4(m[1]!) & mask) >>> 0;
  return `${[24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.')}/${bits}`;
}

function findInterface(ifaces: Interfaces, address: string): { name: string; info: NetworkInterfaceInfo } | undefined {
  for (const [name, infos] of Object.entries(ifaces)) for (const info of infos ?? []) if (info.address === address) return { name, info };
  return undefined;
}

function localNetCheck(d: DoctorConfig, c: ContactNet, iface: { name: string; info: NetworkInterfaceInfo }): Check | undefined {
  if (iface.info.family !== 'IPv4' || !iface.info.cidr || isLoopback(c.host)) return undefined;
  const real = network(iface.info.cidr);
  const given = c.localNet?.raw;
  // the server's own derivation (src/sip-transports.cpp SipTransport::addTransports)
  const used = given ?? deriveLocalNet(c.uri, c.externalIp?.raw)?.localNet;
  if (!used || !real) return undefined;
  const at = given ? about(d, 'sip.contacts.local-net', c.localNet!.pos) : about(d, 'sip.contacts.uri', c.pos);
  const what = given ? `local-net ${given}` : `the server derives local-net ${used}`;
  if (network(used) === real) return { id: 'local-net', status: 'ok', message: `${c.uri}: ${what}, the network of ${iface.name}`, ...at };
  return { id: 'local-net', status: 'warn', message: `${c.uri}: ${what} but ${iface.name} is on ${real}${given ? '' : `: set local-net="${real}"`}`, ...at };
}

/** Each contact's host must be an address of this host (or a wildcard) for the server to bind it. */
export function addressChecks(d: DoctorConfig, ifaces: Interfaces = networkInterfaces()): Check[] {
  const out: Check[] = [];
  for (const c of contactNetsOf(d.config)) {
    const at = about(d, 'sip.contacts.uri', c.pos);
    const host = c.host.replace(/^\[(.*)\]$/, '$1');
    if (isWildcard(c.host)) {
      out.push({ id: 'address', status: 'ok', message: `${c.uri}: every interface`, ...at });
      continue;
    }
    if (isIP(host) === 0) {
      out.push({ id: 'address', status: 'warn', message: `${c.uri}: ${host} is a name; the server binds what it resolves to, which is not checked`, ...at });
      continue;
    }
    const iface = findInterface(ifaces, host);
    if (iface) {
      out.push({ id: 'address', status: 'ok', message: `${c.uri}: ${host} is on ${iface.name}`, ...at });
      const net = localNetCheck(d, c, iface);
      if (net) out.push(net);
    } else if (c.externalIp) {
      out.push({ id: 'address', status: 'warn', message: `${c.uri}: ${host} is not on this host; external-ip ${c.externalIp.raw} is only advertised, the server binds ${host}`, ...at });
    } else {
      out.push({ id: 'address', status: 'fail', message: `${c.uri}: ${host} is not assigned to any interface of this host`, ...at });
    }
  }
  return out;
}
