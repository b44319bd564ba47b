import { Args, Flags } from '@oclif/core';
import { EXIT, UserError } from '../errors.js';
import { FORMATS, formatter, type FormatName } from '../format/index.js';
import { summarise, type Summary } from '../format/summary.js';
import { expandOperands, readText } from '../io/files.js';
import { ProjectConfigs } from '../io/project-config.js';
import { validateText, type FileResult } from '../validate/engine.js';
import { applyPolicy, overridePolicy, parseRuleFlags, warningFailures, type Policy, type PolicyGroup } from '../validate/policy.js';
import { RULES } from '../validate/rules/index.js';
import { BaseCommand } from './base.js';

export interface ValidateJson {
  files: FileResult[];
  summary: Summary;
}

export default class Validate extends BaseCommand {
  static override summary = 'Check drachtio.conf.xml files the way drachtio-server reads them.';
  static override description =
    'Reports every way the real server would refuse to start, values it would silently replace, and XML it only accepts by being lenient. Directories are searched for *.xml; quoted globs are expanded. A .drachtioctl.json in the directory of a file or above sets the policy for it; flags override it. Exit status: 0 ok, 1 errors found (or warnings, with --strict or over --max-warnings), 2 usage, I/O or config-file problem.';
  static override examples = [
    '<%= config.bin %> validate /etc/drachtio.conf.xml',
    '<%= config.bin %> validate deploy/ --json',
    "<%= config.bin %> validate 'configs/**/*.xml'",
    '<%= config.bin %> validate deploy/ --format sarif > drachtioctl.sarif',
    '<%= config.bin %> validate deploy/ --rule invalid-value=error --max-warnings 0',
  ];
  static override strict = false;
  static override args = { file: Args.string({ description: 'files, directories or globs', required: true }) };
  static override flags = {
    format: Flags.string({ description: 'output format', options: [...FORMATS], default: 'stylish' }),
    rule: Flags.string({
      description: 'set a rule to off, warning or error: ID=SEVERITY (repeatable, or comma-separated)',
      multiple: true,
      multipleNonGreedy: true,
      delimiter: ',',
    }),
    'max-warnings': Flags.integer({ description: 'exit 1 when there are more warnings than this', min: 0 }),
    strict: Flags.boolean({ description: 'warnings fail the run (exit 1); --no-strict overrides a project config', allowNo: true }),
  };

  async run(): Promise<ValidateJson> {
    const { argv, flags } = await this.parse(Validate);
    const cliPolicy: Policy = {
      rules: parseRuleFlags(flags.rule ?? []),
      ...(flags['max-warnings'] !== undefined && { maxWarnings: flags['max-warnings'] }),
      ...(flags.strict !== undefined && { strict: flags.strict }),
    };
    const paths = await expandOperands(argv as string[]);
    // every project config is read before any output, so a broken one stops the run cleanly
    const configs = new ProjectConfigs();
    const governing = paths.map((path) => configs.for(path));
    const files: FileResult[] = [];
    const groups = new Map<string | undefined, PolicyGroup & { files: FileResult[] }>();
    let unreadable: UserError | undefined;
    for (const [i, path] of paths.entries()) {
      const config = governing[i];
      try {
        const text = readText(path);
        const result = applyPolicy(validateText(text, path), text, overridePolicy(config?.policy, cliPolicy).rules);
        files.push(result);
        const group = groups.get(config?.path) ?? { ...(config && { source: config.path, policy: config.policy }), files: [] };
        groups.set(config?.path, group);
        group.files.push(result);
      } catch (e) {
        if (!(e instanceof UserError)) throw e;
        unreadable = e;
        process.stderr.write(`drachtioctl: ${e.toString()}\n`);
      }
    }
    const result = { files, summary: summarise(files) };
    const failures = warningFailures([...groups.values()], cliPolicy);
    for (const why of failures) process.stderr.write(`drachtioctl: failing: ${why}\n`);
    process.exitCode = unreadable ? EXIT.USAGE : result.summary.errors > 0 || failures.length > 0 ? EXIT.FINDINGS : EXIT.OK;
    if (!this.jsonEnabled()) {
      const format = await formatter(flags.format as FormatName);
      const meta = { tool: { name: this.config.name, version: this.config.version }, rules: RULES.map((r) => r.meta), cwd: process.cwd() };
      process.stdout.write(format(files, result.summary, meta));
    }
    return result;
  }
}
