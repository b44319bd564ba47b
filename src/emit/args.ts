import type { DrachtioConfig } from '../model/config.js';
import { MASK, isSecret } from '../model/secrets.js';
import { assignmentsOf } from './assignments.js';
import type { Emitted } from './types.js';

const SAFE = /^[A-Za-z0-9_./:,@%+=-]+$/;
const sh = (v: string) => (SAFE.test(v) ? v : `'${v.replace(/'/g, `'\\''`)}'`);

/** The configuration as a drachtio command line (sh quoting), e.g. for ExecStart= or docker run. */
export function emitArgs(config: DrachtioConfig, showSecrets = true): Emitted {
  const { assignments, lost } = assignmentsOf(config, 'args', showSecrets);
  const words = ['drachtio'];
  for (const a of assignments) {
    words.push(`--${a.name}`);
    if (a.text !== undefined) words.push(sh(!showSecrets && isSecret(a.setting) ? MASK : a.text));
  }
  return { output: words.join(' ') + '\n', warnings: lost };
}
