/** The registry's JSON Schema, compiled by ajv at build time (see tools/gen-schema.ts). */
export declare function validateDocument(data: unknown): boolean;
