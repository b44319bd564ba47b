import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { generateSchema } from '../src/schema/generate.js';
import { ROOT } from './helpers.js';

describe('generated schema', () => {
  it('is fresh: regenerate with `npm run generate` after changing the registry', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const fresh = generateSchema(version);
    assert.equal(readFileSync(join(ROOT, 'schemas/drachtio.schema.json'), 'utf8'), fresh.schemaJson);
    assert.equal(readFileSync(join(ROOT, 'src/schema/validator.generated.js'), 'utf8'), fresh.validatorJs);
  });
});
