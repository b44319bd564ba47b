import { fstatSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { EXIT } from '../errors.js';
import { reason } from './write.js';

// Reports go out through descriptor 1, messages through 2, not process.stdout and process.stderr:
// Node creates those streams on first use, and for a pipe (as CI reads the output) they load
// node:net and node:stream, a fifth of a validate run. A report is one synchronous write; it needs no stream.

/** set once something (oclif's help, the language server, a descriptor that would block) uses process.stdout */
let streamInUse = false;
/** set once a write to descriptor 2 would block: later messages queue behind it in process.stderr */
let stderrViaStream = false;

/** Write to standard output, all of it before returning; a broken stdout ends the run (exit 2). */
export function writeStdout(text: string): void {
  if (streamInUse) {
    process.stdout.write(text);
    return;
  }
  const rest = writeAll(1, text);
  if (rest instanceof Error) broken(rest);
  // a non-blocking pipe that is full (its other end shared with a process that set O_NONBLOCK):
  // the stream waits for the reader, and keeps later writes in order behind this one
  if (rest) process.stdout.write(rest);
}

/** Write to standard error; where it cannot be written, the exit status still tells. */
export function writeStderr(text: string): void {
  if (stderrViaStream) {
    process.stderr.write(text);
    return;
  }
  const rest = writeAll(2, text);
  if (rest instanceof Uint8Array) {
    stderrViaStream = true;
    process.stderr.write(rest);
  }
}

/** Write all of `text` to a descriptor: undefined when done, the bytes left when it would block, or the error. */
function writeAll(fd: number, text: string): Uint8Array | NodeJS.ErrnoException | undefined {
  const bytes = Buffer.from(text);
  for (let done = 0; done < bytes.length; ) {
    try {
      done += writeSync(fd, bytes, done);
    } catch (e) {
      return (e as NodeJS.ErrnoException).code === 'EAGAIN' ? bytes.subarray(done) : (e as NodeJS.ErrnoException);
    }
  }
  return undefined;
}

/**
 * Whether standard output is a terminal, asked without creating process.stdout. A pipe or a file,
 * what CI and scripts give, is told by one fstat; only a character device (a terminal, or /dev/null)
 * needs node:tty, which loads node:net.
 */
export function stdoutIsTerminal(): boolean {
  if (streamInUse) return process.stdout.isTTY === true;
  try {
    if (!fstatSync(1).isCharacterDevice()) return false;
  } catch {
    return false;
  }
  return (createRequire(import.meta.url)('node:tty') as typeof import('node:tty')).isatty(1);
}

/** Whether process.stdout was created (then it may hold writes still to flush). */
export const stdoutStreamInUse = (): boolean => streamInUse;

/**
 * A standard output that cannot be written (a closed pipe, a full disk as with `> /dev/full`, a
 * closed descriptor) ends the run with one line on stderr and exit 2, never a stack trace. Writes
 * through the stream are guarded when it is created, which stays lazy: files and terminals fail
 * synchronously, pipes with an 'error' event; both are caught.
 */
export function guardStdout(): void {
  const { get, enumerable } = Object.getOwnPropertyDescriptor(process, 'stdout') ?? {};
  if (!get) return guard(process.stdout);
  let stream: NodeJS.WriteStream | undefined;
  Object.defineProperty(process, 'stdout', {
    configurable: true,
    enumerable,
    get: () => {
      if (stream === undefined) {
        stream = get.call(process) as NodeJS.WriteStream;
        guard(stream);
        streamInUse = true;
      }
      return stream;
    },
  });
}

function guard(stream: NodeJS.WriteStream): void {
  const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  stream.write = ((...args: unknown[]) => {
    try {
      return write(...args);
    } catch (e) {
      return broken(e as NodeJS.ErrnoException);
    }
  }) as typeof stream.write;
  stream.prependListener('error', broken);
}

function broken(e: NodeJS.ErrnoException): never {
  const why = e.code === 'EPIPE' ? 'the reader closed the pipe' : e.code === 'EBADF' ? 'it is closed' : reason(e);
  try {
    writeSync(2, `drachtioctl: cannot write to standard output: ${why}\n`);
  } catch {
    // stderr is gone too: the exit status still says it
  }
  process.exit(EXIT.USAGE);
}
