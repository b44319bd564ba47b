import type { DrachtioConfig } from '../model/config.js';
import { MASK, isSecret } from '../model/secrets.js';
import { parseEnvFile, type EnvDialect } from '../sources/envfile.js';
import { assignmentsOf } from './assignments.js';
import type { Emitted } from './types.js';

export const ENV_FORMATS = ['dotenv', 'shell', 'systemd', 'docker', 'k8s'] as const;
export type EnvFormat = EnvDialect | 'k8s';

export interface EnvOptions {
  format: EnvFormat;
  /** write secrets as they are (a configuration must hold the real value); false masks them */
  showSecrets?: boolean;
  /** k8s object names */
  name?: string;
}

const SAFE = /^[A-Za-z0-9_./:,@%+=*-]*$/;

/** The configuration as environment variables for the server, in one dialect's quoting. */
export async function emitEnv(config: DrachtioConfig, options: EnvOptions): Promise<Emitted> {
  const show = options.showSecrets ?? true;
  const { assignments, lost } = assignmentsOf(config, 'env', show);
  const vars = assignments.map((a) => ({ ...a, text: !show && isSecret(a.setting) ? MASK : (a.text ?? '') }));
  if (options.format === 'k8s') return { output: await k8s(vars, options.name ?? 'drachtio'), warnings: lost };
  const lines: string[] = [];
  for (const v of vars) {
    const line = quote(options.format, v.name, v.text);
    if (line === undefined) lost.push({ setting: v.setting, message: `${v.setting}: ${unquotable(options.format, v.text)}` });
    else lines.push(line);
  }
  return { output: lines.length ? lines.join('\n') + '\n' : '', warnings: lost };
}

/**
 * One assignment in a dialect's quoting: the first way of writing it that the dialect's reader
 * reads back as exactly the value (checked, not assumed); undefined when there is none.
 */
function quote(format: EnvDialect, name: string, v: string): string | undefined {
  return spellings(format, name, v).find((line) => readsBack(line, format, name, v));
}

function spellings(format: EnvDialect, name: string, v: string): string[] {
  if (SAFE.test(v)) return [format === 'shell' ? `export ${name}=${v}` : `${name}=${v}`];
  switch (format) {
    case 'docker':
      // docker takes everything after "=" literally: no quoting is possible or needed
      return [`${name}=${v}`];
    case 'shell':
      return [`export ${name}='${v.replace(/'/g, `'\\''`)}'`];
    case 'systemd':
      return [`${name}="${v.replace(/[\\"$`]/g, '\\$&')}"`, `${name}='${v}'`];
    case 'dotenv':
      // unquoted last, and never with a "#": the dotenv package ends an unquoted value at any "#"
      return [`${name}='${v}'`, `${name}="${v.replace(/\n/g, '\\n').replace(/\r/g, '\\r')}"`, `${name}=\`${v}\``, ...(v.includes('#') ? [] : [`${name}=${v}`])];
  }
}

function readsBack(line: string, format: EnvDialect, name: string, v: string): boolean {
  try {
    const [entry, ...more] = parseEnvFile(`${line}\n`, '', format);
    return more.length === 0 && entry?.name === name && entry.value === v;
  } catch {
    return false;
  }
}

/** Why no spelling reads back: said as it is, never a guess. */
function unquotable(format: EnvDialect, v: string): string {
  if (/[\r\n]/.test(v)) return `a value with a line break cannot be written in a ${format} env file`;
  if (format === 'dotenv') return "no dotenv spelling reads the value back unchanged ('…' cannot hold ', \"…\" cannot hold \" or a literal \\n, `…` cannot hold `, and unquoted it would lose a # or the spaces at its ends)";
  return `the value cannot be written in a ${format} env file so that it reads back unchanged`;
}

async function k8s(vars: { setting: string; name: string; text: string }[], name: string): Promise<string> {
  const { stringify } = await import('yaml');
  const plain = Object.fromEntries(vars.filter((v) => !isSecret(v.setting)).map((v) => [v.name, v.text]));
  const secret = Object.fromEntries(vars.filter((v) => isSecret(v.setting)).map((v) => [v.name, v.text]));
  const docs = [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: plain }];
  if (Object.keys(secret).length) docs.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name }, type: 'Opaque', stringData: secret } as never);
  return docs.map((d) => stringify(d)).join('---\n');
}
