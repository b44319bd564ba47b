import type { Diagnostic } from '../validate/types.js';
import { Flags } from '@oclif/core';
import { configArg, operandOrStdin } from '../io/stdin.js';
import { EXIT } from '../errors.js';
import { ENV_FORMATS, emitEnv, type EnvFormat } from '../emit/env.js';
import { holdsSecret } from '../emit/convert.js';
import type { Lost } from '../emit/types.js';
import { readUtf8 } from '../io/env.js';
import { refuseSecretOutput, secretOutput, writeOutput } from '../io/output.js';
import type { DrachtioConfig } from '../model/config.js';
import { parseXmlOrThrow } from '../model/parse.js';
import { BaseCommand } from './base.js';
import { stdoutIsTerminal, writeStderr } from '../io/stdout.js';

export interface ExportJson {
  format: string;
  output: string;
  written: string | null;
  lossy: boolean;
  warnings: Lost[];
  /** convert only: what would stop the server in JSON or YAML input, which is then not converted */
  errors?: Diagnostic[];
}

export default class EnvExport extends BaseCommand {
  static override summary = 'Write a drachtio.conf.xml as DRACHTIO_* environment variables.';
  static override description =
    'Each value is written so that the server reads it back as the same effective value; every setting the environment cannot express is listed as a warning. Exit status: 0 ok, 1 lossy with --strict, 2 usage or I/O problem.';
  static override examples = ['<%= config.bin %> env-export drachtio.conf.xml --format systemd -o drachtio.env', '<%= config.bin %> env-export drachtio.conf.xml --format k8s'];
  static override args = { file: configArg('XML configuration') };
  static override flags = {
    format: Flags.string({ description: 'env file dialect, or k8s for a ConfigMap and Secret', options: [...ENV_FORMATS], default: 'dotenv' }),
    output: Flags.string({ char: 'o', description: 'write to this file (atomically; mode 0600 when it holds a secret)' }),
    force: Flags.boolean({ description: 'replace an existing output file' }),
    strict: Flags.boolean({ description: 'exit 1 when a setting cannot be expressed' }),
    'show-secrets': Flags.boolean({ description: 'show secrets on a terminal and in --json output' }),
    name: Flags.string({ description: 'k8s object name', default: 'drachtio' }),
  };

  async run(): Promise<ExportJson> {
    const { args, flags } = await this.parse(EnvExport);
    const file = operandOrStdin(args.file, 'file');
    const { config } = parseXmlOrThrow(readUtf8(file), file);
    const emit = (showSecrets: boolean) => emitEnv(config, { format: flags.format as EnvFormat, showSecrets, name: flags.name });
    const emitted = await emit(showSecrets(this, flags, config, `env-export --format ${flags.format}`));
    return finish(this, emitted, flags, holdsSecret(config), flags.format, async () => (await emit(false)).output);
  }
}

interface OutputFlags {
  output?: string;
  force: boolean;
  strict: boolean;
  'show-secrets': boolean;
}

/**
 * Shared by env-export and convert: whether the output carries the real secret. Refuses (exit 2)
 * when it needs one and would go, masked, into a pipe or file that may well be deployed.
 */
export function showSecrets(cmd: BaseCommand, flags: OutputFlags, config: DrachtioConfig, what: string): boolean {
  const policy = secretOutput({ toFile: !!flags.output, showSecrets: flags['show-secrets'], json: cmd.jsonEnabled(), tty: stdoutIsTerminal() });
  if (policy === 'refuse' && holdsSecret(config)) refuseSecretOutput(`the output of ${what}`);
  return policy === 'real';
}

/** Shared by env-export and convert: write the output, print warnings, set the exit status. */
export async function finish(
  cmd: BaseCommand, emitted: { output: string; warnings: Lost[] }, flags: OutputFlags, secret: boolean, format: string, remask?: () => Promise<string>): Promise<ExportJson> {
  const json = cmd.jsonEnabled();
  if (flags.output) writeOutput(emitted.output, { path: flags.output, force: flags.force, secret });
  else if (!json) writeOutput(emitted.output, {});
  if (!json) for (const w of emitted.warnings) writeStderr(`warning: ${w.message}\n`);
  const lossy = emitted.warnings.length > 0;
  process.exitCode = lossy && flags.strict ? EXIT.FINDINGS : EXIT.OK;
  const output = json && !flags['show-secrets'] && remask ? await remask() : emitted.output;
  return { format, output, written: flags.output ?? null, lossy, warnings: emitted.warnings };
}
