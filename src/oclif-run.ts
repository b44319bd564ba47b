import type { Command } from '@oclif/core/command';
import type { Config, Interfaces } from '@oclif/core';
import { userAgent } from './stored-help.js';
import { stdoutStreamInUse } from './io/stdout.js';

// oclif's error handler, help and main are loaded only on the paths that need them: evaluating
// them costs a run that needs none of them more than its own work

export interface PackageJson {
  name: string;
  version: string;
  oclif: Record<string, unknown> & { bin: string };
}

/**
 * Run one command through oclif's Command (its flag parser, its --json, its error path), without
 * the discovery Config.load() does first (plugins, manifest, platform and WSL probes, theme file):
 * the command is already known, so its class is loaded directly.
 */
export async function runCommand(id: string, load: () => Promise<{ default: Command.Class }>, argv: string[], root: string, pjson: PackageJson): Promise<void> {
  try {
    const { setLogger } = await import('@oclif/core/logger');
    // oclif's debug logger loads the `debug` package (and tty, os) on the first message: only when asked for
    if (!process.env.DEBUG) setLogger({ root, logger: SILENT });
    const { default: Cmd } = await load();
    Cmd.id = id;
    // what Cmd.run() does once it has a config: the classes are concrete, and _run is oclif's own runner
    const Concrete = Cmd as unknown as new (argv: string[], config: Config) => { _run(): Promise<unknown> };
    await new Concrete(argv, commandConfig(id, Cmd, root, pjson))._run();
    // reports are written synchronously; only what went through the stream may wait for its reader
    if (stdoutStreamInUse()) await (await import('@oclif/core/flush')).flush();
  } catch (e) {
    const { handle } = await import('@oclif/core/handle');
    await handle(e as Error);
  }
}

/** oclif's logger interface, doing nothing */
const SILENT: Interfaces.Logger = {
  namespace: 'oclif',
  child: () => SILENT,
  debug: () => {},
  error: () => {},
  info: () => {},
  trace: () => {},
  warn: () => {},
};

/**
 * The part of oclif's Config that a running Command reads (oclif's command.js: the bin for its
 * debug namespace and environment variables, the user agent, hooks, the command ids for alias
 * warnings; commands read name and version), with the values Config.load() would give this package.
 */
function commandConfig(id: string, Cmd: Command.Class, root: string, pjson: PackageJson): Config {
  const { name, version, oclif } = pjson;
  const envKey = (key: string) => `${oclif.bin.replaceAll('@', '').replaceAll(/[/-]/g, '_')}_${key}`.toUpperCase();
  const config = {
    root,
    pjson,
    name,
    version,
    bin: oclif.bin,
    arch: process.arch === 'ia32' ? 'x86' : process.arch,
    platform: process.platform,
    windows: process.platform === 'win32',
    userAgent: userAgent(name, version),
    topicSeparator: oclif.topicSeparator ?? ':',
    commandIDs: [id],
    findCommand: (wanted: string) => (wanted === id ? Cmd : undefined),
    scopedEnvVarKey: envKey,
    scopedEnvVarKeys: (key: string) => [envKey(key)],
    scopedEnvVar: (key: string) => process.env[envKey(key)],
    scopedEnvVarTrue: (key: string) => ['1', 'true'].includes(process.env[envKey(key)] ?? ''),
    // no plugins, so no hooks: what Config.runHook returns then
    runHook: async () => ({ successes: [], failures: [] }),
  };
  return config as unknown as Config;
}

/** Everything else (help, unknown commands): oclif's own main, reading the manifest tools/bundle.mjs wrote. */
export async function runOclif(argv: string[], root: string, pjson: object): Promise<void> {
  const { execute } = await import('@oclif/core/execute');
  await execute({ args: argv, loadOptions: { root, pjson: pjson as Interfaces.PJSON } });
}
