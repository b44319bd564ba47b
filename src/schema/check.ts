import { LISTS, SCALARS, type Setting } from '../registry/index.js';
import { typedValue } from '../model/coerce.js';
import type { DrachtioConfig, RawValue } from '../model/config.js';
import type { Origin } from '../model/document.js';
import { isTemplated } from './patterns.js';
import { validatorOf } from './validator.generated.js';

/** A JSON Schema violation, traced back to the XML text it came from. */
export interface SchemaError {
  keyword: string;
  params: Record<string, unknown>;
  origin: Origin;
}

/**
 * Check every value of a configuration against the registry's JSON Schema, as it stands in the
 * JSON form (typed where the text is clean; template placeholders left out), in registry order.
 * Value by value with the validators compiled at build time: the same findings as validating the
 * whole document, without building it.
 */
export function checkSchema(config: DrachtioConfig): SchemaError[] {
  const out: SchemaError[] = [];
  for (let i = 0; i < SCALARS.length; i++) {
    const s = SCALARS[i]!;
    const v = config.values.get(s.id);
    if (v && !isTemplated(v.raw)) checkValue(s.id, typedValue(s, v.raw), v, out);
  }
  for (const list of LISTS) {
    const items = config.lists.get(list.id);
    if (!items) continue;
    const ids = FIELD_IDS.get(list)!;
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      for (let k = 0; k < list.fields.length; k++) {
        const f = list.fields[k]!;
        const id = ids[k]!;
        if (f.repeated) {
          const values = item.repeated[f.id] ?? [];
          for (let r = 0; r < values.length; r++) if (!isTemplated(values[r]!.raw)) checkValue(id, values[r]!.raw, values[r]!, out);
          continue;
        }
        const v = item.fields[f.id];
        if (v && !isTemplated(v.raw)) checkValue(id, typedValue(f as Setting, v.raw), v, out);
      }
    }
  }
  return out;
}

/** each list's field ids as the validators are named (`<list id>.<field id>`) */
const FIELD_IDS = new Map(LISTS.map((l) => [l, l.fields.map((f) => `${l.id}.${f.id}`)]));

/** each value is checked as a document of its own */
const AT_ROOT = Object.freeze({ instancePath: '' });

function checkValue(setting: string, data: unknown, value: RawValue, out: SchemaError[]): void {
  const validate = validatorOf[setting]!;
  if (validate(data, AT_ROOT)) return;
  for (const e of validate.errors ?? []) out.push({ keyword: e.keyword, params: e.params, origin: { setting, value } });
}
