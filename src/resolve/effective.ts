import type { EffectiveConfig } from '../model/effective.js';
import { emptyLayer } from '../sources/layer.js';
import { resolveWithModel, type ResolveInput } from './index.js';

/** The effective configuration of file + environment + command line: resolve()'s precedence, as one model for every rule. */
export function effectiveConfig(input: ResolveInput): EffectiveConfig {
  const env = input.env ?? emptyLayer('env');
  const cli = input.cli ?? emptyLayer('cli');
  const { resolution, model } = resolveWithModel({ ...input, env, cli });
  const file = input.file?.xml ? { config: input.file.config, xml: input.file.xml } : undefined;
  return { ...(file && { file }), env, cli, resolution, model };
}
