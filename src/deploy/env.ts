import { dirname, isAbsolute, join } from 'node:path';
import type { EnvLookup } from './entrypoint.js';
import type { EnvSource } from './types.js';

/** Options every reader takes. */
export interface ReadOptions {
  /** contents of the env files the deployment names, so values from them are known */
  envFiles?: EnvFiles;
}

export type EnvFileSource = Extract<EnvSource, { kind: 'file' }>;

/**
 * The assignments of an env file, when the caller has read it (readers never touch the file system):
 * name -> value, later assignments already applied; an empty map for an optional file that is missing.
 * undefined: not read, so any variable may be set there.
 */
export type EnvFiles = (source: EnvFileSource) => ReadonlyMap<string, string> | undefined;

/** What a list of env sources (lowest precedence first) says about one variable: the last assignment wins. */
export function envLookup(env: readonly EnvSource[], files?: EnvFiles): EnvLookup {
  return (name) => {
    for (let i = env.length - 1; i >= 0; i--) {
      const s = env[i]!;
      if (s.kind === 'file') {
        const read = files?.(s);
        if (!read) return 'unknown';
        const value = read.get(name);
        if (value !== undefined) return { value };
        continue;
      }
      if (s.kind === 'unknown' && s.name === undefined) return 'unknown';
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
