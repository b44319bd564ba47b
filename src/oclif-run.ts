import type { Command } from '@oclif/core/command';
import { handle } from '@oclif/core/handle';
import { execute } from '@oclif/core/execute';
import { flush } from '@oclif/core/flush';
import type { Interfaces } from '@oclif/core';

/**
 * Run one command the way oclif's execute() does (same parsing, error handling and flush),
 * without the discovery it does first: the command is already known, so its class is loaded
 * directly and oclif reads no manifest, plugin list or package.json.
 */
export async function runCommand(
  id: string,
  load: () => Promise<{ default: Command.Class }>,
  argv: string[],
  root: string,
  pjson: object,
): Promise<void> {
  try {
    const { default: Cmd } = await load();
    Cmd.id = id;
    // without `commands` oclif discovers nothing: the command is already in hand
    const { commands: _discovery, ...oclif } = (pjson as { oclif: Record<string, unknown> }).oclif;
    await Cmd.run(argv, { root, pjson: { ...pjson, oclif } as Interfaces.PJSON, ignoreManifest: true });
    await flush();
  } catch (e) {
    await handle(e as Error);
  }
}

/** Everything else (help, unknown commands): oclif's own main, reading the manifest tools/bundle.mjs wrote. */
export async function runOclif(argv: string[], root: string, pjson: object): Promise<void> {
  await execute({ args: argv, loadOptions: { root, pjson: pjson as Interfaces.PJSON } });
}
