import { closeSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../errors.js';

export interface WriteOptions {
  /** replace an existing file; without it an existing target is a UserError */
  force?: boolean;
  /** file mode; use 0o600 for anything holding a secret. Replacing a file keeps its mode by default. */
  mode?: number;
}

/**
 * Write a file atomically: the text goes to a temporary file beside the target, is flushed,
 * then renamed over it, so readers see the old file or the new one, never a partial one.
 * On any failure the temporary file is removed and a one-line UserError names the target.
 */
export function writeFileAtomic(path: string, text: string, options: WriteOptions = {}): void {
  const existing = statOrUndefined(path);
  if (existing && !options.force) throw new UserError('already exists (use --force to replace it)', path);
  // never loosen a replaced file's permissions (it may hold a secret)
  const mode = options.mode ?? (existing?.isFile() ? existing.mode & 0o777 : 0o644);
  // the temporary name must stay within NAME_MAX (255) even when the target's name nearly fills it
  const temp = join(dirname(path), `.${basename(path).slice(0, 200)}.${process.pid}.${Date.now()}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx', mode);
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
    throw new UserError(`cannot write: ${reason(e as NodeJS.ErrnoException)}`, path);
  }
  syncDirectory(dirname(path));
}

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOENT: 'no such directory',
  ENOTDIR: 'a component of the path is not a directory',
  EISDIR: 'is a directory',
  ENAMETOOLONG: 'file name too long',
  ENOSPC: 'no space left on device',
  EROFS: 'read-only file system',
  EDQUOT: 'disk quota exceeded',
};

const reason = (e: NodeJS.ErrnoException): string => REASONS[e.code ?? ''] ?? e.message.split('\n')[0]!;

/** Make the rename itself durable; a directory that cannot be opened or synced (some file systems) is no error. */
function syncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // best effort: the file itself is already complete on disk
  }
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
