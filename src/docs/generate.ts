import type { Command } from '@oclif/core';
import { renderCliManPage, renderConfigManPage, type ManCommand } from './man.js';
import { renderSettingsMarkdown } from './settings-md.js';

type CommandClass = Pick<typeof Command, 'summary' | 'description' | 'examples' | 'flags' | 'enableJsonFlag'>;

function manCommand(id: string, c: CommandClass): ManCommand {
  const flags = Object.entries(c.flags ?? {}).map(([name, f]) => ({
    name,
    char: f.char,
    description: f.description ?? f.summary ?? '',
    takesValue: f.type === 'option',
  }));
  if (c.enableJsonFlag) flags.push({ name: 'json', char: undefined, description: 'Print the result as JSON.', takesValue: false });
  return {
    id,
    summary: c.summary ?? '',
    description: c.description,
    examples: (c.examples ?? []).map((e) => (typeof e === 'string' ? e : e.command)),
    flags,
  };
}

/** Every generated documentation file, by path relative to the repository root. */
export function generateDocs(commands: Record<string, CommandClass>): Record<string, string> {
  return {
    'docs/settings.md': renderSettingsMarkdown(),
    'man/drachtio.conf.xml.5': renderConfigManPage(),
    'man/drachtioctl.1': renderCliManPage(Object.entries(commands).map(([id, c]) => manCommand(id, c))),
  };
}
