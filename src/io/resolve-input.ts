import { UserError } from '../errors.js';
import type { EffectiveConfig } from '../model/effective.js';
import { parseXml } from '../model/parse.js';
import { effectiveConfig } from '../resolve/effective.js';
import { configFileOf, type ResolveInput } from '../resolve/index.js';
import { readArgs } from '../sources/cli.js';
import { readEnv } from '../sources/env.js';
import type { EnvDialect } from '../sources/envfile.js';
import { collectEnv, environment, readUtf8 } from './env.js';

/** Where the server's configuration comes from, as the resolve flags give it. */
export interface SourceOptions {
  /** --file: the XML file; absent: the one the server would read */
  file?: string;
  envFiles: readonly string[];
  envFormat: EnvDialect;
  fromEnv: boolean;
  /** --command: a server command line */
  command?: string;
  /** the server's arguments after "--", in order */
  serverArgs: readonly string[];
  /** --from: a deployment file, instead of all the above */
  from?: string;
  /** --service: which drachtio service of the deployment file */
  service?: string;
}

/** The server's arguments: oclif regroups the words after "--", and they must keep their order. */
export const serverArgsOf = (argv: readonly string[]) => {
  const dashes = argv.indexOf('--');
  return dashes === -1 ? [] : argv.slice(dashes + 1);
};

/**
 * The effective configuration the flags describe, and the path of its XML file. A file that
 * cannot be read is an error when --file named it; otherwise it is what the server itself would
 * fail on (`fileError`). A deployment file (--from) is read as validate reads it.
 */
export async function readEffective(o: SourceOptions): Promise<{ effective: EffectiveConfig; path: string }> {
  if (o.from) {
    // the deployment readers (and their YAML parser) load only for --from
    const { pickService } = await import('./deployment.js');
    const d = pickService(readUtf8(o.from), o.from, o.service);
    return { effective: d.effective, path: d.configFile ?? o.from };
  }
  // a command line is read as a deployment is: an ExecStart= line, docker run (its -e and --env-file too), or plain words
  const line = o.command ? (await import('../deploy/index.js')).readCommandLine(o.command) : undefined;
  const env = readEnv(environment(line?.env ?? [], collectEnv(o.envFiles, o.envFormat, o.fromEnv)));
  const words = line?.args ?? [];
  // --file is the server's own --file, given first: a later -f in the server's arguments wins, as in getopt
  const lead = o.file === undefined ? [] : ['--file', o.file];
  const cli = readArgs([...lead, ...words.map((w) => w.text), ...o.serverArgs], [...lead.map(() => undefined), ...words.map((w) => w.place)]);
  const input: ResolveInput = { env, cli };
  const path = configFileOf(input);
  try {
    input.file = parseXml(readUtf8(path), path);
  } catch (e) {
    if (!(e instanceof UserError) || path === o.file) throw e;
    input.fileError = { exitCode: 255, message: `unable to open configuration file ${path}: ${e.message}`, origin: path };
  }
  return { effective: effectiveConfig(input), path };
}
