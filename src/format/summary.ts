import type { FileResult } from '../validate/engine.js';

export interface Summary {
  errors: number;
  warnings: number;
}

export function summarise(files: readonly FileResult[]): Summary {
  const all = files.flatMap((f) => f.diagnostics);
  return { errors: all.filter((d) => d.severity === 'error').length, warnings: all.filter((d) => d.severity === 'warning').length };
}
