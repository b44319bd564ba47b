import { basename, dirname, join, resolve } from 'node:path';
import { UserError } from '../errors.js';
import type { DrachtioConfig } from '../model/config.js';
import { validateText } from '../validate/engine.js';
import { renderXml } from '../xml/render.js';
import { needsTls, type InitAnswers } from './answers.js';
import { buildConfig } from './build.js';
import { maskedConfig } from '../model/secrets.js';
import { readPackageFile } from '../io/package-root.js';
import { DEFAULT_IMAGE, render, type Target } from '../render/index.js';

/** Files init can write beside the config. */
export const EXTRA_OUTPUTS = ['env', 'systemd', 'compose'] as const;
export type ExtraOutput = (typeof EXTRA_OUTPUTS)[number];

export interface ExtraFile {
  path: string;
  text: string;
  mode: number;
}

/** The service account of the rendered unit; it must be able to read the config and the env file. */
export const SERVICE_USER = 'drachtio';
const ENV_FILE = 'drachtio.env';

/** The requested extra outputs; an unknown name is a usage error, raised before anything is asked or written. */
export function checkExtras(requested: readonly string[]): ExtraOutput[] {
  const unknown = requested.filter((r) => !(EXTRA_OUTPUTS as readonly string[]).includes(r));
  if (unknown.length > 0) throw new UserError(`--with ${unknown.join(',')}: choose from ${EXTRA_OUTPUTS.join(', ')}`);
  return [...new Set(requested as ExtraOutput[])];
}

/** Mode of the files holding the secret: readable by the service's group when a unit runs the server as SERVICE_USER. */
export const secretFileMode = (extras: readonly ExtraOutput[]) => (extras.includes('systemd') ? 0o640 : 0o600);

/** Where the env file goes when it is among the extras. */
export const envFilePath = (extras: readonly ExtraOutput[], configPath: string) => (extras.includes('env') ? join(dirname(configPath), ENV_FILE) : undefined);

/**
 * The extra files beside the config, referring to each other: the unit reads the config and the env
 * file (EnvironmentFile=), the compose file mounts the config and reads the env file (env_file).
 */
export async function extraFiles(extras: readonly ExtraOutput[], config: DrachtioConfig, configPath: string): Promise<ExtraFile[]> {
  const dir = dirname(configPath);
  const envPath = envFilePath(extras, configPath);
  const viaRender = (target: Target, configIn: string, envFile: string | undefined): ExtraFile => {
    const { files } = render(target, {
      config,
      configFile: basename(configPath),
      systemdTemplate: target === 'systemd' ? readPackageFile('templates/systemd/drachtio.service') : '',
      options: { name: 'drachtio', configPath: configIn, binary: '/usr/local/bin/drachtio', user: SERVICE_USER, image: DEFAULT_IMAGE, ...(envFile && { envFile }) },
    });
    const file = files[0]!;
    return { path: join(dir, file.path), text: file.content, mode: file.mode ?? 0o644 };
  };
  const out: ExtraFile[] = [];
  for (const extra of extras) {
    if (extra === 'env') {
      // the settings the environment can express, as env-export writes them; it holds the secret
      const { emitEnv } = await import('../emit/env.js');
      out.push({ path: envPath!, text: (await emitEnv(config, { format: 'dotenv' })).output, mode: secretFileMode(extras) });
    } else if (extra === 'systemd') out.push(viaRender('systemd', configPath, envPath));
    else out.push(viaRender('compose', '/etc/drachtio/drachtio.conf.xml', envPath && ENV_FILE));
  }
  return out;
}

export interface InitResult {
  config: DrachtioConfig;
  /** the file's text, secret included */
  xml: string;
  /** the same text with the secret masked, for showing */
  maskedXml: string;
}

/**
 * Build and render the configuration, then check it with every `validate` rule: init only ever
 * writes a file that validates with no finding at all.
 */
export function buildResult(answers: InitAnswers, path: string): InitResult {
  const config = buildConfig(answers, path);
  const xml = renderXml(config);
  const findings = validateText(xml, path).diagnostics;
  if (findings.length > 0) {
    const first = findings[0]!;
    throw new UserError(`the answers give a configuration that does not pass validate: ${first.message} (${first.rule}); nothing was written`, path);
  }
  return { config, xml, maskedXml: renderXml(maskedConfig(config)) };
}

/** What to do after init, as shell-ready lines. */
export function nextSteps(answers: InitAnswers, path: string, setup: readonly string[] = []): string[] {
  const abs = resolve(path);
  const steps = [...setup, `drachtioctl validate ${abs}`];
  if (needsTls(answers)) {
    const files = [answers.tlsKey, answers.tlsCert, answers.tlsChain].filter(Boolean).join(', ');
    steps.push(`put the TLS files in place: ${files}`, `openssl dhparam -out ${answers.tlsDhParam} 2048`);
  }
  steps.push(`drachtio -f ${abs}`);
  steps.push(
    `connect applications to ${answers.adminAddress} port ${answers.adminTlsPort || answers.adminPort}${answers.adminTlsPort ? ' (TLS)' : ''} with the secret in ${abs}`,
  );
  return steps;
}
