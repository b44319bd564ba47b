import { decodeEntities } from './entities.js';
import type { LineIndex } from './positions.js';
import type { XmlAttr, XmlElement } from './tree.js';

/** The tokens of a start tag after its name: `name="value"` pairs. */
const ATTR = /\s*([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;
const NAME = /[^\s/>]+/y;
const VISIBLE = /\S/g;
const NO_CHILDREN = Object.freeze([]) as unknown as XmlElement[];

interface Open {
  el: XmlElement;
  /** direct text so far: entity-decoded text and literal CDATA */
  text: string;
  afterTag: number;
}

/**
 * Build the element tree of text that the well-formedness check accepted (perhaps with the
 * repairs drachtio-server's reader makes itself: a closing tag closes the open element whatever
 * its name). One pass, no recursion: linear in the size of the file at any nesting depth.
 */
export function buildTree(text: string, lines: LineIndex): XmlElement[] {
  const roots: XmlElement[] = [];
  // a file repeats a few names thousands of times: keep one copy of each
  const names = new Map<string, string>();
  const intern = (name: string) => names.get(name) ?? (names.set(name, name), name);
  const open: Open[] = [];
  let i = 0;
  for (;;) {
    const lt = text.indexOf('<', i);
    const top = open[open.length - 1];
    const stop = lt < 0 ? text.length : lt;
    if (top && stop > i) top.text += decodeEntities(text.slice(i, stop));
    if (lt < 0) break;
    if (text.startsWith('<!--', lt)) i = after(text, '-->', lt + 4);
    else if (text.startsWith('<![CDATA[', lt)) {
      i = after(text, ']]>', lt + 9);
      if (top) top.text += text.slice(lt + 9, i - 3);
    } else if (text[lt + 1] === '?') i = after(text, '?>', lt + 2);
    else if (text[lt + 1] === '!') i = after(text, '>', lt + 2);
    else if (text[lt + 1] === '/') {
      i = after(text, '>', lt + 2);
      if (open.pop()) close(top!, i, text, lines);
    } else {
      const tag = startTag(text, lt, lines, intern);
      (top ? top.el.children : roots).push(tag.el);
      i = tag.afterTag;
      if (tag.selfClosing) close({ el: tag.el, text: '', afterTag: i }, i, text, lines);
      else open.push({ el: tag.el, text: '', afterTag: i });
    }
  }
  while (open.length > 0) close(open.pop()!, text.length, text, lines);
  return roots;
}

/** Offset just past the next `token` from `from`, or the end of the text. */
function after(text: string, token: string, from: number): number {
  const at = text.indexOf(token, from);
  return at < 0 ? text.length : at + token.length;
}

function startTag(text: string, lt: number, lines: LineIndex, intern: (name: string) => string): { el: XmlElement; afterTag: number; selfClosing: boolean } {
  NAME.lastIndex = lt + 1;
  const name = intern(NAME.exec(text)?.[0] ?? '');
  const attrs: XmlAttr[] = [];
  let cursor = lt + 1 + name.length;
  ATTR.lastIndex = cursor;
  for (let m = ATTR.exec(text); m; m = ATTR.exec(text)) {
    const nameOffset = m.index + m[0].indexOf(m[1]!);
    attrs.push({ name: intern(m[1]!), value: decodeEntities(m[2] ?? m[3] ?? ''), pos: lines.at(nameOffset) });
    cursor = ATTR.lastIndex;
  }
  const afterTag = after(text, '>', cursor);
  const pos = lines.at(lt);
  const el: XmlElement = { name, pos, attrs, children: [], text: '', textPos: pos, start: lt, end: afterTag };
  return { el, afterTag, selfClosing: text[afterTag - 2] === '/' };
}

/** Finish an element at `end`: its text, and where that text starts (its first visible character). */
function close(o: Open, end: number, text: string, lines: LineIndex): void {
  const el = o.el;
  el.end = end;
  el.text = o.text;
  // most elements are leaves: one shared empty list instead of one each (a 5 MB config has ~100,000)
  if (el.children.length === 0) el.children = NO_CHILDREN;
  if (el.text.trim()) {
    VISIBLE.lastIndex = o.afterTag;
    const m = VISIBLE.exec(text);
    el.textPos = lines.at(m && m.index < end ? m.index : o.afterTag);
  } else if (el.text !== '') el.textPos = lines.at(o.afterTag);
}
