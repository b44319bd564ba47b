import { extname } from 'node:path';
import type { DrachtioConfig } from '../model/config.js';
import { toDocument } from '../model/document.js';
import { fromDocumentText } from '../model/from-document.js';
import { parseXml, parseXmlOrThrow } from '../model/parse.js';
import { isSecret, maskedConfig } from '../model/secrets.js';
import { SCALARS } from '../registry/index.js';
import { readCommandLine } from '../deploy/index.js';
import { readArgs } from '../sources/cli.js';
import { readEnv, type EnvVar } from '../sources/env.js';
import { parseEnvFile, type EnvDialect } from '../sources/envfile.js';
import { checkParsed } from '../validate/engine.js';
import type { Diagnostic } from '../validate/types.js';
import { effectiveModel } from '../model/effective.js';
import { effectiveConfig } from '../resolve/effective.js';
import type { Layer } from '../sources/layer.js';
import { renderXml } from '../xml/render.js';
import { emitArgs } from './args.js';
import { emitEnv, type EnvFormat } from './env.js';
import type { Emitted, Lost } from './types.js';

export const INPUT_FORMATS = ['xml', 'json', 'yaml', 'env', 'args'] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];
export const OUTPUT_FORMATS = ['xml', 'json', 'yaml', 'env', 'args'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** The input's form, from its extension, else from its first non-blank character or line. */
export function detectInput(path: string, text: string): InputFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.xml') return 'xml';
  if (ext === '.json') return 'json';
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  if (ext === '.env' || /(^|\/)\.env[^/]*$/.test(path)) return 'env';
  const t = text.trimStart();
  if (t.startsWith('<')) return 'xml';
  if (t.startsWith('{')) return 'json';
  if (/^(ExecStart=|docker\s|\S*drachtio(\s|$)|-)/.test(t)) return 'args';
  if (/^(export\s+)?[A-Za-z_][A-Za-z0-9_]*=/m.test(t) && !/^\s*[A-Za-z_-]+:\s/m.test(t)) return 'env';
  return 'yaml';
}

/** Read any of the forms into the model; env and args become the settings they give the server. */
export async function loadModel(text: string, path: string, format: InputFormat, dialect: EnvDialect = 'dotenv'): Promise<{ config: DrachtioConfig; warnings: Lost[] }> {
  switch (format) {
    case 'xml':
      return { config: parseXmlOrThrow(text, path).config, warnings: [] };
    case 'json':
    case 'yaml':
      return { config: await fromDocumentText(text, path, format === 'json'), warnings: [] };
    case 'env': {
      const vars = new Map<string, EnvVar>(parseEnvFile(text, path, dialect).map((e) => [e.name, { value: e.value, origin: `${path}:${e.line}` }]));
      return fromLayers({ env: readEnv(vars) }, path);
    }
    case 'args': {
      const words = readCommandLine(text, path).args;
      return fromLayers({ cli: readArgs(words.map((w) => w.text), words.map((w) => w.place)) }, path);
    }
  }
}

/** What the environment or command line sets (nothing from a file, no defaults), as a model. */
function fromLayers(input: { env?: Layer; cli?: Layer }, path: string): { config: DrachtioConfig; warnings: Lost[] } {
  const { resolution, env, cli } = effectiveConfig(input);
  return { config: effectiveModel(undefined, resolution, env, cli, path), warnings: resolution.warnings.map((m) => ({ setting: '', message: m })) };
}

export interface ConvertOptions {
  to: OutputFormat;
  /** env dialect when writing env */
  envFormat?: EnvFormat;
  showSecrets?: boolean;
}

/** Write the model in another form; what the target cannot say is returned as warnings. */
export async function convert(config: DrachtioConfig, options: ConvertOptions): Promise<Emitted> {
  const show = options.showSecrets ?? true;
  switch (options.to) {
    case 'env':
      return emitEnv(config, { format: options.envFormat ?? 'dotenv', showSecrets: show });
    case 'args':
      return emitArgs(config, show);
    case 'xml': {
      const noXml = SCALARS.filter((s) => !s.xml && config.values.has(s.id));
      return { output: renderXml(show ? config : maskedConfig(config)), warnings: noXml.map((s) => ({ setting: s.id, message: `${s.id}: has no XML form` })) };
    }
    case 'json':
    case 'yaml': {
      const json = toDocument(show ? config : maskedConfig(config)).json;
      const warnings = config.ignored.map((n) => ({ setting: '', message: `${config.source}:${n.pos.line}:${n.pos.column}: <${n.name}> is not read by the server and has no ${options.to.toUpperCase()} form` }));
      const output = options.to === 'json' ? JSON.stringify(json, null, 2) + '\n' : (await import('yaml')).stringify(json);
      return { output, warnings };
    }
  }
}

/** Whether the output holds the admin secret or the redis password (then files are written 0600). */
export const holdsSecret = (config: DrachtioConfig) => [...config.values].some(([id, v]) => isSecret(id) && v.raw !== '');

/**
 * What would stop the server in a JSON or YAML document, at its own line and column: unlike XML
 * (checked by `validate`), these forms have no other check before they become a config.
 */
export function documentErrors(config: DrachtioConfig, path: string): Diagnostic[] {
  return checkParsed({ config, xml: parseXml('<drachtio/>', path).xml }).filter((d) => d.severity === 'error');
}
