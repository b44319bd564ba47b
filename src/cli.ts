/**
 * The CLI entry, bundled by tools/bundle.mjs. It imports nothing heavy itself: each command is
 * loaded only when it runs, and oclif only when a command, help or an error needs it.
 */
import type { Command } from '@oclif/core/command';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type CommandModule = { default: Command.Class };

/** Every command, by id. Add a command with one line here; tools/bundle.mjs writes oclif's manifest from it. */
export const COMMANDS = {
  diff: () => import('./commands/diff.js'),
  explain: () => import('./commands/explain.js'),
  init: () => import('./commands/init.js'),
  render: () => import('./commands/render.js'),
  validate: () => import('./commands/validate.js'),
  resolve: () => import('./commands/resolve.js'),
  'env-export': () => import('./commands/env-export.js'),
  convert: () => import('./commands/convert.js'),
  doctor: () => import('./commands/doctor.js'),
  ping: () => import('./commands/ping.js'),
} satisfies Record<string, () => Promise<CommandModule>>;

export type CommandId = keyof typeof COMMANDS;

/** Every command's class, loaded: for what describes them all (the docs, oclif's manifest). */
export async function loadCommands(): Promise<Record<string, Command.Class>> {
  const loaded = await Promise.all(Object.entries(COMMANDS).map(async ([id, load]) => [id, (await load()).default] as const));
  return Object.fromEntries(loaded);
}

/** oclif's rule: --help anywhere before `--` asks for help. */
function asksForHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).includes('--help');
}

/** Run the CLI from `root`, the package directory (it holds package.json and oclif.manifest.json). */
export async function run(argv: string[], root: string): Promise<void> {
  const pjson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as object;
  const { runCommand, runOclif } = await import('./oclif-run.js');
  const [first, ...more] = argv;
  // `drachtioctl help [COMMAND]` is `drachtioctl [COMMAND] --help`
  const [id, ...rest] = first === 'help' ? [...more, '--help'] : argv;
  const load = id !== undefined && Object.hasOwn(COMMANDS, id) ? COMMANDS[id as CommandId] : undefined;
  if (id !== undefined && !id.startsWith('-') && !load) {
    const { closest } = await import('./registry/suggest.js');
    const guess = closest(id, Object.keys(COMMANDS));
    process.stderr.write(`drachtioctl: no command "${id}"${guess ? `; did you mean ${guess}?` : ''} (see drachtioctl --help)\n`);
    process.exitCode = 2;
  } else if (load && !asksForHelp(rest)) await runCommand(id!, load, rest, root, pjson);
  else await runOclif([id, ...rest].filter((a): a is string => a !== undefined), root, pjson);
}
