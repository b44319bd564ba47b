import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The installed package's root (where templates/ lives), found upward from this module. */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'templates')) || !existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('drachtioctl package root not found');
    dir = up;
  }
  return (root = dir);
}

export function readPackageFile(path: string): string {
  return readFileSync(join(packageRoot(), path), 'utf8');
}
