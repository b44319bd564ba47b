/**
 * The CLI entry, bundled by tools/bundle.mjs. It imports nothing heavy itself: each command is
 * loaded only when it runs, and oclif only when a command, help or an error needs it.
 */
import type { Command } from '@oclif/core/command';
import type { PackageJson } from './oclif-run.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { guardStdout, writeStderr, writeStdout } from './io/stdout.js';

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
  lsp: () => import('./commands/lsp.js'),
  schema: () => import('./commands/schema.js'),
  rules: () => import('./commands/rules.js'),
  completion: () => import('./commands/completion.js'),
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

/** The usual short forms: -h for --help (before `--`, after which arguments belong to the server), a lone -v for --version. */
export function normaliseArgv(argv: readonly string[]): string[] {
  if (argv.length === 1 && argv[0] === '-v') return ['--version'];
  const end = argv.indexOf('--');
  return argv.map((a, i) => (a === '-h' && (end < 0 || i < end) ? '--help' : a));
}

/** `--version --json`: the version line's facts as JSON. */
function versionJson(pjson: { name: string; version: string }): string {
  return JSON.stringify({ name: pjson.name, version: pjson.version, platform: process.platform, arch: process.arch, node: process.version }, null, 2) + '\n';
}

/** Run the CLI from `root`, the package directory (it holds package.json and oclif.manifest.json). */
export async function run(rawArgv: string[], root: string): Promise<void> {
  guardStdout();
  const pjson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageJson;
  const argv = normaliseArgv(rawArgv);
  if (argv.length === 2 && argv.includes('--version') && argv.includes('--json')) {
    writeStdout(versionJson(pjson));
    return;
  }
  // Ctrl-C: one line and the status shells give a process SIGINT ended (writes are atomic: nothing is left half-written)
  process.once('SIGINT', () => {
    writeStderr('\ndrachtioctl: interrupted\n');
    process.exit(130);
  });
  const { runCommand, runOclif } = await import('./oclif-run.js');
  const [first, ...more] = argv;
  // `drachtioctl help [COMMAND]` is `drachtioctl [COMMAND] --help`
  const [id, ...rest] = first === 'help' ? [...more, '--help'] : argv;
  const load = id !== undefined && Object.hasOwn(COMMANDS, id) ? COMMANDS[id as CommandId] : undefined;
  if (id !== undefined && !id.startsWith('-') && !load) {
    const { closest } = await import('./registry/suggest.js');
    const guess = closest(id, Object.keys(COMMANDS));
    writeStderr(`drachtioctl: no command "${id}"${guess ? `; did you mean ${guess}?` : ''} (see drachtioctl --help)\n`);
    process.exitCode = 2;
  } else if (load && !asksForHelp(rest)) await runCommand(id!, load, rest, root, pjson);
  else {
    const args = [id, ...rest].filter((a): a is string => a !== undefined);
    const { printStoredHelp } = await import('./stored-help.js');
    if (!(await printStoredHelp(root, args, pjson))) await runOclif(args, root, pjson);
  }
}
