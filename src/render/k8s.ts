import { posix } from 'node:path';
import { stringify } from 'yaml';
import type { DrachtioConfig } from '../model/config.js';
import { isLoopback, isWildcard, secretOf } from '../model/facts.js';
import { isSecret } from '../model/secrets.js';
import { renderXml } from '../xml/render.js';
import { IMAGE_CWD } from './compose.js';
import { deploymentFacts, probeListener, type TargetPath } from './facts.js';
import type { RenderOptions, RenderResult } from './types.js';

/** Keys of the TLS Secret, by setting: kubernetes.io/tls's own two, then the extras a generic Secret carries. */
const TLS_KEYS: Record<string, string> = {
  'sip.tls.key-file': 'tls.key',
  'sip.tls.cert-file': 'tls.crt',
  'sip.tls.chain-file': 'ca.crt',
  'sip.tls.dh-param': 'dhparam.pem',
};

/** The configuration with every secret value left out: a ConfigMap is readable by anyone who can read the namespace. */
function withoutSecrets(config: DrachtioConfig): DrachtioConfig {
  return { ...config, values: new Map([...config.values].filter(([id]) => !isSecret(id))) };
}

/** The TLS Secret: one key per distinct file, mounted file by file (subPath) at exactly the path the config names. */
function tlsSecret(files: readonly TargetPath[], name: string, source: string) {
  const distinct = files.filter((f, i) => files.findIndex((g) => g.path === f.path) === i);
  const local = (f: TargetPath) => (posix.isAbsolute(f.written) ? f.written : posix.join(posix.dirname(source), f.written));
  const keys = distinct.map((f) => ({ key: TLS_KEYS[f.setting]!, file: f }));
  const onlyPair = keys.length === 2 && keys.every((k) => k.key === 'tls.key' || k.key === 'tls.crt');
  const run = onlyPair
    ? `kubectl create secret tls ${name} ${keys.map((k) => `--${k.key === 'tls.key' ? 'key' : 'cert'}=${local(k.file)}`).join(' ')}`
    : `kubectl create secret generic ${name} ${keys.map((k) => `--from-file=${k.key}=${local(k.file)}`).join(' ')}`;
  const mounts = keys.map((k) => ({ name: 'tls', mountPath: k.file.path, subPath: k.key, readOnly: true }));
  return { run, mounts };
}

/**
 * Kubernetes objects: a ConfigMap with the XML minus its secrets, mounted by subPath at the config
 * path; the admin secret as DRACHTIO_SECRET from a Secret (a non-empty environment secret overrides
 * the file's, per getEnv/run), referenced or rendered with `withSecret`; the TLS files from a Secret
 * at their paths; a DaemonSet or Deployment on the host network (SIP carries addresses in its
 * messages), probing only a port the kubelet can reach.
 */
