import type { FileResult } from '../validate/engine.js';
import type { FormatMeta } from './index.js';
import { reportPath } from './paths.js';
import { RULES_DOC } from './sarif.js';
import { formatSummaryLine, type Summary } from './summary.js';

/** GitHub shows at most this many annotations of each level per step, and drops the rest without a word. */
export const ANNOTATIONS_PER_LEVEL = 10;
/** Rows of the step summary's table (GitHub takes summaries up to 1 MiB). */
const SUMMARY_ROWS = 500;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * GitHub Actions workflow commands (`::error file=…,line=…,col=…,title=rule::message`), which the
 * runner shows as annotations on the pull request: the first ten errors and ten warnings, as GitHub
 * shows no more per step. The rest are plain lines in the log, with a line saying how many were left
 * out of the annotations; then the summary line.
 */
export function formatGithub(files: readonly FileResult[], summary: Summary, meta: FormatMeta): string {
  const lines: string[] = [];
  const shown = { error: 0, warning: 0 };
  for (const f of files) {
    const path = reportPath(f.path, meta.cwd);
    const file = escapeProperty(path);
    for (const d of f.diagnostics) {
      if (shown[d.severity]++ < ANNOTATIONS_PER_LEVEL) {
        lines.push(`::${d.severity} file=${file},line=${d.line},col=${d.column},title=${escapeProperty(d.rule)}::${escapeData(d.message)}`);
      } else {
        lines.push(`${path}:${d.line}:${d.column}  ${d.severity}  ${d.message}  ${d.rule}`);
      }
    }
  }
  const left = { error: Math.max(0, shown.error - ANNOTATIONS_PER_LEVEL), warning: Math.max(0, shown.warning - ANNOTATIONS_PER_LEVEL) };
  if (left.error + left.warning > 0) {
    lines.push(`${plural(left.error, 'error')} and ${plural(left.warning, 'warning')} not annotated (GitHub shows ${ANNOTATIONS_PER_LEVEL} of each per step): listed above as plain lines`);
  }
  lines.push(formatSummaryLine(files, summary));
  return lines.join('\n') + '\n';
}

/** A Markdown table cell: pipes escaped, one line. */
const cell = (s: string) => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** The job summary GitHub shows on the run's page ($GITHUB_STEP_SUMMARY): the summary line and every finding. */
export function formatGithubStepSummary(files: readonly FileResult[], summary: Summary, meta: FormatMeta): string {
  const rows = files.flatMap((f) => f.diagnostics.map((d) => ({ path: reportPath(f.path, meta.cwd), d })));
  const out = [`### ${meta.tool.name} validate`, '', formatSummaryLine(files, summary)];
  if (rows.length > 0) {
    out.push('', '| | file | line | rule | message |', '|---|---|---|---|---|');
    for (const { path, d } of rows.slice(0, SUMMARY_ROWS)) {
      out.push(`| ${d.severity === 'error' ? '❌ error' : '⚠️ warning'} | ${cell(path)} | ${d.line}:${d.column} | [${d.rule}](${RULES_DOC}#${d.rule}) | ${cell(d.message)} |`);
    }
    if (rows.length > SUMMARY_ROWS) out.push('', `…and ${rows.length - SUMMARY_ROWS} more findings (see the step's log).`);
  }
  return out.join('\n') + '\n';
}

/** A command's message: the runner decodes %25, %0D and %0A. */
export const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

/** A command property's value: also ':' and ',', which separate properties. */
export const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
