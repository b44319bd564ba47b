import { accessSync, closeSync, constants, fstatSync, openSync, opendirSync, readFileSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { UserError } from '../errors.js';
import { STDIN, readStdin } from './stdin.js';


/** Whether a path names an XML config (or Markdown holding XML blocks) rather than a deployment file. */
export const isXmlPath = (path: string) => /\.(xml|md|markdown)$|\.xml[.@]|\.conf\.xml/i.test(path);

/**
 * Expand command-line operands: files stay as given, directories are searched for drachtio
 * configs, anything else is treated as a glob. An operand that matches nothing (or a directory
 * that holds nothing to check) is a UserError in `missing`, reported like a file that cannot be read.
 */
export async function expandOperands(operands: readonly string[]): Promise<{ paths: string[]; missing: UserError[] }> {
  const out: string[] = [];
  const missing: UserError[] = [];
  for (const op of operands) {
    try {
      out.push(...(await expandOperand(op)));
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      missing.push(e);
    }
  }
  return { paths: [...new Set(out)], missing };
}

/** The files one operand names: itself, the configs and deployments in a directory, or a glob's matches. */
async function expandOperand(op: string): Promise<string[]> {
  if (op === STDIN) return [op];
  const stat = statOrUndefined(op);
  // a file, or something else that exists (a FIFO, a device) for readText to refuse by name
  if (stat && !stat.isDirectory()) return [op];
  if (stat?.isDirectory()) {
    listable(op);
    const found = await configFilesIn(op);
    // a mistyped CI path must fail, not pass with "0 files checked"
    if (found.length === 0) throw new UserError('no *.xml, *.yml, *.yaml or *.service files in this directory', op);
    return found.sort().map((f) => `${op.replace(/\/+$/, '')}/${f}`);
  }
  // the glob library loads only for a pattern
  const { glob } = await import('tinyglobby');
  const found = await glob(op, { dot: false });
  if (found.length === 0) throw new UserError('no such file, directory or matching files', shownOperand(op));
  return found.sort();
}

/**
 * The files `validate` picks up inside a directory, by their path relative to it: configs (*.xml),
 * and files that may be deployments (*.yml, *.yaml, *.service; kept when their content is one);
 * not templates (*.xml.j2) or saved revisions (*.xml@rev): name those to check them.
 */
const CONFIG_FILE = /(?:^|\/)[^./][^/]*\.(?:xml|yml|yaml|service)$/;

/**
 * The config files under `dir`, at any depth: hidden files and directories left out, symbolic links
 * followed, as tinyglobby would find them. Crawled with the library tinyglobby crawls with, matched by
 * name: its pattern compiler is most of the code a directory scan runs, with nothing to do for four suffixes.
 */
async function configFilesIn(dir: string): Promise<string[]> {
  const { fdir } = await import('fdir');
  return new fdir({
    pathSeparator: '/',
    relativePaths: true,
    resolveSymlinks: true,
    exclude: (name: string) => name.startsWith('.'),
    filters: [(path: string) => CONFIG_FILE.test(path)],
  })
    .crawl(dir)
    .sync();
}

/** A directory the glob would silently find nothing in, because it cannot be listed, is a UserError. */
function listable(dir: string): void {
  try {
    // opened, not read: a directory of thousands of configs is listed once, by the crawl
    opendirSync(dir).closeSync();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(`cannot list the directory: ${code === 'EACCES' ? 'permission denied' : (e as Error).message}`, dir);
  }
}

function statOrUndefined(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Bigger than any real drachtio config (a few KB) by three orders of magnitude, and small enough
 * that reading one never exhausts memory: validating takes ~20 bytes of memory per byte of XML.
 */
export const MAX_CONFIG_BYTES = 16 * 2 ** 20;

/** Read a config file as text, or throw a one-line UserError naming it. */
export function readText(path: string): string {
  return decodeText(readBytes(path), path);
}

/**
 * Read a config or env file's bytes, or throw a one-line UserError naming it. Only regular
 * files are read (a FIFO would block, /dev/zero never ends), none over MAX_CONFIG_BYTES. The
 * file is opened once and judged by what was opened (non-blocking, so opening a FIFO returns):
 * no window between a check and the read, and one system call fewer for each of many files.
 */
export function readBytes(path: string): Buffer {
  if (path === STDIN) return readStdin(MAX_CONFIG_BYTES);
  let fd: number | undefined;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new UserError(stat.isDirectory() ? 'cannot read: is a directory' : 'cannot read: not a regular file', path);
    if (stat.size > MAX_CONFIG_BYTES) {
      throw new UserError(`cannot read: ${(stat.size / 2 ** 20).toFixed(0)} MB is too large for a drachtio config (limit ${MAX_CONFIG_BYTES / 2 ** 20} MB)`, path);
    }
    return readOpened(fd, stat.size);
  } catch (e) {
    if (e instanceof UserError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : (e as Error).message;
    throw new UserError(`cannot read: ${why}`, code === 'ENOENT' ? shownOperand(path) : path);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * The bytes of an open file `fstat` said has `size` bytes (fewer, should it have shrunk since):
 * what readFileSync(fd) does, without the second fstat it makes (a system call per file, of a
 * thousand). A size of 0 may be a file the kernel fills as it is read: that is read to its end.
 */
function readOpened(fd: number, size: number): Buffer {
  if (size === 0) return readFileSync(fd);
  const buffer = Buffer.allocUnsafe(size);
  let length = 0;
  while (length < size) {
    const n = readSync(fd, buffer, length, size - length, null);
    if (n === 0) break;
    length += n;
  }
  return length < size ? buffer.subarray(0, length) : buffer;
}

/**
 * A command-line word that names no file, as an error may show it: only when it looks like a
 * file name (a name ending in an extension configs have). Any other word may be a value whose
 * option was mistyped (`validate f.xml --daemon SECRET`), so it is not repeated.
 */
export function shownOperand(word: string): string {
  return /(^|\/)[^/]*\.(xml|j2|conf|env|json|ya?ml|md|txt|service|cfg|ini)$/i.test(word) ? word : 'a file argument (not shown: it may be a secret)';
}

/**
 * The text of a config file's bytes. drachtio-server reads bytes as UTF-8 (or ASCII): UTF-16
 * is refused here with a clear message instead of a cascade of XML errors; stray non-UTF-8
 * bytes (Latin-1) become U+FFFD, as the server's reader passes them through unchecked.
 */
export function decodeText(bytes: Uint8Array, path: string): string {
  const b0 = bytes[0], b1 = bytes[1], b2 = bytes[2], b3 = bytes[3];
  const bom = (b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff);
  // without a BOM, ASCII text in UTF-16 has a zero in every other byte
  const zeroes = (b0 !== 0 && b1 === 0 && b3 === 0) || (b0 === 0 && b1 !== 0 && b2 === 0);
  const utf16 = bom || (bytes.length >= 4 && zeroes);
  if (utf16) throw new UserError('cannot read: the file is UTF-16; drachtio-server reads UTF-8 (convert it with iconv -f UTF-16 -t UTF-8)', path);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

/**
 * For --check-files: what is wrong with a file a config names, or undefined when it is a readable file.
 * Relative paths are resolved against `baseDir`, the config file's directory.
 */
export function fileProblem(baseDir: string): (path: string) => string | undefined {
  return (path) => {
    const full = resolve(baseDir, path);
    try {
      if (!statSync(full).isFile()) return `${full} is not a regular file`;
      accessSync(full, constants.R_OK);
      return undefined;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return code === 'ENOENT' ? `${full} does not exist` : code === 'EACCES' ? `${full} cannot be read (permission denied)` : `${full}: ${(e as Error).message}`;
    }
  };
}
