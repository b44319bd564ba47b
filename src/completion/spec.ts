import { REGISTRY } from '../registry/index.js';
import { RULES } from '../validate/rules/index.js';

/** What a shell completes: commands, their flags and the values flags and arguments take. */
export interface CompletionSpec {
  bin: string;
  commands: CommandSpec[];
}
export interface CommandSpec {
  id: string;
  summary: string;
  flags: FlagSpec[];
  /** values the first positional argument takes; files when absent */
  argValues?: readonly string[];
}
export interface FlagSpec {
  name: string;
  char?: string;
  summary: string;
  takesValue: boolean;
  values?: readonly string[];
}

/** The part of oclif.manifest.json (written from the command table by tools/bundle.mjs) completion reads. */
export interface Manifest {
  commands: Record<
    string,
    {
      summary?: string;
      args?: Record<string, { options?: string[] }>;
      flags: Record<string, { name: string; char?: string; summary?: string; description?: string; type: 'boolean' | 'option'; options?: string[]; hidden?: boolean }>;
    }
  >;
}

const SETTING_IDS = REGISTRY.map((e) => e.id);
const RULE_VALUES = RULES.flatMap((r) => ['off', 'warning', 'error'].map((s) => `${r.meta.id}=${s}`));

/** Values the manifest cannot know: setting ids for explain, rule ids for --rule. */
const FLAG_VALUES: Record<string, Record<string, readonly string[]>> = {
  validate: { rule: RULE_VALUES },
  resolve: { explain: SETTING_IDS },
};
const ARG_VALUES: Record<string, readonly string[]> = { explain: SETTING_IDS };

/** The completion spec of every command in the manifest, with the registry's setting ids and the rule ids. */
export function completionSpec(bin: string, manifest: Manifest): CompletionSpec {
  const commands = Object.entries(manifest.commands)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, c]): CommandSpec => {
      const flags = Object.values(c.flags)
        .filter((f) => !f.hidden)
        .map((f) => ({
          name: f.name,
          ...(f.char && { char: f.char }),
          summary: f.summary ?? f.description ?? '',
          takesValue: f.type === 'option',
          ...((FLAG_VALUES[id]?.[f.name] ?? f.options) && { values: FLAG_VALUES[id]?.[f.name] ?? f.options }),
        }));
      flags.push({ name: 'help', char: 'h', summary: 'show help', takesValue: false });
      const argValues = ARG_VALUES[id] ?? Object.values(c.args ?? {})[0]?.options;
      return { id, summary: c.summary ?? '', flags, ...(argValues && { argValues }) };
    });
  return { bin, commands };
}
