import { create } from 'xmlbuilder2';
import type { FileResult } from '../validate/engine.js';
import type { FormatMeta } from './index.js';
import { reportPath } from './paths.js';
import type { Summary } from './summary.js';

/**
 * JUnit XML for CI test dashboards: one <testsuite> per file, one <testcase> per finding, named by
 * rule and position. An error fails its testcase (<failure type="rule">); a warning's testcase passes
 * with the finding in <system-out>, as warnings do not fail a run. A file without findings has one
 * passing testcase, so the dashboard shows it was checked.
 */
export function formatJunit(files: readonly FileResult[], _summary: Summary, meta: FormatMeta): string {
  const failed = (f: FileResult) => f.diagnostics.filter((d) => d.severity === 'error').length;
  const cases = (f: FileResult) => Math.max(1, f.diagnostics.length);
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('testsuites', {
    name: meta.tool.name,
    tests: String(files.reduce((n, f) => n + cases(f), 0)),
    failures: String(files.reduce((n, f) => n + failed(f), 0)),
    errors: '0',
  });
  for (const f of files) {
    const path = reportPath(f.path, meta.cwd);
    const suite = root.ele('testsuite', { name: path, tests: String(cases(f)), failures: String(failed(f)), errors: '0', skipped: '0' });
    if (f.diagnostics.length === 0) suite.ele('testcase', { name: 'no findings', classname: path });
    for (const d of f.diagnostics) {
      const testcase = suite.ele('testcase', { name: `${d.rule} ${d.line}:${d.column}`, classname: path });
      const line = `${path}:${d.line}:${d.column}  ${d.severity}  ${d.message}`;
      if (d.severity === 'error') testcase.ele('failure', { message: d.message, type: d.rule }).txt(line);
      else testcase.ele('system-out').txt(line);
    }
  }
  return root.end({ prettyPrint: true }) + '\n';
}
