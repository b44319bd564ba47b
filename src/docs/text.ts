import type { SettingDescription } from './describe.js';

const LABELS: readonly [keyof SettingDescription, string][] = [
  ['xml', 'XML'],
  ['cli', 'Flag'],
  ['env', 'Env'],
  ['type', 'Type'],
  ['default', 'Default'],
  ['since', 'Since'],
  ['effect', 'Effect'],
  ['behaviour', 'Behaviour'],
  ['source', 'Source'],
];

/** A setting description as an indented text block for the terminal. */
export function formatDescription(d: SettingDescription): string {
  const lines = [d.id, `  ${d.summary}`];
  for (const [key, label] of LABELS) {
    const value = d[key];
    lines.push(`  ${`${label}:`.padEnd(11)}${Array.isArray(value) ? value.join('; ') : value}`);
  }
  return lines.join('\n');
}
