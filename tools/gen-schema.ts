/** Regenerate schemas/drachtio.schema.json, schemas/drachtio.conf.xsd and the precompiled validator from the registry. */
import { readFileSync, writeFileSync } from 'node:fs';
import { generateSchema } from '../src/schema/generate.js';

const root = new URL('../../', import.meta.url);
const { version } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { version: string };
const out = generateSchema(version);
writeFileSync(new URL('schemas/drachtio.schema.json', root), out.schemaJson);
writeFileSync(new URL('src/schema/validator.generated.js', root), out.validatorJs);
writeFileSync(new URL('schemas/drachtio.conf.xsd', root), out.xsd);
console.log('wrote schemas/drachtio.schema.json, schemas/drachtio.conf.xsd and src/schema/validator.generated.js');
