import type { DrachtioConfig } from '../model/config.js';
import { MASK, isSecret } from '../model/secrets.js';
import type { EnvDialect } from '../sources/envfile.js';
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
    if (line === undefined) lost.push({ setting: v.setting, message: `${v.setting}: a value with a line break cannot be written in a ${options.format} env file` });
    else lines.push(line);
  }
  return { output: lines.length ? lines.join('\n') + '\n' : '', warnings: lost };
}

function quote(format: EnvDialect, name: string, v: string): string | undefined {
  const multiline = /[\r\n]/.test(v);
  switch (format) {
    case 'docker':
      // docker takes everything after "=" literally: no quoting is possible or needed
      return multiline ? undefined : `${name}=${v}`;
    case 'shell':
      return `export ${name}=${SAFE.test(v) ? v : `'${v.replace(/'/g, `'\\''`)}'`}`;
    case 'systemd':
      return `${name}=${SAFE.test(v) ? v : `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\\n')}"`}`;
    case 'dotenv':
      if (SAFE.test(v)) return `${name}=${v}`;
      if (!v.includes("'") && !multiline) return `${name}='${v}'`;
      if (!v.includes('"') && !/\\[nr]/.test(v)) return `${name}="${v.replace(/\n/g, '\\n').replace(/\r/g, '\\r')}"`;
      return v.includes('`') ? undefined : `${name}=\`${v}\``;
  }
}

async function k8s(vars: { setting: string; name: string; text: string }[], name: string): Promise<string> {
  const { stringify } = await import('yaml');
  const plain = Object.fromEntries(vars.filter((v) => !isSecret(v.setting)).map((v) => [v.name, v.text]));
  const secret = Object.fromEntries(vars.filter((v) => isSecret(v.setting)).map((v) => [v.name, v.text]));
  const docs = [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: plain }];
  if (Object.keys(secret).length) docs.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name }, type: 'Opaque', stringData: secret } as never);
  return docs.map((d) => stringify(d)).join('---\n');
}
