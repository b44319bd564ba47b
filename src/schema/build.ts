import { LISTS, SCALARS, type Setting, type ValueType } from '../registry/index.js';
import { CIDR, IPV4_DIGITS, SIP_URI } from './patterns.js';

type JsonSchema = Record<string, unknown>;

const MAX_UINT = 4294967295;

/** What one value of a type must be (a repeated setting's items): all the JSON Schema checks of a value. */
export function valueSchema(type: ValueType): JsonSchema {
  switch (type.kind) {
    case 'uint':
      return { type: 'integer', minimum: type.min ?? 0, maximum: type.max ?? MAX_UINT };
    case 'float':
      return { type: 'number', ...(type.min !== undefined && { minimum: type.min }), ...(type.max !== undefined && { maximum: type.max }) };
    case 'bool':
      return { type: 'boolean' };
    case 'enum':
      return { type: 'string', enum: [...type.values!] };
    case 'sip-uri':
      return { type: 'string', pattern: SIP_URI };
    case 'ipv4-digits':
      return { type: 'string', pattern: IPV4_DIGITS };
    case 'cidr':
      return { type: 'string', pattern: CIDR };
    case 'name-list':
      return { type: 'array', items: { type: 'string' } };
    default:
      return { type: 'string' };
  }
}

/** Whether a value's schema is a string and nothing else: then any text passes it (the JSON form of text a string setting holds is that text). */
export function acceptsAnyText(type: ValueType): boolean {
  const schema = valueSchema(type);
  return schema.type === 'string' && Object.keys(schema).length === 1;
}

function settingSchema(s: Setting): JsonSchema {
  const base = s.repeated ? { type: 'array', items: valueSchema(s.type) } : valueSchema(s.type);
  return {
    ...base,
    description: s.summary,
    ...(s.default !== undefined && { default: s.default }),
    ...(s.secret && { writeOnly: true }),
    ...(s.effect === 'unused' || s.effect === 'no-effect' ? { deprecated: true } : {}),
  };
}

/** Insert `leaf` at the dotted id path inside nested object schemas. */
function place(root: JsonSchema, id: string, leaf: JsonSchema): void {
  const parts = id.split('.');
  let node = root;
  for (const part of parts.slice(0, -1)) {
    const props = (node.properties ??= {}) as Record<string, JsonSchema>;
    node = props[part] ??= { type: 'object', additionalProperties: false };
  }
  ((node.properties ??= {}) as Record<string, JsonSchema>)[parts[parts.length - 1]!] = leaf;
}

/**
 * The JSON Schema of drachtioctl's JSON form of a configuration, derived from the registry:
 * one property per setting id (dots are nesting), lists as arrays of objects.
 */
export function buildSchema(version: string): JsonSchema {
  const schema: JsonSchema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'urn:drachtioctl:drachtio.schema.json',
    $comment: `drachtioctl ${version}: generated from the settings registry; do not edit by hand.`,
    title: 'drachtio-server configuration',
    description: 'The JSON form of a drachtio.conf.xml as drachtio-server reads it.',
    type: 'object',
    additionalProperties: false,
  };
  for (const s of SCALARS) place(schema, s.id, settingSchema(s));
  for (const l of LISTS) {
    const properties = Object.fromEntries(l.fields.map((f) => [f.id, settingSchema(f)]));
    place(schema, l.id, {
      type: 'array',
      description: l.summary,
      items: { type: 'object', additionalProperties: false, properties },
    });
  }
  return schema;
}
