import { posix } from 'node:path';
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

const HOMES = ['/home', '/root', '/run/user'];
const under = (path: string, dir: string) => path === dir || path.startsWith(`${dir}/`);

/** The command that lets the service account read the config (and env file) while nobody else can. */
export const readableBy = (user: string, paths: readonly string[]) => `chown root:${user} ${paths.join(' ')} && chmod 0640 ${paths.join(' ')}`;

/**
 * A hardened systemd unit that runs drachtio-server with this configuration (template:
 * templates/systemd/drachtio.service): it scores about 1.5 in `systemd-analyze security`.
 */
export function renderSystemd(config: DrachtioConfig, template: string, o: RenderOptions): RenderResult {
  const warnings: string[] = [];
  const cwd = `/var/lib/${o.name}`;
  const facts = deploymentFacts(config, cwd, warnings);
  const logsDir = `/var/log/${o.name}`;
  // LogsDirectory= creates and opens /var/log/NAME; anything else must be opened explicitly
  const writable = [...new Set(facts.logPaths.map((p) => (p.setting === 'logging.file.name' ? posix.dirname(p.path) : p.path)))];
  const extra = writable.filter((d) => !under(d, logsDir) && !under(d, cwd));
  for (const d of extra) warnings.push(`drachtio-server writes logs in ${d}: make sure ${o.user} can write it`);
  const read = [o.configPath, ...facts.tlsFiles.map((f) => f.path), ...(o.envFile ? [o.envFile] : [])];
  const inHome = read.filter((p) => HOMES.some((h) => under(p, h)));
  const low = [...new Set(facts.listeners.filter((l) => l.port < 1024).map((l) => l.port))];
  const content = fill(template, {
    name: o.name,
    user: o.user,
    group: o.user,
    binary: o.binary,
    config: o.configPath,
    environment: o.envFile ? `# DRACHTIO_* settings, the admin secret among them (mode 0640 root:${o.user})\nEnvironmentFile=${o.envFile}\n` : '',
    validate: o.validateCommand ? `ExecStartPre=${o.validateCommand} ${o.configPath}\n` : '',
    logs: writable.some((d) => under(d, logsDir)) ? `LogsDirectory=${o.name}\n` : '',
    capabilities: facts.privileged
      ? `# port ${low.join(', ')} is below 1024: binding it is the one capability it gets\nAmbientCapabilities=CAP_NET_BIND_SERVICE\nCapabilityBoundingSet=CAP_NET_BIND_SERVICE\n`
      : '# every port is 1024 or above: it needs no capability at all\nCapabilityBoundingSet=\n',
    // "-": a directory that does not exist yet must not stop the unit
    readWritePaths: extra.length ? `# it writes its logs here\nReadWritePaths=${extra.map((d) => `-${d}`).join(' ')}\n` : '',
    protectHome: inHome.length
      ? `# it reads ${inHome.join(', ')}, so home directories stay visible, read-only\nProtectHome=read-only\n`
      : '# it reads nothing in home directories\nProtectHome=yes\n',
  });
  return { files: [{ path: `${o.name}.service`, content }], warnings, commands: [{ why: `let ${o.user} read the config, and nobody else`, run: readableBy(o.user, [o.configPath, ...(o.envFile ? [o.envFile] : [])]) }] };
}
