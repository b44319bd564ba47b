import { addressChecks } from './addresses.js';
import type { ServiceUser } from './access.js';
import { fileChecks } from './files.js';
import { nameChecks } from './names.js';
import { portChecks } from './ports.js';
import { tlsChecks } from './tls.js';
import type { Check, DoctorConfig, Status } from './types.js';

export type { Check, DoctorConfig, Status } from './types.js';

export interface DoctorOptions {
  user?: ServiceUser;
  /** for each name lookup */
  dnsTimeoutMs: number;
}

export interface DoctorReport {
  checks: Check[];
  summary: Record<Status, number>;
}

/** Check this host against a configuration: TLS files, ports, addresses, files and users, names. */
export async function runDoctor(d: DoctorConfig, o: DoctorOptions): Promise<DoctorReport> {
  const [ports, names] = await Promise.all([portChecks(d), nameChecks(d, o.dnsTimeoutMs)]);
  const checks = [...tlsChecks(d, o.user), ...ports, ...addressChecks(d), ...fileChecks(d, o.user), ...names];
  const summary: Record<Status, number> = { ok: 0, warn: 0, fail: 0 };
  for (const c of checks) summary[c.status]++;
  return { checks, summary };
}
