import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Policy } from '../validate/policy.js';
import { PROJECT_CONFIG, parseProjectConfig } from '../validate/project-config.js';
import { readText } from './files.js';

export interface ProjectConfig {
  path: string;
  policy: Policy;
}

/**
 * Finds the project config governing each checked file: the nearest .drachtioctl.json in the
 * file's directory or above, up to the filesystem root. Lookups and parses are cached, since
 * a run usually checks many files under one config.
 */
export class ProjectConfigs {
  private readonly found = new Map<string, string | undefined>();
  private readonly parsed = new Map<string, Policy>();
  /** by the directory as the file's path spells it: files of one directory resolve their path once, not each */
  private readonly byWrittenDir = new Map<string, string | undefined>();

  /** The config governing `file`, or undefined; a config that cannot be read or is invalid throws a UserError. */
  for(file: string): ProjectConfig | undefined {
    // up to the last separator of either kind: Windows paths may use both
    const written = file.slice(0, Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
    let path = this.byWrittenDir.get(written);
    if (!this.byWrittenDir.has(written)) this.byWrittenDir.set(written, (path = this.lookup(dirname(resolve(file)))));
    if (path === undefined) return undefined;
    let policy = this.parsed.get(path);
    if (!policy) {
      policy = parseProjectConfig(readText(path), path);
      this.parsed.set(path, policy);
    }
    return { path, policy };
  }

  private lookup(dir: string): string | undefined {
    if (this.found.has(dir)) return this.found.get(dir);
    const candidate = join(dir, PROJECT_CONFIG);
    const parent = dirname(dir);
    const path = isFile(candidate) ? candidate : parent === dir ? undefined : this.lookup(parent);
    this.found.set(dir, path);
    return path;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
