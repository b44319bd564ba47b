import { fstatSync, readSync } from 'node:fs';
import { Args } from '@oclif/core';
import { UserError } from '../errors.js';

/** The operand that names standard input. */
export const STDIN = '-';

/**
 * Whether standard input is piped or redirected from a file (`cat f | drachtioctl validate`,
 * `< f`): then a missing file operand means standard input. A terminal, /dev/null or a socket a
 * parent process never writes to is not read, so a run without input never waits for it.
 */
export function stdinIsPiped(): boolean {
  try {
    const s = fstatSync(0);
    return s.isFIFO() || s.isFile();
  } catch {
    return false;
  }
}

/** A config operand: given, or standard input when it is piped; otherwise a usage error naming the operand. */
export function operandOrStdin(value: string | undefined, name: string): string {
  if (value !== undefined) return value;
  if (stdinIsPiped()) return STDIN;
  throw new UserError(`missing ${name} (a path, or - for standard input)`);
}

/**
 * A config file operand for oclif: optional, because piped standard input stands in for it
 * (operandOrStdin), and never filled in by oclif from stdin, which would take the text as a name.
 */
export const configArg = (description: string) => Args.string({ description: `${description} (- or a pipe: standard input)`, ignoreStdin: true });

let cached: Buffer | undefined;

/** All of standard input (read once: `diff - -` compares it with itself), at most `limit` bytes. */
export function readStdin(limit: number): Buffer {
  if (cached) return cached;
  const chunks: Buffer[] = [];
  let total = 0;
  const buffer = Buffer.alloc(1 << 16);
  for (;;) {
    let n: number;
    try {
      n = readSync(0, buffer, 0, buffer.length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // a non-blocking descriptor with nothing yet: wait a moment and read again
      if (code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
        continue;
      }
      if (code === 'EOF') break;
      throw new UserError(`cannot read standard input: ${code === 'EISDIR' ? 'is a directory' : (e as Error).message.split('\n')[0]}`);
    }
    if (n === 0) break;
    total += n;
    if (total > limit) throw new UserError(`cannot read standard input: more than ${limit / 2 ** 20} MB is too large for a drachtio config`);
    chunks.push(Buffer.from(buffer.subarray(0, n)));
  }
  cached = Buffer.concat(chunks);
  return cached;
}
