import { LISTS, SCALARS, type SettingValue } from '../registry/index.js';
import { isTemplated } from '../schema/patterns.js';
import type { DrachtioConfig, RawValue } from './config.js';
import { typedValue } from './coerce.js';

export type JsonValue = SettingValue | string[] | JsonObject | JsonValue[];
export interface JsonObject {
  [key: string]: JsonValue;
}

/** Where a value in the JSON form came from: setting id (list id + field for list items) and raw text. */
export interface Origin {
  setting: string;
  value: RawValue;
}

export interface ConfigDocument {
  json: JsonObject;
  /** JSON pointer (as ajv reports it, e.g. /sip/contacts/0/uri) to origin */
  origins: Map<string, Origin>;
}

function setPath(root: JsonObject, id: string, value: JsonValue): void {
  const parts = id.split('.');
  let node = root;
  for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as JsonObject;
  node[parts[parts.length - 1]!] = value;
}

const pointer = (id: string) => '/' + id.split('.').join('/');

/**
 * The JSON form of a configuration: nested by setting id, typed where the text is clean.
 * Values that are template placeholders ({{ }}) are left out: they cannot be checked.
 */
export function toDocument(config: DrachtioConfig): ConfigDocument {
  const json: JsonObject = {};
  const origins = new Map<string, Origin>();
  for (const s of SCALARS) {
    const v = config.values.get(s.id);
    if (!v || isTemplated(v.raw)) continue;
    setPath(json, s.id, typedValue(s, v.raw));
    origins.set(pointer(s.id), { setting: s.id, value: v });
  }
  for (const list of LISTS) {
    const items = config.lists.get(list.id);
    if (!items) continue;
    setPath(
      json,
      list.id,
      items.map((item, i) => {
        const out: JsonObject = {};
        for (const f of list.fields) {
          const path = `${pointer(list.id)}/${i}/${f.id}`;
          if (f.repeated) {
            const vs = item.repeated[f.id];
            if (!vs) continue;
            out[f.id] = vs.filter((v) => !isTemplated(v.raw)).map((v) => v.raw);
            vs.forEach((v, j) => origins.set(`${path}/${j}`, { setting: `${list.id}.${f.id}`, value: v }));
            continue;
          }
          const v = item.fields[f.id];
          if (!v || isTemplated(v.raw)) continue;
          out[f.id] = typedValue(f, v.raw);
          origins.set(path, { setting: `${list.id}.${f.id}`, value: v });
        }
        return out;
      }),
    );
  }
  return { json, origins };
}
