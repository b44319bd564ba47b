import { decodeEntities } from './entities.js';
import { Attribute, Element } from './nodes.js';
import type { LineIndex } from './positions.js';
import type { XmlAttr, XmlElement } from './tree.js';

/**
 * The element tree of a file, built in one pass that can also check well-formedness.
 *
 * `strict`: the text must be in a plain subset of XML (ASCII names, quoted attributes without '<'
 * and repeats, only the predefined and numeric entities, matching tags, one document element,
 * nothing but whitespace outside it). What passes is well-formed for any XML reader, the
 * server's included; anything else gives undefined, and the caller runs the slower validator,
 * which names the problem. Otherwise the text is one the validator accepted, perhaps with the
 * repairs drachtio-server's reader makes itself (a closing tag closes the open element whatever
 * its name), and the builder tolerates what the server tolerates. Both read the same tokens, so a
 * plain file gives the same tree either way. No recursion: linear at any nesting depth.
 */
export function buildTree(text: string, lines: LineIndex, strict: boolean): XmlElement[] | undefined {
  return new TreeBuilder(text, lines, strict).build();
}

/** most elements are leaves: they share one empty list until a child comes (a 5 MB config has ~100,000) */
const NO_CHILDREN = Object.freeze([]) as unknown as XmlElement[];
const NO_ATTRS = Object.freeze([]) as unknown as XmlAttr[];
/** the attributes of the start tag being read: the first `count` items (truncating an array is a slow runtime call) */
const SCRATCH: XmlAttr[] = [];
/**
 * Names seen, by length and first character (see TreeBuilder.intern): shared by every file of a
 * run, since configs repeat the same few dozen names. A few are kept per key, and a bounded number
 * of keys, so a file of many different names stays linear and memory stays flat.
 */
const NAMES = new Map<number, string[]>();
const MAX_NAMES_PER_KEY = 8;
const MAX_NAME_KEYS = 4096;
/**
 * The same names by their first (ASCII) character, so a tag's name is found with startsWith, one
 * native call, instead of a loop over its characters: a loop runs as bytecode for the first
 * thousands of tags. Bounded per character, as NAMES is.
 */
const NAMES_BY_FIRST: string[][] = Array.from({ length: 0x80 }, () => []);
const MAX_NAMES_PER_FIRST = 16;
/** past this many pieces of text, an element's text is joined when first asked for (see lazyText) */
const FEW_PIECES = 8;
/** past this many attributes in one tag, repeats are looked up in a set, so a tag of thousands stays linear */
const FEW_ATTRS = 8;

