import type { DrachtioConfig } from '../model/config.js';
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
  /** the file the finding is in, when it is not the file checked (a value from an env file or a deployment file) */
  file?: string;
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
  /** the command options the examples need: --target-version, --check-files */
  options?: { targetVersion?: string; checkFiles?: boolean };
  /** true when `validate --fix` can rewrite what the rule finds */
  fixable?: boolean;
  /**
   * The rule reads the configuration in force (file values with the environment's and command
   * line's in their place) rather than the file as written: `ctx.config` is then that effective model.
   */
  effective?: boolean;
  /** its error findings make the server's XML reader reject the file (exit 255, src/controller.cpp DrachtioController ctor); a report may narrow it */
  rejectsFile?: boolean;
  /** its error findings stop the server in run(): a runtime_error that main() catches, so the exit status is 0 (src/main.cpp, src/controller.cpp DrachtioController::run) */
  stopsServer?: boolean;
}

/** Command options some rules need; the engine passes them through unchanged. */
export interface RuleOptions {
  /** --target-version: the drachtio-server version (or x-range such as 0.8.x) the file is meant for */
  targetVersion?: string;
  /** --fragment: the section (e.g. sip, or sip/contacts) a file holds on purpose instead of a whole <drachtio> document */
  fragment?: string;
  /** --check-files: what is wrong with a file a setting names (undefined when it is readable); paths as written in the config */
  fileProblem?: (path: string) => string | undefined;
}

/** One text replacement: `length` characters from `pos` (positions as the model records them) become `text`. */
export interface TextEdit {
  pos: Position;
  length: number;
  text: string;
}

/** A rewrite that removes a finding; its edits are applied together or not at all. */
export interface Fix {
  /** what the rewrite does, e.g. 'rename tcp-keepalive-interval to tcp-keepalive' */
  description: string;
  edits: TextEdit[];
}

export interface Report {
  message: string;
  pos: Position;
  setting?: string;
  /** where one rule covers cases of different weight (e.g. an invalid URI that is or is not fatal) */
  severity?: Severity;
  /** how `validate --fix` removes the finding; kept out of Diagnostic and so out of --json */
  fix?: Fix;
  /** rewrites that may be what was meant ("did you mean"): the language server offers them, --fix never applies them */
  suggestions?: readonly Fix[];
  /** overrides meta.rejectsFile for this finding (a number the server reads with or without a default) */
  rejectsFile?: boolean;
}

export interface RuleContext {
  /** the file as written; for rules whose meta says `effective`, the configuration in force */
  config: DrachtioConfig;
  xml: XmlDocument;
  /** JSON Schema errors of the file's values, computed once per file */
  schemaErrors(): readonly SchemaError[];
  options: RuleOptions;
  report(report: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void;
}
