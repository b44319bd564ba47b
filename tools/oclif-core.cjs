// What the bundle gets for `require('@oclif/core')` / `import … from '@oclif/core'`: the same
// exports, each loaded from oclif's own subpath module on first use. That skips the index's
// start-up check that loads semver to compare the Node version with oclif's engines field
// (package.json's own engines field covers that), and evaluates only the parts a run touches.
const lazy = {
  Args: () => require('@oclif/core/args'),
  Command: () => require('@oclif/core/command').Command,
  Config: () => require('@oclif/core/config').Config,
  Plugin: () => require('@oclif/core/config').Plugin,
  Errors: () => require('@oclif/core/errors'),
  handle: () => require('@oclif/core/handle').handle,
  execute: () => require('@oclif/core/execute').execute,
  Flags: () => require('@oclif/core/flags'),
  flush: () => require('@oclif/core/flush').flush,
  CommandHelp: () => require('@oclif/core/help').CommandHelp,
  Help: () => require('@oclif/core/help').Help,
  HelpBase: () => require('@oclif/core/help').HelpBase,
  loadHelpClass: () => require('@oclif/core/help').loadHelpClass,
  Interfaces: () => require('@oclif/core/interfaces'),
  getLogger: () => require('@oclif/core/logger').getLogger,
  run: () => require('@oclif/core/run').run,
  Parser: () => require('@oclif/core/parser'),
  Performance: () => require('@oclif/core/performance').Performance,
  settings: () => require('@oclif/core/settings').settings,
  toConfiguredId: () => require('@oclif/core/util/ids').toConfiguredId,
  toStandardizedId: () => require('@oclif/core/util/ids').toStandardizedId,
  ux: () => require('@oclif/core/ux').ux,
};
for (const [name, load] of Object.entries(lazy)) Object.defineProperty(exports, name, { enumerable: true, get: load });
