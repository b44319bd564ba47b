import { dirname } from 'node:path';
import type { DrachtioConfig } from '../model/config.js';
import { deploymentFacts } from './facts.js';
import type { RenderOptions, RenderResult } from './types.js';

/** Fill {{name}} placeholders; a missing value is a programming error, not a user one. */
function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    if (!(key in values)) throw new Error(`template value ${key} missing`);
    return values[key]!;
  });
}

/** A systemd unit that runs drachtio-server with this configuration (template: templates/systemd/drachtio.service). */
export function renderSystemd(config: DrachtioConfig, template: string, o: RenderOptions): RenderResult {
  const facts = deploymentFacts(config);
  const warnings: string[] = [];
  const privileged = facts.ports.some((p) => p.port < 1024);
  const logsUnder = facts.logFile && dirname(facts.logFile) === `/var/log/${o.name}`;
  if (facts.logFile && !logsUnder) {
    warnings.push(`the log file ${facts.logFile} is outside /var/log/${o.name}: make sure ${o.user} can write its directory`);
  }
  const content = fill(template, {
    name: o.name,
    user: o.user,
    group: o.user,
    binary: o.binary,
    config: o.configPath,
    validate: o.validateCommand ? `ExecStartPre=${o.validateCommand} ${o.configPath}\n` : '',
    logs: logsUnder ? `LogsDirectory=${o.name}\n` : '',
    capabilities: privileged ? 'AmbientCapabilities=CAP_NET_BIND_SERVICE\n' : '',
  });
  return { files: [{ path: `${o.name}.service`, content }], warnings };
}
