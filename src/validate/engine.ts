import { redactSecrets } from '../model/secrets.js';
import { parseXml, type ParsedConfig } from '../model/parse.js';
import { checkSchema, type SchemaError } from '../schema/check.js';
import { isMarkdownPath, xmlBlocksOfMarkdown } from '../xml/markdown.js';
import type { DrachtioConfig } from '../model/config.js';
import type { EffectiveConfig } from '../model/effective.js';
import { argFindings } from './args.js';
import { RULES } from './rules/index.js';
import type { Diagnostic, Report, Rule, RuleContext, RuleOptions } from './types.js';

export interface FileResult {
  path: string;
  diagnostics: Diagnostic[];
}

export interface ValidateOptions extends RuleOptions {
  /** rules to run; all by default */
  rules?: readonly Rule[];
}

/**
 * Run every rule over one parsed document, handing each report to `sink`. Rules whose meta says
 * `effective` read `effective` (the configuration in force; the file itself by default).
 */
export function runRules(parsed: ParsedConfig, options: ValidateOptions, sink: (rule: Rule, report: Report) => void, effective = parsed.config): void {
  let schemaErrors: SchemaError[] | undefined;
  // one context for all the rules of a file (rules report synchronously), not one with two closures for each
  let rule: Rule;
  const ctx: RuleContext = {
    config: parsed.config,
    xml: parsed.xml,
    // the options as given (their rule list too): no copy of them for each file
    options,
    schemaErrors: () => (schemaErrors ??= checkSchema(parsed.config)),
    report: (r) => sink(rule, r),
  };
  const list = options.rules ?? RULES;
  for (let i = 0; i < list.length; i++) {
    rule = list[i]!;
    ctx.config = rule.meta.effective ? effective : parsed.config;
    rule.check(ctx);
  }
}

/** Run every rule over one parsed document. */
export function checkParsed(parsed: ParsedConfig, options: ValidateOptions = {}): Diagnostic[] {
  return check(parsed, options, parsed.config, true);
}

/**
 * Run every rule over an effective configuration: XML rules on the file as written (when there is
 * one), the others on the values in force, and the server's readers on every variable and flag.
 * Each finding stands where its value was written.
 */
export function checkEffective(eff: EffectiveConfig, options: ValidateOptions = {}): Diagnostic[] {
  const parsed = eff.file ?? { config: eff.model, xml: parseXml('<drachtio/>', eff.model.source).xml };
  const diagnostics = check(parsed, options, eff.model, eff.file !== undefined);
  const enabled = new Set((options.rules ?? RULES).map((r) => r.meta.id));
  for (const f of argFindings([eff.env, eff.cli])) {
    if (!enabled.has(f.rule)) continue;
    const where = f.place ?? { file: '<command line>', line: 1, column: 1 };
    diagnostics.push({ rule: f.rule, severity: f.severity, message: f.message, line: where.line, column: where.column, ...(f.setting && { setting: f.setting }), file: where.file });
  }
  return diagnostics;
}

function check(parsed: ParsedConfig, options: ValidateOptions, effective: DrachtioConfig, withFile: boolean): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  runRules(
    parsed,
    withFile ? options : { ...options, rules: (options.rules ?? RULES).filter((r) => r.meta.effective) },
    (rule, r) =>
      diagnostics.push({
        rule: rule.meta.id,
        severity: r.severity ?? rule.meta.severity,
        // no rule may print a secret, even one that quotes the values it reports
        message: redactSecrets(effective, effective === parsed.config ? r.message : redactSecrets(parsed.config, r.message)),
        line: r.pos.line,
        column: r.pos.column,
        ...(r.setting && { setting: r.setting }),
        ...(r.pos.file !== undefined && r.pos.file !== parsed.config.source && { file: r.pos.file }),
      }),
    effective,
  );
  return diagnostics;
}

const byPosition = (a: Diagnostic, b: Diagnostic) => a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule);

/**
 * Validate the text of one file. Markdown files are checked block by block (their ```xml blocks),
 * without the fragment warning, since documentation snippets are fragments by nature.
 */
export function validateText(text: string, path: string, options: ValidateOptions = {}): FileResult {
  if (!isMarkdownPath(path)) return validateParsed(parseXml(text, path), path, options);
  const rules = markdownRules(options);
  const diagnostics = xmlBlocksOfMarkdown(text).flatMap((block) => checkParsed(parseXml(block, path), { ...options, rules }));
  return { path, diagnostics: diagnostics.sort(byPosition) };
}

/** validateText of an XML file's text already parsed. */
export function validateParsed(parsed: ParsedConfig, path: string, options: ValidateOptions = {}): FileResult {
  return { path, diagnostics: checkParsed(parsed, options).sort(byPosition) };
}

/** The rules for Markdown blocks: all but the fragment warning. */
export const markdownRules = (options: ValidateOptions): readonly Rule[] =>
  (options.rules ?? RULES).filter((r) => r.meta.id !== 'xml-fragment');
