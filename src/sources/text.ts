import { UserError } from '../errors.js';

/**
 * Decode bytes as UTF-8, or throw a one-line UserError naming the first line that is not UTF-8.
 * A leading byte-order mark is dropped.
 */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  try {
    return decoder.decode(bytes);
  } catch {
    let line = 1;
    let start = 0;
    for (let i = 0; i <= bytes.length; i++) {
      if (i === bytes.length || bytes[i] === 0x0a) {
        try {
          decoder.decode(bytes.subarray(start, i));
        } catch {
          throw new UserError('not UTF-8 text', file, line);
        }
        line++;
        start = i + 1;
      }
    }
    throw new UserError('not UTF-8 text', file);
  }
}

/** C atoi: optional whitespace and sign, then leading digits; anything else is 0. */
export function atoi(text: string): number {
  const m = /^[ \t\n\v\f\r]*([+-]?\d+)/.exec(text);
  if (!m) return 0;
  const n = Number(m[1]);
  // int overflow is undefined in C; glibc saturates through strtol then truncates, so keep it in int range
  return Math.max(-2147483648, Math.min(2147483647, n));
}

/** C atof: the longest leading decimal number; anything else is 0. */
export function atof(text: string): number {
  const m = /^[ \t\n\v\f\r]*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/.exec(text);
  return m ? Number(m[1]) : 0;
}

/** boost::lexical_cast<uint32_t>: the whole text must be digits (a leading - wraps); undefined where it throws. */
export function lexicalUint(text: string): number | undefined {
  const m = /^([+-]?)(\d+)$/.exec(text);
  if (!m) return undefined;
  const n = Number(m[2]);
  if (n > 4294967295) return undefined;
  return m[1] === '-' && n !== 0 ? 4294967296 - n : n;
}
