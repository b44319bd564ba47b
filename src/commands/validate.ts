import { Args, Flags } from '@oclif/core';
import { EXIT, UserError } from '../errors.js';
import { formatStylish } from '../format/stylish.js';
import { summarise, type Summary } from '../format/summary.js';
import { expandOperands, readText } from '../io/files.js';
import { validateText, type FileResult } from '../validate/engine.js';
import { BaseCommand } from './base.js';

export interface ValidateJson {
  files: FileResult[];
  summary: Summary;
}

export default class Validate extends BaseCommand {
  static override summary = 'Check drachtio.conf.xml files the way drachtio-server reads them.';
  static override description =
    'Reports every way the real server would refuse to start, values it would silently replace, and XML it only accepts by being lenient. Directories are searched for *.xml; quoted globs are expanded. Exit status: 0 no errors, 1 errors found, 2 usage or I/O problem.';
  static override examples = [
    '<%= config.bin %> validate /etc/drachtio.conf.xml',
    '<%= config.bin %> validate deploy/ --json',
    "<%= config.bin %> validate 'configs/**/*.xml'",
  ];
  static override strict = false;
  static override args = { file: Args.string({ description: 'files, directories or globs', required: true }) };
  static override flags = {
    format: Flags.string({ description: 'output format', options: ['stylish', 'json'], default: 'stylish' }),
  };

  async run(): Promise<ValidateJson> {
    const { argv, flags } = await this.parse(Validate);
    const paths = await expandOperands(argv as string[]);
    const files: FileResult[] = [];
    let unreadable: UserError | undefined;
    for (const path of paths) {
      try {
        files.push(validateText(readText(path), path));
      } catch (e) {
        if (!(e instanceof UserError)) throw e;
        unreadable = e;
        process.stderr.write(`drachtioctl: ${e.toString()}\n`);
      }
    }
    const result = { files, summary: summarise(files) };
    process.exitCode = unreadable ? EXIT.USAGE : result.summary.errors > 0 ? EXIT.FINDINGS : EXIT.OK;
    if (flags.format === 'json' && !this.jsonEnabled()) this.log(JSON.stringify(result, null, 2));
    else if (!this.jsonEnabled()) process.stdout.write(formatStylish(files, result.summary));
    return result;
  }
}
