/** drachtioctl as a library. */
export { EXIT, UserError } from './errors.js';
export * from './registry/index.js';
export type { DrachtioConfig, RawValue, ListItem, IgnoredNode } from './model/config.js';
export { parseXml, parseXmlOrThrow, type ParsedConfig } from './model/parse.js';
export { toComparable } from './model/comparable.js';
export { toDocument } from './model/document.js';
export { renderXml } from './xml/render.js';
export { validateText, checkParsed, type FileResult, type ValidateOptions } from './validate/engine.js';
export { RULES } from './validate/rules/index.js';
export type { Diagnostic, Rule, RuleMeta, Severity } from './validate/types.js';
export { fixText, type FixResult } from './validate/fix.js';
export { resolve, type ResolveInput, type Resolution, type Resolved, type Overridden, type Startup } from './resolve/index.js';
export { readArgs } from './sources/cli.js';
export { readEnv, type EnvVar } from './sources/env.js';
export { parseEnvFile, type EnvDialect } from './sources/envfile.js';
export type { Layer, Source } from './sources/layer.js';
export { diffConfigs, type Change, type DiffOptions } from './diff/diff.js';
export { maskedConfig, displayValue, MASK } from './model/secrets.js';
