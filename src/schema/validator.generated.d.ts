/** The registry's JSON Schema, value by value, compiled by ajv at build time (see tools/gen-schema.ts). */
export interface ValueValidator {
  /** `context` names where the value sits (without one, ajv's code makes an empty object for each call) */
  (data: unknown, context?: { instancePath: string }): boolean;
  errors?: { instancePath: string; keyword: string; params: Record<string, unknown> }[] | null;
}
/** each setting's validator, by registry id (list fields as `<list id>.<field id>`) */
export declare const validatorOf: Readonly<Record<string, ValueValidator>>;
