import { toDocument } from '../model/document.js';
import { redactSecrets } from '../model/secrets.js';
import { parseXml, type ParsedConfig } from '../model/parse.js';
import { checkSchema, type SchemaError } from '../schema/check.js';
import { isMarkdownPath, xmlBlocksOfMarkdown } from '../xml/markdown.js';
import { RULES } from './rules/index.js';
import type { Diagnostic, Report, Rule, RuleOptions } from './types.js';

export interface FileResult {
  path: string;
  diagnostics: Diagnostic[];
}

export interface ValidateOptions extends RuleOptions {
  /** rules to run; all by default */
  rules?: readonly Rule[];
}

/** Run every rule over one parsed document, handing each report to `sink`. */
export function runRules(parsed: ParsedConfig, options: ValidateOptions, sink: (rule: Rule, report: Report) => void): void {
  const document = toDocument(parsed.config);
  let schemaErrors: SchemaError[] | undefined;
  const { rules, ...ruleOptions } = options;
  for (const rule of rules ?? RULES) {
    rule.check({
      config: parsed.config,
      xml: parsed.xml,
      document,
      options: ruleOptions,
      schemaErrors: () => (schemaErrors ??= checkSchema(document)),
      report: (r) => sink(rule, r),
    });
  }
}

/** Run every rule over one parsed document. */
export function checkParsed(parsed: ParsedConfig, options: ValidateOptions = {}): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  runRules(parsed, options, (rule, r) =>
    diagnostics.push({
      rule: rule.meta.id,
      severity: r.severity ?? rule.meta.severity,
      // no rule may print a secret, even one that quotes the values it reports
      message: redactSecrets(parsed.config, r.message),
      line: r.pos.line,
      column: r.pos.column,
      ...(r.setting && { setting: r.setting }),
    }),
  );
  return diagnostics;
}

const byPosition = (a: Diagnostic, b: Diagnostic) => a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule);

/**
 * Validate the text of one file. Markdown files are checked block by block (their ```xml blocks),
 * without the fragment warning, since documentation snippets are fragments by nature.
 */
export function validateText(text: string, path: string, options: ValidateOptions = {}): FileResult {
  if (!isMarkdownPath(path)) {
    return { path, diagnostics: checkParsed(parseXml(text, path), options).sort(byPosition) };
  }
  const rules = markdownRules(options);
  const diagnostics = xmlBlocksOfMarkdown(text).flatMap((block) => checkParsed(parseXml(block, path), { ...options, rules }));
  return { path, diagnostics: diagnostics.sort(byPosition) };
}

/** The rules for Markdown blocks: all but the fragment warning. */
export const markdownRules = (options: ValidateOptions): readonly Rule[] =>
  (options.rules ?? RULES).filter((r) => r.meta.id !== 'xml-fragment');
