import { UserError } from '../errors.js';
import { parseXml } from '../model/parse.js';
import { resolve, type ResolveInput } from '../resolve/index.js';
import { argsOfCommandLine } from '../sources/argv.js';
import { readArgs } from '../sources/cli.js';
import { readEnv } from '../sources/env.js';
import type { EnvDialect } from '../sources/envfile.js';
import { collectEnv, readUtf8 } from './env.js';

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
}

/** The server's arguments: oclif regroups the words after "--", and they must keep their order. */
export const serverArgsOf = (argv: readonly string[]) => {
  const dashes = argv.indexOf('--');
  return dashes === -1 ? [] : argv.slice(dashes + 1);
};

/**
 * Read the layers the server combines. A file that cannot be read is an error when --file named
 * it; otherwise it is what the server itself would fail on (`fileError`).
 */
export function readResolveInput(o: SourceOptions): { input: ResolveInput; path: string } {
  const env = readEnv(collectEnv(o.envFiles, o.envFormat, o.fromEnv));
  const cli = readArgs([...(o.command ? argsOfCommandLine(o.command) : []), ...o.serverArgs]);
  const input: ResolveInput = { env, cli };
  const path = o.file ?? configPath(input);
  try {
    input.file = parseXml(readUtf8(path), path);
  } catch (e) {
    if (!(e instanceof UserError) || o.file) throw e;
    input.fileError = { exitCode: 255, message: `unable to open configuration file ${path}: ${e.message}`, origin: path };
  }
  return { input, path };
}

/** The file the server reads: -f/--file, else DRACHTIO_CONFIG_FILE_PATH, else the default (src/controller.cpp DrachtioController ctor). */
function configPath(input: ResolveInput): string {
  const res = resolve({ env: input.env, cli: input.cli });
  return String(res.settings['runtime.config-file']?.value);
}
