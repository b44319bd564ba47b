import { dirname, isAbsolute, join } from 'node:path';
import type { EnvLookup } from './entrypoint.js';
import type { EnvSource } from './types.js';

/**
 * What a list of env sources (lowest precedence first) says about one variable: the last
 * assignment wins; a variable not assigned inline may still come from an env file, which is not read here.
 */
export function envLookup(env: readonly EnvSource[]): EnvLookup {
  return (name) => {
    for (let i = env.length - 1; i >= 0; i--) {
      const s = env[i]!;
      if (s.kind === 'file' || (s.kind === 'unknown' && s.name === undefined)) return 'unknown';
      if (s.name !== name) continue;
      return s.kind === 'var' ? { value: s.value } : 'unknown';
    }
    return 'unset';
  };
}

/** A path written in a deployment file, resolved against that file's directory (absolute and ~ paths as written). */
export function hostPath(deploymentFile: string, path: string): string {
  return isAbsolute(path) || path.startsWith('~') ? path : join(dirname(deploymentFile), path);
}
