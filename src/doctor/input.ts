import { dirname } from 'node:path';
import { UserError } from '../errors.js';
import { readEffective, type SourceOptions } from '../io/resolve-input.js';
import type { Position } from '../xml/positions.js';
import type { DoctorConfig } from './types.js';

/**
 * The one place doctor and ping get their configuration: the effective configuration of the
 * resolve flags (or --from DEPLOYMENT), each value's origin where it was written.
 */
export async function doctorConfigFrom(o: SourceOptions): Promise<DoctorConfig> {
  const { effective, path } = await readEffective(o);
  if (!effective.file) throw new UserError(effective.resolution.startup.errors[0]?.message ?? 'no configuration file', path);
  const fatal = effective.file.xml.fatal;
  if (fatal) throw new UserError(`not well-formed XML: ${fatal.message}`, path, fatal.pos.line, fatal.pos.column);
  const settings = effective.resolution.settings;
  const given = (id: string) => settings[id] && (settings[id].source === 'cli' || settings[id].source === 'env') ? settings[id].origin : undefined;
  // list fields are given by their list (a --contact)
  const originOf = (setting: string, pos?: Position) =>
    given(setting) ?? given(setting.slice(0, setting.lastIndexOf('.'))) ?? (pos && `${pos.file ?? path}:${pos.line}:${pos.column}`);
  return { config: effective.model, path, baseDir: dirname(path), originOf };
}
