import { createRequire } from 'node:module';

/** From this many files on, a run's young generation grows past what one file's garbage needs (a thousand stay near 60 MB either way). */
const MANY_FILES = 2000;
/** a text this long (UTF-16 units) makes tens of MB of tree and model, nearly all live to the end of the run */
const BIG_TEXT = 1 << 20;

let v8: typeof import('node:v8') | undefined;
/** node:v8 is required, not imported: loading it costs every small run two milliseconds */
const loadV8 = () => (v8 ??= createRequire(import.meta.url)('node:v8') as typeof import('node:v8'));
/** V8's flags are changed only after start-up: Node and V8 refuse code caches made under other flags */
const setFlag = (flag: string) => loadV8().setFlagsFromString(flag);

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
 * Before parsing a big text in a run of `files` files (a few): let the young generation grow to its maximum
 * (64 MB, set in bin/run.js) at its next collection. What a parse allocates stays live to the end of
 * the run, so each collection of a young generation that doubles as it goes copies all of it, and the
 * next copies it again out of the young generation: a 5 MB config, 66 MB copied in 10 collections, a
 * fifth of the run. Grown at once, it is collected once, before the parse has made much.
 */
export function prepareForText(length: number, files: number): void {
  if (length < BIG_TEXT || files >= MANY_FILES || grown) return;
  grown = true;
  setFlag('--semi-space-growth-factor=64');
}
