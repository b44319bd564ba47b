import type { FileResult } from '../validate/engine.js';

export interface Summary {
  errors: number;
  warnings: number;
}

export function summarise(files: readonly FileResult[]): Summary {
  const all = files.flatMap((f) => f.diagnostics);
  return { errors: all.filter((d) => d.severity === 'error').length, warnings: all.filter((d) => d.severity === 'warning').length };
}

/** `3 files checked: 1 error, 0 warnings` */
export function formatSummaryLine(files: readonly FileResult[], summary: Summary): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(files.length, 'file')} checked: ${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}`;
}
