/** Regenerate schemas/drachtio.schema.json and the precompiled validator from the registry. */
import { readFileSync, writeFileSync } from 'node:fs';
import { generateSchema } from '../src/schema/generate.js';

const root = new URL('../../', import.meta.url);
const { version } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { version: string };
const out = generateSchema(version);
writeFileSync(new URL('schemas/drachtio.schema.json', root), out.schemaJson);
writeFileSync(new URL('src/schema/validator.generated.js', root), out.validatorJs);
console.log('wrote schemas/drachtio.schema.json and src/schema/validator.generated.js');
