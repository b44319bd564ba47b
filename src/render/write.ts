import { chownSync, readFileSync } from 'node:fs';
import { writeFilesAtomic } from '../io/write.js';

export interface FileToWrite {
  path: string;
  content: string;
  mode: number;
}

/**
 * The one place render and init write their files: all of them or none (writeFilesAtomic). A file
 * that gives the world no access holds a secret, and a replaced one loses any world access it had.
 */
export function writeFileSet(files: readonly FileToWrite[], force: boolean): void {
  writeFilesAtomic(files.map((f) => ({ path: f.path, text: f.content, mode: f.mode, secret: (f.mode & 0o007) === 0 })), { force });
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
