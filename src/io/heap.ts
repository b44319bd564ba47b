import { createRequire } from 'node:module';

/** From this many files on, a run's young generation grows past what one file's garbage needs (a thousand stay near 60 MB either way). */
const MANY_FILES = 2000;

/**
 * Before checking many files: stop V8's young generation from growing. Each file's garbage dies
 * young, and a young generation grown for it only holds more of it at once (10,000 configs: 105 MB
 * peak, 80 without). Only then, not at start-up: Node and V8 refuse code caches made under other
 * flags. node:v8 is required here, not imported: loading it costs every small run two milliseconds.
 * (A big config is left alone: what its parse allocates survives, and a young generation that
 * grows copies it fewer times: 5 MB, 9% faster, 30 MB more peak memory.)
 */
export function prepareForFiles(count: number): void {
  if (count < MANY_FILES) return;
  const v8 = createRequire(import.meta.url)('node:v8') as typeof import('node:v8');
  v8.setFlagsFromString('--semi-space-growth-factor=1');
}
