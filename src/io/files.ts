import { readFileSync, statSync } from 'node:fs';
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
    if (stat?.isFile()) {
      out.push(op);
      continue;
    }
    // most runs name files; the glob library loads only for a directory or a pattern
    const { glob } = await import('tinyglobby');
    if (stat?.isDirectory()) {
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
