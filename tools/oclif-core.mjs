// What the bundle gets for `import … from '@oclif/core'`: the same exports, from oclif's own
// subpath modules, without the index's start-up check that loads semver to compare the Node
// version with oclif's engines field (package.json's own engines field covers that).
// ModuleLoader and Constraints have no subpath; using them fails the build loudly.
export * as Args from '@oclif/core/args';
export { Command } from '@oclif/core/command';
export { Config, Plugin } from '@oclif/core/config';
export * as Errors from '@oclif/core/errors';
export { handle } from '@oclif/core/handle';
export { execute } from '@oclif/core/execute';
export * as Flags from '@oclif/core/flags';
export { flush } from '@oclif/core/flush';
export { CommandHelp, Help, HelpBase, loadHelpClass } from '@oclif/core/help';
export * as Interfaces from '@oclif/core/interfaces';
export { getLogger } from '@oclif/core/logger';
export { run } from '@oclif/core/run';
export * as Parser from '@oclif/core/parser';
export { Performance } from '@oclif/core/performance';
export { settings } from '@oclif/core/settings';
export { toConfiguredId, toStandardizedId } from '@oclif/core/util/ids';
export { ux } from '@oclif/core/ux';
