/**
 * What the cursor stands on in an XML text that is being typed and so is seldom well-formed:
 * read leniently from the start of the text, tracking open elements, up to the token holding
 * the cursor. Comments, processing instructions and DOCTYPEs hold nothing to explain or complete.
 */
export interface Cursor {
  /** element: a start tag's name; closing: an end tag's name; attribute: a name in a start tag (empty between attributes); value: inside an attribute's quotes; text: an element's content */
  kind: 'element' | 'closing' | 'attribute' | 'value' | 'text';
  /** elements open at the cursor, outermost first; for attribute and value, the tag's element is last */
  open: string[];
  /** the element (element, closing) or attribute (attribute, value) name under the cursor, as far as it is typed */
  name: string;
  /** the token under the cursor, as offsets: the name, the value inside its quotes, or the text between tags */
  start: number;
  end: number;
  /** attribute names the start tag holds besides the one under the cursor */
  attrs: string[];
}

const NAME = /[^\s<>/="']*/y;
const SPACE = /\s*/y;
const VALUE = { '"': /[^"<]*/y, "'": /[^'<]*/y };

function match(re: RegExp, text: string, at: number): number {
  re.lastIndex = at;
  re.exec(text);
  return re.lastIndex;
}

/** The end of a construct opened at `from` and closed by `close`, or the text's end when it is never closed. */
function endOf(text: string, from: number, close: string): number {
  const i = text.indexOf(close, from);
  return i < 0 ? text.length : i + close.length;
}

export function cursorAt(text: string, offset: number): Cursor | undefined {
  const open: string[] = [];
  let i = 0;
  for (;;) {
    const lt = text.indexOf('<', i);
    const textEnd = lt < 0 ? text.length : lt;
    if (offset <= textEnd) return { kind: 'text', open, name: '', start: i, end: textEnd, attrs: [] };
    if (text.startsWith('<![CDATA[', lt)) {
      const end = endOf(text, lt + 9, ']]>');
      if (offset < end) return offset < lt + 9 ? undefined : { kind: 'text', open, name: '', start: lt + 9, end: Math.max(lt + 9, end - 3), attrs: [] };
      i = end;
    } else if (text.startsWith('<!--', lt) || text.startsWith('<?', lt) || text.startsWith('<!', lt)) {
      const end = endOf(text, lt + 2, text.startsWith('<!--', lt) ? '-->' : text[lt + 1] === '?' ? '?>' : '>');
      if (offset < end) return undefined;
      i = end;
    } else if (text[lt + 1] === '/') {
      const nameEnd = match(NAME, text, lt + 2);
      const name = text.slice(lt + 2, nameEnd);
      if (offset <= nameEnd) return { kind: 'closing', open, name, start: lt + 2, end: nameEnd, attrs: [] };
      const end = endOf(text, nameEnd, '>');
      if (offset < end) return undefined;
      // the innermost element of that name closes, with any left open inside it
      const at = open.lastIndexOf(name);
      if (at >= 0) open.length = at;
      i = end;
    } else {
      const tag = startTag(text, lt, offset, open);
      if (tag.cursor) return tag.cursor;
      if (tag.opens) open.push(tag.name);
      i = tag.end;
    }
  }
}

/**
 * A start tag from `lt`: the cursor, when it is inside; else where the tag ends and whether it
 * leaves its element open. The whole tag is read either way, so `attrs` holds those after the cursor too.
 */
function startTag(text: string, lt: number, offset: number, open: string[]): { cursor?: Cursor; name: string; end: number; opens: boolean } {
  const nameEnd = match(NAME, text, lt + 1);
  const name = text.slice(lt + 1, nameEnd);
  const attrs: string[] = [];
  let found: Omit<Cursor, 'open' | 'attrs'> | undefined = offset <= nameEnd ? { kind: 'element', name, start: lt + 1, end: nameEnd } : undefined;
  const done = (end: number, opens: boolean) => {
    if (!found) return { name, end, opens };
    const cursor = { ...found, open: found.kind === 'element' ? [...open] : [...open, name], attrs: attrs.filter((a) => a !== found!.name || found!.kind === 'element') };
    return { cursor, name, end, opens: false };
  };
  let j = nameEnd;
  for (;;) {
    const before = j;
    j = match(SPACE, text, j);
    const nameStart = j;
    const attrEnd = match(NAME, text, j);
    // between attributes (or at the end of the tag): an attribute name is yet to be typed
    if (!found && offset > before && (offset < j || (offset === j && attrEnd === j))) found = { kind: 'attribute', name: '', start: offset, end: offset };
    if (j >= text.length || text[j] === '<') return done(j, false);
    if (text.startsWith('/>', j)) return done(j + 2, false);
    if (text[j] === '>') return done(j + 1, true);
    if (attrEnd === j) {
      // a stray quote, '=' or '/': step over it
      j++;
      continue;
    }
    const attr = text.slice(nameStart, attrEnd);
    attrs.push(attr);
    if (!found && offset >= nameStart && offset <= attrEnd) found = { kind: 'attribute', name: attr, start: nameStart, end: attrEnd };
    j = match(SPACE, text, attrEnd);
    if (text[j] !== '=') continue;
    j = match(SPACE, text, j + 1);
    const quote = text[j];
    if (quote !== '"' && quote !== "'") {
      // `name=` with the value still to be typed
      if (!found && offset === j) found = { kind: 'value', name: attr, start: offset, end: offset };
      continue;
    }
    // a value left unclosed while typing ends at the next tag ('<' is not allowed in values)
    const valueEnd = match(VALUE[quote], text, j + 1);
    if (!found && offset > j && offset <= valueEnd) found = { kind: 'value', name: attr, start: j + 1, end: valueEnd };
    if (text[valueEnd] !== quote) return done(valueEnd, false);
    j = valueEnd + 1;
  }
}
