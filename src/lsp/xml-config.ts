import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type CompletionItem,
  type Diagnostic as LspDiagnostic,
  type Hover,
  type Position as LspPosition,
  type Range,
  type TextEdit as LspTextEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { validateText, type ValidateOptions } from '../validate/engine.js';
import { fixText, rewritesOf, type Rewritable } from '../validate/fix.js';
import { applyPolicy } from '../validate/policy.js';
import { rule } from '../validate/rules/index.js';
import type { Diagnostic, Fix } from '../validate/types.js';
import { checkingOf, toLsp } from './checking.js';
import { completionsAt, toCompletionItem } from './completion.js';
import { cursorAt } from './cursor.js';
import { hoverMarkdown } from './hover.js';
import { PositionMap } from './positions.js';
import type { DocumentService, ServerSettings } from './service.js';

/** A document's findings as `validate` reports them, each with the editor diagnostic it became. */
interface Analysis {
  version: number;
  findings: { finding: Diagnostic; diagnostic: LspDiagnostic }[];
  options: ValidateOptions;
  path: string;
  /** a .drachtioctl.json that cannot be used, reported on the document */
  problem?: LspDiagnostic;
  /** worked out when code actions are first asked for */
  rewrites?: Map<string, Rewritable[]>;
  fixed?: string;
}

/**
 * drachtio XML configs: the findings of `validate` (same rules, ids, messages and positions,
 * under the file's .drachtioctl.json and its inline suppressions), `explain` on hover,
 * registry-driven completion, and the rules' rewrites as code actions.
 */
export class XmlConfigService implements DocumentService {
  private readonly analyses = new Map<string, Analysis>();

  constructor(private readonly settings: ServerSettings) {}

  diagnostics(doc: TextDocument): LspDiagnostic[] {
    const { findings, problem } = this.analyse(doc);
    return [...(problem ? [problem] : []), ...findings.map((f) => f.diagnostic)];
  }

  forget(uri: string): void {
    this.analyses.delete(uri);
  }

  hover(doc: TextDocument, position: LspPosition): Hover | null {
    const text = doc.getText();
    const cursor = cursorAt(text, doc.offsetAt(position));
    if (!cursor) return null;
    // in text, only what is written there is explained, not the blanks between elements
    const [start, end] = cursor.kind === 'text' ? trimmed(text, cursor.start, cursor.end) : [cursor.start, cursor.end];
    if (start === end) return null;
    const value = hoverMarkdown(cursor);
    return value ? { contents: { kind: 'markdown', value }, range: { start: doc.positionAt(start), end: doc.positionAt(end) } } : null;
  }

  completion(doc: TextDocument, position: LspPosition): CompletionItem[] {
    const text = doc.getText();
    const offset = doc.offsetAt(position);
    const cursor = cursorAt(text, offset);
    if (!cursor) return [];
    // in text the word at the cursor is replaced, not all the element's text
    const [start, end] = cursor.kind === 'text' ? wordAround(text, offset) : [cursor.start, cursor.end];
    const range = { start: doc.positionAt(start), end: doc.positionAt(end) };
    return completionsAt(cursor, text).map((c) => toCompletionItem(c, range));
  }

  codeActions(doc: TextDocument, params: CodeActionParams): CodeAction[] {
    const analysis = this.analyses.get(doc.uri)?.version === doc.version ? this.analyses.get(doc.uri)! : this.analyse(doc);
    const wanted = (kind: string) => !params.context.only || params.context.only.some((k) => kind === k || kind.startsWith(`${k}.`));
    const here = wanted(CodeActionKind.QuickFix) ? analysis.findings.filter((f) => overlaps(f.diagnostic.range, params.range)) : [];
    const actions: CodeAction[] = [];
    const map = new PositionMap(doc);
    for (const { finding, diagnostic } of here) {
      for (const r of this.rewrites(doc, analysis).get(placeKey(finding)) ?? []) {
        if (r.fix) actions.push(this.quickFix(doc, map, r.fix, diagnostic, true));
        for (const s of r.suggestions ?? []) actions.push(this.quickFix(doc, map, s, diagnostic, false));
      }
    }
    // fix-all only where --fix has something to do (asked for on every cursor move, it stays cheap elsewhere)
    const fixable = analysis.findings.some((f) => rule(f.finding.rule)?.meta.fixable);
    if (fixable && wanted(CodeActionKind.SourceFixAll)) {
      const all = this.fixAll(doc, analysis);
      if (all) actions.push(all);
    }
    return actions;
  }

  /** The rules' rewrites of the document, by the place of their finding; worked out once per version. */
  private rewrites(doc: TextDocument, analysis: Analysis): Map<string, Rewritable[]> {
    if (analysis.rewrites) return analysis.rewrites;
    const text = doc.getText();
    const byPlace = new Map<string, Rewritable[]>();
    for (const r of rewritesOf(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, analysis.path, analysis.options)) {
      byPlace.set(placeKey(r), [...(byPlace.get(placeKey(r)) ?? []), r]);
    }
    return (analysis.rewrites = byPlace);
  }

  private quickFix(doc: TextDocument, map: PositionMap, fix: Fix, diagnostic: LspDiagnostic, preferred: boolean): CodeAction {
    const edits: LspTextEdit[] = fix.edits.map((e) => ({ range: map.range(e.pos, e.length), newText: e.text }));
    return { title: fix.description, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: preferred, edit: { changes: { [doc.uri]: edits } } };
  }

  /** `validate --fix` over the whole document, as one edit spanning what changed. */
  private fixAll(doc: TextDocument, analysis: Analysis): CodeAction | undefined {
    const before = doc.getText();
    const after = (analysis.fixed ??= fixText(before, analysis.path, analysis.options).text);
    if (after === before) return undefined;
    let start = 0;
    while (before[start] === after[start]) start++;
    let tail = 0;
    while (tail < before.length - start && tail < after.length - start && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
    const range = { start: doc.positionAt(start), end: doc.positionAt(before.length - tail) };
    const edit = { range, newText: after.slice(start, after.length - tail) };
    return { title: 'Fix all drachtioctl findings that --fix can fix', kind: CodeActionKind.SourceFixAll, edit: { changes: { [doc.uri]: [edit] } } };
  }

  private analyse(doc: TextDocument): Analysis {
    const { path, policy, options, problem } = checkingOf(doc, this.settings);
    const text = doc.getText();
    const map = new PositionMap(doc);
    const found = applyPolicy(validateText(text, path, options), text, policy.rules).diagnostics;
    const findings = found.map((finding) => ({ finding, diagnostic: toLsp(finding, map) }));
    const analysis = { version: doc.version, findings, options, path, ...(problem && { problem }) };
    this.analyses.set(doc.uri, analysis);
    return analysis;
  }
}

const placeKey = (d: Pick<Diagnostic, 'rule' | 'line' | 'column'>) => `${d.rule}@${d.line}:${d.column}`;

const before = (a: LspPosition, b: LspPosition) => a.line < b.line || (a.line === b.line && a.character <= b.character);
const overlaps = (a: Range, b: Range) => before(a.start, b.end) && before(b.start, a.end);

function trimmed(text: string, start: number, end: number): [number, number] {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return [start, end];
}

function wordAround(text: string, offset: number): [number, number] {
  let start = offset;
  let end = offset;
  while (start > 0 && /[^\s<>]/.test(text[start - 1]!)) start--;
  while (end < text.length && /[^\s<>]/.test(text[end]!)) end++;
  return [start, end];
}
