import { readBytes } from './files.js';
import { decodeUtf8 } from '../sources/text.js';
import { parseEnvFile, type EnvDialect } from '../sources/envfile.js';
import type { EnvVar } from '../sources/env.js';

/** Read a text file as UTF-8, or a one-line UserError naming it (and the line that is not UTF-8). */
export function readUtf8(path: string): string {
  return decodeUtf8(readBytes(path), path);
}

/** Env files (later files win) and, with fromProcess, the process environment, which wins over them. */
export function collectEnv(files: readonly string[], dialect: EnvDialect, fromProcess: boolean): Map<string, EnvVar> {
  const vars = new Map<string, EnvVar>();
  for (const f of files) for (const e of parseEnvFile(readUtf8(f), f, dialect)) vars.set(e.name, { value: e.value, origin: `${f}:${e.line}` });
  if (fromProcess) for (const [k, v] of Object.entries(process.env)) if (k.startsWith('DRACHTIO_') && v !== undefined) vars.set(k, { value: v, origin: k });
  return vars;
}
