import { Flags } from '@oclif/core';
import { configArg, operandOrStdin } from '../io/stdin.js';
import { INPUT_FORMATS, OUTPUT_FORMATS, convert, detectInput, holdsSecret, loadModel, type InputFormat, type OutputFormat } from '../emit/convert.js';
import { ENV_FORMATS, type EnvFormat } from '../emit/env.js';
import { readUtf8 } from '../io/env.js';
import { ENV_DIALECTS, type EnvDialect } from '../sources/envfile.js';
import { BaseCommand } from './base.js';
import { finish, showSecrets, type ExportJson } from './env-export.js';

export default class Convert extends BaseCommand {
  static override summary = 'Convert a configuration between XML, JSON, YAML, env files and command-line arguments.';
  static override description =
    'The input form is detected from the extension or the content (or given with --from). Settings the target cannot express are listed as warnings; --strict makes that exit 1. Exit status: 0 ok, 1 lossy with --strict, 2 usage or I/O problem.';
  static override examples = [
    '<%= config.bin %> convert drachtio.conf.xml --to yaml',
    '<%= config.bin %> convert prod.env --to xml -o drachtio.conf.xml',
    "<%= config.bin %> convert drachtio.conf.xml --to args",
  ];
  static override args = { file: configArg('configuration to convert') };
  static override flags = {
    to: Flags.string({ description: 'target form', options: [...OUTPUT_FORMATS], required: true }),
    from: Flags.string({ description: 'input form (default: detected)', options: [...INPUT_FORMATS] }),
    'env-format': Flags.string({ description: 'env dialect to read (input) and write (--to env; also k8s)', options: [...ENV_FORMATS], default: 'dotenv' }),
    output: Flags.string({ char: 'o', description: 'write to this file (atomically; mode 0600 when it holds a secret)' }),
    force: Flags.boolean({ description: 'replace an existing output file' }),
    strict: Flags.boolean({ description: 'exit 1 when a setting cannot be expressed' }),
    'show-secrets': Flags.boolean({ description: 'show secrets on a terminal and in --json output' }),
  };

  async run(): Promise<ExportJson> {
    const { args: given, flags } = await this.parse(Convert);
    const args = { file: operandOrStdin(given.file, 'file') };
    const text = readUtf8(args.file);
    const from = (flags.from as InputFormat | undefined) ?? detectInput(args.file, text);
    const dialect = (flags['env-format'] === 'k8s' ? 'dotenv' : flags['env-format']) as EnvDialect;
    if (!ENV_DIALECTS.includes(dialect)) throw new Error(`unknown env format ${dialect}`);
    const { config, warnings } = await loadModel(text, args.file, from, dialect);
    const run = async (showSecrets: boolean) => {
      const e = await convert(config, { to: flags.to as OutputFormat, envFormat: flags['env-format'] as EnvFormat, showSecrets });
      return { output: e.output, warnings: [...warnings, ...e.warnings] };
    };
    const emitted = await run(showSecrets(this, flags, config, `convert --to ${flags.to}`));
    return finish(this, emitted, flags, holdsSecret(config), flags.to, async () => (await run(false)).output);
  }
}
