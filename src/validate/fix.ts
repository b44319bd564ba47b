import { parseXml } from '../model/parse.js';
import { isMarkdownPath, xmlBlocksOfMarkdown } from '../xml/markdown.js';
import { LineIndex } from '../xml/positions.js';
import { markdownRules, runRules, type ValidateOptions } from './engine.js';
import { scanComments } from '../xml/tree.js';
import { suppressionsOf } from './policy.js';
import type { Diagnostic, Fix } from './types.js';

export interface FixResult {
  /** the text with every applicable fix applied (the input itself when there was nothing to fix) */
  text: string;
  /** what was done, in file order, as `line:col description` */
  applied: string[];
}

/**
 * Every fix the rules offer for one document (a file, or one ```xml block of a Markdown file),
 * except where the file's own comments suppress the finding: what is not reported is not fixed.
 */
function fixesOf(text: string, path: string, options: ValidateOptions, suppressed: (d: Diagnostic) => boolean): Fix[] {
  const fixes: Fix[] = [];
  runRules(parseXml(text, path), options, (rule, report) => {
    const finding = { rule: rule.meta.id, severity: rule.meta.severity, message: report.message, line: report.pos.line, column: report.pos.column };
    if (report.fix && !suppressed(finding)) fixes.push(report.fix);
  });
  return fixes;
}

/**
 * Apply the rules' fixes to a file's text as plain text edits at recorded positions, so comments,
 * layout and everything else stay byte for byte. A fix whose edits overlap an earlier one is skipped
 * (a second run picks it up). Positions are those of the model, which reads the text without a BOM.
 */
export function fixText(input: string, path: string, options: ValidateOptions = {}): FixResult {
  const bom = input.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
  const text = input.slice(bom.length);
  const lines = new LineIndex(text);
  // comments anywhere in the file count, Markdown included, as they do for findings
  const suppressed = suppressionsOf(scanComments(text, lines));
  const fixes = isMarkdownPath(path)
    ? xmlBlocksOfMarkdown(text).flatMap((block) => fixesOf(block, path, { ...options, rules: markdownRules(options) }, suppressed))
    : fixesOf(text, path, options, suppressed);
  const located = fixes
    .map((f) => ({ fix: f, edits: f.edits.map((e) => ({ ...e, offset: lines.offset(e.pos.line, e.pos.column) })).sort((a, b) => a.offset - b.offset) }))
    .sort((a, b) => a.edits[0]!.offset - b.edits[0]!.offset);
  const taken: [number, number][] = [];
  const edits: { offset: number; length: number; text: string }[] = [];
  const applied: string[] = [];
  for (const { fix, edits: es } of located) {
    // closed ranges: edits that merely touch are kept apart too
    const clashes = es.some((e) => taken.some(([s, end]) => e.offset <= end && s <= e.offset + e.length));
    if (clashes) continue;
    for (const e of es) {
      taken.push([e.offset, e.offset + e.length]);
      edits.push(e);
    }
    applied.push(`${fix.edits[0]!.pos.line}:${fix.edits[0]!.pos.column} ${fix.description}`);
  }
  let out = text;
  for (const e of edits.sort((a, b) => b.offset - a.offset)) out = out.slice(0, e.offset) + e.text + out.slice(e.offset + e.length);
  return { text: bom + out, applied };
}
