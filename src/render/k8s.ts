import { stringify } from 'yaml';
import type { DrachtioConfig } from '../model/config.js';
import { renderXml } from '../xml/render.js';
import { deploymentFacts } from './facts.js';
import type { RenderOptions, RenderResult } from './types.js';

/**
 * Kubernetes objects: a ConfigMap with the XML minus its admin secret, a Secret that passes the
 * secret as DRACHTIO_SECRET (a non-empty environment secret overrides the file's, per getEnv/run),
 * and a Deployment on the host network with TCP probes on the admin port.
 */
export function renderK8s(config: DrachtioConfig, o: RenderOptions): RenderResult {
  const facts = deploymentFacts(config);
  const warnings: string[] = [];
  const secret = config.values.get('admin.secret')?.raw;
  const withoutSecret = { ...config, values: new Map(config.values) };
  withoutSecret.values.delete('admin.secret');
  const labels = { 'app.kubernetes.io/name': o.name };
  const mountDir = o.configPath.replace(/\/[^/]*$/, '') || '/';
  const fileName = o.configPath.slice(mountDir.length + 1);

  const docs: object[] = [
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${o.name}-config`, labels }, data: { [fileName]: renderXml(withoutSecret) } },
  ];
  if (secret) {
    docs.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name: `${o.name}-secret`, labels }, type: 'Opaque', stringData: { DRACHTIO_SECRET: secret } });
  } else {
    warnings.push('the config has no admin secret: drachtio-server will accept applications presenting "admin"');
  }
  const probe = facts.adminPort ? { tcpSocket: { port: facts.adminPort }, periodSeconds: 10 } : undefined;
  if (!probe) warnings.push('admin TCP port is 0: no liveness or readiness probe');
  if (facts.adminAddress.startsWith('127.')) warnings.push(`admin listens on ${facts.adminAddress}: only containers in the same pod can connect`);
  const container = {
    name: o.name,
    image: o.image,
    args: ['drachtio', '-f', o.configPath],
    ...(secret && { envFrom: [{ secretRef: { name: `${o.name}-secret` } }] }),
    ports: facts.ports.map((p) => ({ containerPort: p.port, protocol: p.protocol.toUpperCase(), name: portName(p.purpose, p.protocol, p.port) })),
    volumeMounts: [{ name: 'config', mountPath: mountDir, readOnly: true }],
    ...(probe && { readinessProbe: probe, livenessProbe: { ...probe, initialDelaySeconds: 10 } }),
  };
  docs.push({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: o.name, labels },
    spec: {
      replicas: 1,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          // SIP carries addresses in its messages; the host network keeps them true
          hostNetwork: true,
          dnsPolicy: 'ClusterFirstWithHostNet',
          containers: [container],
          volumes: [{ name: 'config', configMap: { name: `${o.name}-config` } }],
        },
      },
    },
  });
  const content = docs.map((d) => stringify(d, { blockQuote: 'literal', lineWidth: 0, aliasDuplicateObjects: false })).join('---\n');
  return { files: [{ path: `${o.name}.k8s.yaml`, content, mode: secret ? 0o600 : undefined }], warnings };
}

/** Kubernetes port names: at most 15 lower-case letters, digits and dashes. */
function portName(purpose: string, protocol: string, port: number): string {
  const base = purpose.startsWith('SIP') ? `sip-${purpose.slice(4).toLowerCase()}` : purpose.startsWith('Prometheus') ? 'metrics' : purpose.includes('TLS') ? 'admin-tls' : 'admin';
  return `${base}-${protocol === 'udp' ? 'u' : 't'}${port}`.slice(0, 15).replace(/-$/, '');
}
