import { UserError } from '../errors.js';

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

/**
 * A small XML writer for the canonical config: elements with attributes, text and comments,
 * printed with two-space indentation (an element holding only text stays on one line, an empty
 * one closes itself). It replaces a general XML library that cost every convert, render and
 * diff run more than the rest of its work.
 */
export class XmlWriterElement {
  private readonly attrs = new Map<string, string>();
  private readonly children: (XmlWriterElement | { text: string } | { comment: string })[] = [];

  constructor(readonly name: string) {
    checkName(name);
  }

  /** Append a child element (with attributes, in their order) and return it. */
  ele(name: string, attrs: Record<string, string> = {}): XmlWriterElement {
    const el = new XmlWriterElement(name);
    for (const [k, v] of Object.entries(attrs)) el.att(k, v);
    this.children.push(el);
    return el;
  }

  /** Set an attribute; setting one again replaces its value where it stands. */
  att(name: string, value: string): this {
    checkName(name);
    this.attrs.set(name, value);
    return this;
  }

  txt(text: string): this {
    if (text !== '') this.children.push({ text });
    return this;
  }

  com(comment: string): this {
    this.children.push({ comment });
    return this;
  }

  /** This element as a document: the XML declaration, then the element, pretty-printed. */
  toDocument(): string {
    const out = [XML_DECLARATION];
    this.print(out, '');
    return out.join('\n');
  }

  private print(out: string[], indent: string): void {
    let open = `${indent}<${this.name}`;
    for (const [k, v] of this.attrs) open += ` ${k}="${escape(v, ATTR_SPECIAL)}"`;
    const [only] = this.children;
    if (!only) {
      out.push(`${open}/>`);
    } else if (this.children.length === 1 && 'text' in only) {
      out.push(`${open}>${escape(only.text, TEXT_SPECIAL)}</${this.name}>`);
    } else {
      out.push(`${open}>`);
      const inner = `${indent}  `;
      for (const c of this.children) {
        if (c instanceof XmlWriterElement) c.print(out, inner);
        else if ('text' in c) out.push(inner + escape(c.text, TEXT_SPECIAL));
        else out.push(`${inner}<!--${c.comment}-->`);
      }
      out.push(`${indent}</${this.name}>`);
    }
  }
}

const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const TEXT_SPECIAL = /[&<>]/g;
const ATTR_SPECIAL = /[&<>"]/g;
const escape = (s: string, special: RegExp) => s.replace(special, (c) => ENTITY[c]!);

/** An XML name (letters, digits, `_ : . -`, not starting with a digit, `.` or `-`; any non-ASCII letter). */
const NAME = /^[A-Za-z_:\u00c0-\uffff][\w.:\u00b7\u00c0-\uffff-]*$/;

function checkName(name: string): void {
  if (!NAME.test(name)) throw new UserError(`cannot write "${name}" as an XML name`);
}
