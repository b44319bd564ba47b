import { describeEntry, describeSetting, type SettingDescription } from '../docs/describe.js';
import { LISTS, listAt, settingAtXml, type Setting } from '../registry/index.js';
import type { Cursor } from './cursor.js';

/** A place in a drachtio config: element path below <drachtio>, and the attribute or the element's text there. */
export interface XmlPlace {
  path: readonly string[];
  attr?: string;
  /** the element's text rather than the element (matters for list items: <contact> is the list, its text a contact's URI) */
  text?: boolean;
}

export interface SettingHere {
  /** the scalar or list field whose value stands here; absent for a list as a whole */
  setting?: Setting;
  description: SettingDescription;
}

const startsWith = (path: readonly string[], prefix: readonly string[]) => prefix.every((p, i) => path[i] === p);
const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && startsWith(a, b);

/** The registry's setting at a place, scalar or list field, or the list whose container or item it is. */
export function settingAt({ path, attr, text }: XmlPlace): SettingHere | undefined {
  const scalar = settingAtXml(path, attr);
  if (scalar) return { setting: scalar, description: describeSetting(scalar) };
  const container = attr === undefined ? listAt(path) : undefined;
  if (container) return { description: describeEntry(container)[0]! };
  for (const list of LISTS) {
    const item = [...list.container, list.item];
    if (!startsWith(path, item)) continue;
    const rest = path.slice(item.length);
    if (rest.length === 0 && attr === undefined && !text) return { description: describeEntry(list)[0]! };
    const field = list.fields.find((f) => f.xml && same(f.xml.element, rest) && f.xml.attr === attr);
    if (field) return { setting: field, description: describeSetting(field, list) };
  }
  return undefined;
}

/** The place a cursor stands on, below <drachtio>; undefined outside the document element or on it. */
export function placeOf(cursor: Cursor): XmlPlace | undefined {
  const { kind, open, name } = cursor;
  // an end tag names the innermost open element of its name
  const closes = kind === 'closing' ? open.lastIndexOf(name) : -1;
  const path = closes >= 0 ? open.slice(0, closes + 1) : kind === 'element' || kind === 'closing' ? [...open, name] : open;
  if (path[0] !== 'drachtio' || path.length < 2) return undefined;
  const below = path.slice(1);
  if (kind === 'attribute' || kind === 'value') return { path: below, attr: name };
  return { path: below, ...(kind === 'text' && { text: true }) };
}
