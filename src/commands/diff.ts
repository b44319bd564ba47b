import { Args, Flags } from '@oclif/core';
import { diffConfigs, type Change } from '../diff/diff.js';
import { EXIT } from '../errors.js';
import { readUtf8 } from '../io/env.js';
import { detectInput, loadModel } from '../emit/convert.js';
import { ENV_DIALECTS, type EnvDialect } from '../sources/envfile.js';
import { deploymentKind } from '../deploy/kind.js';
import { BaseCommand } from './base.js';
import { configArg, operandOrStdin } from '../io/stdin.js';

export interface DiffJson {
  equal: boolean;
  changes: Change[];
}

const show = (v: unknown) => (v === undefined ? '(unset)' : JSON.stringify(v));

export default class Diff extends BaseCommand {
  static override summary = 'Show the settings that differ between two configurations (XML, JSON, YAML, env file, command line, or deployment files).';
  static override description =
    'Compares setting by setting, as drachtio-server reads each file: a missing port and port="9022" are the same, "19O22" is the default 9022. Request handlers are matched by SIP method, spammer headers by name, contacts by position. Exit status 1 when the files differ.';
  static override examples = [
    '<%= config.bin %> diff staging.conf.xml production.conf.xml',
    '<%= config.bin %> diff a.xml b.xml --raw --json',
    '<%= config.bin %> diff staging/docker-compose.yml production/docker-compose.yml --service drachtio',
  ];
  static override args = {
    from: Args.string({ description: 'the old file (- for standard input)', required: true, ignoreStdin: true }),
    to: configArg('the new file'),
  };
  static override flags = {
    service: Flags.string({ description: 'for deployment files with several drachtio services: the one to compare' }),
    raw: Flags.boolean({ description: 'compare the text as written, not what the server makes of it' }),
    'show-secrets': Flags.boolean({ description: 'show secret values instead of masking them' }),
    'env-format': Flags.string({ description: 'quoting rules of env files', options: [...ENV_DIALECTS], default: 'dotenv' }),
  };

  async run(): Promise<DiffJson> {
    const { args, flags } = await this.parse(Diff);
    // any form convert reads (XML, JSON, YAML, an env file, a command line), or a deployment by its effective configuration
    const load = async (path: string) => {
      const text = readUtf8(path);
      if (deploymentKind(text, path)) return (await import('../io/deployment.js')).pickService(text, path, flags.service).effective.model;
      return (await loadModel(text, path, detectInput(path, text), flags['env-format'] as EnvDialect)).config;
    };
    const changes = diffConfigs(await load(args.from), await load(operandOrStdin(args.to, 'second file')), { raw: flags.raw, showSecrets: flags['show-secrets'] });
    if (!this.jsonEnabled()) {
      const sign = { added: '+', removed: '-', changed: '~' } as const;
      for (const c of changes) this.log(`${sign[c.kind]} ${c.setting}: ${show(c.from)} -> ${show(c.to)}`);
      this.log(changes.length === 0 ? 'no differences' : `${changes.length} setting${changes.length === 1 ? '' : 's'} differ`);
    }
    process.exitCode = changes.length > 0 ? EXIT.FINDINGS : EXIT.OK;
    return { equal: changes.length === 0, changes };
  }
}
