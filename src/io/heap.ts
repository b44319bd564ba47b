import { createRequire } from 'node:module';

/** From this many files on, a run's young generation grows past what one file's garbage needs (a thousand stay near 60 MB either way). */
const MANY_FILES = 2000;
/** below this (UTF-16 units), the collections a grown young generation saves cost less than growing it */
const BIG_TEXT = 3 << 20;
/**
 * Young-generation bytes a parse and its checks make per byte of text, all kept to the end: 7 for
 * bench/inputs.ts's 5 MB config, 6 for a blocklist of short values, 14.5 for bare contacts (each makes
 * an element, its text, a list item and its split URI). The most, rounded up.
 */
const YOUNG_BYTES_PER_BYTE = 16;
const MB = 1 << 20;

let v8: typeof import('node:v8') | undefined;
/** node:v8 is required, not imported: loading it (node:stream with it) costs ~5 ms under bin/run.js's options */
const loadV8 = () => (v8 ??= createRequire(import.meta.url)('node:v8') as typeof import('node:v8'));
/** V8's flags are changed only after start-up: Node and V8 refuse code caches made under other flags */
const setFlag = (flag: string) => loadV8().setFlagsFromString(flag);

/** The largest the young generation's two halves may grow to, each (bin/run.js's --max-semi-space-size), in bytes; 0 when node was not started with it. */
function maxSemiSpace(): number {
  const option = process.execArgv.find((a) => a.startsWith('--max-semi-space-size='));
  return option ? Number(option.slice(option.indexOf('=') + 1)) * MB || 0 : 0;
}

let grown = false;

/**
 * Before checking many files: stop V8's young generation from growing. Each file's garbage dies
 * young, and a young generation grown for it only holds more of it at once (10,000 configs: 105 MB
 * peak, 80 without).
 */
export function prepareForFiles(count: number): void {
  if (count >= MANY_FILES) setFlag('--semi-space-growth-factor=1');
}

/**
 * Before parsing a big text in a run of `files` files (a few): let the young generation grow, at
 * its next collection, to what the parse will make. All of that stays live to the end of the run,
 * and a young generation that only doubles as it fills copies all of it at each collection, then
 * again out of the young generation: a 5 MB config, 66 MB copied in 10 collections, a fifth of the
 * run. Grown early in the parse, it is not collected again. A text whose parse would not fit even
 * the largest young generation is left to V8: filling that and copying it out costs more than the
 * doubling (an 8 MB config, 1.16× the time).
 */
export function prepareForText(length: number, files: number): void {
  if (length < BIG_TEXT || files >= MANY_FILES || grown) return;
  const need = length * YOUNG_BYTES_PER_BYTE;
  if (need > maxSemiSpace()) return;
  grown = true;
  const semiSpace = loadV8().getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')!.space_size / 2;
  // V8 grows the space to this factor times its size (up to the maximum) when a collection finds it mostly live
  setFlag(`--semi-space-growth-factor=${Math.ceil(need / semiSpace)}`);
}
