import type { Rule } from './types.js';

/** Prose for Markdown: XML tags outside code spans are shown as code, not swallowed as HTML. */
const prose = (text: string) =>
  text
    .split(/(`[^`]*`)/)
    .map((part) => (part.startsWith('`') ? part : part.replace(/<[^<>\s][^<>]*>/g, '`$&`')))
    .join('');

/** docs/rules.md: every rule with its id, severity, what it finds, why it matters and its examples, from the rules' own meta. */
export function renderRulesDoc(rules: readonly Rule[]): string {
  const out = [
    '# drachtioctl validate: rules',
    '',
    '<!-- Generated from the rules\' meta by `npm run generate` (tools/gen-rules-doc.ts); do not edit by hand. -->',
    '',
    `${rules.length} rules. Errors mean drachtio-server refuses the file or stops at start-up; warnings mean it starts but does something other than the file seems to say.`,
    'Rules marked *fixable* are rewritten by `drachtioctl validate --fix` (`--dry-run` shows the diff).',
    '',
    '| rule | severity | finds |',
    '|---|---|---|',
    ...rules.map((r) => `| [\`${r.meta.id}\`](#${r.meta.id}) | ${r.meta.severity}${r.meta.fixable ? ', fixable' : ''} | ${prose(r.meta.summary).replace(/\|/g, '\\|')} |`),
    '',
  ];
  for (const { meta } of rules) {
    const flags = [meta.options?.targetVersion && `--target-version ${meta.options.targetVersion}`, meta.options?.checkFiles && '--check-files'].filter(Boolean);
    out.push(
      `## ${meta.id}`,
      '',
      `**${meta.severity}**${meta.fixable ? ' · fixable with `--fix`' : ''}${flags.length ? ` · needs \`${flags.join(' ')}\`` : ''}`,
      '',
      prose(meta.summary),
      '',
      `Why it matters: ${prose(meta.why)}`,
      '',
      'Bad:',
      '',
      '```xml',
      meta.bad,
      '```',
      '',
      'Good:',
      '',
      '```xml',
      meta.good,
      '```',
      '',
    );
  }
  return out.join('\n');
}
