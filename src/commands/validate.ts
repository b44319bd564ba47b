import { Args, Flags } from '@oclif/core';
import { EXIT, UserError } from '../errors.js';
import { formatFixed, formatStylish } from '../format/stylish.js';
import { summarise, type Summary } from '../format/summary.js';
import { dirname } from 'node:path';
import { expandOperands, fileProblem, readText } from '../io/files.js';
import { fixFile } from '../io/fix.js';
import { validateText, type FileResult, type ValidateOptions } from '../validate/engine.js';
import { parseVersionRange } from '../validate/version.js';
import { BaseCommand } from './base.js';

/** A file's result; with --fix, what was fixed (and on --dry-run the diff that was not written). */
export interface ValidateFileJson extends FileResult {
  fixed?: string[];
  diff?: string;
}

export interface ValidateJson {
  files: ValidateFileJson[];
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
    '<%= config.bin %> validate drachtio.conf.xml --fix --dry-run',
    '<%= config.bin %> validate drachtio.conf.xml --target-version 0.8.x --check-files',
  ];
  static override strict = false;
  static override args = { file: Args.string({ description: 'files, directories or globs', required: true }) };
  static override flags = {
    format: Flags.string({ description: 'output format', options: ['stylish', 'json'], default: 'stylish' }),
    fix: Flags.boolean({ description: 'rewrite what can be fixed (renamed settings, legacy <contact>, untrimmed values), keeping everything else byte for byte' }),
    'dry-run': Flags.boolean({ description: 'with --fix: print a unified diff instead of writing', dependsOn: ['fix'] }),
    'target-version': Flags.string({ description: 'drachtio-server version the file is for, e.g. 0.8.x or v0.9.4: warn about settings it does not read' }),
    'check-files': Flags.boolean({ description: 'check that TLS files exist and are readable (relative paths from the config file\'s directory)' }),
  };

  async run(): Promise<ValidateJson> {
    const { argv, flags } = await this.parse(Validate);
    const target = flags['target-version'];
    if (target !== undefined && !parseVersionRange(target)) throw new UserError(`--target-version ${target}: not a version such as 0.9.x, 0.8.25 or v0.9.4`);
    const paths = await expandOperands(argv as string[]);
    const files: ValidateFileJson[] = [];
    let diffs = '';
    let unreadable: UserError | undefined;
    for (const path of paths) {
      try {
        const options: ValidateOptions = { ...(target && { targetVersion: target }), ...(flags['check-files'] && { fileProblem: fileProblem(dirname(path)) }) };
        const text = readText(path);
        if (!flags.fix) {
          files.push(validateText(text, path, options));
          continue;
        }
        const fixed = fixFile(path, text, options, flags['dry-run']);
        diffs += fixed.diff ?? '';
        // a dry run reports the file as it is; a real fix reports what is left
        const result = validateText(flags['dry-run'] ? text : fixed.text, path, options);
        files.push({ ...result, fixed: fixed.applied, ...(fixed.diff && { diff: fixed.diff }) });
      } catch (e) {
        if (!(e instanceof UserError)) throw e;
        unreadable = e;
        process.stderr.write(`drachtioctl: ${e.toString()}\n`);
      }
    }
    const result = { files, summary: summarise(files) };
    process.exitCode = unreadable ? EXIT.USAGE : result.summary.errors > 0 || diffs !== '' ? EXIT.FINDINGS : EXIT.OK;
    if (flags.format === 'json' && !this.jsonEnabled()) this.log(JSON.stringify(result, null, 2));
    else if (!this.jsonEnabled()) process.stdout.write(diffs + formatFixed(files, flags['dry-run']) + formatStylish(files, result.summary));
    return result;
  }
}
