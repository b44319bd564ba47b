import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { UserError } from '../errors.js';
import { fileProblem } from '../io/files.js';
import { ProjectConfigs } from '../io/project-config.js';
import type { ValidateOptions } from '../validate/engine.js';
import type { Policy } from '../validate/policy.js';
import { RULES } from '../validate/rules/index.js';
import type { Diagnostic } from '../validate/types.js';
import type { PositionMap } from './positions.js';
import type { ServerSettings } from './service.js';

/** What every service that checks a document shares: its path, its policy and options as validate would have them, findings as diagnostics. */

export const SOURCE = 'drachtioctl';

/** The path `validate` would be given: the file's, or the URI itself for unsaved documents. */
export const pathOf = (uri: string) => (uri.startsWith('file:') ? fileURLToPath(uri) : uri);

export interface Checking {
  path: string;
  policy: Policy;
  options: ValidateOptions;
  /** a .drachtioctl.json that cannot be used, as a diagnostic of the document (which is checked without it) */
  problem?: LspDiagnostic;
}

/** How validate would check the document: the .drachtioctl.json governing it (read afresh: it may have changed) and the editor's settings. */
export function checkingOf(doc: TextDocument, settings: ServerSettings): Checking {
  const path = pathOf(doc.uri);
  const onDisk = doc.uri.startsWith('file:');
  let policy: Policy = { rules: {} };
  let problem: LspDiagnostic | undefined;
  try {
    if (onDisk) policy = new ProjectConfigs().for(path)?.policy ?? policy;
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    const start = { line: 0, character: 0 };
    problem = { range: { start, end: start }, severity: DiagnosticSeverity.Error, source: SOURCE, code: 'project-config', message: `${e.toString()} (the file is checked without it)` };
  }
  const options: ValidateOptions = {
    rules: RULES.filter((r) => policy.rules[r.meta.id] !== 'off'),
    ...(settings.targetVersion && { targetVersion: settings.targetVersion }),
    ...(settings.checkFiles && onDisk && { fileProblem: fileProblem(dirname(path)) }),
  };
  return { path, policy, options, ...(problem && { problem }) };
}

export function toLsp(d: Diagnostic, map: PositionMap): LspDiagnostic {
  return {
    range: map.findingRange(d),
    severity: d.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    code: d.rule,
    source: SOURCE,
    message: d.message,
  };
}
