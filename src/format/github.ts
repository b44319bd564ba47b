import type { FileResult } from '../validate/engine.js';
import type { FormatMeta } from './index.js';
import { reportPath } from './paths.js';
import { formatSummaryLine, type Summary } from './summary.js';

/**
 * GitHub Actions workflow commands, one per finding (`::error file=…,line=…,col=…,title=rule::message`),
 * which the runner shows as annotations on the pull request; then the summary line for the log.
 */
export function formatGithub(files: readonly FileResult[], summary: Summary, meta: FormatMeta): string {
  const lines: string[] = [];
  for (const f of files) {
    const file = escapeProperty(reportPath(f.path, meta.cwd));
    for (const d of f.diagnostics) {
      lines.push(`::${d.severity} file=${file},line=${d.line},col=${d.column},title=${escapeProperty(d.rule)}::${escapeData(d.message)}`);
    }
  }
  lines.push(formatSummaryLine(files, summary));
  return lines.join('\n') + '\n';
}

/** A command's message: the runner decodes %25, %0D and %0A. */
export const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

/** A command property's value: also ':' and ',', which separate properties. */
export const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
