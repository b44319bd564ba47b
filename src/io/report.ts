import { appendFileSync } from 'node:fs';
import { UserError } from '../errors.js';
import { writeFileAtomic } from './write.js';
import { writeStdout } from './stdout.js';

/** A command's report: to --output-file (replaced atomically: a report is output, not config) or to stdout. */
export function writeReport(text: string, outputFile: string | undefined): void {
  if (outputFile === undefined) writeStdout(text);
  else writeFileAtomic(outputFile, text, { force: true });
}

/** Append Markdown to the job summary when running as a GitHub Actions step ($GITHUB_STEP_SUMMARY is set). */
export function appendStepSummary(markdown: string, env: NodeJS.ProcessEnv = process.env): void {
  const path = env.GITHUB_STEP_SUMMARY;
  if (!path) return;
  try {
    appendFileSync(path, markdown);
  } catch (e) {
    throw new UserError(`cannot append the step summary: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, path);
  }
}
