import { posix } from 'node:path';
import type { DrachtioConfig } from '../model/config.js';
import { isLoopback, listenersOf, logPathsOf, secretOf, tlsFilesOf, type Listener, type NamedPath, type Protocol } from '../model/facts.js';

export interface Port {
  port: number;
  protocol: Protocol;
  purpose: string;
}

/** A file the server opens, where it opens it on the target: relative paths resolved from its working directory. */
export interface TargetPath {
  setting: string;
  /** as the config writes it */
  written: string;
  /** absolute, on the target */
  path: string;
}

/** What a deployment needs to know about a configuration, from the facts every command shares (src/model/facts.ts). */
export interface DeploymentFacts {
  listeners: Listener[];
  /** each port and protocol once, for publishing */
  ports: Port[];
  tlsFiles: TargetPath[];
  /** the log file and the archive directory */
  logPaths: TargetPath[];
  logFile?: string;
  hasSecret: boolean;
  /** some port is below 1024, so binding it needs CAP_NET_BIND_SERVICE */
  privileged: boolean;
}

/** What a listener is for, as a deployment names it. */
function purposeOf(l: Listener, protocol: Protocol): string {
  if (l.setting === 'admin.port') return 'drachtio applications';
  if (l.setting === 'admin.tls-port') return 'drachtio applications (TLS)';
  if (l.setting === 'monitoring.prometheus.port') return 'Prometheus metrics';
  const t = l.transports.filter((x) => (protocol === 'udp' ? x === 'udp' : x !== 'udp'));
  return `SIP ${t.join(',')}`;
}

/**
 * Resolve paths as the server does (it opens them as written, so a relative one is taken from its
 * working directory), warning about each relative one: it only works where that directory is right.
 */
function onTarget(paths: readonly NamedPath[], cwd: string, warnings: string[]): TargetPath[] {
  return paths.map((p) => {
    if (posix.isAbsolute(p.path)) return { setting: p.setting, written: p.path, path: p.path };
    const path = posix.resolve(cwd, p.path);
    warnings.push(`${p.setting} "${p.path}" is a relative path: drachtio-server opens it from its working directory, here ${path}; write an absolute path`);
    return { setting: p.setting, written: p.path, path };
  });
}

/** Facts for a deployment whose server runs in `cwd` (the unit's WorkingDirectory, the image's /). */
export function deploymentFacts(config: DrachtioConfig, cwd: string, warnings: string[]): DeploymentFacts {
  const listeners = listenersOf(config);
  const ports: Port[] = [];
  // SIP first: the ports a deployment is about
  const sipFirst = [...listeners.filter((l) => l.transports.length > 0), ...listeners.filter((l) => l.transports.length === 0)];
  for (const l of sipFirst) {
    for (const protocol of l.protocols) {
      if (!ports.some((p) => p.port === l.port && p.protocol === protocol)) ports.push({ port: l.port, protocol, purpose: purposeOf(l, protocol) });
    }
  }
  const logPaths = onTarget(logPathsOf(config), cwd, warnings);
  const logFile = logPaths.find((p) => p.setting === 'logging.file.name')?.path;
  return {
    listeners,
    ports,
    tlsFiles: onTarget(tlsFilesOf(config), cwd, warnings),
    logPaths,
    ...(logFile && { logFile }),
    hasSecret: secretOf(config) !== undefined,
    privileged: listeners.some((l) => l.port < 1024),
  };
}

const PROBE_ORDER = ['admin.port', 'admin.tls-port', 'sip.contacts.uri'];

/**
 * The listener a TCP probe from outside the server can reach: TCP, on an address that is not
 * loopback (the kubelet connects from the node, not from inside the server), the admin port first.
 * Otherwise the reason there is none.
 */
export function probeListener(listeners: readonly Listener[]): { listener: Listener } | { why: string } {
  const tcp = listeners.filter((l) => l.protocols.includes('tcp'));
  for (const id of PROBE_ORDER) {
    const l = tcp.find((x) => x.setting === id && !isLoopback(x.host));
    if (l) return { listener: l };
  }
  if (tcp.length === 0) return { why: 'no TCP port is open (admin port 0 and UDP-only contacts)' };
  const shown = tcp.slice(0, 3).map((l) => `${l.label} on ${l.host}:${l.port}`).join(', ');
  return { why: `every TCP port listens on a loopback address (${shown}), which a probe from the node cannot reach` };
}
