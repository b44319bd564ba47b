import { parseXml, type ParsedConfig } from '../model/parse.js';
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

/** Where a finding that can be rewritten stands: `fix` is what `--fix` applies, `suggestions` what an editor may offer. */
export interface Rewritable extends Pick<Diagnostic, 'rule' | 'line' | 'column'> {
  fix?: Fix;
  suggestions?: readonly Fix[];
}

/**
 * Every finding of a file's text (without its BOM) that comes with a rewrite, in the positions of
 * the model; Markdown files block by block, as validateText checks them. Suppressions are not applied.
 * `parsed`: the text already parsed (not for Markdown, whose blocks are parsed one by one).
 */
export function rewritesOf(text: string, path: string, options: ValidateOptions = {}, parsed?: ParsedConfig): Rewritable[] {
  const out: Rewritable[] = [];
  const collect = (p: ParsedConfig, o: ValidateOptions) =>
    runRules(p, o, (rule, r) => {
      if (!r.fix && !r.suggestions?.length) return;
      const { fix, suggestions } = r;
      out.push({ rule: rule.meta.id, line: r.pos.line, column: r.pos.column, ...(fix && { fix }), ...(suggestions && { suggestions }) });
    });
  if (!isMarkdownPath(path)) collect(parsed ?? parseXml(text, path), options);
  else for (const block of xmlBlocksOfMarkdown(text)) collect(parseXml(block, path), { ...options, rules: markdownRules(options) });
  return out;
}

/**
 * Apply the rules' fixes to a file's text as plain text edits at recorded positions, so comments,
 * layout and everything else stay byte for byte. A fix whose edits overlap an earlier one is skipped
 * (a second run picks it up). Positions are those of the model, which reads the text without a BOM.
 */
export function fixText(input: string, path: string, options: ValidateOptions = {}): FixResult {
  return fixParsedText(input, path, options, undefined);
}

/** fixText, with the text already parsed when it is XML (`validate --fix` parses it once for all it does). */
export function fixParsedText(input: string, path: string, options: ValidateOptions, parsed: ParsedConfig | undefined): FixResult {
  const bom = input.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
  const text = input.slice(bom.length);
  const lines = new LineIndex(text);
  // comments anywhere in the file count, Markdown included, as they do for findings
  const suppressed = suppressionsOf(scanComments(text, lines));
  // what is not reported is not fixed
  const fixes = rewritesOf(text, path, options, parsed).flatMap((r) => (r.fix && !suppressed(r) ? [r.fix] : []));
  const located = fixes
    .map((f) => ({ fix: f, edits: f.edits.map((e) => ({ ...e, offset: lines.offset(e.pos.line, e.pos.column) })).sort((a, b) => a.offset - b.offset) }))
    .sort((a, b) => a.edits[0]!.offset - b.edits[0]!.offset);
  const taken = new Ranges();
  const edits: { offset: number; length: number; text: string }[] = [];
  const applied: string[] = [];
  for (const { fix, edits: es } of located) {
    if (es.some((e) => taken.clashes(e.offset, e.offset + e.length))) continue;
    for (const e of es) {
      taken.add(e.offset, e.offset + e.length);
      edits.push(e);
    }
    applied.push(`${fix.edits[0]!.pos.line}:${fix.edits[0]!.pos.column} ${fix.description}`);
  }
  // one pass over the text, however many edits (thousands of fixes in a big file)
  const parts: string[] = [];
  let from = 0;
  for (const e of edits.sort((a, b) => a.offset - b.offset)) {
    parts.push(text.slice(from, e.offset), e.text);
    from = e.offset + e.length;
  }
  parts.push(text.slice(from));
  return { text: bom + parts.join(''), applied };
}

/**
 * Disjoint closed ranges, sorted: a clash check is a binary search, not a scan of every range
 * taken so far. Closed, so edits that merely touch are kept apart too.
 */
class Ranges {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  /** index of the last range starting at or before `at`, or -1 */
  private last(at: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid]! <= at) lo = mid + 1;
      else hi = mid - 1;
    }
    return hi;
  }

  /** the ranges are disjoint and sorted, so their ends are sorted too: only the last range starting by `end` can reach `start` */
  clashes(start: number, end: number): boolean {
    const i = this.last(end);
    return i >= 0 && this.ends[i]! >= start;
  }

  add(start: number, end: number): void {
    const i = this.last(start) + 1;
    this.starts.splice(i, 0, start);
    this.ends.splice(i, 0, end);
  }
}
