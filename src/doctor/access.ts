import { accessSync, constants, readFileSync, statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UserError } from '../errors.js';

/** The account the server runs as (systemd User=, docker --user): what its permissions are checked for. */
export interface ServiceUser {
  name: string;
  uid: number;
  /** the primary group and every group listing the user */
  gids: number[];
}

const rows = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => l.split(':'));

/** Look a user up in /etc/passwd and /etc/group (a numeric name is taken as a uid). */
export function lookupUser(name: string, etc = '/etc'): ServiceUser {
  let passwd: string[][];
  try {
    passwd = rows(`${etc}/passwd`);
  } catch (e) {
    throw new UserError(`cannot read ${etc}/passwd: ${(e as Error).message}`);
  }
  const row = passwd.find((r) => r[0] === name) ?? (/^\d+$/.test(name) ? passwd.find((r) => r[2] === name) : undefined);
  if (!row) throw new UserError(`--user ${name}: no such user in ${etc}/passwd`);
  const gids = new Set([Number(row[3])]);
  try {
    for (const g of rows(`${etc}/group`)) if ((g[3] ?? '').split(',').includes(row[0]!)) gids.add(Number(g[2]));
  } catch {
    // without /etc/group only the primary group counts
  }
  return { name: row[0]!, uid: Number(row[2]), gids: [...gids] };
}

const R = 4;
const W = 2;
const X = 1;

/** What the mode bits allow the user (root may do anything but execute; ACLs are not read). */
function permits(st: Stats, user: ServiceUser, bit: number): boolean {
  if (user.uid === 0) return true;
  const shift = st.uid === user.uid ? 6 : user.gids.includes(st.gid) ? 3 : 0;
  return ((st.mode >> shift) & bit) !== 0;
}

export type Want = 'read' | 'write';

/**
 * Why `user` (or, without one, this process) cannot read or write `path`, or undefined when it can.
 * A directory is writable when it can be written and searched; every directory above must be searchable.
 */
export function accessProblem(path: string, want: Want, user?: ServiceUser): string | undefined {
  const full = resolve(path);
  if (!user) {
    try {
      accessSync(full, want === 'read' ? constants.R_OK : constants.W_OK);
      return undefined;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? `cannot be ${want === 'read' ? 'read' : 'written'} (permission denied)` : (e as Error).message;
    }
  }
  let st: Stats;
  try {
    st = statSync(full);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : (e as Error).message;
  }
  for (let dir = dirname(full); ; dir = dirname(dir)) {
    if (!permits(statSync(dir), user, X)) return `cannot be reached by ${user.name} (no search permission on ${dir})`;
    if (dir === dirname(dir)) break;
  }
  if (want === 'read') return permits(st, user, R) ? undefined : `not readable by ${user.name} (${ownership(st)})`;
  if (!permits(st, user, W)) return `not writable by ${user.name} (${ownership(st)})`;
  if (st.isDirectory() && !permits(st, user, X)) return `not searchable by ${user.name} (${ownership(st)})`;
  return undefined;
}

const ownership = (st: Stats) => `mode ${(st.mode & 0o7777).toString(8).padStart(4, '0')}, owner ${st.uid}:${st.gid}`;
