import { Args, Flags } from '@oclif/core';
import { configArg, operandOrStdin } from '../io/stdin.js';
import { join, relative, resolve } from 'node:path';
import { EXIT, UserError } from '../errors.js';
import { readText } from '../io/files.js';
import { refuseSecretOutput, secretOutput } from '../io/output.js';
import { readPackageFile } from '../io/package-root.js';
import { maskedConfig } from '../model/secrets.js';
import { parseXmlOrThrow } from '../model/parse.js';
import { effectiveConfig } from '../resolve/effective.js';
import { DEFAULT_IMAGE, K8S_KINDS, TARGETS, blockingErrors, render, type K8sKind, type SetupCommand, type Target, type Toleration } from '../render/index.js';
import { writeFileSet } from '../render/write.js';
import type { Diagnostic } from '../validate/types.js';
import { BaseCommand } from './base.js';
import { stdoutIsTerminal, writeStderr, writeStdout } from '../io/stdout.js';

export interface RenderJson {
  target: Target;
  /** mode as an octal string ("0600"); written: the path written, or null on stdout */
  files: { path: string; content: string; mode: string; written: string | null }[];
  warnings: string[];
  /** run these before applying the files */
  commands: SetupCommand[];
  /** validate's errors; when there are any, nothing is rendered (exit 1) */
  errors: (Diagnostic & { path: string })[];
}

/** `KEY=VALUE` pairs, one per flag use. */
function keyValues(flag: string, pairs: readonly string[] | undefined): Record<string, string> | undefined {
  if (!pairs?.length) return undefined;
  return Object.fromEntries(
    pairs.map((p) => {
      const m = /^([^=\s]+)=(\S*)$/.exec(p);
      if (!m) throw new UserError(`--${flag} ${p}: expected KEY=VALUE`);
      return [m[1]!, m[2]!];
    }),
  );
}

/** `KEY[=VALUE][:EFFECT]`, or `:EFFECT` / `*` for every key. */
function toleration(text: string): Toleration {
  const m = /^([^=:\s]*)(?:=([^:\s]*))?(?::(NoSchedule|PreferNoSchedule|NoExecute))?$/.exec(text);
  if (!m || text === '' || (m[1] === '' && m[2] !== undefined)) throw new UserError(`--toleration ${text}: expected KEY[=VALUE][:NoSchedule|PreferNoSchedule|NoExecute]`);
  const key = m[1] === '*' ? '' : m[1]!;
  return { ...(key && { key }), operator: m[2] === undefined ? 'Exists' : 'Equal', ...(m[2] !== undefined && { value: m[2] }), ...(m[3] && { effect: m[3] }) };
}

const octal = (mode: number) => `0${mode.toString(8)}`;

export default class Render extends BaseCommand {
  static override summary = 'Render a systemd unit, a docker-compose file or Kubernetes objects for a drachtio.conf.xml.';
  static override description =
    'A configuration with validate errors is refused (exit 1, listing them). Ports, probes, TLS mounts and capabilities come from the config. The secret is never written as a mask: k8s references a Secret (create it with the command printed on stderr, or render it with --with-secret), compose and systemd read the config file itself (or --env-file). Prints to stdout, or writes into --output DIR (atomically; files with a secret are mode 0600).';
  static override examples = [
    '<%= config.bin %> render systemd /etc/drachtio.conf.xml -o /etc/systemd/system',
    '<%= config.bin %> render compose drachtio.conf.xml -o . --publish',
    '<%= config.bin %> render k8s drachtio.conf.xml --kind daemonset --node-selector role=sip | kubectl apply -f -',
  ];
  static override args = {
    target: Args.string({ description: 'what to render', options: [...TARGETS], required: true }),
    file: configArg('the drachtio.conf.xml'),
  };
  static override flags = {
    output: Flags.string({ char: 'o', description: 'directory to write into instead of stdout' }),
    force: Flags.boolean({ description: 'replace existing files' }),
    name: Flags.string({ description: 'service, container and object name', default: 'drachtio' }),
    'config-path': Flags.string({ description: 'where the config lives on the host or in the container', default: '/etc/drachtio/drachtio.conf.xml' }),
    binary: Flags.string({ description: 'systemd: the drachtio executable', default: '/usr/local/bin/drachtio' }),
    user: Flags.string({ description: 'systemd: account to run as', default: 'drachtio' }),
    image: Flags.string({ description: 'compose and k8s: container image', default: DEFAULT_IMAGE }),
    'validate-before-start': Flags.string({ description: 'systemd: an ExecStartPre command that checks the file first, e.g. "/usr/bin/drachtioctl validate"' }),
    publish: Flags.boolean({ description: 'compose: publish each port on the address it listens on instead of using the host network' }),
    'env-file': Flags.string({ description: 'systemd EnvironmentFile= / compose env_file: DRACHTIO_* settings (e.g. the secret) kept out of the XML' }),
    kind: Flags.string({ description: 'k8s: one pod per node (daemonset, as jambonz runs drachtio) or a deployment', options: [...K8S_KINDS], default: 'deployment' }),
    'secret-name': Flags.string({ description: 'k8s: the Secret holding DRACHTIO_SECRET (default NAME-secret)' }),
    'tls-secret-name': Flags.string({ description: 'k8s: the Secret holding the TLS files (default NAME-tls)' }),
    'with-secret': Flags.boolean({ description: 'k8s: render the admin Secret itself, with the real secret, instead of referencing one' }),
    'node-selector': Flags.string({ description: 'k8s: KEY=VALUE a node must carry (repeatable)', multiple: true }),
    toleration: Flags.string({ description: 'k8s: KEY[=VALUE][:EFFECT] taint to tolerate, * for every taint (repeatable)', multiple: true }),
    'cpu-request': Flags.string({ description: 'k8s: CPU request', default: '250m' }),
    'memory-request': Flags.string({ description: 'k8s: memory request', default: '256Mi' }),
    'memory-limit': Flags.string({ description: 'k8s: memory limit', default: '1Gi' }),
    'grace-period': Flags.integer({ description: 'k8s: terminationGracePeriodSeconds', default: 30, min: 0 }),
    'show-secrets': Flags.boolean({ description: 'print secrets instead of masking them' }),
  };

