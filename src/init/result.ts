import { basename, dirname, join, resolve } from 'node:path';
import { UserError } from '../errors.js';
import type { DrachtioConfig } from '../model/config.js';
import { validateText } from '../validate/engine.js';
import { renderXml } from '../xml/render.js';
import { needsTls, type InitAnswers } from './answers.js';
import { buildConfig } from './build.js';
import { maskedConfig } from '../model/secrets.js';
import { readPackageFile } from '../io/package-root.js';
import { render, type Target } from '../render/index.js';

/** Files init can write beside the config. */
export const EXTRA_OUTPUTS = ['env', 'systemd', 'compose'] as const;
export type ExtraOutput = (typeof EXTRA_OUTPUTS)[number];

export interface ExtraFile {
  path: string;
  text: string;
  mode: number;
}

type ExtraRenderer = (config: DrachtioConfig, configPath: string) => ExtraFile | Promise<ExtraFile>;

/** A deployment file from `render`, written beside the config with render's defaults. */
function viaRender(target: Target): ExtraRenderer {
  return (config, configPath) => {
    const { files } = render(target, {
      config,
      configFile: basename(configPath),
      systemdTemplate: target === 'systemd' ? readPackageFile('templates/systemd/drachtio.service') : '',
      options: {
        name: 'drachtio',
        configPath: target === 'systemd' ? configPath : '/etc/drachtio/drachtio.conf.xml',
        binary: '/usr/local/bin/drachtio',
        user: 'drachtio',
        image: 'drachtio/drachtio-server:latest',
      },
    });
    const file = files[0]!;
    return { path: join(dirname(configPath), file.path), text: file.content, mode: file.mode ?? 0o644 };
  };
}

/** drachtio.env: the settings the environment can express, as env-export writes them (it holds the secret: 0600). */
const envFile: ExtraRenderer = async (config, configPath) => {
  const { emitEnv } = await import('../emit/env.js');
  const { output } = await emitEnv(config, { format: 'dotenv' });
  return { path: join(dirname(configPath), 'drachtio.env'), text: output, mode: 0o600 };
};

const RENDERERS: Record<ExtraOutput, ExtraRenderer> = { env: envFile, systemd: viaRender('systemd'), compose: viaRender('compose') };

/** The renderers for the requested extra outputs; an unknown name is a usage error, raised before anything is asked or written. */
export function extraRenderers(requested: readonly string[]): ExtraRenderer[] {
  const unknown = requested.filter((r) => !(EXTRA_OUTPUTS as readonly string[]).includes(r));
  if (unknown.length > 0) throw new UserError(`--with ${unknown.join(',')}: choose from ${EXTRA_OUTPUTS.join(', ')}`);
  return requested.map((r) => RENDERERS[r as ExtraOutput]);
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
export function nextSteps(answers: InitAnswers, path: string): string[] {
  const abs = resolve(path);
  const steps = [`drachtioctl validate ${abs}`];
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
