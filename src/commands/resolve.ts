import { Flags } from '@oclif/core';
import { EXIT } from '../errors.js';
import { formatExplain, formatResolution, maskResolution } from '../format/resolve.js';
import { UserError } from '../errors.js';
import { readEffective, serverArgsOf } from '../io/resolve-input.js';
import { lookup, unknownSettingMessage } from '../registry/lookup.js';
import type { Resolution } from '../resolve/index.js';
import { BaseCommand } from './base.js';
import { SOURCE_FLAGS, sourceOptions } from './source-flags.js';
import { writeStdout } from '../io/stdout.js';

export default class Resolve extends BaseCommand {
  static override summary = 'Show the configuration drachtio-server would run with, each value with its source.';
  static override description =
    'Combines the XML file, DRACHTIO_* variables and command-line flags with the server\'s own rules (which are not plain "CLI > env > file") and says whether the server would start. Server arguments go after "--" or in --command. Exit status: 0 the server starts, 1 it would refuse to start, 2 usage or I/O problem.';
  static override examples = [
    '<%= config.bin %> resolve --file drachtio.conf.xml --env-file prod.env -- --contact sip:10.0.0.1 --loglevel debug',
    "<%= config.bin %> resolve --command 'ExecStart=/usr/local/bin/drachtio -f /etc/drachtio.conf.xml --port 9023' --explain admin.port",
    '<%= config.bin %> resolve --from docker-compose.yml --service drachtio --json',
  ];
  static override strict = false;
  static override flags = {
    ...SOURCE_FLAGS,
    explain: Flags.string({ description: 'print the chain for one setting id: which layers set it, which won and why' }),
    'show-secrets': Flags.boolean({ description: 'show the admin secret and redis password' }),
  };

  async run(): Promise<Resolution> {
    const { flags } = await this.parse(Resolve);
    // --explain takes any name of a setting (id, flag, variable); an unknown one is a usage error with a suggestion
    const explained = flags.explain === undefined ? undefined : lookup(flags.explain);
    if (flags.explain !== undefined && !explained) throw new UserError(`--explain: ${unknownSettingMessage(flags.explain)}`);
    const { effective } = await readEffective(sourceOptions(flags, serverArgsOf(this.argv)));
    const res = maskResolution(effective.resolution, flags['show-secrets']);
    process.exitCode = res.startup.ok ? EXIT.OK : EXIT.FINDINGS;
    if (!this.jsonEnabled()) writeStdout(explained ? formatExplain(explained.entry.id, res.settings[explained.entry.id]) : formatResolution(res));
    return res;
  }
}

