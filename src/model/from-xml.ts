import { LISTS, SCALARS, listAt, settingAtXml, type ListSetting, type Setting } from '../registry/index.js';
import type { XmlElement, XmlDocument } from '../xml/tree.js';
import { emptyConfig, type DrachtioConfig, type IgnoredNode, type ListItem } from './config.js';

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
    readElement(config, root, []);
  } else if (FRAGMENT_PATHS.has(root.name)) {
    const path = FRAGMENT_PATHS.get(root.name)!;
    config.fragment = path.join('/');
    readElement(config, root, path);
  } else {
    config.ignored.push({ reason: 'unknown', parent: [], name: root.name, pos: root.pos, element: root });
  }
  return config;
}

function readElement(config: DrachtioConfig, el: XmlElement, path: readonly string[]): void {
  if (path.length > 0) config.elements.set(path.join('/'), el.pos);
  readAttributes(config, el, path);
  const textSetting = path.length > 0 ? settingAtXml(path) : undefined;
  if (textSetting) config.values.set(textSetting.id, { raw: el.text, pos: el.textPos });

  const list = listAt(path);
  const seen = new Set<string>();
  for (const child of el.children) {
    if (list && child.name === list.item) {
      readListItem(config, list, child);
      continue;
    }
    const childPath = [...path, child.name];
    if (!KNOWN_ELEMENTS.has(childPath.join('/'))) {
      config.ignored.push({ reason: 'unknown', parent: path, name: child.name, pos: child.pos, element: child });
    } else if (seen.has(child.name)) {
      config.ignored.push({ reason: 'duplicate', parent: path, name: child.name, pos: child.pos, element: child });
    } else {
      seen.add(child.name);
      readElement(config, child, childPath);
    }
  }
}

function readAttributes(config: DrachtioConfig, el: XmlElement, path: readonly string[]): void {
  const seen = new Set<string>();
  for (const attr of el.attrs) {
    const s = path.length > 0 ? settingAtXml(path, attr.name) : undefined;
    const reason = !s ? 'unknown' : seen.has(attr.name) ? 'duplicate' : undefined;
    if (reason) {
      config.ignored.push({ reason, parent: path, name: attr.name, pos: attr.pos, attrValue: attr.value });
      continue;
    }
    seen.add(attr.name);
    config.values.set(s!.id, { raw: attr.value, pos: attr.pos });
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

function readListItem(config: DrachtioConfig, list: ListSetting, el: XmlElement): void {
  const fields = LIST_FIELDS.get(list)!;
  let items = config.lists.get(list.id);
  if (!items) config.lists.set(list.id, (items = []));
  const item: ListItem = { pos: el.pos, fields: {}, repeated: NO_REPEATS };
  const index = items.length;
  // built only when something in the item is ignored: most items have nothing ignored
  let inList: IgnoredNode['inList'];
  const itemPath = fields.itemPath;
  items.push(item);

  for (const attr of el.attrs) {
    const field = fields.byAttr.get(attr.name);
    const reason = !field ? 'unknown' : item.fields[field.id] ? 'duplicate' : undefined;
    if (reason) {
      config.ignored.push({ reason, parent: itemPath, name: attr.name, pos: attr.pos, attrValue: attr.value, inList: (inList ??= { id: list.id, index }) });
    } else {
      item.fields[field!.id] = { raw: attr.value, pos: attr.pos };
    }
  }
  const textField = fields.text;
  if (textField) item.fields[textField.id] = { raw: el.text, pos: el.textPos };

  for (const child of el.children) {
    const field = fields.repeatedByElement.get(child.name);
    if (field) {
      if (item.repeated === NO_REPEATS) item.repeated = {};
      (item.repeated[field.id] ??= []).push({ raw: child.text, pos: child.textPos });
    } else {
      config.ignored.push({ reason: 'unknown', parent: itemPath, name: child.name, pos: child.pos, element: child, inList: (inList ??= { id: list.id, index }) });
    }
  }
}
