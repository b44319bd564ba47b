import type { DrachtioConfig } from '../model/config.js';
import type { ConfigDocument } from '../model/document.js';
import type { Position } from '../xml/positions.js';
import type { XmlDocument } from '../xml/tree.js';
import type { SchemaError } from '../schema/check.js';

export type Severity = 'error' | 'warning';

/** One finding, as every formatter and the --json output carry it. */
export interface Diagnostic {
  rule: string;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  /** registry id of the setting concerned, when there is one */
  setting?: string;
}

export interface RuleMeta {
  id: string;
  severity: Severity;
  /** one line: what the rule finds */
  summary: string;
  /** why it matters: what drachtio-server does */
  why: string;
  /** a minimal XML example that triggers the rule, and one that does not */
  bad: string;
  good: string;
}

export interface Report {
  message: string;
  pos: Position;
  setting?: string;
  /** where one rule covers cases of different weight (e.g. an invalid URI that is or is not fatal) */
  severity?: Severity;
}

export interface RuleContext {
  config: DrachtioConfig;
  xml: XmlDocument;
  document: ConfigDocument;
  /** JSON Schema errors of the document, computed once per file */
  schemaErrors(): readonly SchemaError[];
  report(report: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void;
}
