import type { DeployedConfig } from '../io/deployment.js';
import { checkEffective, type FileResult, type ValidateOptions } from './engine.js';
import type { Diagnostic } from './types.js';

/** A value of a deployment that cannot be known from the files, where it is written. */
export interface UnknownNote {
  what: string;
  why: string;
  line: number;
  column: number;
}

export interface DeploymentResult {
  /** the deployment file first, then every other file a finding stands in (env files, the XML config) */
  files: FileResult[];
  unknowns: (UnknownNote & { file: string })[];
}

const key = (d: Diagnostic) => `${d.line}:${d.column}:${d.rule}:${d.message}`;

/**
 * Validate the drachtio services of one deployment file: every rule on each service's effective
 * configuration, each finding in the file (and at the line) where its value is written.
 */
export function validateDeployment(path: string, services: readonly DeployedConfig[], options: ValidateOptions = {}): DeploymentResult {
  const byFile = new Map<string, Map<string, Diagnostic>>([[path, new Map()]]);
  const unknowns: DeploymentResult['unknowns'] = [];
  for (const s of services) {
    for (const d of checkEffective(s.effective, options)) {
      const { file: written, ...diag } = d;
      // findings without a file of their own stand in the XML config, wherever its text is
      const file = written ?? s.configFile ?? path;
      const list = byFile.get(file) ?? new Map<string, Diagnostic>();
      byFile.set(file, list);
      // services sharing one config file would report its findings once each
      list.set(key(diag), diag);
    }
    for (const u of s.unknowns) unknowns.push({ what: u.what, why: u.why, file: u.place.file, line: u.place.line, column: u.place.column });
  }
  const byPosition = (a: Diagnostic, b: Diagnostic) => a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule);
  return { files: [...byFile].map(([file, ds]) => ({ path: file, diagnostics: [...ds.values()].sort(byPosition) })), unknowns };
}
