import { isDrachtioProgram } from './entrypoint.js';
import { hasDockerRun, readDockerRun } from './docker-run.js';
import { readCompose } from './compose.js';
import { readManifests } from './k8s.js';
import { Locator, plain } from './place.js';
import { shellWords } from './shell.js';
import { readUnit } from './systemd.js';
import type { DeployedService, DeploymentKind, DeployedWord, EnvSource, Mount, Unknown } from './types.js';

export type { DeployedService, DeployedWord, DeploymentKind, EnvSource, Mount, Place, Unknown } from './types.js';
export { imageEntrypoint, isDrachtioImage, isDrachtioProgram, type EnvLookup, type EnvValue, type CommandResult } from './entrypoint.js';
export { envLookup } from './env.js';

/**
 * What kind of deployment file a text is, by content, whatever its name: a `[Service]` section
 * (systemd), top-level `apiVersion` and `kind` (Kubernetes), a top-level `services:` map (compose),
 * a line running `docker run`; undefined for anything else (an XML config, an env file).
 */
export function deploymentKind(text: string, _path: string): DeploymentKind | undefined {
  const body = text.replace(/^\uFEFF/, '');
  if (/^\s*</.test(body)) return undefined;
  if (/^[ \t]*\[Service\][ \t]*\r?$/m.test(body)) return 'systemd';
  if ((/^apiVersion[ \t]*:/m.test(body) && /^kind[ \t]*:/m.test(body)) || (/^\s*[{[]/.test(body) && /"apiVersion"\s*:/.test(body) && /"kind"\s*:/.test(body))) return 'k8s';
  if (/^services[ \t]*:/m.test(body) || (/^\s*\{/.test(body) && /"services"\s*:/.test(body))) return 'compose';
  if (hasDockerRun(body)) return 'docker-run';
  return undefined;
}

/** The drachtio services a deployment file starts, detected by content; [] for a file that is no deployment. */
export function readDeployment(text: string, path: string): DeployedService[] {
  switch (deploymentKind(text, path)) {
    case 'systemd':
      return readUnit(text, path);
    case 'k8s':
      return readManifests(text, path);
    case 'compose':
      return readCompose(text, path);
    case 'docker-run':
      return readDockerRun(text, path);
    default:
      return [];
  }
}

/** What `resolve --command TEXT` starts: the server's arguments, and the environment and mounts the line sets. */
export interface CommandLine {
  kind: 'systemd' | 'docker-run' | 'args';
  args: DeployedWord[];
  env: EnvSource[];
  mounts: Mount[];
  unknowns: Unknown[];
}

/**
 * One command line: an `ExecStart=` line (systemd rules), a `docker run …` line, or plain words
 * (sh quoting) optionally starting with the drachtio program. Without a drachtio program, every
 * word is an argument. `file` names the text in places and errors.
 */
export function readCommandLine(text: string, file = '<command line>'): CommandLine {
  if (/^\s*ExecStart\s*=/.test(text)) {
    const [unit] = readUnit(text, file, 'Service');
    if (unit) return { kind: 'systemd', args: unit.args, env: unit.env, mounts: [], unknowns: unit.unknowns };
    text = text.replace(/^\s*ExecStart\s*=[-@:+!]*/, (m) => ' '.repeat(m.length));
  }
  if (hasDockerRun(text)) {
    const [run] = readDockerRun(text, file);
    if (run) return { kind: 'docker-run', args: run.args, env: run.env, mounts: run.mounts, unknowns: run.unknowns };
  }
  const { words, unknowns } = shellWords(new Locator(text, file));
  const program = words.findIndex((w) => isDrachtioProgram(w.text));
  return { kind: 'args', args: words.slice(program + 1).map(plain), env: [], mounts: [], unknowns };
}
