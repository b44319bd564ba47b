import type { FileResult } from '../validate/engine.js';
import type { RuleMeta } from '../validate/types.js';
import type { Summary } from './summary.js';

/** Everything a formatter may need beyond the findings, so that formatters stay pure. */
export interface FormatMeta {
  tool: { name: string; version: string };
  /** the rule catalogue, for formats that describe rules (SARIF, JUnit) */
  rules: readonly RuleMeta[];
  /** file paths in reports are made relative to this directory */
  cwd: string;
  /** a checked file's text, for formats that mark where a finding ends (SARIF regions) */
  source?: (path: string) => string | undefined;
}

export type Formatter = (files: readonly FileResult[], summary: Summary, meta: FormatMeta) => string;

export const FORMATS = ['stylish', 'json', 'sarif', 'github', 'junit'] as const;
export type FormatName = (typeof FORMATS)[number];

/** The formatter of a format, loaded only when asked for (JUnit pulls in the XML builder). */
export async function formatter(name: FormatName): Promise<Formatter> {
  switch (name) {
    case 'stylish':
      return (await import('./stylish.js')).formatStylish;
    case 'json': {
      const { formatJson } = await import('./json.js');
      return (files, summary) => formatJson({ files, summary });
    }
    case 'sarif':
      return (await import('./sarif.js')).formatSarif;
    case 'github':
      return (await import('./github.js')).formatGithub;
    case 'junit':
      return (await import('./junit.js')).formatJunit;
  }
}
