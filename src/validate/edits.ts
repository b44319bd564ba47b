import type { XmlDocument, XmlElement } from '../xml/tree.js';
import type { Position } from '../xml/positions.js';
import type { TextEdit } from './types.js';

/** Text edits that `validate --fix` applies at the positions the model records. */

export function renameAttribute(pos: Position, from: string, to: string): TextEdit[] {
  return [{ pos, length: from.length, text: to }];
}

/** Rename an element in its start tag and, unless it is self-closing, its end tag. */
export function renameElement(xml: XmlDocument, el: XmlElement, to: string): TextEdit[] {
  const edits: TextEdit[] = [{ pos: xml.lines.at(el.start + 1), length: el.name.length, text: to }];
  if (!xml.text.slice(el.start, el.end).endsWith('/>')) {
    const close = xml.text.lastIndexOf(`</${el.name}`, el.end - 1);
    edits.push({ pos: xml.lines.at(close + 2), length: el.name.length, text: to });
  }
  return edits;
}

/** Wrap an element in a new parent element, indenting nothing: `<contact>…</contact>` → `<contacts><contact>…</contact></contacts>`. */
export function wrapElement(xml: XmlDocument, el: XmlElement, parent: string): TextEdit[] {
  return [
    { pos: xml.lines.at(el.start), length: 0, text: `<${parent}>` },
    { pos: xml.lines.at(el.end), length: 0, text: `</${parent}>` },
  ];
}

/**
 * Trim the whitespace around an element's text, when the text is all the element holds
 * (no child elements, comments or CDATA, whose layout an edit could disturb).
 */
export function trimText(xml: XmlDocument, el: XmlElement): TextEdit[] | undefined {
  const open = xml.text.indexOf('>', el.start) + 1;
  const close = xml.text.lastIndexOf(`</${el.name}`, el.end - 1);
  if (open <= 0 || close < open) return undefined;
  const inner = xml.text.slice(open, close);
  if (inner.includes('<')) return undefined;
  const lead = inner.length - inner.trimStart().length;
  const trail = inner.length - inner.trimEnd().length;
  const edits: TextEdit[] = [];
  if (lead > 0) edits.push({ pos: xml.lines.at(open), length: lead, text: '' });
  if (trail > 0 && inner.trim() !== '') edits.push({ pos: xml.lines.at(close - trail), length: trail, text: '' });
  return edits.length > 0 ? edits : undefined;
}

/** Trim the whitespace inside an attribute's quotes; `pos` is the attribute name's position. */
export function trimAttribute(xml: XmlDocument, pos: Position): TextEdit[] | undefined {
  // sticky, at the offset: no copy of the rest of the text per attribute
  const attribute = /[^\s=]+\s*=\s*(["'])/y;
  attribute.lastIndex = xml.lines.offset(pos.line, pos.column);
  const m = attribute.exec(xml.text);
  if (!m) return undefined;
  const open = m.index + m[0].length;
  const close = xml.text.indexOf(m[1]!, open);
  const inner = xml.text.slice(open, close);
  if (inner.trim() === '') return undefined;
  const lead = inner.length - inner.trimStart().length;
  const trail = inner.length - inner.trimEnd().length;
  const edits: TextEdit[] = [];
  if (lead > 0) edits.push({ pos: xml.lines.at(open), length: lead, text: '' });
  if (trail > 0) edits.push({ pos: xml.lines.at(close - trail), length: trail, text: '' });
  return edits;
}

/** The element whose text the model recorded at `pos` (element text values keep only a position). */
export function elementWithTextAt(xml: XmlDocument, pos: Position, name: string): XmlElement | undefined {
  return textIndex(xml).get(`${pos.line}:${pos.column}:${name}`);
}

/** Elements by text position and name, built once per document: a lookup per finding, not a walk of the tree. */
const textIndexes = new WeakMap<XmlDocument, Map<string, XmlElement>>();

function textIndex(xml: XmlDocument): Map<string, XmlElement> {
  let index = textIndexes.get(xml);
  if (index) return index;
  index = new Map();
  const stack = [...xml.roots].reverse();
  // document order, so the first element at a position wins, as a depth-first search would find it
  for (let el = stack.pop(); el; el = stack.pop()) {
    const key = `${el.textPos.line}:${el.textPos.column}:${el.name}`;
    if (!index.has(key)) index.set(key, el);
    for (let i = el.children.length - 1; i >= 0; i--) stack.push(el.children[i]!);
  }
  textIndexes.set(xml, index);
  return index;
}
