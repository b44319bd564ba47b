import { LISTS, SCALARS, type Setting } from '../registry/index.js';
import type { DrachtioConfig, RawValue } from '../model/config.js';
import { jsonValue, type Origin } from '../model/document.js';
import { contactsInForce, type ContactInForce } from '../model/contacts.js';
import { acceptsAnyText } from './build.js';
import { validatorOf, type ValueValidator } from './validator.generated.js';

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
    const validate = SCALAR_VALIDATORS[i];
    const v = validate && config.values.get(s.id);
    if (v) checkValue(s.id, s, validate, v, out);
  }
  for (const list of LISTS) {
    const items = config.lists.get(list.id);
    if (!items) continue;
    const fields = FIELD_CHECKS.get(list)!;
    const split = list.id === CONTACTS ? contactsInForce(config) : NONE_SPLIT;
    // the next contact in force: the items' URIs in order, unless a legacy <sip><contact> is in force
    let next = 0;
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      for (let k = 0; k < list.fields.length; k++) {
        const f = list.fields[k]!;
        const { id, validate } = fields[k]!;
        if (!validate) continue;
        if (f.repeated) {
          const values = item.repeated[f.id] ?? [];
          for (let r = 0; r < values.length; r++) checkValue(id, f, validate, values[r]!, out);
          continue;
        }
        const v = item.fields[f.id];
        if (!v) continue;
        // a SIP URI is matched against its pattern once: a contact's split (the same pattern) stands for its validator
        if (f.type.kind === 'sip-uri' && split[next]?.uri === v && split[next++]!.sip) continue;
        checkValue(id, f, validate, v, out);
      }
    }
  }
  return out;
}

const CONTACTS = 'sip.contacts';
const NONE_SPLIT: readonly ContactInForce[] = [];

/**
 * A setting's validator, looked up once (a big config checks tens of thousands of values); none
 * where any text passes: a blocklist's thousands of values are then not checked one by one.
 */
const validatorFor = (id: string, s: Setting): ValueValidator | undefined => (acceptsAnyText(s.type) ? undefined : validatorOf[id]!);
const SCALAR_VALIDATORS: readonly (ValueValidator | undefined)[] = SCALARS.map((s) => validatorFor(s.id, s));
/** each list's fields by the id their validators are named by (`<list id>.<field id>`), with the validator */
const FIELD_CHECKS = new Map(LISTS.map((l) => [l, l.fields.map((f) => ({ id: `${l.id}.${f.id}`, validate: validatorFor(`${l.id}.${f.id}`, f) }))]));

/** each value is checked as a document of its own */
const AT_ROOT = Object.freeze({ instancePath: '' });

/** Check one value as the JSON form holds it (none for a template placeholder). */
function checkValue(setting: string, s: Setting, validate: ValueValidator, value: RawValue, out: SchemaError[]): void {
  const data = jsonValue(s, value.raw);
  if (data === undefined || validate(data, AT_ROOT)) return;
  for (const e of validate.errors ?? []) out.push({ keyword: e.keyword, params: e.params, origin: { setting, value } });
}
