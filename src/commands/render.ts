import { Args, Flags } from '@oclif/core';
import { configArg, operandOrStdin } from '../io/stdin.js';
import { join, relative, resolve } from 'node:path';
import { readText } from '../io/files.js';
import { readPackageFile } from '../io/package-root.js';
import { writeFilesAtomic } from '../io/write.js';
import { maskedConfig } from '../model/secrets.js';
import { parseXmlOrThrow } from '../model/parse.js';
import { TARGETS, render, type RenderedFile, type Target } from '../render/index.js';
import { BaseCommand } from './base.js';

export interface RenderJson {
  target: Target;
  files: (RenderedFile & { written?: string })[];
  warnings: string[];
}

export default class Render extends BaseCommand {
  static override summary = 'Render a systemd unit, a docker-compose file or Kubernetes objects for a drachtio.conf.xml.';
  static override description =
    'Ports come from the config (SIP contacts, admin and Prometheus ports). Units restart always, because drachtio-server exits with status 0 after several fatal start-up errors. For Kubernetes the admin secret moves out of the ConfigMap into a Secret passed as DRACHTIO_SECRET. Prints to stdout (secrets masked unless --show-secrets), or writes into --output DIR (atomically; files with a secret are mode 0600).';
  static override examples = [
    '<%= config.bin %> render systemd /etc/drachtio.conf.xml -o /etc/systemd/system',
    '<%= config.bin %> render compose drachtio.conf.xml -o .',
    '<%= config.bin %> render k8s drachtio.conf.xml --image drachtio/drachtio-server:0.9.10 --show-secrets | kubectl apply -f -',
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
    image: Flags.string({ description: 'compose and k8s: container image', default: 'drachtio/drachtio-server:latest' }),
    'validate-before-start': Flags.string({ description: 'systemd: an ExecStartPre command that checks the file first, e.g. "/usr/bin/drachtioctl validate"' }),
    publish: Flags.boolean({ description: 'compose: publish ports instead of using the host network' }),
    'show-secrets': Flags.boolean({ description: 'print secrets instead of masking them' }),
  };

  async run(): Promise<RenderJson> {
    const { args: given, flags } = await this.parse(Render);
    const args = { ...given, file: operandOrStdin(given.file, 'file') };
    const target = args.target as Target;
    const config = parseXmlOrThrow(readText(args.file), args.file).config;
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
      },
    });
    const result = renderWith(config);
    // what is shown is rendered from a masked copy, so the output stays valid YAML/INI
    const shown = flags['show-secrets'] ? result : renderWith(maskedConfig(config));
    const outputs = result.files.map((f) => ({ path: join(outDir, f.path), text: f.content, mode: f.mode ?? 0o644, secret: f.mode === 0o600 }));
    // all files or none
    if (flags.output) writeFilesAtomic(outputs, { force: flags.force });
    const files: RenderJson['files'] = result.files.map((f, i) => ({ ...f, content: shown.files[i]!.content, ...(flags.output && { written: outputs[i]!.path }) }));
    for (const w of result.warnings) process.stderr.write(`drachtioctl: warning: ${w}\n`);
    if (!this.jsonEnabled()) {
      if (flags.output) for (const f of files) this.log(`wrote ${f.written}`);
      else process.stdout.write(files.map((f) => f.content).join('---\n'));
    }
    return { target, files, warnings: result.warnings };
  }
}
