import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, Scalar, type Document, type Node, type ParsedNode, type YAMLMap } from 'yaml';
import { UserError } from '../errors.js';
import { Locator, wordAt, wordAtPlace, type SourceWord } from './place.js';
import type { Place } from './types.js';

/**
 * YAML documents with exact positions (the `yaml` package's node ranges are source offsets;
 * its LineCounter turns them into lines and columns). Aliases are followed and `<<` merge keys
 * applied (docker compose and Kubernetes both accept them); a merged value keeps the place it was written.
 */
export class YamlFile {
  readonly docs: Document.Parsed[];
  readonly loc: Locator;
  private readonly lines = new LineCounter();

  constructor(text: string, file: string) {
    this.loc = new Locator(text, file);
    this.docs = parseAllDocuments(text, { lineCounter: this.lines, merge: true, keepSourceTokens: true, prettyErrors: false }) as Document.Parsed[];
    for (const doc of this.docs) {
      const err = doc.errors[0];
      if (err) {
        const pos = this.lines.linePos(err.pos[0]);
        throw new UserError(`invalid YAML: ${err.message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '')}`, file, pos.line, pos.col);
      }
    }
  }

  get file(): string {
    return this.loc.file;
  }

  place(node: Node | undefined, doc: Document.Parsed): Place {
    const n = this.deref(node, doc);
    const at = (n as ParsedNode | undefined)?.range?.[0] ?? 0;
    return this.loc.place(at);
  }

  deref(node: unknown, doc: Document.Parsed): Node | undefined {
    let n = node;
    for (let i = 0; isAlias(n) && i < 100; i++) n = n.resolve(doc);
    return n as Node | undefined;
  }

  /** The map's pairs as [key text, value node, key node], merge keys expanded (own keys win), or undefined if not a map. */
  entries(node: unknown, doc: Document.Parsed): Map<string, { value: Node | undefined; key: Node }> | undefined {
    const map = this.deref(node, doc);
    if (!isMap(map)) return undefined;
    const out = new Map<string, { value: Node | undefined; key: Node }>();
    const own = new Map<string, { value: Node | undefined; key: Node }>();
    for (const pair of (map as YAMLMap).items) {
      const key = pair.key as Node;
      // with `merge`, the yaml package reads a plain `<<` key as the symbol of the merge tag
      const merge = isScalar(key) && typeof key.value === 'symbol';
      const name = isScalar(key) ? String(key.value) : String(key);
      if (merge) {
        const sources = this.deref(pair.value, doc);
        for (const src of isSeq(sources) ? sources.items : [sources]) {
          for (const [k, v] of this.entries(src, doc) ?? []) if (!out.has(k)) out.set(k, v);
        }
      } else own.set(name, { value: pair.value as Node | undefined, key });
    }
    for (const [k, v] of own) out.set(k, v);
    return out;
  }

  /** Items of a sequence, or undefined if not a sequence. */
  items(node: unknown, doc: Document.Parsed): Node[] | undefined {
    const seq = this.deref(node, doc);
    return isSeq(seq) ? (seq.items as Node[]) : undefined;
  }

  /** A scalar's text as written (plain scalars keep their source: `5060`, `yes`), or undefined for null / non-scalars. */
  text(node: unknown, doc: Document.Parsed): string | undefined {
    const n = this.deref(node, doc);
    if (!isScalar(n) || n.value === null) return undefined;
    if (n.type === Scalar.PLAIN && n.source !== undefined) return n.source;
    return String(n.value);
  }

  /** A string scalar as a word whose characters are placed exactly when it sits on one line unescaped. */
  word(node: unknown, doc: Document.Parsed): SourceWord | undefined {
    const n = this.deref(node, doc) as (Scalar & { range?: [number, number, number] }) | undefined;
    const text = this.text(n, doc);
    if (text === undefined || !n?.range) return undefined;
    const start = n.range[0];
    const raw = this.loc.text.slice(start, n.range[1]);
    const quote = n.type === Scalar.QUOTE_DOUBLE || n.type === Scalar.QUOTE_SINGLE ? 1 : 0;
    if (!raw.includes('\n') && raw.length === text.length + 2 * quote) {
      return wordAt(text, [...text].map((_, i) => start + quote + i), this.loc, start);
    }
    const block = n.type === Scalar.BLOCK_LITERAL ? this.blockText(n, doc) : undefined;
    if (block?.textIndent !== undefined) {
      // line k, column c of the text stands at manifest line textPlace.line + k, column textIndent + c
      const offsets: number[] = [];
      text.split('\n').forEach((line, k) => {
        for (let c = 0; c <= line.length; c++) offsets.push(this.loc.offset(block.textPlace.line + k, block.textIndent! + c + 1));
      });
      return wordAt(text, offsets, this.loc, start);
    }
    return wordAtPlace(text, this.loc.place(start));
  }

  /** Text given as a string or a list of strings (compose `command`, k8s `args`). */
  wordsOf(node: unknown, doc: Document.Parsed): { list: SourceWord[] } | { string: SourceWord } | undefined {
    const items = this.items(node, doc);
    if (items) return { list: items.map((it) => this.word(it, doc) ?? this.fail('expected a string', it, doc)) };
    const w = this.word(node, doc);
    return w ? { string: w } : undefined;
  }

  /**
   * A block scalar's content and how it maps back: `textPlace` is its first content line at the
   * stripped indentation; for a literal (`|`) scalar, `textIndent` columns are stripped from each line.
   */
  blockText(node: unknown, doc: Document.Parsed): { text: string; textPlace: Place; textIndent?: number } | undefined {
    const n = this.deref(node, doc) as (Scalar & { range?: [number, number, number] }) | undefined;
    if (!isScalar(n) || typeof n.value !== 'string' || !n.range) return undefined;
    const text = n.value;
    if (n.type !== Scalar.BLOCK_LITERAL && n.type !== Scalar.BLOCK_FOLDED) {
      const quote = n.type === Scalar.PLAIN ? 0 : 1;
      return { text, textPlace: this.loc.place(n.range[0] + quote) };
    }
    const header = this.loc.place(n.range[0]);
    const sourceLines = this.loc.text.split('\n');
    const textLines = text.split('\n');
    const firstNonEmpty = textLines.findIndex((l) => l !== '');
    const raw = sourceLines[header.line + Math.max(firstNonEmpty, 0)]?.replace(/\r$/, '') ?? '';
    const indent = firstNonEmpty === -1 ? 0 : raw.length - textLines[firstNonEmpty]!.length;
    const textPlace = { file: this.file, line: header.line + 1, column: indent + 1 };
    if (n.type === Scalar.BLOCK_FOLDED) return { text, textPlace };
    const mapsExactly = textLines.every((l, k) => l === '' || (sourceLines[header.line + k] ?? '').replace(/\r$/, '').slice(indent) === l);
    return mapsExactly ? { text, textPlace, textIndent: indent } : { text, textPlace };
  }

  fail(message: string, node: unknown, doc: Document.Parsed): never {
    const p = this.place(node as Node, doc);
    throw new UserError(message, p.file, p.line, p.column);
  }
}