  async run(): Promise<RenderJson> {
    const { args: given, flags } = await this.parse(Render);
    const args = { ...given, file: operandOrStdin(given.file, 'file') };
    const target = args.target as Target;
    const effective = effectiveConfig({ file: parseXmlOrThrow(readText(args.file), args.file) });
    const errors = blockingErrors(effective).map((d) => ({ path: args.file, ...d }));
    if (errors.length > 0) {
      if (!this.jsonEnabled()) {
        for (const e of errors) writeStderr(`${e.path}:${e.line}:${e.column}  error  ${e.message}  ${e.rule}\n`);
        writeStderr(`drachtioctl: ${args.file}: not rendered: drachtio-server would not run this configuration as meant (${errors.length} error${errors.length === 1 ? '' : 's'})\n`);
      }
      process.exitCode = EXIT.FINDINGS;
      return { target, files: [], warnings: [], commands: [], errors };
    }
    const config = effective.model;
    const outDir = flags.output ?? '.';
    const renderWith = (c: typeof config) => render(target, {
      config: c,
      configFile: relative(resolve(outDir), resolve(args.file)),
      systemdTemplate: target === 'systemd' ? readPackageFile('templates/systemd/drachtio.service') : '',
      options: {
        name: flags.name,
        configPath: flags['config-path'],
        binary: flags.binary,
        user: flags.user,
        image: flags.image,
        validateCommand: flags['validate-before-start'],
        publish: flags.publish,
        envFile: flags['env-file'],
        kind: flags.kind as K8sKind,
        secretName: flags['secret-name'],
        tlsSecretName: flags['tls-secret-name'],
        withSecret: flags['with-secret'],
        nodeSelector: keyValues('node-selector', flags['node-selector']),
        tolerations: flags.toleration?.map(toleration),
        resources: { requests: { cpu: flags['cpu-request'], memory: flags['memory-request'] }, limits: { memory: flags['memory-limit'] } },
        terminationGracePeriodSeconds: flags['grace-period'],
      },
    });
    const result = renderWith(config);
    const policy = secretOutput({ toFile: !!flags.output, showSecrets: flags['show-secrets'], json: this.jsonEnabled(), tty: stdoutIsTerminal() });
    if (policy === 'refuse' && result.files.some((f) => f.mode === 0o600)) refuseSecretOutput(`render ${target} --with-secret`, 'leave out --with-secret to reference the Secret instead');
    // what is shown is rendered from a masked copy, so the output stays valid YAML/INI
    const shown = policy === 'real' ? result : renderWith(maskedConfig(config));
    const files: RenderJson['files'] = result.files.map((f, i) => ({
      path: f.path,
      content: shown.files[i]!.content,
      mode: octal(f.mode ?? 0o644),
      written: flags.output ? resolve(flags.output, f.path) : null,
    }));
    if (flags.output) writeFileSet(result.files.map((f) => ({ path: join(flags.output!, f.path), content: f.content, mode: f.mode ?? 0o644 })), flags.force);
    for (const w of result.warnings) writeStderr(`drachtioctl: warning: ${w}\n`);
    for (const c of result.commands) writeStderr(`drachtioctl: before applying, ${c.why}:\n  ${c.run}\n`);
    if (!this.jsonEnabled()) {
      if (flags.output) for (const f of files) this.log(`wrote ${f.written}`);
      else writeStdout(files.map((f) => f.content).join('---\n'));
    }
    return { target, files, warnings: result.warnings, commands: result.commands, errors: [] };
  }
}