export function renderK8s(config: DrachtioConfig, o: RenderOptions): RenderResult {
  const warnings: string[] = [];
  const commands: RenderResult['commands'] = [];
  const facts = deploymentFacts(config, IMAGE_CWD, warnings);
  const secret = secretOf(config)?.raw;
  const labels = { 'app.kubernetes.io/name': o.name };
  const fileName = posix.basename(o.configPath);
  const secretName = o.secretName ?? `${o.name}-secret`;

  const docs: object[] = [
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${o.name}-config`, labels }, data: { [fileName]: renderXml(withoutSecrets(config)) } },
  ];
  if (!secret) warnings.push('the config has no admin secret: drachtio-server will accept applications presenting "admin"');
  else if (o.withSecret) docs.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name: secretName, labels }, type: 'Opaque', stringData: { DRACHTIO_SECRET: secret } });
  else commands.push({ why: `create the Secret the pod reads DRACHTIO_SECRET from, with DRACHTIO_SECRET set to the admin secret of ${config.source}`, run: `kubectl create secret generic ${secretName} --from-literal=DRACHTIO_SECRET="$DRACHTIO_SECRET"` });
  if (config.values.get('blacklist.redis-password')?.raw) warnings.push('the blacklist redis-password is left out of the ConfigMap: drachtio-server never uses the file\'s value');

  const volumes: object[] = [{ name: 'config', configMap: { name: `${o.name}-config` } }];
  const volumeMounts: object[] = [{ name: 'config', mountPath: o.configPath, subPath: fileName, readOnly: true }];
  if (facts.tlsFiles.length > 0) {
    const tlsName = o.tlsSecretName ?? `${o.name}-tls`;
    const tls = tlsSecret(facts.tlsFiles, tlsName, config.source);
    volumes.push({ name: 'tls', secret: { secretName: tlsName, defaultMode: 0o440 } });
    volumeMounts.push(...tls.mounts);
    commands.push({ why: 'create the Secret holding the TLS files the config names', run: tls.run });
  }

  const target = probeListener(facts.listeners);
  let probes = {};
  if ('listener' in target) {
    const l = target.listener;
    const tcpSocket = { port: l.port, ...(!isWildcard(l.host) && { host: l.host.replace(/^\[|\]$/g, '') }) };
    probes = { readinessProbe: { tcpSocket, periodSeconds: 10 }, livenessProbe: { tcpSocket, initialDelaySeconds: 10, periodSeconds: 10 } };
  } else {
    warnings.push(`no liveness or readiness probe: ${target.why}`);
  }
  const specific = [...new Set(facts.listeners.filter((l) => !isWildcard(l.host) && !isLoopback(l.host)).map((l) => l.host))];
  if (specific.length > 0 && !o.nodeSelector) warnings.push(`the config listens on ${specific.join(', ')}: on the host network the pod starts only on a node with those addresses; pin it with --node-selector`);

  const container = {
    name: o.name,
    image: o.image,
    args: ['drachtio', '-f', o.configPath],
    ...(secret && { env: [{ name: 'DRACHTIO_SECRET', valueFrom: { secretKeyRef: { name: secretName, key: 'DRACHTIO_SECRET' } } }] }),
    ports: facts.ports.map((p) => ({ containerPort: p.port, protocol: p.protocol.toUpperCase(), name: portName(p.purpose, p.protocol, p.port) })),
    volumeMounts,
    ...probes,
    resources: o.resources ?? { requests: { cpu: '250m', memory: '256Mi' }, limits: { memory: '1Gi' } },
    securityContext: {
      allowPrivilegeEscalation: false,
      // binding a port below 1024 is the only privilege drachtio-server needs
      capabilities: { drop: ['ALL'], ...(facts.privileged && { add: ['NET_BIND_SERVICE'] }) },
    },
  };
  const pod = {
    metadata: { labels },
    spec: {
      hostNetwork: true,
      dnsPolicy: 'ClusterFirstWithHostNet',
      ...(o.nodeSelector && { nodeSelector: o.nodeSelector }),
      ...(o.tolerations?.length && { tolerations: o.tolerations }),
      terminationGracePeriodSeconds: o.terminationGracePeriodSeconds ?? 30,
      containers: [container],
      volumes,
    },
  };
  const daemonset = o.kind === 'daemonset';
  docs.push({
    apiVersion: 'apps/v1',
    kind: daemonset ? 'DaemonSet' : 'Deployment',
    metadata: { name: o.name, labels },
    spec: daemonset
      ? // the old pod must free the host ports before the new one binds them
        { selector: { matchLabels: labels }, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } }, template: pod }
      : { replicas: 1, strategy: { type: 'Recreate' }, selector: { matchLabels: labels }, template: pod },
  });
  const content = docs.map((d) => stringify(d, { blockQuote: 'literal', lineWidth: 0, aliasDuplicateObjects: false })).join('---\n');
  return { files: [{ path: `${o.name}.k8s.yaml`, content, mode: secret && o.withSecret ? 0o600 : undefined }], warnings, commands };
}

/** Kubernetes port names: at most 15 lower-case letters, digits and dashes. */
function portName(purpose: string, protocol: string, port: number): string {
  const base = purpose.startsWith('SIP') ? `sip-${purpose.slice(4).toLowerCase()}` : purpose.startsWith('Prometheus') ? 'metrics' : purpose.includes('TLS') ? 'admin-tls' : 'admin';
  return `${base}-${protocol === 'udp' ? 'u' : 't'}${port}`.slice(0, 15).replace(/-$/, '');
}
