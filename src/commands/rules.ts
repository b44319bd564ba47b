import { RULES_DOC } from '../format/sarif.js';
import { RULES } from '../validate/rules/index.js';
import { ruleTags } from '../validate/rules/tags.js';
import { BaseCommand } from './base.js';

export interface RulesJson {
  rules: { id: string; severity: string; summary: string; why: string; fixable: boolean; tags: readonly string[]; helpUri: string }[];
}

export default class Rules extends BaseCommand {
  static override summary = 'List every rule validate applies: id, default severity and what it finds.';
  static override description =
    'The ids are what --rule, .drachtioctl.json and suppression comments take. docs/rules.md has each rule with why it matters and a bad and a good example.';
  static override examples = ['<%= config.bin %> rules', '<%= config.bin %> rules --json'];

  async run(): Promise<RulesJson> {
    await this.parse(Rules);
    const rules = RULES.map(({ meta }) => ({
      id: meta.id,
      severity: meta.severity,
      summary: meta.summary,
      why: meta.why,
      fixable: meta.fixable === true,
      tags: ruleTags(meta.id)?.tags ?? [],
      helpUri: `${RULES_DOC}#${meta.id}`,
    }));
    if (!this.jsonEnabled()) {
      const width = Math.max(...rules.map((r) => r.id.length));
      for (const r of rules) this.log(`${r.id.padEnd(width)}  ${r.severity.padEnd(7)}  ${r.summary}${r.fixable ? ' (--fix)' : ''}`);
    }
    return { rules };
  }
}
