/**
 * A quick, strict check for the common case: a file in a plain subset of XML (ASCII names,
 * quoted attributes without '<', only the predefined and numeric entities, matching tags, one
 * document element). What passes is well-formed for any XML reader, the server's included, so
 * the slower validator, which names problems, need only run on what does not pass.
 */
const NAME = /[A-Za-z_][\w.-]*/y;
const ATTRS = /(?:\s+[A-Za-z_][\w.-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*\s*(\/?)>/y;
const ENTITY = /&(?:lt|gt|amp|quot|apos|#\d+|#x[\da-fA-F]+);/y;
const ATTR_NAME = /\s+([A-Za-z_][\w.-]*)\s*=/g;

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
      if (!name || name !== open.pop() || close < 0 || text.slice(NAME.lastIndex, close).trim() !== '') return false;
      i = close + 1;
    } else {
      NAME.lastIndex = lt + 1;
      const name = NAME.exec(text)?.[0];
      if (!name) return false;
      ATTRS.lastIndex = NAME.lastIndex;
      const attrs = ATTRS.exec(text);
      if (!attrs || !uniqueAttributes(attrs[0]) || !entitiesKnown(attrs[0])) return false;
      if (open.length === 0 && ++roots > 1) return false;
      if (!attrs[1]) open.push(name);
      i = ATTRS.lastIndex;
    }
  }
}

/** Text between tags: only whitespace outside the document element; no ']]>' and only known entities inside. */
function plainText(text: string, from: number, to: number, inside: boolean): boolean {
  if (from >= to) return true;
  const piece = text.slice(from, to);
  if (!inside) return piece.trim() === '';
  if (piece.includes(']]>')) return false;
  return entitiesKnown(piece);
}

function entitiesKnown(piece: string): boolean {
  for (let amp = piece.indexOf('&'); amp >= 0; amp = piece.indexOf('&', amp + 1)) {
    ENTITY.lastIndex = amp;
    if (!ENTITY.test(piece)) return false;
  }
  return true;
}

function uniqueAttributes(tag: string): boolean {
  if (tag.indexOf('=') === tag.lastIndexOf('=')) return true;
  const names: string[] = [];
  ATTR_NAME.lastIndex = 0;
  for (let m = ATTR_NAME.exec(tag); m; m = ATTR_NAME.exec(tag)) {
    // a tag has a handful of attributes: a list beats a set
    if (names.includes(m[1]!)) return false;
    names.push(m[1]!);
  }
  return true;
}
