import { toDocument } from '../model/document.js';
import { parseXml, type ParsedConfig } from '../model/parse.js';
import { checkSchema, type SchemaError } from '../schema/check.js';
import { isMarkdownPath, xmlBlocksOfMarkdown } from '../xml/markdown.js';
import { RULES } from './rules/index.js';
import type { Diagnostic, Rule } from './types.js';

export interface FileResult {
  path: string;
  diagnostics: Diagnostic[];
}

export interface ValidateOptions {
  /** rules to run; all by default */
  rules?: readonly Rule[];
}

/** Run every rule over one parsed document. */
export function checkParsed(parsed: ParsedConfig, options: ValidateOptions = {}): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const document = toDocument(parsed.config);
  let schemaErrors: SchemaError[] | undefined;
  for (const rule of options.rules ?? RULES) {
    rule.check({
      config: parsed.config,
      xml: parsed.xml,
      document,
      schemaErrors: () => (schemaErrors ??= checkSchema(document)),
      report: (r) =>
        diagnostics.push({
          rule: rule.meta.id,
          severity: r.severity ?? rule.meta.severity,
          message: r.message,
          line: r.pos.line,
          column: r.pos.column,
          ...(r.setting && { setting: r.setting }),
        }),
    });
  }
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
  const rules = (options.rules ?? RULES).filter((r) => r.meta.id !== 'xml-fragment');
  const diagnostics = xmlBlocksOfMarkdown(text).flatMap((block) => checkParsed(parseXml(block, path), { rules }));
  return { path, diagnostics: diagnostics.sort(byPosition) };
}
