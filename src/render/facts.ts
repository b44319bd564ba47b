import type { DrachtioConfig } from '../model/config.js';
import { listenersOf, logPathsOf, secretOf, tlsFilesOf, type Listener, type NamedPath, type Protocol } from '../model/facts.js';

export interface Port {
  port: number;
  protocol: Protocol;
  purpose: string;
}

/** What a deployment needs to know about a configuration, from the facts every command shares (src/model/facts.ts). */
export interface DeploymentFacts {
  listeners: Listener[];
  /** each port and protocol once, for publishing */
  ports: Port[];
  adminAddress: string;
  adminPort?: number;
  logFile?: string;
  tlsFiles: NamedPath[];
  hasSecret: boolean;
}

/** What a listener is for, as a deployment names it. */
function purposeOf(l: Listener, protocol: Protocol): string {
  if (l.setting === 'admin.port') return 'drachtio applications';
  if (l.setting === 'admin.tls-port') return 'drachtio applications (TLS)';
  if (l.setting === 'monitoring.prometheus.port') return 'Prometheus metrics';
  const t = l.transports.filter((x) => (protocol === 'udp' ? x === 'udp' : x !== 'udp'));
  return `SIP ${t.join(',')}`;
}

export function deploymentFacts(config: DrachtioConfig): DeploymentFacts {
  const listeners = listenersOf(config);
  const ports: Port[] = [];
  // SIP first: the ports a deployment is about
  const sipFirst = [...listeners.filter((l) => l.transports.length > 0), ...listeners.filter((l) => l.transports.length === 0)];
  for (const l of sipFirst) {
    for (const protocol of l.protocols) {
      if (!ports.some((p) => p.port === l.port && p.protocol === protocol)) ports.push({ port: l.port, protocol, purpose: purposeOf(l, protocol) });
    }
  }
  const admin = listeners.find((l) => l.setting === 'admin.port');
  const logFile = logPathsOf(config).find((p) => p.setting === 'logging.file.name')?.path;
  return {
    listeners,
    ports,
    adminAddress: config.values.get('admin.address')?.raw ?? '',
    ...(admin && { adminPort: admin.port }),
    ...(logFile && { logFile }),
    tlsFiles: tlsFilesOf(config),
    hasSecret: secretOf(config) !== undefined,
  };
}
