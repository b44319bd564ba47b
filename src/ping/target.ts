import { setting } from '../registry/index.js';
import { isWildcard, listenersOf, secretOf, type Listener } from '../model/facts.js';
import type { DrachtioConfig } from '../model/config.js';
import { UserError } from '../errors.js';

export interface TargetFlags {
  host?: string;
  port?: number;
  tls: boolean;
  secret?: string;
}

export interface Endpoint {
  host: string;
  port: number;
  tls: boolean;
  secret: string;
}

const LOOPBACK = '127.0.0.1';
/** A listener on every interface is reached on loopback. */
const reachable = (l?: Listener) => (l && !isWildcard(l.host) ? l.host.replace(/^\[(.*)\]$/, '$1') : LOOPBACK);

/**
 * Where to ping: the flags, else the configuration's admin listener (its tls-port with --tls, or
 * when it has no plain port), else the server's defaults (127.0.0.1:9022, secret "admin").
 */
export function adminEndpoint(f: TargetFlags, config?: DrachtioConfig): Endpoint {
  const listeners = config ? listenersOf(config) : [];
  const plain = listeners.find((l) => l.setting === 'admin.port');
  const tlsPort = listeners.find((l) => l.setting === 'admin.tls-port');
  const tls = f.tls || (f.port === undefined && !plain && tlsPort !== undefined);
  const chosen = tls ? tlsPort : plain;
  const port = f.port ?? chosen?.port ?? (tls || config ? undefined : Number(setting('admin.port').default));
  if (port === undefined) throw new UserError(config ? `${config.source}: the configuration opens no admin ${tls ? 'tls-port' : 'port'}; give --port` : '--tls: give --port, or a configuration (--file) with an admin tls-port');
  const secret = f.secret ?? (config && secretOf(config)?.raw) ?? String(setting('admin.secret').default);
  return { host: f.host ?? reachable(chosen ?? plain), port, tls, secret };
}

/** The Prometheus endpoint: --metrics-port, else the configuration's. */
export function metricsEndpoint(host: string | undefined, port: number | undefined, config?: DrachtioConfig): { host: string; port: number } {
  const l = config ? listenersOf(config).find((x) => x.setting === 'monitoring.prometheus.port') : undefined;
  const p = port ?? l?.port;
  if (p === undefined) throw new UserError('--prometheus: the configuration opens no Prometheus port; give --metrics-port');
  return { host: host ?? reachable(l), port: p };
}
