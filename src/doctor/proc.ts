import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import type { Protocol } from '../model/facts.js';

/** A process holding a socket. */
export interface Holder {
  pid: number;
  name: string;
  drachtio: boolean;
}

const lines = (path: string) => {
  try {
    return readFileSync(path, 'utf8').split('\n').slice(1);
  } catch {
    return [];
  }
};

const TCP_LISTEN = '0A';

/**
 * Inodes of the sockets bound to `port` (/proc/net/tcp{,6} in LISTEN state, /proc/net/udp{,6}):
 * each row is "sl local_address rem_address st … uid timeout inode", the address as hex ip:port.
 */
export function socketInodes(protocol: Protocol, port: number, proc = '/proc'): Set<string> {
  const out = new Set<string>();
  for (const table of [protocol, `${protocol}6`]) {
    for (const line of lines(`${proc}/net/${table}`)) {
      const f = line.trim().split(/\s+/);
      const local = f[1]?.split(':')[1];
      if (local === undefined || parseInt(local, 16) !== port) continue;
      if (protocol === 'tcp' && f[3] !== TCP_LISTEN) continue;
      if (f[9] && f[9] !== '0') out.add(f[9]);
    }
  }
  return out;
}

/** The processes whose open files include one of `inodes` (only those this user may look into). */
export function holdersOf(inodes: ReadonlySet<string>, proc = '/proc'): Holder[] {
  if (inodes.size === 0) return [];
  const wanted = new Set([...inodes].map((i) => `socket:[${i}]`));
  const out: Holder[] = [];
  let pids: string[];
  try {
    pids = readdirSync(proc).filter((p) => /^\d+$/.test(p));
  } catch {
    return [];
  }
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = readdirSync(`${proc}/${pid}/fd`);
    } catch {
      continue;
    }
    const holds = fds.some((fd) => {
      try {
        return wanted.has(readlinkSync(`${proc}/${pid}/fd/${fd}`));
      } catch {
        return false;
      }
    });
    if (holds) out.push(describe(Number(pid), proc));
  }
  return out;
}

function describe(pid: number, proc: string): Holder {
  const read = (f: string) => {
    try {
      return readFileSync(`${proc}/${pid}/${f}`, 'utf8');
    } catch {
      return '';
    }
  };
  const name = read('comm').trim() || '?';
  const argv0 = read('cmdline').split('\0')[0] ?? '';
  return { pid, name, drachtio: name === 'drachtio' || /(^|\/)drachtio$/.test(argv0) };
}
