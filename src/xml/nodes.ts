import type { LineIndex, Position } from './positions.js';
import type { XmlAttr, XmlElement } from './tree.js';

/**
 * The tree's elements and attributes keep offsets and find their line and column when first
 * asked (then keep them, so a position read twice is the same object). A big config has a
 * position per element, per text and per attribute, and nearly all are never read: made up
 * front, they were a quarter of what reading a file allocates, all copied by the scavenger.
 */
export class Element implements XmlElement {
  attrs: XmlAttr[];
  children: XmlElement[];
  text = '';
  end: number;
  readonly #lines: LineIndex;
  /** offset of textPos: -1 while it is the element's own position */
  #textAt = -1;
  #pos: Position | undefined;
  #textPos: Position | undefined;

  constructor(
    readonly name: string,
    readonly start: number,
    end: number,
    attrs: XmlAttr[],
    children: XmlElement[],
    lines: LineIndex,
  ) {
    this.end = end;
    this.attrs = attrs;
    this.children = children;
    this.#lines = lines;
  }

  get pos(): Position {
    return (this.#pos ??= this.#lines.at(this.start));
  }

  get textPos(): Position {
    return this.#textAt < 0 ? this.pos : (this.#textPos ??= this.#lines.at(this.#textAt));
  }

  /** Where the element's text starts, once it is known (the tree builder, when the element closes). */
  textAt(offset: number): void {
    this.#textAt = offset;
  }
}

/** An attribute is also the model's value for the setting it holds (RawValue): the model makes no copy. */
export class Attribute implements XmlAttr {
  /** the value again, as a field: rules read it for every value, and a getter costs far more until V8 optimises them */
  readonly raw: string;
  readonly #lines: LineIndex;
  readonly #at: number;
  #pos: Position | undefined;

  constructor(
    readonly name: string,
    readonly value: string,
    at: number,
    lines: LineIndex,
  ) {
    this.raw = value;
    this.#at = at;
    this.#lines = lines;
  }

  get pos(): Position {
    return (this.#pos ??= this.#lines.at(this.#at));
  }
}
