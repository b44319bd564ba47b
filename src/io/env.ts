import { UserError } from '../errors.js';
import type { EnvSource } from '../deploy/types.js';
import { placeText } from '../model/place.js';
import { readBytes, readText } from './files.js';
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

/** The environment a deployment's env sources give the server, env files read: later sources win (over `vars`, when given). */
export function environment(sources: readonly EnvSource[], vars = new Map<string, EnvVar>()): Map<string, EnvVar> {
  for (const source of sources) {
    if (source.kind === 'var') {
      vars.set(source.name, { value: source.value, origin: placeText(source.place), place: source.place });
    } else if (source.kind === 'unknown') {
      if (source.name) vars.delete(source.name);
    } else {
      let text: string;
      try {
        text = readText(source.path);
      } catch (e) {
        if (!(e instanceof UserError)) throw e;
        if (source.required) throw new UserError(`env file ${source.path}: ${e.message}`, source.place.file, source.place.line, source.place.column);
        continue;
      }
      for (const e of parseEnvFile(text, source.path, source.dialect)) {
        const place = { file: source.path, line: e.line, column: 1 };
        vars.set(e.name, { value: e.value, origin: placeText(place), place });
      }
    }
  }
  return vars;
}
