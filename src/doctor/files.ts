import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { logPathsOf } from '../model/facts.js';
import { accessProblem, type ServiceUser } from './access.js';
import { about, type Check, type DoctorConfig } from './types.js';

const isDir = (path: string) => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

/**
 * A directory the server writes into. A missing log directory is created one level deep
 * (boost create_directory in DrachtioController::initializeLogging), a missing archive directory
 * with its parents (boost's file collector): then its nearest existing ancestor must be writable.
 */
function dirProblem(dir: string, createsParents: boolean, user?: ServiceUser): { status: Check['status']; text: string } {
  const who = user ? user.name : 'this user';
  if (isDir(dir)) {
    const p = accessProblem(dir, 'write', user);
    return p ? { status: 'fail', text: p } : { status: 'ok', text: `exists, writable by ${who}` };
  }
  if (existsSync(dir)) return { status: 'fail', text: 'is not a directory' };
  let parent = dirname(dir);
  if (createsParents) while (!existsSync(parent) && parent !== dirname(parent)) parent = dirname(parent);
  if (!isDir(parent)) return { status: 'fail', text: `does not exist, nor does ${parent}` };
  const p = accessProblem(parent, 'write', user);
  return p ? { status: 'fail', text: `does not exist, and ${parent} ${p}` } : { status: 'warn', text: `does not exist; the server creates it in ${parent}` };
}

/** Log and archive directories writable by the service user; the config file readable by it. */
export function fileChecks(d: DoctorConfig, user?: ServiceUser): Check[] {
  const out: Check[] = [];
  for (const f of logPathsOf(d.config)) {
    const full = resolve(d.baseDir, f.path);
    const archive = f.setting === 'logging.file.archive';
    const dir = archive ? full : dirname(full);
    const r = dirProblem(dir, archive, user);
    out.push({ id: archive ? 'archive-dir' : 'log-dir', status: r.status, message: `${archive ? 'archive' : 'log'} directory ${dir} ${r.text}`, ...about(d, f.setting, f.pos) });
    if (!archive && existsSync(full)) {
      const p = accessProblem(full, 'write', user);
      if (p) out.push({ id: 'log-file', status: 'fail', message: `log file ${full} ${p}`, ...about(d, f.setting, f.pos) });
    }
  }
  if (user) {
    const p = accessProblem(d.path, 'read', user);
    out.push({ id: 'config', status: p ? 'fail' : 'ok', message: `${d.path} ${p ?? `readable by ${user.name}`}` });
  }
  return out;
}
