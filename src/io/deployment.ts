import { UserError } from '../errors.js';
import { readDeployment, type DeployedService, type EnvFiles, type Mount, type Unknown } from '../deploy/index.js';
import { parseEnvFile } from '../sources/envfile.js';
import type { EffectiveConfig } from '../model/effective.js';
import { parseXml, type ParsedConfig } from '../model/parse.js';
import { effectiveConfig } from '../resolve/effective.js';
import { configFileOf } from '../resolve/index.js';
import { readArgs } from '../sources/cli.js';
import { readEnv } from '../sources/env.js';
import { environment } from './env.js';
import { readText } from './files.js';

/** One drachtio service of a deployment file, as the server would run it. */
export interface DeployedConfig {
  service: DeployedService;
  effective: EffectiveConfig;
  /** where the XML file came from: a host path, or the manifest holding it inline (its positions are the manifest's); absent when unknown */
  configFile?: string;
  /** values that cannot be known from the files (substitutions, Secrets defined elsewhere, the image's own config) */
  unknowns: Unknown[];
}

/** The mount that puts a file at `path` in the container, the last one winning as in docker and Kubernetes. */
const mountAt = (mounts: readonly Mount[], path: string) => [...mounts].reverse().find((m) => m.target === path);

/** The env files a deployment names, read for the readers: a missing optional one is empty, a missing required one unknown. */
const envFiles: EnvFiles = (source) => {
  try {
    return new Map(parseEnvFile(readText(source.path), source.path, source.dialect).map((e) => [e.name, e.value]));
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    return source.required ? undefined : new Map();
  }
};

/** Read the drachtio services of a deployment file, each with its effective configuration. */
export function deployedConfigs(text: string, path: string): DeployedConfig[] {
  return readDeployment(text, path, { envFiles }).map((service) => deployedConfig(service));
}

export function deployedConfig(service: DeployedService): DeployedConfig {
  const unknowns = [...service.unknowns];
  const env = readEnv(environment(service.env));
  const cli = readArgs(
    service.args.map((w) => w.text),
    service.args.map((w) => w.place),
  );
  const configPath = configFileOf({ env, cli });
  const mount = mountAt(service.mounts, configPath);
  let file: ParsedConfig | undefined;
  let configFile: string | undefined;
  if (mount?.text !== undefined && mount.textPlace) {
    // a ConfigMap key: the XML's lines stand in the manifest
    const at = mount.textPlace;
    const indent = mount.textIndent;
    configFile = service.file;
    file = parseXml(mount.text, service.file, (p) => (indent !== undefined ? { line: at.line + p.line - 1, column: indent + p.column } : { line: at.line, column: at.column }));
  } else {
    const hostFile = mount?.hostPath ?? (service.kind === 'systemd' ? configPath : undefined);
    if (hostFile) {
      try {
        file = parseXml(readText(hostFile), hostFile);
        configFile = hostFile;
      } catch (e) {
        if (!(e instanceof UserError)) throw e;
        unknowns.push({ what: `the config file ${hostFile}`, place: (mount ?? service.args[0])?.place ?? { file: service.file, line: 1, column: 1 }, why: e.message });
      }
    } else {
      unknowns.push({
        what: `the config file ${configPath}`,
        place: { file: service.file, line: 1, column: 1 },
        why: mount ? 'it is mounted from a volume this file does not define' : "nothing is mounted there: the server reads the image's own file",
      });
    }
  }
  const effective = effectiveConfig({ ...(file && { file }), env, cli });
  return { service, effective, ...(configFile && { configFile }), unknowns };
}

/** The one drachtio service of a deployment file that a command works on: the one named, or the only one. */
export function pickService(text: string, path: string, name?: string): DeployedConfig {
  const services = readDeployment(text, path, { envFiles });
  const names = services.map((s) => s.name);
  const chosen = name === undefined ? services : services.filter((s) => s.name === name || s.name.split('/').includes(name));
  if (chosen.length === 1) return deployedConfig(chosen[0]!);
  if (services.length === 0) throw new UserError('no drachtio service in this file', path);
  if (chosen.length === 0) throw new UserError(`no drachtio service named "${name}"; there are: ${names.join(', ')}`, path);
  throw new UserError(`${chosen.length} drachtio services (${chosen.map((s) => s.name).join(', ')}): pick one with --service`, path);
}
