import { chownSync, existsSync, readFileSync } from 'node:fs';
import { UserError } from '../errors.js';
import { writeFileAtomic } from '../io/write.js';

export interface FileToWrite {
  path: string;
  content: string;
  mode: number;
}

/**
 * The one place render and init write their files. An existing target without `force` stops the
 * whole set before anything is written (a later I/O failure can still leave the earlier files).
 */
export function writeFileSet(files: readonly FileToWrite[], force: boolean): void {
  if (!force) for (const f of files) if (existsSync(f.path)) throw new UserError('already exists (use --force to replace it)', f.path);
  for (const f of files) writeFileAtomic(f.path, f.content, { force, mode: f.mode });
}

/** A group's id from /etc/group, or undefined when there is no such group. */
function groupId(name: string): number | undefined {
  let text = '';
  try {
    text = readFileSync('/etc/group', 'utf8');
  } catch {
    return undefined;
  }
  const line = text.split('\n').find((l) => l.split(':')[0] === name);
  const gid = line === undefined ? NaN : Number(line.split(':')[2]);
  return Number.isInteger(gid) ? gid : undefined;
}

/**
 * Give files (written 0640) to root and the service's group, so the service account can read them and
 * nobody else can. Only root can, and only once the group exists: otherwise nothing changes and the
 * commands to run are returned.
 */
export function shareWithGroup(paths: readonly string[], group: string, command: string): string[] {
  const gid = groupId(group);
  if (process.getuid?.() === 0 && gid !== undefined) {
    for (const p of paths) chownSync(p, 0, gid);
    return [];
  }
  return [...(gid === undefined ? [`useradd --system --no-create-home --shell /usr/sbin/nologin ${group}`] : []), command];
}
