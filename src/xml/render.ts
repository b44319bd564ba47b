import { UserError } from '../errors.js';
import type { DrachtioConfig } from '../model/config.js';
import { REGISTRY, isList, type ListSetting, type Setting } from '../registry/index.js';
import type { XmlElement } from './tree.js';
import { XML_DECLARATION, XmlWriterElement } from './writer.js';

/**
 * Write a configuration as a canonical drachtio.conf.xml: registry order, two-space
 * indentation, a comment naming what each element configures. Elements the server does
 * not read are written back where they were; repeated attributes cannot be, and are dropped
 * (the server reads only the first).
 */
export function renderXml(config: DrachtioConfig): string {
  checkCopyDepth(config);
  if (config.root && config.root.name !== 'drachtio' && !config.fragment) {
    // not a drachtio document: nothing in it is a setting, so it is written back as it was
    const foreign = config.ignored.find((n) => n.parent.length === 0 && n.element)?.element;
    return `${foreign ? fillElement(new XmlWriterElement(foreign.name), foreign).toDocument() : XML_DECLARATION}\n`;
  }
  const root = new XmlWriterElement(config.fragment?.split('/').pop() ?? 'drachtio');
  // a fragment's paths start with its own element, which is the root here
  const elements = new Map<string, XmlWriterElement>([[config.fragment ?? '', root]]);
  const commented = new Set<string>();

  const elementAt = (path: readonly string[]): XmlWriterElement => {
    const key = path.join('/');
    if (path.length === 0) return root;
    let el = elements.get(key);
    if (!el) {
      el = elementAt(path.slice(0, -1)).ele(path[path.length - 1]!);
      elements.set(key, el);
    }
    return el;
  };

  for (const entry of REGISTRY) {
    if (isList(entry)) {
      renderList(config, entry, elementAt);
      continue;
    }
    const value = config.values.get(entry.id);
    if (!value || !entry.xml) continue;
    const path = entry.xml.element;
    const key = path.join('/');
    if (!elements.has(key) && !commented.has(key)) {
      elementAt(path.slice(0, -1)).com(` ${describeElement(config, path)} `);
      commented.add(key);
    }
    const el = elementAt(path);
    if (entry.xml.attr) el.att(entry.xml.attr, value.raw);
    else if (entry.xml.reader !== 'presence' && value.raw !== '') el.txt(value.raw);
  }

  // elements present but holding no setting still come first, so later repeats stay repeats
  for (const key of config.elements.keys()) elementAt(key.split('/'));
  for (const node of config.ignored) {
    if (node.inList || node.parent[0] === '..' || node.parent.length === 0 && config.root?.name !== 'drachtio') continue;
    if (node.attrValue !== undefined) {
      if (node.reason === 'unknown') elementAt(node.parent).att(node.name, node.attrValue);
    } else if (node.element) {
      copyElement(elementAt(node.parent), node.element);
    }
  }
  return `${root.toDocument()}\n`;
}

function renderList(config: DrachtioConfig, list: ListSetting, elementAt: (p: readonly string[]) => XmlWriterElement): void {
  const items = config.lists.get(list.id);
  if (!items) return;
  const container = elementAt(list.container);
  container.com(` ${list.summary} `);
  items.forEach((item, index) => {
    const el = container.ele(list.item);
    for (const field of list.fields) {
      const value = item.fields[field.id];
      if (value && field.xml?.attr) el.att(field.xml.attr, value.raw);
    }
    for (const node of config.ignored) {
      if (node.inList?.id === list.id && node.inList.index === index && node.attrValue !== undefined && node.reason === 'unknown') {
        el.att(node.name, node.attrValue);
      }
    }
    const text = list.fields.find((f) => f.xml && !f.xml.attr && f.xml.element.length === 0);
    const textValue = text && item.fields[text.id];
    if (textValue && textValue.raw !== '') el.txt(textValue.raw);
    for (const field of list.fields.filter((f) => f.repeated)) {
      for (const v of item.repeated[field.id] ?? []) el.ele(field.xml!.element[0]!).txt(v.raw);
    }
    for (const node of config.ignored) {
      if (node.inList?.id === list.id && node.inList.index === index && node.element) copyElement(el, node.element);
    }
  });
}

/** One line naming what the settings on an element do, from their registry summaries. */
function describeElement(config: DrachtioConfig, path: readonly string[]): string {
  const here = REGISTRY.filter(
    (e): e is Setting => !isList(e) && !!e.xml && e.xml.element.join('/') === path.join('/') && config.values.has(e.id),
  );
  const text = here.find((s) => !s.xml!.attr);
  return (text ?? here[0])?.summary.replace(/--/g, '-') ?? path.join(' ');
}

/** Far deeper than any config; shallow enough for the XML writer, which recurses once per level. */
const MAX_COPY_DEPTH = 500;

/** Elements the server ignores are written back; nested absurdly deep they cannot be, and that is a UserError. */
function checkCopyDepth(config: DrachtioConfig): void {
  for (const node of config.ignored) {
    const stack: [XmlElement, number][] = node.element ? [[node.element, 1]] : [];
    for (let top = stack.pop(); top; top = stack.pop()) {
      const [el, depth] = top;
      if (depth > MAX_COPY_DEPTH) {
        throw new UserError(`elements nested over ${MAX_COPY_DEPTH} deep cannot be written back`, config.source, el.pos.line, el.pos.column);
      }
      for (const child of el.children) stack.push([child, depth + 1]);
    }
  }
}

function copyElement(parent: XmlWriterElement, source: XmlElement): void {
  fillElement(parent.ele(source.name), source);
}

/** Give `el` the attributes (the first of each name), text and children of `source`. */
function fillElement(el: XmlWriterElement, source: XmlElement): XmlWriterElement {
  const seen = new Set<string>();
  for (const a of source.attrs) {
    if (seen.has(a.name)) continue;
    seen.add(a.name);
    el.att(a.name, a.value);
  }
  if (source.text.trim() !== '' && source.children.length === 0) el.txt(source.text);
  for (const child of source.children) copyElement(el, child);
  return el;
}
