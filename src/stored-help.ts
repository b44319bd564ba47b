import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stdoutIsTerminal, writeStdout } from './io/stdout.js';

/** What oclif prints in help and --version for this package on this machine. */
export function userAgent(name: string, version: string): string {
  return `${name}/${version} ${process.platform}-${process.arch === 'ia32' ? 'x86' : process.arch} node-${process.version}`;
}

/** dist/help.json, written by tools/bundle.mjs: oclif's help pages as printed to a pipe, by argv. */
export interface StoredHelp {
  /** the user agent of the build, in the pages where this machine's goes */
  userAgent: string;
  pages: Record<string, string>;
}

export const STORED_HELP = 'dist/help.json';

/**
 * Whether oclif might colour output that is not a terminal: supports-color does so only when told,
 * by FORCE_COLOR or a --color flag. Without either, oclif's colour detection is not loaded (it
 * loads node:tty, and with it node:net and node:stream).
 */
const mayColour = (): boolean => 'FORCE_COLOR' in process.env || process.argv.some((a) => a.includes('color'));

/**
 * Print the help page of `argv` as oclif rendered it at build time, when it would render it the
 * same now: output that is not a terminal (80 columns), without colour. Returns false otherwise
 * (then oclif renders it), and for any argv that is not a stored page.
 */
export async function printStoredHelp(root: string, argv: readonly string[], pjson: { name: string; version: string }): Promise<boolean> {
  if (stdoutIsTerminal() || process.env.OCLIF_COLUMNS) return false;
  let stored: StoredHelp;
  try {
    stored = JSON.parse(readFileSync(join(root, STORED_HELP), 'utf8')) as StoredHelp;
  } catch {
    return false;
  }
  const page = stored.pages[argv.join(' ')];
  if (page === undefined) return false;
  if (mayColour()) {
    // oclif colours help where its colour detection (supports-color: environment, flags, CI vendors) says so
    const { colorize } = await import('@oclif/core/ux');
    if (colorize('bold', 'x') !== 'x') return false;
  }
  writeStdout(page.replaceAll(stored.userAgent, userAgent(pjson.name, pjson.version)));
  return true;
}
