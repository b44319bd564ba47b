import { closeSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../errors.js';

export interface WriteOptions {
  /** replace an existing file; without it an existing target is a UserError */
  force?: boolean;
  /** file mode; use 0o600 for anything holding a secret */
  mode?: number;
}

/**
 * Write a file atomically: the text goes to a temporary file beside the target, is flushed,
 * then renamed over it, so readers see the old file or the new one, never a partial one.
 * On any failure the temporary file is removed and a one-line UserError names the target.
 */
export function writeFileAtomic(path: string, text: string, options: WriteOptions = {}): void {
  if (!options.force && exists(path)) throw new UserError('already exists (use --force to replace it)', path);
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx', options.mode ?? 0o644);
    writeSync(fd, text);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, path);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      // the temporary file was never created
    }
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOENT' ? 'no such directory' : code === 'ENOSPC' ? 'no space left on device' : (e as Error).message;
    throw new UserError(`cannot write: ${why}`, path);
  }
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
