import type { DrachtioConfig } from '../model/config.js';
import { fileValueOrDefault } from '../model/coerce.js';
import { DEFAULT_CONTACT, contactPort, contactTransports, contactUris, parseSipUri } from '../model/contacts.js';
import { setting } from '../registry/index.js';

export interface Port {
  port: number;
  protocol: 'udp' | 'tcp';
  purpose: string;
}

/** What a deployment needs to know about a configuration: the ports it listens on and where it logs. */
export interface DeploymentFacts {
  ports: Port[];
  adminAddress: string;
  adminPort?: number;
  logFile?: string;
  hasSecret: boolean;
}

function fileValue(config: DrachtioConfig, id: string) {
  return fileValueOrDefault(setting(id), config.values.get(id)?.raw);
}

export function deploymentFacts(config: DrachtioConfig): DeploymentFacts {
  const ports: Port[] = [];
  const add = (port: number, protocol: Port['protocol'], purpose: string) => {
    if (port > 0 && !ports.some((p) => p.port === port && p.protocol === protocol)) ports.push({ port, protocol, purpose });
  };
  const contacts = contactUris(config).map((u) => u.raw);
  for (const text of contacts.length ? contacts : [DEFAULT_CONTACT]) {
    const uri = parseSipUri(text);
    if (!uri) continue;
    for (const t of contactTransports(uri)) add(contactPort(uri), t === 'udp' ? 'udp' : 'tcp', `SIP ${t}`);
  }
  const adminPort = Number(fileValue(config, 'admin.port'));
  add(adminPort, 'tcp', 'drachtio applications');
  add(Number(fileValue(config, 'admin.tls-port') ?? 0), 'tcp', 'drachtio applications (TLS)');
  if (config.values.has('monitoring.prometheus.port')) add(Number(fileValue(config, 'monitoring.prometheus.port') ?? 0), 'tcp', 'Prometheus metrics');
  return {
    ports,
    adminAddress: config.values.get('admin.address')?.raw ?? '',
    ...(adminPort > 0 && { adminPort }),
    ...(config.values.has('logging.file.name') && { logFile: config.values.get('logging.file.name')!.raw }),
    hasSecret: (config.values.get('admin.secret')?.raw ?? '') !== '',
  };
}
