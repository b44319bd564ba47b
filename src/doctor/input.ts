import { dirname } from 'node:path';
import { UserError } from '../errors.js';
import { readResolveInput, type SourceOptions } from '../io/resolve-input.js';
import { resolve } from '../resolve/index.js';
import { modelFromResolution } from '../sources/model.js';
import type { Position } from '../xml/positions.js';
import type { DoctorConfig } from './types.js';

/**
 * THE one place doctor and ping get their configuration: the XML file with what the environment
 * and command line set laid over it. To be replaced by the effective-configuration builder
 * (issue 9), which also brings --from DEPLOYMENT.
 */
export function doctorConfigFrom(o: SourceOptions): DoctorConfig {
  const { input, path } = readResolveInput(o);
  if (!input.file) throw new UserError(input.fileError?.message ?? 'no configuration file', path);
  const fatal = input.file.xml?.fatal;
  if (fatal) throw new UserError(`not well-formed XML: ${fatal.message}`, path, fatal.pos.line, fatal.pos.column);
  const config = input.file.config;
  const res = resolve(input);
  const overlay = modelFromResolution(res, 'environment and command line');
  const origins = new Map<string, string>();
  for (const [id, v] of overlay.values) {
    config.values.set(id, v);
    origins.set(id, res.settings[id]!.origin);
  }
  for (const [id, items] of overlay.lists) {
    config.lists.set(id, items);
    for (const field of ['', ...Object.keys(items[0]?.fields ?? {})]) origins.set(field ? `${id}.${field}` : id, res.settings[id]!.origin);
    // a --contact replaces every file contact, the legacy <sip><contact> included
    if (id === 'sip.contacts') config.values.delete('sip.contact');
  }
  const originOf = (setting: string, pos?: Position) => origins.get(setting) ?? (pos && `${path}:${pos.line}:${pos.column}`);
  return { config, path, baseDir: dirname(path), originOf };
}
