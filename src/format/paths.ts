import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

/** `path` relative to `cwd` with forward slashes, or undefined when it lies outside `cwd`. */
export function pathInside(path: string, cwd: string): string | undefined {
  const rel = relative(cwd, resolve(cwd, path));
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}

/** How CI annotations name a file: relative to `cwd` (the checkout) when inside it, else absolute. */
export function reportPath(path: string, cwd: string): string {
  return pathInside(path, cwd) ?? resolve(cwd, path).split(sep).join('/');
}

/** A SARIF artifact URI: relative (to %SRCROOT%, i.e. `cwd`) when inside it, else an absolute file: URI. */
export function artifactUri(path: string, cwd: string): { uri: string; uriBaseId?: string } {
  const inside = pathInside(path, cwd);
  if (inside === undefined) return { uri: pathToFileURL(resolve(cwd, path)).href };
  return { uri: inside.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

export const SRCROOT = '%SRCROOT%';

/** The directory as a file: URI with the trailing slash SARIF requires of a base URI. */
export const directoryUri = (dir: string): string => pathToFileURL(dir.endsWith(sep) ? dir : dir + sep).href;