const ENTITY = /&(?:lt|gt|amp|quot|apos|#\d+|#x[\da-fA-F]+);/y;
const HAS_VISIBLE = /\S/;
const UNICODE_SPACE = /\s/;

const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const EQUALS = 0x3d;
const DQUOTE = 0x22;
const SQUOTE = 0x27;

/** Whitespace as JavaScript's \s sees it: the validator's and the server-side repairs' patterns use \s, so the tokens here must too. */
function isSpace(c: number): boolean {
  if (c < 0x80) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return UNICODE_SPACE.test(String.fromCharCode(c));
}

/** What ends a name (the end of the text too), as the server-side repairs' patterns read it: whitespace, '/', '>', and '=' for an attribute. */
const endsName = (c: number, attribute: boolean) => !(c >= 0) || c === SLASH || c === GT || (attribute && c === EQUALS) || isSpace(c);

/** [A-Za-z_] */
const isPlainNameStart = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
/** [\w.-] */
const isPlainNameChar = (c: number) => isPlainNameStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x2d;

class TreeBuilder {
  private readonly roots: XmlElement[] = [];
  /** open elements; `end` holds the end of the start tag until the element is closed */
  private readonly open: Element[] = [];
  /** per open element: whether its text so far has a visible character (decoded, as the server's reader sees it) */
  private readonly visible: boolean[] = [];
  /**
   * The pieces of text of the open elements, as offset pairs: [from, to) of text to decode, or of
   * text taken as it is (CDATA content, text without '&') with `from` stored as -from - 1: whether
   * text has an '&' is known when it is read, not later. Each element's text is made when it closes (one
   * with many pieces, when first read: lazyText): a container has a piece between every two
   * children, and kept as strings until then they would all outlive the young generation.
   */
  private readonly pieces: number[] = [];
  private piecesEnd = 0;
  /** per open element: where its pieces start */
  private readonly firstPiece: number[] = [];
  /** next offset of '&', '<' and ']]>' at or after the last search (-1: none): found once, not per piece of text */
  private nextAmp = -1;
  private nextLt = -1;
  private nextCdataEnd = -1;

  constructor(
    private readonly text: string,
    private readonly lines: LineIndex,
    private readonly strict: boolean,
  ) {
    this.nextAmp = text.indexOf('&');
    this.nextLt = text.indexOf('<');
    this.nextCdataEnd = text.indexOf(']]>');
  }

  build(): XmlElement[] | undefined {
    const text = this.text;
    let i = 0;
    for (;;) {
      const lt = text.indexOf('<', i);
      const stop = lt < 0 ? text.length : lt;
      if (stop > i && !this.addText(i, stop)) return undefined;
      if (lt < 0) break;
      const next = text.charCodeAt(lt + 1);
      if (next === BANG) i = this.markup(lt);
      else if (next === QUESTION) i = this.instruction(lt);
      else if (next === SLASH) i = this.closingTag(lt);
      else i = this.startTag(lt);
      if (i < 0) return undefined;
    }
    if (this.strict && (this.open.length > 0 || this.roots.length !== 1)) return undefined;
    while (this.open.length > 0) this.close(text.length);
    return this.roots;
  }

  /** Text between tags: whitespace only outside the document element; inside, no ']]>' and only known entities. */
  private addText(from: number, to: number): boolean {
    const top = this.open[this.open.length - 1];
    if (!top) return !this.strict || this.blank(from, to);
    if (this.strict && this.cdataEndIn(from, to)) return false;
    if (this.ampIn(from, to)) {
      if (this.strict && !this.entitiesKnown(from, to)) return false;
      this.addPiece(from, to, HAS_VISIBLE.test(decodeEntities(this.text.slice(from, to))));
    } else this.addPiece(-from - 1, to, !this.blank(from, to));
    return true;
  }

  private addPiece(from: number, to: number, visible: boolean): void {
    this.pieces[this.piecesEnd++] = from;
    this.pieces[this.piecesEnd++] = to;
    if (visible) this.visible[this.visible.length - 1] = true;
  }

  /** A comment, a CDATA section, or a DOCTYPE (which the strict check leaves to the validator). */
  private markup(lt: number): number {
    const text = this.text;
    if (text.startsWith('<!--', lt)) {
      if (!this.strict) return after(text, '-->', lt + 4);
      // XML forbids '--' inside a comment
      const close = text.indexOf('--', lt + 4);
      return close < 0 || text.charCodeAt(close + 2) !== GT ? -1 : close + 3;
    }
    if (text.startsWith('<![CDATA[', lt)) {
      const top = this.open[this.open.length - 1];
      if (this.strict && (!top || text.indexOf(']]>', lt + 9) < 0)) return -1;
      const i = after(text, ']]>', lt + 9);
      if (top) this.addPiece(-(lt + 9) - 1, i - 3, !this.blank(lt + 9, i - 3));
      return i;
    }
    return this.strict ? -1 : after(text, '>', lt + 2);
  }

  private instruction(lt: number): number {
    if (this.strict && this.text.indexOf('?>', lt + 2) < 0) return -1;
    return after(this.text, '?>', lt + 2);
  }

  private closingTag(lt: number): number {
    const text = this.text;
    if (!this.strict) {
      const i = after(text, '>', lt + 2);
      if (this.open.length > 0) this.close(i);
      return i;
    }
    // strict: the name of the open element, then only whitespace up to '>'
    const top = this.open[this.open.length - 1];
    if (!top || !text.startsWith(top.name, lt + 2)) return -1;
    const nameEnd = lt + 2 + top.name.length;
    if (isPlainNameChar(text.charCodeAt(nameEnd))) return -1;
    const gt = this.skipSpace(nameEnd);
    if (text.charCodeAt(gt) !== GT) return -1;
    this.close(gt + 1);
    return gt + 1;
  }

  private startTag(lt: number): number {
    const text = this.text;
    const strict = this.strict;
    const known = this.knownAt(lt + 1, false);
    const nameEnd = known === undefined ? this.scanName(lt + 1, false) : lt + 1 + known.length;
    const name = known ?? this.intern(lt + 1, nameEnd);
    if (name === undefined) return -1;

    // attributes: name="value" or name='value'; a strict tag needs whitespace before each
    let cursor = nameEnd;
    let count = 0;
    let seen: Set<string> | undefined;
    for (;;) {
      const nameStart = this.skipSpace(cursor);
      if (strict && nameStart === cursor) break;
      const knownAttr = this.knownAt(nameStart, true);
      const attrEnd = knownAttr === undefined ? this.scanName(nameStart, true) : nameStart + knownAttr.length;
      if (attrEnd === nameStart) break;
      const eq = this.skipSpace(attrEnd);
      if (text.charCodeAt(eq) !== EQUALS) break;
      const open = this.skipSpace(eq + 1);
      const quote = text.charCodeAt(open);
      if (quote !== DQUOTE && quote !== SQUOTE) break;
      const close = text.indexOf(quote === DQUOTE ? '"' : "'", open + 1);
      if (close < 0) break;
      const attrName = knownAttr ?? this.intern(nameStart, attrEnd);
      if (attrName === undefined) return -1;
      // most values have no '&' (found once for the file, not per value): nothing to decode
      const amp = this.ampIn(open + 1, close);
      if (strict) {
        if (this.ltIn(open + 1, close)) return -1;
        if (amp && !this.entitiesKnown(open + 1, close)) return -1;
        if (count >= FEW_ATTRS) seen ??= new Set(SCRATCH.slice(0, count).map((a) => a.name));
        if (seen ? seen.has(attrName) : repeats(attrName, count)) return -1;
        seen?.add(attrName);
      }
      const raw = text.slice(open + 1, close);
      SCRATCH[count++] = new Attribute(attrName, amp ? decodeEntities(raw) : raw, nameStart, this.lines);
      cursor = close + 1;
    }
    let tagEnd: number;
    if (strict) {
      // only whitespace, then '>' or '/>'
      let k = this.skipSpace(cursor);
      if (text.charCodeAt(k) === SLASH) k++;
      if (text.charCodeAt(k) !== GT) return -1;
      if (this.open.length === 0 && this.roots.length > 0) return -1;
      tagEnd = k + 1;
    } else tagEnd = after(text, '>', cursor);

    // an array grown by push keeps room for 17 items: copy out an exact-size one (none when empty)
    const attrs = count === 0 ? NO_ATTRS : SCRATCH.slice(0, count);
    const el = new Element(name, lt, tagEnd, attrs, NO_CHILDREN, this.lines);
    const top = this.open[this.open.length - 1];
    if (top && top.children === NO_CHILDREN) top.children = [];
    (top ? top.children : this.roots).push(el);
    this.open.push(el);
    this.visible.push(false);
    this.firstPiece.push(this.piecesEnd);
    if (text.charCodeAt(tagEnd - 2) === SLASH) this.close(tagEnd);
    return tagEnd;
  }

  /** Finish the innermost open element at `end`: its text, and where that starts (its first visible character). */
  private close(end: number): void {
    const el = this.open.pop()!;
    const visible = this.visible.pop()!;
    const first = this.firstPiece.pop()!;
    const count = this.piecesEnd - first;
    let empty: boolean;
    if (count === 0) empty = true;
    else if (count === 2) {
      // most elements: one piece (a leaf's text), made here without joinText's calls, which count until V8 optimises
      el.text = pieceText(this.text, this.pieces[first]!, this.pieces[first + 1]!);
      empty = el.text === '';
    } else if (count > 2 * FEW_PIECES) {
      empty = this.allEmpty(first);
      lazyText(el, this.text, this.copyPieces(first));
    } else {
      el.text = joinText(this.text, this.pieces, first, this.piecesEnd);
      empty = el.text === '';
    }
    this.piecesEnd = first;
    const afterTag = el.end;
    el.end = end;
    if (visible) {
      const start = this.skipSpace(afterTag);
      el.textAt(start < end ? start : afterTag);
    } else if (!empty) el.textAt(afterTag);
  }

  private copyPieces(first: number): Int32Array {
    const out = new Int32Array(this.piecesEnd - first);
    for (let k = first; k < this.piecesEnd; k++) out[k - first] = this.pieces[k]!;
    return out;
  }

  /** Whether every piece from `first` on is empty (decoding never empties a piece). */
  private allEmpty(first: number): boolean {
    for (let k = first; k < this.piecesEnd; k += 2) if (this.pieces[k + 1]! > pieceStart(this.pieces[k]!)) return false;
    return true;
  }

  /**
   * End of a name from `from`: up to whitespace, '/', '>' or the end (and '=' for an attribute),
   * as the server-side repairs' patterns read it.
   */
  private scanName(from: number, attribute: boolean): number {
    const text = this.text;
    let i = from;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (endsName(c, attribute)) break;
    }
    return i;
  }

  /** A name seen before that stands at `from` and ends there as scanName would end it. */
  private knownAt(from: number, attribute: boolean): string | undefined {
    const text = this.text;
    const first = text.charCodeAt(from);
    if (!(first < 0x80)) return undefined;
    const known = NAMES_BY_FIRST[first]!;
    for (let i = 0; i < known.length; i++) {
      const name = known[i]!;
      if (!text.startsWith(name, from)) continue;
      // a plain name holds none of what ends one, so scanName would stop right after it
      if (endsName(text.charCodeAt(from + name.length), attribute)) return name;
    }
    return undefined;
  }

  /** [A-Za-z_][\w.-]*, exactly */
  private plainName(from: number, to: number): boolean {
    if (to === from || !isPlainNameStart(this.text.charCodeAt(from))) return false;
    for (let i = from + 1; i < to; i++) if (!isPlainNameChar(this.text.charCodeAt(i))) return false;
    return true;
  }

  private skipSpace(from: number): number {
    const text = this.text;
    let i = from;
    // ASCII tested here, not by a call per character: indentation is most of a big file's text
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (!(c === 0x20 || (c <= 0x0d && c >= 0x09) || (c >= 0x80 && isSpace(c)))) break;
    }
    return i;
  }

  /** Whitespace only from `from` to `to`. */
  private blank(from: number, to: number): boolean {
    return this.skipSpace(from) >= to;
  }

  private ampIn(from: number, to: number): boolean {
    if (this.nextAmp >= 0 && this.nextAmp < from) this.nextAmp = this.text.indexOf('&', from);
    return this.nextAmp >= 0 && this.nextAmp < to;
  }

  private ltIn(from: number, to: number): boolean {
    if (this.nextLt >= 0 && this.nextLt < from) this.nextLt = this.text.indexOf('<', from);
    return this.nextLt >= 0 && this.nextLt < to;
  }

  /** A ']]>' that ends before `to`. */
  private cdataEndIn(from: number, to: number): boolean {
    if (this.nextCdataEnd >= 0 && this.nextCdataEnd < from) this.nextCdataEnd = this.text.indexOf(']]>', from);
    return this.nextCdataEnd >= 0 && this.nextCdataEnd + 2 < to;
  }

  /** Every '&' from `from` to `to` starts a predefined or numeric entity that ends by `to`. */
  private entitiesKnown(from: number, to: number): boolean {
    for (let i = this.text.indexOf('&', from); i >= 0 && i < to; i = this.text.indexOf('&', i + 1)) {
      ENTITY.lastIndex = i;
      if (!ENTITY.test(this.text) || ENTITY.lastIndex > to) return false;
    }
    return true;
  }

  /**
   * The name from `from` to `to`, one copy of each: found among those seen before with its length
   * and first character without slicing it out (a file repeats a few names thousands of times).
   * Only plain names are kept, so one found needs no check; and only a few per length and
   * character, so a file of many different names stays linear. Undefined: a strict read, and the
   * name is not plain.
   */
  private intern(from: number, to: number): string | undefined {
    const key = (to - from) * 0x10000 + this.text.charCodeAt(from);
    let known = NAMES.get(key);
    if (known) {
      for (let i = 0; i < known.length; i++) if (this.text.startsWith(known[i]!, from)) return known[i]!;
    }
    const name = this.text.slice(from, to);
    if (!this.plainName(from, to)) return this.strict ? undefined : name;
    if (!known && NAMES.size < MAX_NAME_KEYS) NAMES.set(key, (known = []));
    if (known && known.length < MAX_NAMES_PER_KEY) known.push(name);
    const byFirst = NAMES_BY_FIRST[name.charCodeAt(0)]!;
    if (byFirst.length < MAX_NAMES_PER_FIRST && !byFirst.includes(name)) byFirst.push(name);
    return name;
  }
}

