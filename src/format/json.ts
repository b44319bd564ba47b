import type { FileResult } from '../validate/engine.js';
import type { Summary } from './summary.js';

/** The documented --json shape: {files: [{path, diagnostics}], summary: {errors, warnings}}. */
export function formatJson(files: readonly FileResult[], summary: Summary): string {
  return JSON.stringify({ files, summary }, null, 2) + '\n';
}
