import type { Place } from '../model/place.js';
import type { Fatal, Source } from '../sources/layer.js';

export type Value = unknown;

/** One layer's say on a setting that did not win, and why. */
export interface Overridden {
  source: Source;
  origin: string;
  value: Value;
  why?: string;
}

export interface Resolved {
  value: Value;
  source: Source;
  origin: string;
  overridden: Overridden[];
  /** the server rule that decided, with its source citation */
  why: string;
  /** where the value in force was written, when the environment or command line gave it from a file */
  place?: Place;
}

export interface StartupError {
  message: string;
  origin: string;
}

export interface Startup {
  ok: boolean;
  /** the exit status the real server gives: 0, 255, or 134 for an abort (SIGABRT) */
  exitCode: number;
  abort?: boolean;
  errors: StartupError[];
}

export interface Resolution {
  settings: Record<string, Resolved>;
  startup: Startup;
  warnings: string[];
}

export const toStartupError = (f: Fatal): StartupError => ({ message: f.message, origin: f.origin });
