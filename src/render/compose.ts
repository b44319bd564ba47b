import { posix } from 'node:path';
import { stringify } from 'yaml';
import type { DrachtioConfig } from '../model/config.js';
import { isLoopback, isWildcard } from '../model/facts.js';
import { deploymentFacts } from './facts.js';
import type { RenderOptions, RenderResult } from './types.js';

/** The image sets no WORKDIR: the server runs in /, and relative paths resolve from there. */
export const IMAGE_CWD = '/';

/**
 * A docker-compose.yml for the official drachtio-server image: the config and every TLS file it
 * names bind-mounted read-only at the paths the config names. Host networking by default: SIP
 * advertises addresses and ports in its messages, which Docker's port mapping does not rewrite.
 * `configFile` is the config relative to the compose file; relative TLS paths are taken from its directory.
 */
export function renderCompose(config: DrachtioConfig, o: RenderOptions, configFile: string): RenderResult {
  const warnings: string[] = [];
  const facts = deploymentFacts(config, IMAGE_CWD, warnings);
  const hostDir = posix.dirname(configFile);
  const source = (written: string) => (posix.isAbsolute(written) ? written : `./${posix.join(hostDir, written)}`);
  const service: Record<string, unknown> = {
    image: o.image,
    container_name: o.name,
    // the image's entrypoint passes everything after "drachtio" to the server, split on spaces
    command: ['drachtio', '-f', o.configPath],
    restart: 'always',
    volumes: [`./${configFile}:${o.configPath}:ro`, ...facts.tlsFiles.map((f) => `${source(f.written)}:${f.path}:ro`)],
  };
  // what the XML does not hold comes from the environment: the secret, when it is not in the file
  const envFile = o.envFile ?? (facts.hasSecret ? undefined : `${o.name}.env`);
  if (envFile) service.env_file = [envFile];
  if (o.publish) {
    const seen = new Set<string>();
    for (const l of facts.listeners) {
      // each port published on the address it listens on: a loopback admin stays on the host's loopback
      const host = l.host.replace(/^\[|\]$/g, '');
      const at = isWildcard(l.host) ? '' : host.includes(':') ? `[${host}]:` : `${host}:`;
      for (const p of l.protocols) seen.add(`${at}${l.port}:${l.port}/${p}`);
    }
    service.ports = [...seen];
    warnings.push('published ports: SIP messages will carry the container address; set external-ip on the contacts or use host networking');
    for (const l of facts.listeners.filter((x) => isLoopback(x.host))) {
      warnings.push(`${l.label} listens on ${l.host}: with published ports it is the container's loopback, and nothing outside the container can connect`);
    }
  } else {
    service.network_mode = 'host';
  }
  if (facts.logFile) warnings.push(`logs go to ${facts.logFile} inside the container; <console/> logging lets docker collect them`);
  return { files: [{ path: 'docker-compose.yml', content: stringify({ services: { [o.name]: service } }, { lineWidth: 0 }) }], warnings, commands: [] };
}
