import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { glob } from 'tinyglobby';
import { UserError } from '../errors.js';

/** File names `validate` picks up inside a directory. */
export const CONFIG_PATTERNS = ['**/*.xml', '**/*.xml.j2', '**/*.conf.xml*'];

/**
 * Expand command-line operands: files stay as given, directories are searched for drachtio
 * configs, anything else is treated as a glob. An operand that matches nothing is a UserError.
 */
export async function expandOperands(operands: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const op of operands) {
    const stat = statOrUndefined(op);
    if (stat?.isFile()) out.push(op);
    else if (stat?.isDirectory()) {
      const found = await glob(CONFIG_PATTERNS, { cwd: op, absolute: false, dot: false });
      out.push(...found.sort().map((f) => `${op.replace(/\/+$/, '')}/${f}`));
    } else {
      const found = await glob(op, { dot: false });
      if (found.length === 0) throw new UserError('no such file, directory or matching files', op);
      out.push(...found.sort());
    }
  }
  return [...new Set(out)];
}

function statOrUndefined(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** Read a text file, or throw a one-line UserError naming it. */
export function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : (e as Error).message;
    throw new UserError(`cannot read: ${why}`, path);
  }
}

/**
 * For --check-files: what is wrong with a file a config names, or undefined when it is a readable file.
 * Relative paths are resolved against `baseDir`, the config file's directory.
 */
export function fileProblem(baseDir: string): (path: string) => string | undefined {
  return (path) => {
    const full = resolve(baseDir, path);
    try {
      if (!statSync(full).isFile()) return `${full} is not a regular file`;
      accessSync(full, constants.R_OK);
      return undefined;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return code === 'ENOENT' ? `${full} does not exist` : code === 'EACCES' ? `${full} cannot be read (permission denied)` : `${full}: ${(e as Error).message}`;
    }
  };
}
