import { isDeepStrictEqual } from 'node:util';
import type { DrachtioConfig, ListItem } from '../model/config.js';
import { fileValueOrDefault } from '../model/coerce.js';
import { displayValue } from '../model/secrets.js';
import { LISTS, SCALARS, type ListSetting } from '../registry/index.js';

export type ChangeKind = 'added' | 'removed' | 'changed';

export interface Change {
  /** registry id; list items as `<list id>[<key>]`, their fields as `<list id>[<key>].<field>` */
  setting: string;
  kind: ChangeKind;
  from?: unknown;
  to?: unknown;
}

export interface DiffOptions {
  /** compare the text as written instead of what the server makes of it */
  raw?: boolean;
  showSecrets?: boolean;
}

/**
 * How list items are matched between two files: request handlers by SIP method (upper-cased,
 * as the server keys its routes), spammer headers by name, contacts by position.
 */
const ITEM_KEY: Record<string, (item: ListItem, index: number) => string> = {
  'request-handlers': (item) => (item.fields['sip-method']?.raw ?? '*').toUpperCase(),
  'sip.spammers.headers': (item) => (item.fields.name?.raw ?? '').toLowerCase(),
};

/**
 * The settings that differ between two configurations, by registry id. By default values are
 * compared as drachtio-server reads them: port="9022" and no port at all are the same.
 */
export function diffConfigs(a: DrachtioConfig, b: DrachtioConfig, options: DiffOptions = {}): Change[] {
  const changes: Change[] = [];
  const show = (id: string, v: unknown) => displayValue(id, v, options.showSecrets ?? false);
  // added/removed: no value at all on one side (not written and no default); a default counts as a value
  const push = (id: string, from: unknown, to: unknown) => {
    if (isDeepStrictEqual(from, to)) return;
    const kind: ChangeKind = from === undefined ? 'added' : to === undefined ? 'removed' : 'changed';
    changes.push({ setting: id, kind, ...(from !== undefined && { from: show(id, from) }), ...(to !== undefined && { to: show(id, to) }) });
  };

  for (const s of SCALARS) {
    const ra = a.values.get(s.id)?.raw;
    const rb = b.values.get(s.id)?.raw;
    if (ra === undefined && rb === undefined) continue;
    const value = (raw: string | undefined) => (options.raw ? raw : fileValueOrDefault(s, raw));
    push(s.id, value(ra), value(rb));
  }
  for (const list of LISTS) diffList(list, a.lists.get(list.id) ?? [], b.lists.get(list.id) ?? [], options, push);
  return changes;
}

function diffList(
  list: ListSetting,
  a: ListItem[],
  b: ListItem[],
  options: DiffOptions,
  push: (id: string, from: unknown, to: unknown) => void,
): void {
  const key = ITEM_KEY[list.id] ?? ((_: ListItem, i: number) => String(i));
  const keyed = (items: ListItem[]) => {
    const map = new Map<string, ListItem>();
    // the server keeps the first item for a key, so later ones do not count
    items.forEach((item, i) => map.has(key(item, i)) || map.set(key(item, i), item));
    return map;
  };
  const ka = keyed(a);
  const kb = keyed(b);
  for (const k of new Set([...ka.keys(), ...kb.keys()])) {
    const ia = ka.get(k);
    const ib = kb.get(k);
    for (const f of list.fields) {
      const id = `${list.id}[${k}].${f.id}`;
      if (f.repeated) {
        const va = ia?.repeated[f.id]?.map((v) => v.raw);
        const vb = ib?.repeated[f.id]?.map((v) => v.raw);
        if (va || vb) push(id, va, vb);
        continue;
      }
      const ra = ia?.fields[f.id]?.raw;
      const rb = ib?.fields[f.id]?.raw;
      if (ra === undefined && rb === undefined) continue;
      // an item missing on one side has no values there, defaults included
      const value = (item: ListItem | undefined, raw: string | undefined) => (!item ? undefined : options.raw ? raw : fileValueOrDefault(f, raw));
      push(id, value(ia, ra), value(ib, rb));
    }
  }
}
