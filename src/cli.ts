/**
 * The bundled CLI entry: oclif's explicit command strategy reads COMMANDS from this module,
 * so no command directory is scanned at start-up.
 */
import { execute } from '@oclif/core';
import Init from './commands/init.js';
import Validate from './commands/validate.js';

export const COMMANDS = {
  init: Init,
  validate: Validate,
};

export async function run(argv: string[], root: string): Promise<void> {
  await execute({ args: argv, dir: root });
}
