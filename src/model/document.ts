import { LISTS, SCALARS, type Setting, type SettingValue } from '../registry/index.js';
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
  /** origin of a JSON pointer as ajv reports it (e.g. /sip/contacts/0/uri), found on demand */
  origins: { get(pointer: string): Origin | undefined };
}

/** Set `value` at the path of a setting id, split into its parts. */
function setPath(root: JsonObject, parts: readonly string[], value: JsonValue): void {
  let node = root;
  const last = parts.length - 1;
  for (let i = 0; i < last; i++) node = (node[parts[i]!] ??= {}) as JsonObject;
  node[parts[last]!] = value;
}

/** every setting's and list's path in the JSON form, split once, not once per file */
const SCALAR_PATHS = SCALARS.map((s) => ({ s, parts: s.id.split('.') }));
const LIST_PATHS = LISTS.map((list) => ({ list, parts: list.id.split('.') }));

const pointer = (id: string) => '/' + id.split('.').join('/');
const SCALAR_BY_POINTER: ReadonlyMap<string, string> = new Map(SCALARS.map((s) => [pointer(s.id), s.id]));

/**
 * A value as the JSON form holds it: typed where the text is clean (a repeated field's items stay
 * text); undefined for a template placeholder, which cannot be checked. checkSchema judges these.
 */
export function jsonValue(s: Setting, raw: string): JsonValue | undefined {
  if (isTemplated(raw)) return undefined;
  return s.repeated ? raw : typedValue(s, raw);
}

/**
 * The JSON form of a configuration: nested by setting id, typed where the text is clean.
 * Values that are template placeholders ({{ }}) are left out: they cannot be checked.
 */
export function toDocument(config: DrachtioConfig): ConfigDocument {
  const json: JsonObject = {};
  for (const { s, parts } of SCALAR_PATHS) {
    const v = config.values.get(s.id);
    const value = v && jsonValue(s, v.raw);
    if (value !== undefined) setPath(json, parts, value);
  }
  for (const { list, parts } of LIST_PATHS) {
    const items = config.lists.get(list.id);
    if (!items) continue;
    setPath(
      json,
      parts,
      items.map((item) => {
        const out: JsonObject = {};
        for (const f of list.fields) {
          if (f.repeated) {
            const vs = item.repeated[f.id];
            if (vs) out[f.id] = vs.flatMap((v) => jsonValue(f, v.raw) ?? []);
            continue;
          }
          const value = item.fields[f.id] && jsonValue(f, item.fields[f.id]!.raw);
          if (value !== undefined) out[f.id] = value;
        }
        return out;
      }),
    );
  }
  // origins are looked up only for schema errors, so none are built for a clean config of any size
  return { json, origins: { get: (p) => originOf(config, p) } };
}

/** The setting and raw text behind a JSON pointer of the document. */
function originOf(config: DrachtioConfig, p: string): Origin | undefined {
  const scalar = SCALAR_BY_POINTER.get(p);
  if (scalar) {
    const value = config.values.get(scalar);
    return value && { setting: scalar, value };
  }
  for (const list of LISTS) {
    const prefix = `${pointer(list.id)}/`;
    if (!p.startsWith(prefix)) continue;
    const [index, field, repeat] = p.slice(prefix.length).split('/');
    const item = config.lists.get(list.id)?.[Number(index)];
    const f = list.fields.find((x) => x.id === field);
    if (!item || !f) return undefined;
    const value = f.repeated ? item.repeated[f.id]?.filter((v) => !isTemplated(v.raw))[Number(repeat)] : item.fields[f.id];
    return value && { setting: `${list.id}.${f.id}`, value };
  }
  return undefined;
}
