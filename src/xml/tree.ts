import { XMLValidator } from 'fast-xml-parser';
import { buildTree } from './build.js';
import { blankRepeatedAttributes, matchClosingTag } from './repair.js';
import { LineIndex, type Placement, type Position } from './positions.js';

export interface XmlAttr {
  readonly name: string;
  readonly value: string;
  /** the value again, as RawValue names it: the model keeps an attribute as the value it holds */
  readonly raw: string;
  /** position of the attribute name */
  readonly pos: Position;
}

/** An element as read; `pos` and `textPos` (and an attribute's `pos`) are accessors, found when first read. */
export interface XmlElement {
  readonly name: string;
  readonly pos: Position;
  /** attributes in source order, repeated names included */
  attrs: XmlAttr[];
  children: XmlElement[];
  /** all direct text and CDATA, entity-decoded and untrimmed, as drachtio-server's reader sees it */
  text: string;
  /** position of the first non-blank text character; of the element when it has no text; else just after the start tag */
  readonly textPos: Position;
  readonly start: number;
  end: number;
}

/** A way the file is not well-formed XML. `lenient`: drachtio-server's reader accepts it anyway. */
export interface XmlProblem {
  message: string;
  pos: Position;
  lenient: boolean;
}

export interface XmlComment {
  text: string;
  pos: Position;
  endLine: number;
}

export interface XmlDocument {
  text: string;
  lines: LineIndex;
  /** top-level elements (well-formed XML has exactly one) */
  roots: XmlElement[];
  readonly comments: XmlComment[];
  problems: XmlProblem[];
  /** set when the file cannot be read as XML at all: the server refuses it (exit 255) */
  fatal?: XmlProblem;
}

/** Most repairs we try on XML the server's reader would accept; beyond that we give up. */
const MAX_REPAIRS = 200;
/** ...and at most this many characters validated in all, so a big file full of repairs stays fast. */
const MAX_VALIDATED = 16 * 2 ** 20;

/**
 * Parse a drachtio XML file, keeping the line and column of every element and attribute.
 * Never throws for bad input: problems are returned. `placed`: where the text's positions stand
 * in the file holding it, when that is not the text alone.
 */
export function parseXmlDocument(input: string, placed?: Placement): XmlDocument {
  const original = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const lines = new LineIndex(original, placed);
  // most files are plain XML: checked while the tree is built, in one pass. A DOCTYPE is not plain
  // (and "<!DOCTYPE" in a comment, CDATA or instruction is no DOCTYPE), so only a file that is not
  // plain is searched for one; XML forbids U+0000, so a file holding one is not plain either
  const plain = original.indexOf('\0') < 0 ? buildTree(original, lines, true) : undefined;
  const text = plain ? original : blankDoctype(original);
  const doc = new ParsedXml(text, lines);
  if (plain) {
    doc.roots = plain;
    return doc;
  }
  // the validator lets U+0000 pass; drachtio-server's reader parses the file as a zero-terminated
  // string, so the document it reads ends at the first NUL byte
  const nul = text.indexOf('\0');
  if (nul >= 0) doc.problems.push({ message: 'NUL character (byte 0): XML forbids it', pos: lines.at(nul), lenient: true });
  const read = nul < 0 ? text : text.slice(0, nul);
  // without its DOCTYPE or after its NUL, the file may be plain after all
  const plainRead = read !== original ? buildTree(read, lines, true) : undefined;
  if (plainRead) {
    doc.roots = plainRead;
    return doc;
  }
  const fatal = checkWellFormed(read, lines, doc.problems);
  if (fatal) {
    doc.fatal = fatal;
    return doc;
  }
  // the tree builder tolerates what the server tolerates, so it reads the unrepaired text
  doc.roots = buildTree(read, lines, false)!;
  return doc;
}

/** A document whose comments are scanned when first asked for: checking a file finds its suppression comments from the text. */
class ParsedXml implements XmlDocument {
  roots: XmlElement[] = [];
  problems: XmlProblem[] = [];
  declare fatal?: XmlProblem;
  #comments: XmlComment[] | undefined;

  constructor(
    readonly text: string,
    readonly lines: LineIndex,
  ) {}

  get comments(): XmlComment[] {
    return (this.#comments ??= scanComments(this.text, this.lines));
  }
}

/**
 * Run the strict validator; where it objects to something the server's reader tolerates
 * (repeated attributes, a closing tag whose name does not match), record the problem,
 * neutralise it in a scratch copy of the text, and validate again. Returns the first
 * problem the server would refuse too.
 */
function checkWellFormed(text: string, lines: LineIndex, problems: XmlProblem[]): XmlProblem | undefined {
  let current = text;
  let index = lines;
  const repairs = Math.min(MAX_REPAIRS, Math.floor(MAX_VALIDATED / Math.max(1, text.length)));
  for (let i = 0; i <= repairs; i++) {
    const result = XMLValidator.validate(current, { allowBooleanAttributes: false });
    if (result === true) return undefined;
    const { msg, line, col } = result.err;
    // some errors (e.g. on an empty file or an unclosed CDATA section) come without a column
    const at = { line: line || 1, column: col || 1 };
    const pos = lines.place(at);
    if (/^Attribute '[^']+' is repeated/.test(msg)) {
      const blanked = blankRepeatedAttributes(current, index);
      if (blanked.problems.length > 0) {
        problems.push(...blanked.problems);
        current = blanked.text;
        continue;
      }
    }
    const fixed = matchClosingTag(current, index.offset(at.line, at.column), msg);
    if (fixed === undefined) return { message: msg, pos, lenient: false };
    problems.push({ message: msg, pos, lenient: true });
    current = fixed;
    index = lines.of(current);
  }
  return { message: 'too many XML errors', pos: lines.place({ line: 1, column: 1 }), lenient: false };
}

/**
 * drachtio-server's reader skips a DOCTYPE without reading it, so its entities are never
 * defined or expanded. Blanking it (newlines kept, so positions hold) gives the same result
 * and keeps any entity machinery out of reach: no XXE, no billion laughs.
 */
function blankDoctype(text: string): string {
  const start = text.search(/<!DOCTYPE/i);
  if (start < 0) return text;
  // plain index searches, never a backtracking pattern: a file of unclosed DOCTYPEs stays linear
  const bracket = text.indexOf('[', start);
  const close = text.indexOf('>', start);
  let end: number;
  if (bracket >= 0 && (close < 0 || bracket < close)) {
    const subsetEnd = /\]\s*>/g;
    subsetEnd.lastIndex = bracket;
    const m = subsetEnd.exec(text);
    if (!m) return text;
    end = m.index + m[0].length;
  } else if (close >= 0) end = close + 1;
  else return text;
  return text.slice(0, start) + text.slice(start, end).replace(/[^\n]/g, ' ') + text.slice(end);
}

export function scanComments(text: string, lines: LineIndex): XmlComment[] {
  const out: XmlComment[] = [];
  eachComment(text, (start, end) => {
    out.push({ text: text.slice(start + 4, end), pos: lines.at(start), endLine: lines.at(end + 3).line });
  });
  return out;
}

/**
 * Each comment of a text in order, by the offsets of its '<!--' and its '-->', until `visit`
 * answers true. An unclosed comment ends the search: matching each later "<!--" again would be quadratic.
 */
export function eachComment(text: string, visit: (start: number, end: number) => boolean | void): void {
  for (let start = text.indexOf('<!--'); start >= 0; ) {
    const end = text.indexOf('-->', start + 4);
    if (end < 0 || visit(start, end) === true) return;
    start = text.indexOf('<!--', end + 3);
  }
}
