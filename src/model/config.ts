import type { Position } from '../xml/positions.js';
import type { XmlElement } from '../xml/tree.js';

/**
 * A value exactly as written, with where it was written. Those read from XML are views of the
 * tree (an attribute is its own value) whose `pos` is an accessor, found when first read: copy a
 * value by name (`{ raw: v.raw, pos: v.pos }`), not with a spread or JSON.stringify.
 */
export interface RawValue {
  raw: string;
  pos: Position;
}

/** One item of a list setting (a contact, a request handler, a spammer header). */
export interface ListItem {
  pos: Position;
  /** single-valued fields by field id */
  fields: Record<string, RawValue>;
  /** repeated fields (spammer <value>) by field id */
  repeated: Record<string, RawValue[]>;
}

export type IgnoredReason =
  /** the server reads no such element or attribute */
  | 'unknown'
  /** a later repeat of an element or attribute: the server reads only the first */
  | 'duplicate';

/** An element or attribute that drachtio-server does not read; kept so it can be reported and written back. */
export interface IgnoredNode {
  reason: IgnoredReason;
  /** element path below <drachtio> of the element holding it (for an element: its parent) */
  parent: readonly string[];
  name: string;
  pos: Position;
  /** for an attribute: its value; for an element: the whole subtree */
  attrValue?: string;
  element?: XmlElement;
  /** when the node sits inside a list item: the list id and the item index */
  inList?: { id: string; index: number };
}

/** The configuration as drachtio-server's XML reader sees it: settings by registry id, raw text kept. */
export interface DrachtioConfig {
  /** file path, or a label such as <stdin> */
  source: string;
  /** name and position of the document element; the server requires <drachtio> */
  root?: { name: string; pos: Position };
  /** set when the document is one section of a config (e.g. a <contacts> snippet from documentation): its element path, '/'-joined */
  fragment?: string;
  values: Map<string, RawValue>;
  lists: Map<string, ListItem[]>;
  ignored: IgnoredNode[];
  /**
   * present elements (by path below <drachtio>, '/'-joined): the first of each, by which its
   * position is found when a rule asks (finding it for each would search a big file for its lines)
   */
  elements: Map<string, Located>;
}

/** Something with a place in a file (an XML element, a value read from a document). */
export interface Located {
  readonly pos: Position;
}

/** Where the first element at `path` (below <drachtio>, '/'-joined) is, when the file has one. */
export const elementPos = (config: DrachtioConfig, path: string): Position | undefined => config.elements.get(path)?.pos;

export function emptyConfig(source: string): DrachtioConfig {
  return { source, values: new Map(), lists: new Map(), ignored: [], elements: new Map() };
}
