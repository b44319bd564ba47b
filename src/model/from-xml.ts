import { LISTS, SCALARS, listAt, settingAtXml, type ListSetting, type Setting } from '../registry/index.js';
import type { Position } from '../xml/positions.js';
import type { XmlElement, XmlDocument } from '../xml/tree.js';
import { emptyConfig, type DrachtioConfig, type IgnoredNode, type ListItem, type RawValue } from './config.js';

/** Every element path below <drachtio> that the server looks into. */
const KNOWN_ELEMENTS: ReadonlySet<string> = (() => {
  const known = new Set<string>();
  const addPrefixes = (path: readonly string[]) => {
    for (let i = 1; i <= path.length; i++) known.add(path.slice(0, i).join('/'));
  };
  for (const s of SCALARS) if (s.xml) addPrefixes(s.xml.element);
  for (const l of LISTS) addPrefixes(l.container);
  return known;
})();

/** Element names that sit at exactly one known place, so a snippet rooted there can be read as that section. */
const FRAGMENT_PATHS: ReadonlyMap<string, readonly string[]> = (() => {
  const byName = new Map<string, string[][]>();
  for (const key of KNOWN_ELEMENTS) {
    const path = key.split('/');
    const name = path[path.length - 1]!;
    byName.set(name, [...(byName.get(name) ?? []), path]);
  }
  return new Map([...byName].filter(([, paths]) => paths.length === 1).map(([name, [path]]) => [name, path!]));
})();

/** The path of a section a file may hold alone (`--fragment`): its element name or its path, e.g. contacts or sip/contacts. */
export function fragmentSection(text: string): string | undefined {
  const byName = FRAGMENT_PATHS.get(text);
  if (byName) return byName.join('/');
  return [...FRAGMENT_PATHS.values()].some((p) => p.join('/') === text) ? text : undefined;
}

/**
 * Read a parsed XML document the way drachtio-server does: the first element of each name
 * wins, list items repeat, anything else is recorded as ignored, never dropped.
 */
export function configFromXml(doc: XmlDocument, source: string): DrachtioConfig {
  const config = emptyConfig(source);
  const [root, ...extraRoots] = doc.roots;
  if (!root) return config;
  config.root = { name: root.name, pos: root.pos };
  for (const extra of extraRoots) {
    config.ignored.push({ reason: 'unknown', parent: ['..'], name: extra.name, pos: extra.pos, element: extra });
  }
  if (root.name === 'drachtio') {
    readElement(config, root, ROOT_PLACE);
  } else if (FRAGMENT_PATHS.has(root.name)) {
    const path = FRAGMENT_PATHS.get(root.name)!;
    config.fragment = path.join('/');
    readElement(config, root, placeOf(path));
  } else {
    config.ignored.push({ reason: 'unknown', parent: [], name: root.name, pos: root.pos, element: root });
  }
  return config;
}

/** A known element path, with what the server reads there: built once, so reading a file joins no paths. */
interface Place {
  path: readonly string[];
  /** the '/'-joined path, as config.elements keys it */
  key: string;
  text: Setting | undefined;
  attrs: ReadonlyMap<string, Setting>;
  list: ListSetting | undefined;
  children: Map<string, Place>;
}

/** The places below <drachtio> (the root place), as a tree of KNOWN_ELEMENTS. */
const ROOT_PLACE: Place = (() => {
  const attrsAt = new Map<string, Map<string, Setting>>();
  for (const s of SCALARS) {
    if (!s.xml?.attr) continue;
    const key = s.xml.element.join('/');
    if (!attrsAt.has(key)) attrsAt.set(key, new Map());
    attrsAt.get(key)!.set(s.xml.attr, s);
  }
  const place = (path: readonly string[], key: string): Place => ({
    path,
    key,
    text: path.length > 0 ? settingAtXml(path) : undefined,
    attrs: attrsAt.get(key) ?? new Map(),
    list: listAt(path),
    children: new Map(),
  });
  const root = place([], '');
  const byKey = new Map<string, Place>([['', root]]);
  // parents before children: a key's prefixes are shorter
  for (const key of [...KNOWN_ELEMENTS].sort((a, b) => a.length - b.length)) {
    const path = key.split('/');
    const node = place(path, key);
    byKey.set(key, node);
    byKey.get(path.slice(0, -1).join('/'))!.children.set(path[path.length - 1]!, node);
  }
  return root;
})();

/** The place of a fragment's root element. */
function placeOf(path: readonly string[]): Place {
  let node = ROOT_PLACE;
  for (const name of path) node = node.children.get(name)!;
  return node;
}

function readElement(config: DrachtioConfig, el: XmlElement, at: Place): void {
  const path = at.path;
  if (path.length > 0) config.elements.set(at.key, el);
  if (el.attrs.length > 0) readAttributes(config, el, at);
  if (at.text) config.values.set(at.text.id, new TextValue(el));

  const list = at.list;
  // the list's fields and items, looked up once for all its items
  const fields = list && LIST_FIELDS.get(list)!;
  let items: ListItem[] | undefined;
  const children = el.children;
  // the first of each name is read; a set only for an element with many children
  const seen = children.length > FEW_CHILDREN ? new Set<string>() : undefined;
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    if (list && child.name === list.item) {
      readListItem(config, list, fields!, (items ??= listItems(config, list)), child);
      continue;
    }
    const next = at.children.get(child.name);
    if (!next) {
      config.ignored.push({ reason: 'unknown', parent: path, name: child.name, pos: child.pos, element: child });
    } else if (seen ? seen.has(child.name) : namedBefore(children, i)) {
      config.ignored.push({ reason: 'duplicate', parent: path, name: child.name, pos: child.pos, element: child });
    } else {
      seen?.add(child.name);
      readElement(config, child, next);
    }
  }
}

