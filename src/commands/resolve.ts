import { Flags } from '@oclif/core';
import { EXIT } from '../errors.js';
import { formatExplain, formatResolution, maskResolution } from '../format/resolve.js';
import { collectEnv, readUtf8 } from '../io/env.js';
import { parseXml } from '../model/parse.js';
import { lookup, unknownSettingMessage } from '../registry/lookup.js';
import { resolve, type Resolution, type ResolveInput } from '../resolve/index.js';
import { argsOfCommandLine } from '../sources/argv.js';
import { readArgs } from '../sources/cli.js';
import { readEnv } from '../sources/env.js';
import { ENV_DIALECTS } from '../sources/envfile.js';
import { UserError } from '../errors.js';
import { BaseCommand } from './base.js';

export default class Resolve extends BaseCommand {
  static override summary = 'Show the configuration drachtio-server would run with, each value with its source.';
  static override description =
    'Combines the XML file, DRACHTIO_* variables and command-line flags with the server\'s own rules (which are not plain "CLI > env > file") and says whether the server would start. Server arguments go after "--" or in --command. Exit status: 0 the server starts, 1 it would refuse to start, 2 usage or I/O problem.';
  static override examples = [
    '<%= config.bin %> resolve --file drachtio.conf.xml --env-file prod.env -- --contact sip:10.0.0.1 --loglevel debug',
    "<%= config.bin %> resolve --command 'ExecStart=/usr/local/bin/drachtio -f /etc/drachtio.conf.xml --port 9023' --explain admin.port",
  ];
  static override strict = false;
  static override flags = {
    file: Flags.string({ description: 'XML file, as the server\'s first --file: a later -f among the server arguments wins (default: -f, DRACHTIO_CONFIG_FILE_PATH, /etc/drachtio.conf.xml)' }),
    'env-file': Flags.string({ description: 'env file (repeatable; later files win)', multiple: true, default: [] }),
    'env-format': Flags.string({ description: 'quoting rules of the env files', options: [...ENV_DIALECTS], default: 'dotenv' }),
    'from-env': Flags.boolean({ description: 'also read DRACHTIO_* from this process environment' }),
    command: Flags.string({ description: 'server command line: an ExecStart= line, "docker run … image ARGS" or plain arguments' }),
    explain: Flags.string({ description: 'print the chain for one setting id: which layers set it, which won and why' }),
    'show-secrets': Flags.boolean({ description: 'show the admin secret and redis password' }),
  };

  async run(): Promise<Resolution> {
    const { flags } = await this.parse(Resolve);
    // oclif regroups the words after "--"; the server's arguments must keep their order
    const dashes = this.argv.indexOf('--');
    const argv = dashes === -1 ? [] : this.argv.slice(dashes + 1);
    const env = readEnv(collectEnv(flags['env-file'], flags['env-format'] as never, flags['from-env']));
    // --file is the server's own --file, given first: a later -f in the server's arguments wins, as in getopt
    const args = [...(flags.file ? ['--file', flags.file] : []), ...(flags.command ? argsOfCommandLine(flags.command) : []), ...argv];
    const cli = readArgs(args);
    const input: ResolveInput = { env, cli };
    const path = configPath(input);
    try {
      input.file = parseXml(readUtf8(path), path);
    } catch (e) {
      if (!(e instanceof UserError) || path === flags.file) throw e;
      input.fileError = { exitCode: 255, message: `unable to open configuration file ${path}: ${e.message}`, origin: path };
    }
    // --explain takes any name of a setting (id, flag, variable); an unknown one is a usage error with a suggestion
    const explained = flags.explain === undefined ? undefined : lookup(flags.explain);
    if (flags.explain !== undefined && !explained) throw new UserError(`--explain: ${unknownSettingMessage(flags.explain)}`);
    const res = maskResolution(resolve(input), flags['show-secrets']);
    process.exitCode = res.startup.ok ? EXIT.OK : EXIT.FINDINGS;
    if (!this.jsonEnabled()) process.stdout.write(explained ? formatExplain(explained.entry.id, res.settings[explained.entry.id]) : formatResolution(res));
    return res;
  }
}

/** The file the server reads: -f/--file, else DRACHTIO_CONFIG_FILE_PATH, else the default (src/controller.cpp DrachtioController ctor). */
function configPath(input: ResolveInput): string {
  const res = resolve({ env: input.env, cli: input.cli });
  return String(res.settings['runtime.config-file']?.value);
}
