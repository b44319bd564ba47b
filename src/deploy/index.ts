import { isDrachtioProgram } from './entrypoint.js';
import { hasDockerRun, readDockerRun } from './docker-run.js';
import { deploymentKind } from './kind.js';
import { readCompose } from './compose.js';
import type { ReadOptions } from './env.js';
import { readManifests } from './k8s.js';
import { Locator, plain } from './place.js';
import { shellWords } from './shell.js';
import { readUnit } from './systemd.js';
import type { DeployedService, DeployedWord, EnvSource, Mount, Unknown } from './types.js';

export type { DeployedService, DeployedWord, DeploymentKind, EnvSource, Mount, Place, Unknown } from './types.js';
export { imageEntrypoint, isDrachtioImage, isDrachtioProgram, type EnvLookup, type EnvValue, type CommandResult } from './entrypoint.js';
export { envLookup, type EnvFiles, type EnvFileSource, type ReadOptions } from './env.js';
export { deploymentKind } from './kind.js';

/** The drachtio services a deployment file starts, detected by content; [] for a file that is no deployment. */
export function readDeployment(text: string, path: string, options: ReadOptions = {}): DeployedService[] {
  switch (deploymentKind(text, path)) {
    case 'systemd':
      return readUnit(text, path, options);
    case 'k8s':
      return readManifests(text, path);
    case 'compose':
      return readCompose(text, path, options);
    case 'docker-run':
      return readDockerRun(text, path, options);
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
export function readCommandLine(text: string, file = '<command line>', options: ReadOptions = {}): CommandLine {
  if (/^\s*ExecStart\s*=/.test(text)) {
    const [unit] = readUnit(text, file, options, 'Service');
    if (unit) return { kind: 'systemd', args: unit.args, env: unit.env, mounts: [], unknowns: unit.unknowns };
    text = text.replace(/^\s*ExecStart\s*=[-@:+!]*/, (m) => ' '.repeat(m.length));
  }
  if (hasDockerRun(text)) {
    const [run] = readDockerRun(text, file, options);
    if (run) return { kind: 'docker-run', args: run.args, env: run.env, mounts: run.mounts, unknowns: run.unknowns };
  }
  const { words, unknowns } = shellWords(new Locator(text, file));
  const program = words.findIndex((w) => isDrachtioProgram(w.text));
  return { kind: 'args', args: words.slice(program + 1).map(plain), env: [], mounts: [], unknowns };
}
