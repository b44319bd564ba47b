import { existsSync } from 'node:fs';
import { Flags } from '@oclif/core';
import { configArg, operandOrStdin } from '../io/stdin.js';
import { INPUT_FORMATS, OUTPUT_FORMATS, convert, detectInput, documentErrors, holdsSecret, loadModel, type InputFormat, type OutputFormat } from '../emit/convert.js';
import { EXIT, UserError } from '../errors.js';
import { NEEDS_A_FILE, minimalConfig, pointingAt } from '../emit/minimal.js';
import { ENV_FORMATS, type EnvFormat } from '../emit/env.js';
import { readUtf8 } from '../io/env.js';
import { writeOutput } from '../io/output.js';
import { ENV_DIALECTS, type EnvDialect } from '../sources/envfile.js';
import { renderXml } from '../xml/render.js';
import { BaseCommand } from './base.js';
import { finish, showSecrets, type ExportJson } from './env-export.js';
import { writeStderr } from '../io/stdout.js';

export default class Convert extends BaseCommand {
  static override summary = 'Convert a configuration between XML, JSON, YAML, env files and command-line arguments.';
  static override description =
    'The input form is detected from the extension or the content (or given with --from). Settings the target cannot express are listed as warnings; --strict makes that exit 1. JSON and YAML input that would stop the server is refused (exit 1, nothing written). Exit status: 0 ok, 1 lossy with --strict or refused input, 2 usage or I/O problem.';
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
    'with-minimal-file': Flags.string({ description: 'with --to args or env: also write the smallest XML file the server needs (<admin> with its address) to this path, and point the output at it' }),
  };

  async run(): Promise<ExportJson> {
    const { args: given, flags } = await this.parse(Convert);
    const args = { file: operandOrStdin(given.file, 'file') };
    const text = readUtf8(args.file);
    const from = (flags.from as InputFormat | undefined) ?? detectInput(args.file, text);
    const dialect = (flags['env-format'] === 'k8s' ? 'dotenv' : flags['env-format']) as EnvDialect;
    if (!ENV_DIALECTS.includes(dialect)) throw new Error(`unknown env format ${dialect}`);
    const { config, warnings } = await loadModel(text, args.file, from, dialect);
    if (from === 'json' || from === 'yaml') {
      const errors = documentErrors(config, args.file);
      if (errors.length > 0) {
        // nothing is written: the configuration would not start the server
        for (const d of errors) writeStderr(`${args.file}:${d.line}:${d.column}: error: ${d.message} [${d.rule}]\n`);
        process.exitCode = EXIT.FINDINGS;
        return { format: flags.to, output: '', written: null, lossy: false, warnings: [], errors };
      }
    }
    const alone = flags.to === 'args' || flags.to === 'env';
    const minimal = flags['with-minimal-file'];
    if (minimal !== undefined && !alone) throw new UserError('--with-minimal-file applies to --to args and --to env only');
    const source = minimal === undefined ? config : pointingAt(config, minimal);
    const run = async (showSecrets: boolean) => {
      const e = await convert(source, { to: flags.to as OutputFormat, envFormat: flags['env-format'] as EnvFormat, showSecrets });
      // the server cannot start from a command line or environment alone
      return { output: e.output, warnings: [...warnings, ...e.warnings, ...(alone && minimal === undefined ? [NEEDS_A_FILE] : [])] };
    };
    // refused before anything is written, so a refusal leaves no half of the pair behind
    if (minimal !== undefined && !flags.force && existsSync(minimal)) throw new UserError('already exists (use --force to replace it)', minimal);
    const emitted = await run(showSecrets(this, flags, config, `convert --to ${flags.to}`));
    const result = await finish(this, emitted, flags, holdsSecret(config), flags.to, async () => (await run(false)).output);
    if (minimal !== undefined) writeOutput(renderXml(minimalConfig(config, minimal)), { path: minimal, force: flags.force, secret: false });
    return result;
  }
}
