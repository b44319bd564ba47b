import { writeSync } from 'node:fs';
import { EXIT } from '../errors.js';
import { reason } from './write.js';

/**
 * A standard output that cannot be written (a closed pipe, a full disk as with `> /dev/full`, a
 * closed descriptor) ends the run with one line on stderr and exit 2, never a stack trace. Writes
 * to files and terminals fail synchronously, writes to pipes with an 'error' event: both are caught.
 */
export function guardStdout(): void {
  const write = process.stdout.write.bind(process.stdout) as (...args: unknown[]) => boolean;
  process.stdout.write = ((...args: unknown[]) => {
    try {
      return write(...args);
    } catch (e) {
      return broken(e as NodeJS.ErrnoException);
    }
  }) as typeof process.stdout.write;
  process.stdout.prependListener('error', broken);
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
