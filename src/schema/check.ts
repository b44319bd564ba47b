import type { ConfigDocument, Origin } from '../model/document.js';
import { validateDocument } from './validator.generated.js';

/** A JSON Schema violation, traced back to the XML text it came from. */
export interface SchemaError {
  keyword: string;
  params: Record<string, unknown>;
  origin: Origin;
}

interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
}

/** Check the JSON form with the validator compiled from the registry's schema at build time. */
export function checkSchema(doc: ConfigDocument): SchemaError[] {
  if (validateDocument(doc.json)) return [];
  const errors = (validateDocument as unknown as { errors: AjvError[] }).errors ?? [];
  const out: SchemaError[] = [];
  for (const e of errors) {
    const origin = doc.origins.get(e.instancePath);
    if (origin) out.push({ keyword: e.keyword, params: e.params, origin });
  }
  return out;
}
