import {
  closeSync, fchmodSync, fchownSync, fstatSync, fsyncSync, linkSync, lstatSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync, type Stats,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../errors.js';

/** One file of a write. */
export interface FileWrite {
  path: string;
  text: string;
  /** mode of a new file (the umask applies); a replaced file keeps its own mode */
  mode?: number;
  /** the text holds the admin secret or the redis password: a replaced file loses its world permissions */
  secret?: boolean;
}

export interface WriteOptions {
  /** replace existing files (through a symbolic link: the file it points to); without it an existing target is a UserError */
  force?: boolean;
}

/** Where a file will really go, and what is there now. */
interface Planned extends FileWrite {
  /** the path written: `path`, or with --force the file a symbolic link at `path` points to */
  target: string;
  existing?: Stats;
}

/**
 * Write a set of files all or nothing. Every target is checked before anything is written; each
 * text goes to a temporary file beside its target (every byte checked, flushed to disk), and only
 * complete files are moved into place. A new file is linked into place, so a file created meanwhile
 * by someone else is never overwritten without --force; a replaced file keeps its mode, owner and
 * group. If one file cannot be put in place, those already placed are put back as they were.
 */
export function writeFilesAtomic(files: readonly FileWrite[], options: WriteOptions = {}): void {
  const planned = planWrites(files, options);
  const temps: string[] = [];
  try {
    for (const p of planned) temps.push(writeTemp(p));
    commit(planned, temps, options.force ?? false);
  } finally {
    for (const t of temps) removeQuietly(t);
    for (const t of temps) live.delete(t);
  }
  for (const dir of new Set(planned.map((p) => dirname(p.target)))) syncDirectory(dir);
}

/** Write one file atomically (see writeFilesAtomic). */
export function writeFileAtomic(path: string, text: string, options: WriteOptions & Omit<FileWrite, 'path' | 'text'> = {}): void {
  writeFilesAtomic([{ path, text, mode: options.mode, secret: options.secret }], options);
}

/**
 * Check every target before anything is written: what exists is replaced only with force, and
 * never when it is not a regular file (a device, a FIFO, a socket, a directory) or has other hard
 * links (replacing it would leave the other names with the old text). A symbolic link is replaced
 * only with force, and then the file it points to is written.
 */
export function planWrites(files: readonly FileWrite[], options: WriteOptions = {}): Planned[] {
  const seen = new Set<string>();
  return files.map((f) => {
    const p = planOne(f, options.force ?? false);
    if (seen.has(p.target)) throw new UserError('named twice in one write', f.path);
    seen.add(p.target);
    return p;
  });
}

function planOne(f: FileWrite, force: boolean): Planned {
  const link = lstatOrUndefined(f.path);
  if (!link) return { ...f, target: f.path };
  if (!force) throw new UserError(link.isSymbolicLink() ? 'already exists as a symbolic link (use --force to write to the file it points to)' : 'already exists (use --force to replace it)', f.path);
  let target = f.path;
  if (link.isSymbolicLink()) {
    try {
      target = realpathSync(f.path);
    } catch (e) {
      throw new UserError(`cannot write: a symbolic link ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'to a file that does not exist' : `that cannot be followed (${reason(e as NodeJS.ErrnoException)})`}`, f.path);
    }
  }
  const existing = statSync(target);
  if (!existing.isFile()) throw new UserError(`cannot write: ${existing.isDirectory() ? 'is a directory' : `not a regular file (${kind(existing)}); refusing to replace it, even with --force`}`, f.path);
  if (existing.nlink > 1) {
    throw new UserError(`cannot write: the file has ${existing.nlink} hard links, and replacing it would leave the other names with the old text; write to a copy, or remove the other links`, f.path);
  }
  return { ...f, target, existing };
}

const kind = (s: Stats) => (s.isCharacterDevice() ? 'a character device' : s.isBlockDevice() ? 'a block device' : s.isFIFO() ? 'a FIFO' : s.isSocket() ? 'a socket' : 'not a file');

/** Temporary files that exist right now; a signal removes them before the process ends. */
const live = new Set<string>();
let handlersInstalled = false;

function installSignalHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const [signal, number] of [['SIGINT', 2], ['SIGTERM', 15], ['SIGHUP', 1]] as const) {
    process.on(signal, () => {
      for (const t of live) removeQuietly(t);
      process.exit(128 + number);
    });
  }
}

let counter = 0;

