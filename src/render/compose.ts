import { stringify } from 'yaml';
import type { DrachtioConfig } from '../model/config.js';
import { deploymentFacts } from './facts.js';
import type { RenderOptions, RenderResult } from './types.js';

/**
 * A docker-compose.yml for the official drachtio-server image, with the config mounted read-only.
 * Host networking by default: SIP advertises addresses and ports in its messages, which
 * Docker's port mapping does not rewrite.
 */
export function renderCompose(config: DrachtioConfig, o: RenderOptions, configFile: string): RenderResult {
  const facts = deploymentFacts(config);
  const warnings: string[] = [];
  const service: Record<string, unknown> = {
    image: o.image,
    container_name: o.name,
    // the image's entrypoint passes everything after "drachtio" to the server, split on spaces
    command: ['drachtio', '-f', o.configPath],
    restart: 'always',
    volumes: [`./${configFile}:${o.configPath}:ro`],
  };
  if (o.publish) {
    service.ports = facts.ports.map((p) => `${p.port}:${p.port}/${p.protocol}`);
    warnings.push('published ports: SIP messages will carry the container address; set external-ip on the contacts or use host networking');
    if (facts.adminAddress.startsWith('127.')) {
      warnings.push(`admin listens on ${facts.adminAddress}: with published ports no application outside the container can connect`);
    }
  } else {
    service.network_mode = 'host';
  }
  if (facts.logFile) warnings.push(`logs go to ${facts.logFile} inside the container; <console/> logging lets docker collect them`);
  return { files: [{ path: 'docker-compose.yml', content: stringify({ services: { [o.name]: service } }, { lineWidth: 0 }) }], warnings };
}
