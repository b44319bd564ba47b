/**
 * The bundled CLI entry: oclif's explicit command strategy reads COMMANDS from this module,
 * so no command directory is scanned at start-up.
 */
import { execute } from '@oclif/core';
import Diff from './commands/diff.js';
import Explain from './commands/explain.js';
import Init from './commands/init.js';
import Render from './commands/render.js';
import Validate from './commands/validate.js';
import Resolve from './commands/resolve.js';
import EnvExport from './commands/env-export.js';
import Convert from './commands/convert.js';

export const COMMANDS = {
  diff: Diff,
  explain: Explain,
  init: Init,
  render: Render,
  validate: Validate,
  resolve: Resolve,
  'env-export': EnvExport,
  convert: Convert,
};

export async function run(argv: string[], root: string): Promise<void> {
  await execute({ args: argv, dir: root });
}
