import { Flags } from '@oclif/core';
import { configArg, operandOrStdin } from '../io/stdin.js';
import { EXIT, UserError } from '../errors.js';
import { FORMATS, formatter, type FormatName } from '../format/index.js';
import { formatJson } from '../format/json.js';
import { formatFixed } from '../format/stylish.js';
import { summarise, type Summary } from '../format/summary.js';
import { readText } from '../io/files.js';
import { appendStepSummary, writeReport } from '../io/report.js';
import { validatePaths, type ValidateFileJson } from '../io/validate-files.js';
import { parseRuleFlags } from '../validate/policy.js';
import { RULES } from '../validate/rules/index.js';
import { parseVersionRange } from '../validate/version.js';
import { fragmentSection } from '../model/from-xml.js';
import { BaseCommand } from './base.js';
import { MASK } from '../model/secrets.js';
import { writeStderr } from '../io/stdout.js';

export interface ValidateJson {
  files: (ValidateFileJson | { path: string; diagnostics: []; error: { message: string } })[];
  summary: Summary & { files: number; unreadable: number };
}

/** A checked file's text again, for the SARIF regions' ends; undefined when it cannot be read now. */
function sourceText(path: string): string | undefined {
  try {
    return readText(path);
  } catch {
    return undefined;
  }
}

export default class Validate extends BaseCommand {
  static override summary = 'Check drachtio.conf.xml files, and the compose files, units and manifests that start the server, the way drachtio-server reads them.';
  static override description =
    'Reports every way the real server would refuse to start, values it would silently replace or ignore, security and operations risks, and XML it only accepts by being lenient. Deployment files (docker-compose, systemd units, Kubernetes manifests, docker run lines) are checked by the effective configuration of each drachtio service, each finding at the line where its value is written. Directories are searched for *.xml, *.yml, *.yaml and *.service (one without any is an error); quoted globs are expanded. A .drachtioctl.json in the directory of a file or above sets the policy for it; flags override it. Exit status: 0 ok, 1 errors found (or warnings, with --strict or over --max-warnings; or a --fix --dry-run diff), 2 usage, I/O or config-file problem.';
  static override examples = [
    '<%= config.bin %> validate /etc/drachtio.conf.xml',
    '<%= config.bin %> validate deploy/ --json',
    '<%= config.bin %> validate docker-compose.yml k8s/drachtio.yaml /etc/systemd/system/drachtio.service',
    "<%= config.bin %> validate 'configs/**/*.xml'",
    '<%= config.bin %> validate deploy/ --format sarif > drachtioctl.sarif',
    '<%= config.bin %> validate deploy/ --rule invalid-value=error --max-warnings 0',
    '<%= config.bin %> validate drachtio.conf.xml --fix --dry-run',
    '<%= config.bin %> validate drachtio.conf.xml --target-version 0.8.x --check-files',
    '<%= config.bin %> validate snippets/sip.xml --fragment sip',
  ];
  static override strict = false;
  static override args = { file: configArg('configs, deployment files, directories or globs') };
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
    fix: Flags.boolean({ description: 'rewrite what can be fixed (renamed settings, legacy <contact>, untrimmed values), keeping everything else byte for byte' }),
    'dry-run': Flags.boolean({ description: 'with --fix: print a unified diff instead of writing', dependsOn: ['fix'] }),
    'target-version': Flags.string({ description: 'drachtio-server version the file is for, e.g. 0.8.x or v0.9.4: warn about settings it does not read' }),
    fragment: Flags.string({ description: 'the files hold one section on purpose, e.g. sip or sip/contacts: check them as that section instead of failing them as documents the server cannot start from' }),
    'check-files': Flags.boolean({ description: "check that TLS files exist and are readable (relative paths from the config file's directory)" }),
    quiet: Flags.boolean({ char: 'q', description: 'report errors only (warnings still count for --strict and --max-warnings)' }),
    'output-file': Flags.string({ char: 'o', description: 'write the --format report to this file instead of stdout' }),
  };

  async run(): Promise<ValidateJson> {
    const { argv, flags } = await this.parse(Validate);
    const target = flags['target-version'];
    if (target !== undefined && !parseVersionRange(target)) throw new UserError(`--target-version ${target}: not a version such as 0.9.x, 0.8.25 or v0.9.4`);
    const fragment = flags.fragment === undefined ? undefined : fragmentSection(flags.fragment);
    if (flags.fragment !== undefined && !fragment) throw new UserError(`--fragment ${flags.fragment}: not a section a file can hold alone, such as sip, contacts or request-handlers`);
    const run = await validatePaths(argv.length > 0 ? (argv as string[]) : [operandOrStdin(undefined, 'file')], {
      policy: {
        rules: parseRuleFlags(flags.rule ?? []),
        ...(flags['max-warnings'] !== undefined && { maxWarnings: flags['max-warnings'] }),
        ...(flags.strict !== undefined && { strict: flags.strict }),
      },
      targetVersion: target,
      ...(fragment && { fragment }),
      checkFiles: flags['check-files'],
      fix: flags.fix,
      dryRun: flags['dry-run'],
    });
    for (const e of run.unreadable) writeStderr(`drachtioctl: ${e.toString()}\n`);
    if (run.maskedDiffs) writeStderr(`drachtioctl: the diff shows secrets as ${MASK}; the file itself keeps them\n`);
    if (!this.jsonEnabled()) for (const u of run.unknowns) writeStderr(`drachtioctl: note: ${u.file}:${u.line}:${u.column}: ${u.what} cannot be known from the files: ${u.why}\n`);
    for (const why of run.failures) writeStderr(`drachtioctl: failing: ${why}\n`);
    const failed = run.summary.errors > 0 || run.failures.length > 0 || run.diffs !== '';
    process.exitCode = run.unreadable.length > 0 ? EXIT.USAGE : failed ? EXIT.FINDINGS : EXIT.OK;
    const files = flags.quiet ? run.files.map((f) => ({ ...f, diagnostics: f.diagnostics.filter((d) => d.severity === 'error') })) : run.files;
    const summary = flags.quiet ? summarise(files) : run.summary;
    // the JSON contract: every input is in files[], one that could not be read with its error
    const unreadable = run.unreadable.map((e) => ({ path: e.file ?? '', diagnostics: [], error: { message: e.toString() } }));
    const result = {
      files: [...files, ...unreadable],
      summary: { files: files.length + unreadable.length, ...summary, unreadable: unreadable.length },
      ...(run.unknowns.length > 0 && { unknowns: run.unknowns }),
    };
    if (!this.jsonEnabled()) {
      const format = await formatter(flags.format as FormatName);
      const meta = { tool: { name: this.config.name, version: this.config.version }, rules: RULES.map((r) => r.meta), cwd: process.cwd(), source: sourceText };
      const fixes = flags.format === 'stylish' ? run.diffs + formatFixed(files, flags['dry-run']) : '';
      writeReport(fixes + (flags.format === 'json' ? formatJson(result) : format(files, summary, meta)), flags['output-file']);
      if (flags.format === 'github') appendStepSummary((await import('../format/github.js')).formatGithubStepSummary(files, summary, meta));
    }
    return result;
  }
}