/** Write one file's text to a new temporary file beside its target, with the final mode and owner; returns its path. */
function writeTemp(p: Planned): string {
  installSignalHandlers();
  // the temporary name must stay within NAME_MAX (255) even when the target's name nearly fills it
  const temp = join(dirname(p.target), `.${basename(p.target).slice(0, 200)}.${process.pid}.${counter++}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx', p.mode ?? 0o644);
    live.add(temp);
    const bytes = Buffer.from(p.text, 'utf8');
    // writeSync may write less than asked (a full disk, a signal): go on until every byte is down or it fails
    for (let done = 0; done < bytes.length; ) {
      const n = writeSync(fd, bytes, done, bytes.length - done);
      if (n <= 0) throw Object.assign(new Error('short write'), { code: 'ENOSPC' });
      done += n;
    }
    if (p.existing) keepOwnership(fd, p.existing, p.secret ?? false);
    fsyncSync(fd);
    if (fstatSync(fd).size !== bytes.length) throw Object.assign(new Error('short write'), { code: 'ENOSPC' });
    closeSync(fd);
    fd = undefined;
    return temp;
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    removeQuietly(temp);
    live.delete(temp);
    throw new UserError(`cannot write: ${reason(e as NodeJS.ErrnoException)}${p.existing ? '; the file is unchanged' : ''}`, p.path);
  }
}

/** A replaced file keeps its mode, owner and group; with a secret in it, it never stays world-readable. */
function keepOwnership(fd: number, existing: Stats, secret: boolean): void {
  fchmodSync(fd, existing.mode & 0o7777 & (secret ? ~0o007 : 0o7777));
  const mine = fstatSync(fd);
  if (mine.uid !== existing.uid || mine.gid !== existing.gid) {
    try {
      fchownSync(fd, existing.uid, existing.gid);
    } catch (e) {
      throw Object.assign(new Error(`cannot keep the file's owner and group ${existing.uid}:${existing.gid} (${reason(e as NodeJS.ErrnoException)})`), { code: 'EOWNER' });
    }
    // chown clears set-id bits: put the mode back
    fchmodSync(fd, existing.mode & 0o7777 & (secret ? ~0o007 : 0o7777));
  }
}

/**
 * Move every temporary file into place. A new target is hard-linked (fails if it exists: no
 * clobbering, however close the race); a replaced one is renamed over, after a backup link to the
 * old file so a later failure can put it back.
 */
function commit(planned: readonly Planned[], temps: readonly string[], force: boolean): void {
  const done: { p: Planned; backup?: string }[] = [];
  try {
    for (const [i, p] of planned.entries()) {
      const temp = temps[i]!;
      if (p.existing) {
        const backup = `${temp}.old`;
        linkSync(p.target, backup);
        live.add(backup);
        done.push({ p, backup });
        renameSync(temp, p.target);
      } else if (force) {
        renameSync(temp, p.target);
        done.push({ p });
      } else {
        linkNew(temp, p);
        done.push({ p });
      }
    }
  } catch (e) {
    for (const d of done.reverse()) {
      if (d.backup) renameQuietly(d.backup, d.p.target);
      else removeQuietly(d.p.target);
    }
    const err = e instanceof UserError ? e : new UserError(`cannot write: ${reason(e as NodeJS.ErrnoException)}`, planned[done.length]?.path);
    throw new UserError(planned.length > 1 ? `${err.message}; none of the ${planned.length} files was written` : err.message, err.file);
  } finally {
    for (const d of done) if (d.backup) {
      removeQuietly(d.backup);
      live.delete(d.backup);
    }
  }
}

function linkNew(temp: string, p: Planned): void {
  try {
    linkSync(temp, p.target);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new UserError('already exists (use --force to replace it)', p.path);
    // a file system without hard links (some FUSE and network mounts): O_EXCL cannot apply to a rename, check as late as possible
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw e;
    if (lstatOrUndefined(p.target)) throw new UserError('already exists (use --force to replace it)', p.path);
    renameSync(temp, p.target);
  }
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
  EFBIG: 'file too large',
  EIO: 'input/output error',
  ELOOP: 'too many symbolic links',
  EXDEV: 'the link points to another file system',
};

export const reason = (e: NodeJS.ErrnoException): string => REASONS[e.code ?? ''] ?? e.message.split('\n')[0]!;

/** Make the renames themselves durable; a directory that cannot be opened or synced (some file systems) is no error. */
function syncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // best effort: the files themselves are already complete on disk
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone (renamed into place, or never created)
  }
}

function renameQuietly(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch {
    // nothing more can be done; the backup stays beside the target
  }
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}
