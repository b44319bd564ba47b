import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { RULES } from '../src/validate/rules/index.js';
import { renderRulesDoc } from '../src/validate/rules-doc.js';
import { ROOT } from './helpers.js';

describe('docs/rules.md', () => {
  it('is fresh: regenerate with `npm run generate` after changing a rule', () => {
    assert.equal(readFileSync(join(ROOT, 'docs/rules.md'), 'utf8'), renderRulesDoc(RULES));
  });

  it('documents every rule with its id, severity and examples', () => {
    const text = renderRulesDoc(RULES);
    for (const { meta } of RULES) {
      assert.ok(text.includes(`## ${meta.id}\n\n**${meta.severity}**`), meta.id);
      assert.ok(text.includes(meta.bad) && text.includes(meta.good), meta.id);
    }
  });
});
