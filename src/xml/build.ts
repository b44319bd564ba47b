import { decodeEntities } from './entities.js';
import type { LineIndex } from './positions.js';
import type { XmlAttr, XmlElement } from './tree.js';

/** The tokens of a start tag after its name: `name="value"` pairs. */
const ATTR = /\s*([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;
const NAME = /[^\s/>]+/y;
const VISIBLE = /\S/g;
const HAS_VISIBLE = /\S/;
/** most elements are leaves: they share one empty list until a child comes (a 5 MB config has ~100,000) */
const NO_CHILDREN = Object.freeze([]) as unknown as XmlElement[];
const NO_ATTRS = Object.freeze([]) as unknown as XmlAttr[];
/** the attributes of the start tag being read: the first `count` items (truncating an array is a slow runtime call) */
const SCRATCH: XmlAttr[] = [];

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
  // open elements gather their direct text in `text`; `end` holds the end of the start tag until closed
  const open: XmlElement[] = [];
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
      const el = startTag(text, lt, lines, intern);
      if (top && top.children === NO_CHILDREN) top.children = [];
      (top ? top.children : roots).push(el);
      i = el.end;
      if (text[i - 2] === '/') close(el, i, text, lines);
      else open.push(el);
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

function startTag(text: string, lt: number, lines: LineIndex, intern: (name: string) => string): XmlElement {
  NAME.lastIndex = lt + 1;
  const name = intern(NAME.exec(text)?.[0] ?? '');

  let cursor = lt + 1 + name.length;
  let count = 0;
  ATTR.lastIndex = cursor;
  for (let m = ATTR.exec(text); m; m = ATTR.exec(text)) {
    const nameOffset = m.index + m[0].indexOf(m[1]!);
    SCRATCH[count++] = { name: intern(m[1]!), value: decodeEntities(m[2] ?? m[3] ?? ''), pos: lines.at(nameOffset) };
    cursor = ATTR.lastIndex;
  }
  const afterTag = after(text, '>', cursor);
  const pos = lines.at(lt);
  // an array grown by push keeps room for 17 items: copy out an exact-size one (none when empty)
  const attrs = count === 0 ? NO_ATTRS : SCRATCH.slice(0, count);
  return { name, pos, attrs, children: NO_CHILDREN, text: '', textPos: pos, start: lt, end: afterTag };
}

/** Finish an element at `end`: its text, and where that text starts (its first visible character). */
function close(el: XmlElement, end: number, text: string, lines: LineIndex): void {
  const afterTag = el.end;
  el.end = end;
  if (HAS_VISIBLE.test(el.text)) {
    VISIBLE.lastIndex = afterTag;
    const m = VISIBLE.exec(text);
    el.textPos = lines.at(m && m.index < end ? m.index : afterTag);
  } else if (el.text !== '') el.textPos = lines.at(afterTag);
}
