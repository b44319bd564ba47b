import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The options bin/run.js's first line gives node: what the CLI must be started with when node is
 * run directly (the code cache's build, the benchmark), since V8 refuses a code cache made under
 * other options, and the young generation they size is part of what is measured.
 */
export function binNodeOptions(root: string): string[] {
  const first = readFileSync(join(root, 'bin/run.js'), 'utf8').split('\n', 1)[0]!;
  const m = /^#!\/usr\/bin\/env -S node((?: --?[\w-]+(?:=\S+)?)*?) --$/.exec(first);
  if (!m) throw new Error(`bin/run.js: unexpected first line: ${first}`);
  return m[1]!.split(' ').filter(Boolean);
}
