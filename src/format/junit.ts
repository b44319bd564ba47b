import { create } from 'xmlbuilder2';
import type { FileResult } from '../validate/engine.js';
import type { Diagnostic } from '../validate/types.js';
import type { FormatMeta } from './index.js';
import { reportPath } from './paths.js';
import type { Summary } from './summary.js';

/**
 * JUnit XML for CI test dashboards: one <testsuite> per file, one <testcase> per rule. A rule
 * with errors in the file fails, its <failure> listing each error; warnings never fail a
 * testcase and are listed in its <system-out>.
 */
export function formatJunit(files: readonly FileResult[], _summary: Summary, meta: FormatMeta): string {
  const failed = (f: FileResult) => new Set(f.diagnostics.filter((d) => d.severity === 'error').map((d) => d.rule)).size;
  const failures = files.reduce((n, f) => n + failed(f), 0);
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('testsuites', {
    name: meta.tool.name,
    tests: String(files.length * meta.rules.length),
    failures: String(failures),
    errors: '0',
  });
  for (const f of files) {
    const path = reportPath(f.path, meta.cwd);
    const suite = root.ele('testsuite', { name: path, tests: String(meta.rules.length), failures: String(failed(f)), errors: '0', skipped: '0' });
    for (const rule of meta.rules) {
      const testcase = suite.ele('testcase', { name: rule.id, classname: path });
      const mine = f.diagnostics.filter((d) => d.rule === rule.id);
      const errors = mine.filter((d) => d.severity === 'error');
      const warnings = mine.filter((d) => d.severity === 'warning');
      if (errors.length > 0) {
        const message = errors.length === 1 ? errors[0]!.message : `${errors.length} errors: ${rule.summary}`;
        testcase.ele('failure', { message, type: rule.id }).txt(lines(path, errors));
      }
      if (warnings.length > 0) testcase.ele('system-out').txt(lines(path, warnings));
    }
  }
  return root.end({ prettyPrint: true }) + '\n';
}

const lines = (path: string, ds: readonly Diagnostic[]) =>
  ds.map((d) => `${path}:${d.line}:${d.column}  ${d.severity}  ${d.message}`).join('\n');
