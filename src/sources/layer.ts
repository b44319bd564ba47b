import type { Place } from '../model/place.js';
import type { CliForm, EnvForm, Setting, SettingValue } from '../registry/index.js';
import { atof, atoi, lexicalUint } from './text.js';

/**
 * What the environment or the command line gives the server, before run() looks at the file.
 * Readers are pure: they never touch process.env or the file system.
 */
export type Source = 'cli' | 'env' | 'file' | 'default';

export interface Given {
  /** registry id */
  id: string;
  value: SettingValue;
  /** the text as given */
  text: string;
  /** e.g. --secret, DRACHTIO_SECRET, prod.env:4 */
  origin: string;
  /** set when the server reads the value but does not take it, with the reason */
  ignored?: string;
  /** where the text was written, when it was written in a file (env file, compose file, unit, manifest) */
  place?: Place;
}

export interface GivenContact {
  uri: string;
  externalIp: string;
  localNet: string;
  dnsNames: string[];
  origin: string;
  place?: Place;
}

export interface GivenRoute {
  url: string;
  method: 'GET' | 'POST';
  origin: string;
  place?: Place;
}

/** Where the real server stops: exit status (0 or 255) or abort (SIGABRT, shell status 134). */
export interface Fatal {
  exitCode: number;
  abort?: boolean;
  message: string;
  origin: string;
  /** the command line's last contact is built after the --homer-id check */
  afterLoop?: boolean;
  place?: Place;
}

export interface Layer {
  source: 'cli' | 'env';
  /** assignments in the order the server makes them: a later one overwrites an earlier one */
  given: Given[];
  contacts: GivenContact[];
  routes: GivenRoute[];
  fatal?: Fatal;
  warnings: string[];
  /** names the server does not read (DRACHTIO_* variables, stray words), with where they were written */
  strays: Stray[];
}

/** A variable or argument the server does not take as a setting. */
export interface Stray {
  message: string;
  /** the word or variable name, which a message never quotes beyond its name */
  place?: Place;
  /** an argument the server stops on, or one it skips */
  fatal?: boolean;
}

export const emptyLayer = (source: 'cli' | 'env'): Layer => ({ source, given: [], contacts: [], routes: [], warnings: [], strays: [] });

export type ArgResult = { value: SettingValue; ignored?: string } | { fatal: Omit<Fatal, 'origin'> };

export const ABORT = 134;

/** Apply a flag's or variable's reader and check to its text, as parseCmdArgs/getEnv do. */
export function readArg(s: Setting, form: CliForm | EnvForm, text: string): ArgResult {
  const t = s.type;
  const outside = (n: number) => (t.min !== undefined && n < t.min) || (t.max !== undefined && n > t.max);
  const range = `${t.min ?? 0}..${t.max ?? ''}`;
  let value: SettingValue;
  switch (form.reader) {
    case 'flag':
      return { value: true };
    case 'string':
      if (t.values && !t.values.includes(text)) {
        if (form.check === 'enum-exit') return { fatal: { exitCode: 255, message: `invalid ${s.id} "${text}": the server prints its usage and exits` } };
        if (form.check === 'enum-ignore') return { value: text, ignored: `not one of ${t.values.join(', ')}: ignored` };
      }
      return { value: text };
    case 'atoi':
      value = atoi(text);
      break;
    case 'atoi-positive':
      value = atoi(text);
      if (value <= 0) return { value, ignored: 'used only when > 0' };
      break;
    case 'atoi-non-negative':
      value = atoi(text);
      if (value < 0) return { value, ignored: 'used only when >= 0' };
      break;
    case 'atoi-one':
      return atoi(text) === 1 ? { value: true } : { value: false, ignored: 'on only when exactly 1' };
    case 'atof':
      value = atof(text);
      break;
    case 'lexical-uint': {
      const n = lexicalUint(text);
      if (form.check === 'positive-exit' && !n) return { fatal: { exitCode: 255, message: `"${text}" is not a positive 32-bit number: the server prints its usage and exits` } };
      if (n === undefined) return { fatal: { exitCode: ABORT, abort: true, message: `"${text}" is not an unsigned number: boost::lexical_cast throws and the server aborts` } };
      value = n;
      break;
    }
  }
  if (outside(value)) {
    if (form.check === 'range-exit') return { fatal: { exitCode: 255, message: `${s.id} ${value} is outside ${range}: the server prints its usage and exits` } };
    if (form.check === 'range-ignore') return { value, ignored: `outside ${range}: ignored` };
    if (form.check === 'clamp') value = Math.min(Math.max(value, t.min ?? value), t.max ?? value);
  }
  return { value };
}

/** Split "host:port" as boost::split on ':' does. */
export const splitColons = (text: string) => text.split(':');
