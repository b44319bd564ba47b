import type { Position as LspPosition, Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex, type Position } from '../xml/positions.js';

/**
 * The model's positions (1-based line and column, columns in UTF-16 code units, in the text
 * without its byte-order mark) as the editor's (0-based, UTF-16, in the text as the editor holds
 * it). Going through offsets keeps the BOM on line 1 and CR-only line ends right.
 */
export class PositionMap {
  private readonly lines: LineIndex;
  private readonly bom: number;
  readonly text: string;

  constructor(private readonly doc: TextDocument) {
    this.text = doc.getText();
    this.bom = this.text.charCodeAt(0) === 0xfeff ? 1 : 0;
    this.lines = new LineIndex(this.bom ? this.text.slice(1) : this.text);
  }

  /** Offset in the editor's text of a model position. */
  offset(pos: Position): number {
    return Math.min(this.text.length, this.lines.offset(pos.line, pos.column) + this.bom);
  }

  position(pos: Position): LspPosition {
    return this.doc.positionAt(this.offset(pos));
  }

  /** The range of `length` characters from a model position. */
  range(pos: Position, length: number): Range {
    const start = this.offset(pos);
    return this.offsets(start, start + length);
  }

  offsets(start: number, end: number): Range {
    return { start: this.doc.positionAt(start), end: this.doc.positionAt(end) };
  }

  /** The range a finding at `pos` underlines: the token it points at (see tokenLength). */
  findingRange(pos: Position): Range {
    const start = this.offset(pos);
    return this.offsets(start, start + tokenLength(this.text, start));
  }
}

const ATTRIBUTE = /[^\s=<>/"']+\s*=\s*(?:"[^"]*"|'[^']*')/y;
const TAG = /<\/?[^\s<>/]*/y;
const TEXT = /[^<\r\n]*/y;

/**
 * How much of the text a finding at `offset` covers, since the rules record only where it starts:
 * a whole attribute (name="value"), a tag's name (<name), or text up to the next tag or line end.
 * Never 0 inside the text, so every finding stays visible.
 */
export function tokenLength(text: string, offset: number): number {
  for (const re of text[offset] === '<' ? [TAG] : [ATTRIBUTE, TEXT]) {
    re.lastIndex = offset;
    const m = re.exec(text);
    const length = m ? m[0].trimEnd().length : 0;
    if (length > 0) return length;
  }
  return offset < text.length ? 1 : 0;
}