/** Where a piece of text starts: `from` is stored as -from - 1 for text that is not decoded. */
const pieceStart = (from: number) => (from >= 0 ? from : -from - 1);

/** The pieces of text [first, end) of `pieces` (offset pairs), decoded and joined. */
function joinText(text: string, pieces: ArrayLike<number>, first: number, end: number): string {
  const parts: string[] = [];
  for (let k = first; k < end; k += 2) parts.push(pieceText(text, pieces[k]!, pieces[k + 1]!));
  return parts.join('');
}

function pieceText(text: string, from: number, to: number): string {
  return from >= 0 ? decodeEntities(text.slice(from, to)) : text.slice(pieceStart(from), to);
}

/**
 * An element with many pieces of text (a container, text between each two of its children) is
 * given its text when asked: it is nearly always whitespace nobody reads, and joining it for a
 * list of thousands is a pass over the list and a string as long as its indentation.
 */
function lazyText(el: XmlElement, text: string, pieces: Int32Array): void {
  let joined: string | undefined;
  Object.defineProperty(el, 'text', {
    enumerable: true,
    configurable: true,
    get: () => (joined ??= joinText(text, pieces, 0, pieces.length)),
    set: (value: string) => (joined = value),
  });
}

/** Whether one of the first `count` attributes of the tag being read has this (interned) name. */
function repeats(name: string, count: number): boolean {
  for (let i = 0; i < count; i++) if (SCRATCH[i]!.name === name) return true;
  return false;
}

/** Offset just past the next `token` from `from`, or the end of the text. */
function after(text: string, token: string, from: number): number {
  const at = text.indexOf(token, from);
  return at < 0 ? text.length : at + token.length;
}
