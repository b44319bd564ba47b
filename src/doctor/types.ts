import type { DrachtioConfig } from '../model/config.js';
import type { Position } from '../xml/positions.js';

export type Status = 'ok' | 'warn' | 'fail';

/** One finding about this host, in one line. */
export interface Check {
  /** the kind of check: tls.key, port, address, dir, name … */
  id: string;
  status: Status;
  message: string;
  /** registry id of the setting it is about */
  setting?: string;
  /** where that setting was written: file:line:col, an env file line, a flag */
  origin?: string;
}

/** The configuration doctor checks, and how to say where each of its values came from. */
export interface DoctorConfig {
  config: DrachtioConfig;
  /** the XML file read */
  path: string;
  /** relative file names in the config are taken from here (the config file's directory, as validate --check-files does) */
  baseDir: string;
  originOf(setting: string, pos?: Position): string | undefined;
}

/** A check's `setting` and `origin` fields for a value of the configuration. */
export const about = (d: DoctorConfig, setting: string, pos?: Position): Pick<Check, 'setting' | 'origin'> => {
  const origin = d.originOf(setting, pos);
  return { setting, ...(origin !== undefined && { origin }) };
};
