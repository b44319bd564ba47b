import { emptyConfig, type DrachtioConfig } from '../model/config.js';
import type { Lost } from './types.js';

/** The admin values a minimal file carries: the address (the file must give one) and the ports, which the flags cannot set to 0. */
const ADMIN = ['admin.address', 'admin.port', 'admin.tls-port'] as const;

/**
 * The smallest file the server starts from beside a command line or environment: <admin> with an
 * address. The server always reads a file and exits 255 without one or without <admin>
 * (src/drachtio-config.cpp DrachtioConfig::Impl::Impl); with an empty address and none given
 * elsewhere the admin socket cannot open ("Invalid argument", exit 0).
 */
export function minimalConfig(config: DrachtioConfig, source: string): DrachtioConfig {
  const out: DrachtioConfig = { ...emptyConfig(source), root: { name: 'drachtio', pos: { line: 1, column: 1 } } };
  for (const id of ADMIN) {
    const v = config.values.get(id);
    if (v && v.raw !== '') out.values.set(id, v);
  }
  if (!out.values.has('admin.address')) out.values.set('admin.address', { raw: '127.0.0.1', pos: { line: 1, column: 1 } });
  out.elements.set('admin', { pos: { line: 1, column: 1 } });
  return out;
}

/** The loss of every command line or environment without a file: they cannot start the server alone. */
export const NEEDS_A_FILE: Lost = {
  setting: 'runtime.config-file',
  message:
    'runtime.config-file: drachtio-server always reads a config file (-f, DRACHTIO_CONFIG_FILE_PATH, else /etc/drachtio.conf.xml) and exits 255 without one or without <admin>, and an <admin> without an address stops it: this output cannot start the server alone; --with-minimal-file PATH writes the smallest file it needs and points to it',
};

/** The configuration pointing the server at the minimal file (as -f or DRACHTIO_CONFIG_FILE_PATH). */
export function pointingAt(config: DrachtioConfig, path: string): DrachtioConfig {
  const values = new Map(config.values);
  values.set('runtime.config-file', { raw: path, pos: { line: 1, column: 1 } });
  return { ...config, values };
}
