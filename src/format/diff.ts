import { structuredPatch, type StructuredPatchHunk } from 'diff';

/**
 * Myers' algorithm takes time proportional to lines × changes: past this budget of line
 * comparisons a minimal diff costs more than it is worth, and the changed region is shown as one block.
 */
const WORK = 4_000_000;

/** A unified diff (`diff -u` style, 3 lines of context) of two texts, line by line; '' when they are equal. */
export function unifiedDiff(before: string, after: string, path: string, context = 3): string {
  if (before === after) return '';
  const lineCount = (t: string) => t.split('\n').length;
  const maxEditLength = Math.max(10, Math.floor(WORK / (lineCount(before) + lineCount(after))));
  const hunks = structuredPatch(path, path, before, after, undefined, undefined, { context, maxEditLength })?.hunks ?? [blockHunk(before, after, context)];
  const out = [`--- ${path}`, `+++ ${path} (fixed)`];
  for (const h of hunks) out.push(`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`, ...h.lines);
  return out.join('\n') + '\n';
}

/**
 * One hunk: the lines the texts share at both ends as context, everything between removed and
 * added. Correct though not minimal, and linear in time and space.
 */
function blockHunk(before: string, after: string, context: number): StructuredPatchHunk {
  const a = lines(before);
  const b = lines(after);
  let head = 0;
  while (head < a.length && head < b.length && same(a[head]!, b[head]!)) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && same(a[a.length - 1 - tail]!, b[b.length - 1 - tail]!)) tail++;
  const from = Math.max(0, head - context);
  const keep = Math.min(tail, context);
  const show = (ls: Line[], prefix: string) => ls.flatMap((l) => [prefix + l.text, ...(l.last ? ['\\ No newline at end of file'] : [])]);
  const removed = a.slice(head, a.length - tail);
  const added = b.slice(head, b.length - tail);
  const lines_ = [...show(a.slice(from, head), ' '), ...show(removed, '-'), ...show(added, '+'), ...show(a.slice(a.length - tail, a.length - tail + keep), ' ')];
  const oldLines = head - from + removed.length + keep;
  const newLines = head - from + added.length + keep;
  return { oldStart: oldLines ? from + 1 : from, oldLines, newStart: newLines ? from + 1 : from, newLines, lines: lines_ };
}

interface Line {
  text: string;
  /** the text's last line, without a final newline */
  last: boolean;
}

const same = (x: Line, y: Line) => x.text === y.text && x.last === y.last;

function lines(text: string): Line[] {
  const parts = text.split('\n');
  const unterminated = parts[parts.length - 1] !== '';
  if (!unterminated) parts.pop();
  return parts.map((t, i) => ({ text: t, last: unterminated && i === parts.length - 1 }));
}
