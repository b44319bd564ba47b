import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { hostsOf } from '../model/facts.js';
import { about, type Check, type DoctorConfig } from './types.js';

const LABEL: Record<string, string> = {
  'logging.syslog.address': 'syslog server',
  'sip.capture-server.address': 'Homer capture server',
  'sip.blacklist.redis-address': 'redis',
  'sip.blacklist.redis-sentinels': 'redis sentinel',
};

/** Resolve `host` as the server will (getaddrinfo), or say why not within `timeoutMs`. */
async function resolves(host: string, timeoutMs: number): Promise<{ addresses?: string[]; problem?: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<{ problem: string }>((resolve) => {
    timer = setTimeout(() => resolve({ problem: `did not resolve within ${timeoutMs} ms` }), timeoutMs);
  });
  const answer = lookup(host, { all: true }).then(
    (r) => ({ addresses: r.map((a) => a.address) }),
    (e: NodeJS.ErrnoException) => ({ problem: `does not resolve (${e.code ?? e.message})` }),
  );
  try {
    return await Promise.race([answer, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The syslog, Homer and redis hosts the configuration names must resolve. */
export async function nameChecks(d: DoctorConfig, timeoutMs: number): Promise<Check[]> {
  return Promise.all(
    hostsOf(d.config).map(async (h): Promise<Check> => {
      const label = `${LABEL[h.setting] ?? h.setting} ${h.host}`;
      const at = about(d, h.setting, h.pos);
      if (isIP(h.host) !== 0) return { id: 'name', status: 'ok', message: `${label}: an address, nothing to resolve`, ...at };
      const r = await resolves(h.host, timeoutMs);
      return r.addresses
        ? { id: 'name', status: 'ok', message: `${label} resolves to ${r.addresses.join(', ')}`, ...at }
        : { id: 'name', status: 'fail', message: `${label} ${r.problem}`, ...at };
    }),
  );
}
