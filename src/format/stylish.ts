import type { FileResult } from '../validate/engine.js';
import { formatSummaryLine, type Summary } from './summary.js';

/** Compiler-style lines, `file:line:col  severity  message  rule`, then a count. */
export function formatStylish(files: readonly FileResult[], summary: Summary): string {
  const lines: string[] = [];
  for (const f of files) {
    for (const d of f.diagnostics) lines.push(`${f.path}:${d.line}:${d.column}  ${d.severity}  ${d.message}  ${d.rule}`);
  }
  lines.push(formatSummaryLine(files, summary));
  return lines.join('\n') + '\n';
}

/** With --fix: one line per fix, `file:line:col  fixed  description` (`would fix` on a dry run). */
export function formatFixed(files: readonly (FileResult & { fixed?: string[] })[], dryRun: boolean): string {
  const verb = dryRun ? 'would fix' : 'fixed';
  return files.flatMap((f) => (f.fixed ?? []).map((a) => `${f.path}:${a.replace(' ', `  ${verb}  `)}\n`)).join('');
}
