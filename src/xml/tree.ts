import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { decodeEntities } from './entities.js';
import { LineIndex, type Position } from './positions.js';

export interface XmlAttr {
  name: string;
  value: string;
  /** position of the attribute name */
  pos: Position;
}

export interface XmlElement {
  name: string;
  pos: Position;
  /** attributes in source order, repeated names included */
  attrs: XmlAttr[];
  children: XmlElement[];
  /** all direct text and CDATA, entity-decoded and untrimmed, as drachtio-server's reader sees it */
  text: string;
  /** position of the first non-blank text character; of the element when it has no text; else just after the start tag */
  textPos: Position;
  start: number;
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
  comments: XmlComment[];
  problems: XmlProblem[];
  /** set when the file cannot be read as XML at all: the server refuses it (exit 255) */
  fatal?: XmlProblem;
}

const META = XMLParser.getMetaDataSymbol() as unknown as symbol;
const parser = new XMLParser({
  preserveOrder: true,
  captureMetaData: true,
  ignoreAttributes: true,
  trimValues: false,
  parseTagValue: false,
  processEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

/** The tokens of a start tag: `<name`, then `name="value"` pairs, then `>` or `/>`. */
const ATTR = /\s*([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;

/** Most repairs we try on XML the server's reader would accept; beyond that we give up. */
const MAX_REPAIRS = 200;

/**
 * Parse a drachtio XML file, keeping the line and column of every element and attribute.
 * Never throws for bad input: problems are returned.
 */
export function parseXmlDocument(input: string): XmlDocument {
  const text = blankDoctype(input.charCodeAt(0) === 0xfeff ? input.slice(1) : input);
  const lines = new LineIndex(text);
  const doc: XmlDocument = { text, lines, roots: [], comments: scanComments(text, lines), problems: [] };
  const fatal = checkWellFormed(text, lines, doc.problems);
  if (fatal) {
    doc.fatal = fatal;
    return doc;
  }
  let nodes: unknown[];
  try {
    // the parser itself tolerates what the server tolerates, so it reads the original text
    nodes = parser.parse(text) as unknown[];
  } catch (e) {
    doc.fatal = { message: (e as Error).message, pos: { line: 1, column: 1 }, lenient: false };
    return doc;
  }
  doc.roots = buildChildren(nodes, text, lines);
  return doc;
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
  for (let i = 0; i < MAX_REPAIRS; i++) {
    const result = XMLValidator.validate(current, { allowBooleanAttributes: false });
    if (result === true) return undefined;
    const { msg, line, col } = result.err;
    const pos = { line, column: col };
    const fixed = neutralise(current, index.offset(line, col), msg);
    if (fixed === undefined) return { message: msg, pos, lenient: false };
    problems.push({ message: msg, pos, lenient: true });
    current = fixed;
    index = new LineIndex(current);
  }
  return { message: 'too many XML errors', pos: { line: 1, column: 1 }, lenient: false };
}

function neutralise(text: string, offset: number, msg: string): string | undefined {
  const repeated = /^Attribute '([^']+)' is repeated/.exec(msg);
  if (repeated) {
    // blank the later occurrence (the validator points at it); the server keeps the first
    const tagStart = text.lastIndexOf('<', offset);
    const tagEnd = text.indexOf('>', offset);
    if (tagStart < 0 || tagEnd < 0) return undefined;
    const seen = new Set<string>();
    let tag = text.slice(tagStart, tagEnd);
    tag = tag.replace(/(\s)([^\s=/>]+)(\s*=\s*(?:"[^"]*"|'[^']*'))/g, (whole, _sp: string, name: string) => {
      if (!seen.has(name)) {
        seen.add(name);
        return whole;
      }
      return ' '.repeat(whole.length);
    });
    return text.slice(0, tagStart) + tag + text.slice(tagEnd);
  }
  const mismatch = /^Expected closing tag '([^']+)'/.exec(msg);
  if (mismatch) {
    const close = text.indexOf('</', Math.max(0, offset - 2));
    const end = text.indexOf('>', close);
    if (close < 0 || end < 0) return undefined;
    // same length is impossible when names differ, so keep line numbers: no newline is added
    return `${text.slice(0, close)}</${mismatch[1]}>${text.slice(end + 1)}`;
  }
  return undefined;
}

/**
 * drachtio-server's reader skips a DOCTYPE without reading it, so its entities are never
 * defined or expanded. Blanking it (newlines kept, so positions hold) gives the same result
 * and keeps any entity machinery out of reach: no XXE, no billion laughs.
 */
function blankDoctype(text: string): string {
  return text.replace(/<!DOCTYPE[^[>]*(?:\[[\s\S]*?\])?\s*>/i, (d) => d.replace(/[^\n]/g, ' '));
}

export function scanComments(text: string, lines: LineIndex): XmlComment[] {
  const out: XmlComment[] = [];
  for (const m of text.matchAll(/<!--([\s\S]*?)-->/g)) {
    out.push({ text: m[1]!, pos: lines.at(m.index), endLine: lines.at(m.index + m[0].length).line });
  }
  return out;
}

type FxpNode = Record<string | symbol, unknown>;
type Meta = { startIndex: number; endIndex?: number };

function buildChildren(nodes: unknown[], text: string, lines: LineIndex): XmlElement[] {
  const out: XmlElement[] = [];
  for (const node of nodes as FxpNode[]) {
    const name = Object.keys(node).find((k) => k !== ':@');
    if (!name || name === '#text' || name.startsWith('?') || name.startsWith('!')) continue;
    const meta = node[META] as Meta | undefined;
    if (!meta) continue;
    out.push(buildElement(name, node[name] as unknown[], meta.startIndex, meta.endIndex ?? meta.startIndex, text, lines));
  }
  return out;
}

function buildElement(name: string, body: unknown[], start: number, end: number, text: string, lines: LineIndex): XmlElement {
  const attrs: XmlAttr[] = [];
  let cursor = start + 1 + name.length;
  ATTR.lastIndex = cursor;
  for (let m = ATTR.exec(text); m; m = ATTR.exec(text)) {
    const nameOffset = m.index + m[0].indexOf(m[1]!);
    attrs.push({ name: m[1]!, value: decodeEntities(m[2] ?? m[3] ?? ''), pos: lines.at(nameOffset) });
    cursor = ATTR.lastIndex;
  }
  const afterTag = text.indexOf('>', cursor) + 1;
  let raw = '';
  for (const child of body as FxpNode[]) {
    if ('#text' in child) raw += String(child['#text']);
  }
  const decoded = decodeEntities(raw.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1'));
  const firstVisible = /\S/.exec(text.slice(afterTag, Math.max(afterTag, end)));
  // point at the first visible character; for an empty element, at the element itself
  const textOffset = decoded.trim() && firstVisible ? afterTag + firstVisible.index : decoded === '' ? start : afterTag;
  return {
    name,
    pos: lines.at(start),
    attrs,
    children: buildChildren(body, text, lines),
    text: decoded,
    textPos: lines.at(textOffset),
    start,
    end,
  };
}
