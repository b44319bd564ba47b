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

/** Rule ids a document uses: in --rule flags, "rules" objects, suppression comments and example report lines. */
function ruleIdsIn(text: string): string[] {
  const ids: string[] = [];
  for (const m of text.matchAll(/--rule[ =]([^\s`'")]+)/g)) ids.push(...m[1]!.split(',').map((s) => s.split('=')[0]!));
  for (const m of text.matchAll(/"rules":\s*\{([^}]*)\}/g)) ids.push(...[...m[1]!.matchAll(/"([^"]+)"\s*:/g)].map((k) => k[1]!));
  for (const m of text.matchAll(/drachtioctl-disable(?:-next-line)?[ \t]+([^\n]*?)\s*-->/g)) ids.push(...m[1]!.split(/[\s,]+/).filter(Boolean));
  for (const m of text.matchAll(/^\S+:\d+:\d+ {2}(?:error|warning) {2}.* {2}([a-z0-9-]+)$/gm)) ids.push(m[1]!);
  return ids.filter((id) => id !== 'ID');
}

describe('rule ids in the documentation', () => {
  const known = new Set(RULES.map((r) => r.meta.id));
  for (const page of ['README.md', 'docs/rules.md']) {
    it(`${page} names only rules that exist`, () => {
      const ids = ruleIdsIn(readFileSync(join(ROOT, page), 'utf8'));
      if (page === 'README.md') assert.ok(ids.length >= 5, `found ${ids.length} rule ids in README.md`);
      assert.deepEqual(ids.filter((id) => !known.has(id)), []);
    });
  }

  it('the id finder sees a misspelt id in each of the places ids are written', () => {
    const text = '`--rule weak-secret=off,invalid-value=error`\n{ "rules": { "weak-secrets": "off" } }\n<!-- drachtioctl-disable weak-sec, x -->\na.xml:1:2  error  msg  wek\n';
    assert.deepEqual(ruleIdsIn(text), ['weak-secret', 'invalid-value', 'weak-secrets', 'weak-sec', 'x', 'wek']);
  });
});

describe('rule classification', () => {
  it('tags every rule, and gives a security severity to exactly the security rules', async () => {
    const { ruleTags } = await import('../src/validate/rules/tags.js');
    for (const r of RULES) {
      const t = ruleTags(r.meta.id);
      assert.ok(t, `${r.meta.id} has tags in src/validate/rules/tags.ts`);
      assert.equal(t.securitySeverity !== undefined, t.tags.includes('security'), r.meta.id);
    }
  });
});
