import { createSocket } from 'node:dgram';
import { isIP, createServer } from 'node:net';
import { isWildcard, listenersOf, type Listener, type Protocol } from '../model/facts.js';
import { holdersOf, socketInodes } from './proc.js';
import { about, type Check, type DoctorConfig } from './types.js';

/** The address to bind: a wildcard is every IPv4 interface, brackets come off IPv6. */
const bindAddress = (host: string) => (isWildcard(host) ? (host.includes(':') ? '::' : '0.0.0.0') : host.replace(/^\[(.*)\]$/, '$1'));

/** Bind the port as the server would and let it go: undefined when it could, else the error code. */
export function tryBind(protocol: Protocol, host: string, port: number): Promise<string | undefined> {
  const address = bindAddress(host);
  return new Promise((resolve) => {
    if (protocol === 'tcp') {
      const server = createServer();
      server.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
      server.listen({ host: address, port, exclusive: true }, () => server.close(() => resolve(undefined)));
    } else {
      const socket = createSocket(isIP(address) === 6 ? 'udp6' : 'udp4');
      socket.once('error', (e: NodeJS.ErrnoException) => {
        socket.close();
        resolve(e.code ?? e.message);
      });
      socket.bind({ address, port, exclusive: true }, () => socket.close(() => resolve(undefined)));
    }
  });
}

const where = (l: Listener, p: Protocol) => `${p} ${l.host === '' ? '*' : l.host}:${l.port}`;

/** One listener: free, held by a drachtio (then the server is running already), or taken. */
async function listenerCheck(d: DoctorConfig, l: Listener): Promise<Check> {
  const at = about(d, l.setting, l.pos);
  const free: string[] = [];
  for (const p of l.protocols) {
    const code = await tryBind(p, l.host, l.port);
    if (code === undefined) {
      free.push(where(l, p));
      continue;
    }
    if (code === 'EADDRINUSE') {
      const holders = holdersOf(socketInodes(p, l.port));
      const drachtio = holders.find((h) => h.drachtio);
      if (drachtio) return { id: 'port', status: 'ok', message: `${where(l, p)} (${l.label}) is held by drachtio, pid ${drachtio.pid}`, ...at };
      const who = holders.length > 0 ? holders.map((h) => `pid ${h.pid} (${h.name})`).join(', ') : 'a process this user cannot see (run as root to name it)';
      return { id: 'port', status: 'fail', message: `${where(l, p)} (${l.label}) is in use by ${who}`, ...at };
    }
    if (code === 'EACCES') return { id: 'port', status: 'warn', message: `${where(l, p)} (${l.label}): binding needs root or CAP_NET_BIND_SERVICE`, ...at };
    if (code === 'EADDRNOTAVAIL') return { id: 'port', status: 'fail', message: `${where(l, p)} (${l.label}): the address is not on this host`, ...at };
    return { id: 'port', status: 'fail', message: `${where(l, p)} (${l.label}) cannot be bound: ${code}`, ...at };
  }
  return { id: 'port', status: 'ok', message: `${free.join(' and ')} (${l.label}) is free`, ...at };
}

/** Every socket the configuration opens, tried one after the other (never two binds on one port at once). */
export async function portChecks(d: DoctorConfig): Promise<Check[]> {
  const out: Check[] = [];
  for (const l of listenersOf(d.config)) if (l.port > 0) out.push(await listenerCheck(d, l));
  return out;
}
