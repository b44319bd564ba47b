import { REGISTRY } from '../registry/index.js';
import { describeEntry, type SettingDescription } from './describe.js';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** One setting as Markdown: the section of docs/settings.md, and the language server's hover. */
export function settingSection(d: SettingDescription): string {
  return [
    `### \`${d.id}\``,
    '',
    d.summary,
    '',
    '| | |',
    '|---|---|',
    `| XML | \`${cell(d.xml)}\` |`,
    `| Flag | ${d.cli === 'none' ? 'none' : `\`${cell(d.cli)}\``} |`,
    `| Environment | ${d.env === 'none' ? 'none' : `\`${cell(d.env)}\``} |`,
    `| Type | ${cell(d.type)} |`,
    `| Default | ${d.default === 'none' ? 'none' : `\`${cell(d.default)}\``} |`,
    `| Since | ${d.since} |`,
    `| Effect | ${d.effect} |`,
    `| Source | ${d.source.map((s) => `\`${s}\``).join(', ')} |`,
    '',
    d.behaviour,
    '',
  ].join('\n');
}

/** docs/settings.md: every setting drachtio-server reads, generated from the registry. */
export function renderSettingsMarkdown(): string {
  const all = REGISTRY.flatMap(describeEntry);
  const index = all.map((d) => `| [\`${d.id}\`](#${d.id.replace(/[^\w-]/g, '').toLowerCase()}) | ${cell(d.summary)} |`);
  return [
    '# drachtio-server settings',
    '',
    '<!-- Generated from src/registry by `npm run generate`; do not edit. -->',
    '',
    'Every setting drachtio-server reads from its XML file, command line or environment, as its own',
    'source code reads it. Ids are the XML path under `<drachtio>`; settings with no XML form are `runtime.*`.',
    '',
    '| Setting | Summary |',
    '|---|---|',
    ...index,
    '',
    ...all.map(settingSection),
  ].join('\n');
}