/** Below this many children, looking back costs less than a set. */
const FEW_CHILDREN = 8;

/** Whether a child before the i-th has its name. */
function namedBefore(children: readonly XmlElement[], i: number): boolean {
  for (let k = 0; k < i; k++) if (children[k]!.name === children[i]!.name) return true;
  return false;
}

function readAttributes(config: DrachtioConfig, el: XmlElement, at: Place): void {
  const attrs = el.attrs;
  for (let i = 0; i < attrs.length; i++) {
    const attr = attrs[i]!;
    const s = at.attrs.get(attr.name);
    // a setting has one place, so a value already read there came from an earlier attribute of this name
    const reason = !s ? 'unknown' : config.values.has(s.id) ? 'duplicate' : undefined;
    if (reason) {
      config.ignored.push({ reason, parent: at.path, name: attr.name, pos: attr.pos, attrValue: attr.value });
      continue;
    }
    config.values.set(s!.id, attr);
  }
}

interface ListFields {
  /** element path of an item, for what is ignored in one */
  itemPath: readonly string[];
  byAttr: ReadonlyMap<string, Setting>;
  text: Setting | undefined;
  repeatedByElement: ReadonlyMap<string, Setting>;
}

/** Each list's fields by the way they appear in XML; built once, used for every item of every file. */
const LIST_FIELDS: ReadonlyMap<ListSetting, ListFields> = new Map(
  LISTS.map((list) => [
    list,
    {
      itemPath: [...list.container, list.item],
      byAttr: new Map(list.fields.filter((f) => f.xml?.attr).map((f) => [f.xml!.attr!, f])),
      text: list.fields.find((f) => f.xml && !f.xml.attr && f.xml.element.length === 0),
      repeatedByElement: new Map(list.fields.filter((f) => f.repeated && f.xml?.element[0]).map((f) => [f.xml!.element[0]!, f])),
    },
  ]),
);

/** Most items (contacts) repeat nothing: they share one empty record until they do. */
const NO_REPEATS: ListItem['repeated'] = Object.freeze({});

/**
 * The model's values and items read from the tree are views of it, without copies of its
 * positions (which the tree finds when first asked): an attribute is its own value, and these
 * two stand for an element's text and for a list item.
 */
class TextValue implements RawValue {
  /** a field, not a getter: rules read it for every value */
  readonly raw: string;
  readonly #el: XmlElement;
  constructor(el: XmlElement) {
    this.raw = el.text;
    this.#el = el;
  }
  get pos(): Position {
    return this.#el.textPos;
  }
}

class Item implements ListItem {
  readonly #el: XmlElement;
  fields: ListItem['fields'] = {};
  repeated = NO_REPEATS;
  constructor(el: XmlElement) {
    this.#el = el;
  }
  get pos(): Position {
    return this.#el.pos;
  }
}

function listItems(config: DrachtioConfig, list: ListSetting): ListItem[] {
  let items = config.lists.get(list.id);
  if (!items) config.lists.set(list.id, (items = []));
  return items;
}

function readListItem(config: DrachtioConfig, list: ListSetting, fields: ListFields, items: ListItem[], el: XmlElement): void {
  const item = new Item(el);
  const index = items.length;
  // built only when something in the item is ignored: most items have nothing ignored
  let inList: IgnoredNode['inList'];
  const itemPath = fields.itemPath;
  items.push(item);

  const attrs = el.attrs;
  for (let i = 0; i < attrs.length; i++) {
    const attr = attrs[i]!;
    const field = fields.byAttr.get(attr.name);
    const reason = !field ? 'unknown' : item.fields[field.id] ? 'duplicate' : undefined;
    if (reason) {
      config.ignored.push({ reason, parent: itemPath, name: attr.name, pos: attr.pos, attrValue: attr.value, inList: (inList ??= { id: list.id, index }) });
    } else {
      item.fields[field!.id] = attr;
    }
  }
  const textField = fields.text;
  if (textField) item.fields[textField.id] = new TextValue(el);

  const children = el.children;
  // a repeated field's values come one after another (a spammer header's thousands of <value>):
  // the field and its values are looked up once per run of them
  let name: string | undefined;
  let values: RawValue[] | undefined;
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    if (child.name !== name) {
      name = child.name;
      const field = fields.repeatedByElement.get(name);
      if (field && item.repeated === NO_REPEATS) item.repeated = {};
      values = field && (item.repeated[field.id] ??= []);
    }
    if (values) {
      values.push(new TextValue(child));
    } else {
      config.ignored.push({ reason: 'unknown', parent: itemPath, name: child.name, pos: child.pos, element: child, inList: (inList ??= { id: list.id, index }) });
    }
  }
}
