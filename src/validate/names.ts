import type { DrachtioConfig, RawValue } from '../model/config.js';
import { LISTS, SCALARS, type Setting } from '../registry/index.js';
import { editDistance } from '../registry/suggest.js';

/** Where the server reads things: element and attribute names by parent path, derived from the registry. */

const key = (path: readonly string[]) => path.join('/');

const children = new Map<string, Set<string>>();
const attributes = new Map<string, Set<string>>();
const add = (map: Map<string, Set<string>>, path: readonly string[], name: string) => {
  const k = key(path);
  if (!map.has(k)) map.set(k, new Set());
  map.get(k)!.add(name);
};
const addElementPath = (path: readonly string[]) => {
  for (let i = 0; i < path.length; i++) add(children, path.slice(0, i), path[i]!);
};

for (const s of SCALARS) {
  if (!s.xml) continue;
  addElementPath(s.xml.element);
  if (s.xml.attr) add(attributes, s.xml.element, s.xml.attr);
}
for (const l of LISTS) {
  const item = [...l.container, l.item];
  addElementPath(item);
  for (const f of l.fields) {
    if (f.xml?.attr) add(attributes, item, f.xml.attr);
    if (f.xml && f.xml.element.length > 0) addElementPath([...item, ...f.xml.element]);
  }
}

/** Element names the server reads directly below `parent` (a path below <drachtio>). */
export function knownChildren(parent: readonly string[]): readonly string[] {
  return [...(children.get(key(parent)) ?? [])];
}

/** Attribute names the server reads on the element at `path`. */
export function knownAttributes(path: readonly string[]): readonly string[] {
  return [...(attributes.get(key(path)) ?? [])];
}

/** Every place an element of this name is read, as paths below <drachtio>. */
export function placesOf(name: string): string[][] {
  const out: string[][] = [];
  for (const [parent, names] of children) {
    if (names.has(name)) out.push([...(parent === '' ? [] : parent.split('/')), name]);
  }
  return out;
}

/** The setting (scalar or list field) at an XML location, with its list's path for list fields. */
export function settingWithSpelling(parent: readonly string[], name: string, isAttr: boolean): { setting: Setting; realName: string } | undefined {
  const matches = (s: Setting, path: readonly string[]) =>
    s.ignoredSpellings?.some((sp) => sp.name === name) &&
    (isAttr ? s.xml?.attr !== undefined && key(path) === key(parent) : s.xml?.attr === undefined && key(path.slice(0, -1)) === key(parent));
  for (const s of SCALARS) {
    if (s.xml && matches(s, s.xml.element)) return { setting: s, realName: isAttr ? s.xml.attr! : s.xml.element[s.xml.element.length - 1]! };
  }
  return undefined;
}

/** The known names closest to a misspelt one (ties all kept), when close enough to be a likely typo. */
export function closest(name: string, candidates: readonly string[]): string[] {
  const scored = candidates.map((c) => ({ c, d: editDistance(name.toLowerCase(), c.toLowerCase()), allowed: Math.min(3, Math.max(1, Math.floor(Math.min(name.length, c.length) / 3))) }));
  const near = scored.filter((s) => s.d <= s.allowed);
  const best = Math.min(...near.map((s) => s.d));
  return near.filter((s) => s.d === best).map((s) => s.c).sort();
}

/** How an XML location reads in a message: <udp-mtu>, or the port attribute of <admin>. */
export function xmlLabel(element: readonly string[], attr?: string): string {
  const el = `<${element[element.length - 1] ?? 'drachtio'}>`;
  return attr ? `the ${attr} attribute of ${el}` : el;
}

/** The XML label of a setting or list field (list fields need their list's item path). */
export function settingLabel(s: Setting, itemPath: readonly string[] = []): string {
  const element = s.xml?.element ?? [];
  // the innermost element names it: the setting's own, else its list item's
  return xmlLabel(element.length > 0 ? element : itemPath, s.xml?.attr);
}

/** A setting or list field present in a config, with its value and the versions that bound it. */
export interface PresentValue {
  setting: Setting;
  /** registry id; `<list id>.<field id>` for list fields */
  id: string;
  value: RawValue;
  /** the list item's element path, for list fields */
  itemPath: readonly string[];
  /** first release reading it: the later of the list's and the field's */
  since?: string;
}

/** Per list: its item's element path, and each field with its id and first release (the later of the list's and the field's). */
const LIST_FIELDS = LISTS.map((l) => {
  const itemPath: readonly string[] = [...l.container, l.item];
  return { list: l, fields: l.fields.map((f) => ({ setting: f, id: `${l.id}.${f.id}`, itemPath, since: f.since ?? l.since })) };
});

/** Settings and list fields a rule reads: chosen once, since every file asks for the same ones. */
export interface SettingSelection {
  scalars: readonly Setting[];
  lists: readonly (typeof LIST_FIELDS)[number][];
}

/** The settings and list fields `wanted` accepts. */
export function selectSettings(wanted: (s: Setting) => boolean): SettingSelection {
  return {
    scalars: SCALARS.filter(wanted),
    lists: LIST_FIELDS.map(({ list, fields }) => ({ list, fields: fields.filter((f) => wanted(f.setting)) })).filter((l) => l.fields.length > 0),
  };
}

/** A scalar's item path: it is in no list item. */
const NO_ITEM: readonly string[] = Object.freeze([]);

/**
 * Visit every value present in a config, of the selected settings, in registry order. Handed over
 * one at a time, not kept: a big config has one per list field per item, and most rules want few settings.
 */
export function eachPresentValue(config: DrachtioConfig, selection: SettingSelection, visit: (p: PresentValue) => void): void {
  // indexed: a for-of loop makes an iterator result per setting until V8 optimises it, and most files are done before that
  const scalars = selection.scalars;
  for (let i = 0; i < scalars.length; i++) {
    const s = scalars[i]!;
    const value = config.values.get(s.id);
    if (value) visit({ setting: s, id: s.id, value, itemPath: NO_ITEM, since: s.since });
  }
  for (const { list, fields } of selection.lists) {
    const items = config.lists.get(list.id);
    if (!items) continue;
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      for (let k = 0; k < fields.length; k++) {
        const { setting, id, itemPath, since } = fields[k]!;
        const value = item.fields[setting.id] ?? item.repeated[setting.id]?.[0];
        if (value) visit({ setting, id, value, itemPath, since });
      }
    }
  }
}

/** Every setting and list field: for rules that look at all of them. */
export const EVERY_SETTING = selectSettings(() => true);
