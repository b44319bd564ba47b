/** Regenerate docs/rules.md from the rules' meta. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { RULES } from '../src/validate/rules/index.js';
import { renderRulesDoc } from '../src/validate/rules-doc.js';

const root = new URL('../../', import.meta.url);
mkdirSync(new URL('docs/', root), { recursive: true });
writeFileSync(new URL('docs/rules.md', root), renderRulesDoc(RULES));
console.log('wrote docs/rules.md');
