/**
 * A quick, strict check for the common case: a file in a plain subset of XML (ASCII names,
 * quoted attributes without '<', only the predefined and numeric entities, matching tags, one
 * document element). What passes is well-formed for any XML reader, the server's included, so
 * the slower validator, which names problems, need only run on what does not pass.
 */
const NAME = /[A-Za-z_][\w.-]*/y;
const ATTRS = /(?:\s+[A-Za-z_][\w.-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*\s*\/?>/y;
const SPACE = /\s*/y;
const ENTITY = /&(?:lt|gt|amp|quot|apos|#\d+|#x[\da-fA-F]+);/y;
/** one attribute of a tag that ATTRS accepted: its name, then past its value */
const ATTR = /\s+([A-Za-z_][\w.-]*)\s*=\s*(?:"[^"<]*"|'[^'<]*')/y;

export function isPlainWellFormed(text: string): boolean {
  const open: string[] = [];
  let roots = 0;
  let i = 0;
  for (;;) {
    const lt = text.indexOf('<', i);
    const end = lt < 0 ? text.length : lt;
    if (!plainText(text, i, end, open.length > 0)) return false;
    if (lt < 0) return open.length === 0 && roots === 1;
    if (text.startsWith('<!--', lt)) {
      const close = text.indexOf('--', lt + 4);
      if (close < 0 || text[close + 2] !== '>') return false;
      i = close + 3;
    } else if (text.startsWith('<![CDATA[', lt)) {
      const close = text.indexOf(']]>', lt + 9);
      if (close < 0 || open.length === 0) return false;
      i = close + 3;
    } else if (text[lt + 1] === '?') {
      const close = text.indexOf('?>', lt + 2);
      if (close < 0) return false;
      i = close + 2;
    } else if (text[lt + 1] === '/') {
      NAME.lastIndex = lt + 2;
      const name = NAME.exec(text)?.[0];
      const close = text.indexOf('>', lt);
      if (!name || name !== open.pop() || close < 0 || !blank(text, NAME.lastIndex, close)) return false;
      i = close + 1;
    } else {
      NAME.lastIndex = lt + 1;
      const name = NAME.exec(text)?.[0];
      if (!name) return false;
      const from = NAME.lastIndex;
      ATTRS.lastIndex = from;
      if (!ATTRS.test(text)) return false;
      const to = ATTRS.lastIndex;
      if (!uniqueAttributes(text, from) || !entitiesKnown(text, from, to)) return false;
      if (open.length === 0 && ++roots > 1) return false;
      if (text.charCodeAt(to - 2) !== 0x2f) open.push(name);
      i = to;
    }
  }
}

/** Text between tags: only whitespace outside the document element; no ']]>' and only known entities inside. */
function plainText(text: string, from: number, to: number, inside: boolean): boolean {
  if (!inside) return blank(text, from, to);
  // char codes, no slices: a big file has as many pieces of text as elements
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5d && i + 2 < to && text.charCodeAt(i + 1) === 0x5d && text.charCodeAt(i + 2) === 0x3e) return false;
  }
  return entitiesKnown(text, from, to);
}

/** Whitespace only (\s, as trim() sees it); the character at `to` is never whitespace ('<', '>' or the end). */
function blank(text: string, from: number, to: number): boolean {
  SPACE.lastIndex = from;
  SPACE.test(text);
  return SPACE.lastIndex >= to;
}

function entitiesKnown(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    if (text.charCodeAt(i) !== 0x26) continue;
    ENTITY.lastIndex = i;
    if (!ENTITY.test(text) || ENTITY.lastIndex > to) return false;
  }
  return true;
}

/** The attributes of the start tag whose names begin at `from` (one that ATTRS accepted) have distinct names. */
function uniqueAttributes(text: string, from: number): boolean {
  // most tags have a handful of attributes, so a list is searched; past a few, a set keeps a tag of
  // many thousands linear
  let names: string[] | Set<string> | undefined;
  ATTR.lastIndex = from;
  for (let m = ATTR.exec(text); m; m = ATTR.exec(text)) {
    const name = m[1]!;
    if (names === undefined) names = [name];
    else if (Array.isArray(names)) {
      if (names.includes(name)) return false;
      names.push(name);
      if (names.length > 8) names = new Set(names);
    } else {
      if (names.has(name)) return false;
      names.add(name);
    }
  }
  return true;
}
