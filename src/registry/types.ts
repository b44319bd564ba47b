/**
 * The shape of one registry entry. Every fact here is read off drachtio-server's
 * source; `source` names the function that establishes it.
 */

/** How drachtio-server turns the text it was given into a value. */
export type XmlReader =
  /** boost ptree get<unsigned>(path, default): unparsable text silently becomes the default; "-1" wraps to 4294967295. */
  | 'uint-or-default'
  /** get<unsigned>(path) with no default: unparsable text makes the whole file invalid (exit 255). */
  | 'uint-required'
  /** get<float>(path, default). */
  | 'float-or-default'
  /** get<string>: the text exactly as written, whitespace included. */
  | 'string'
  /** A yes/no word compared against the setting's own list of "true" words; anything else is false. */
  | 'words'
  /** boost's own bool reader: 1/0/true/false, anything else silently becomes the default. */
  | 'boost-bool'
  /** The element only has to be present. */
  | 'presence';

/** How a command-line or environment value is turned into a value. */
export type ArgReader =
  /** C atoi: leading digits, anything unparsable is 0 (which usually means "unset"). */
  | 'atoi'
  /** atoi, used only when the result is > 0. */
  | 'atoi-positive'
  /** atoi, used only when the result is >= 0. */
  | 'atoi-non-negative'
  /** atoi, on only when the result is exactly 1. */
  | 'atoi-one'
  /** C atof. */
  | 'atof'
  /** boost::lexical_cast<unsigned>: anything unparsable aborts the server (uncaught bad_lexical_cast). */
  | 'lexical-uint'
  /** The text as given. */
  | 'string'
  /** A switch with no argument. */
  | 'flag';

export type ValueKind =
  | 'uint'
  | 'float'
  | 'string'
  | 'bool'
  | 'enum'
  | 'ip'
  | 'ipv4-digits'
  | 'cidr'
  | 'sip-uri'
  | 'url'
  | 'host-list'
  | 'name-list';

export interface ValueType {
  kind: ValueKind;
  min?: number;
  max?: number;
  /** enum: the accepted values */
  values?: readonly string[];
  /** bool read by 'words': the exact words that mean true */
  trueWords?: readonly string[];
  /** enum/words compared without regard to case */
  caseInsensitive?: boolean;
  /** the server changes the case of the text before using it */
  serverCase?: 'upper' | 'lower';
}

export interface XmlForm {
  /** element names below <drachtio> (for list fields: below the item element) */
  element: readonly string[];
  /** the attribute holding the value; absent when the value is the element's text */
  attr?: string;
  reader: XmlReader;
}

/** What the server does with a command-line or environment value that fails its check. */
export type ArgCheck =
  /** not one of type.values: usage text, exit 255 (parseCmdArgs) */
  | 'enum-exit'
  /** not one of type.values: ignored (getEnv) */
  | 'enum-ignore'
  /** outside type.min..type.max: usage text, exit 255 (parseCmdArgs) */
  | 'range-exit'
  /** outside type.min..type.max: ignored (getEnv) */
  | 'range-ignore'
  /** raised/capped to type.min..type.max (getEnv) */
  | 'clamp'
  /** unparsable or 0: usage text, exit 255, instead of lexical-uint's abort (parseCmdArgs --homer-id) */
  | 'positive-exit';

export interface CliForm {
  long: string;
  /** only when the letter is in parseCmdArgs' getopt optstring: -d and -s have cases but no optstring entry */
  short?: string;
  takesArg: boolean;
  reader: ArgReader;
  /** the argument's form when it is not a plain value, e.g. "host[:port]" */
  syntax?: string;
  check?: ArgCheck;
}

export interface EnvForm {
  name: string;
  reader: ArgReader;
  syntax?: string;
  check?: ArgCheck;
}

/**
 * How the server combines the file with the command line and environment. getEnv() assigns
 * first, parseCmdArgs() overwrites (src/controller.cpp DrachtioController::DrachtioController),
 * then run() reads the file only where that result is still at its unset value.
 */
export type Precedence =
  /** CLI/env wins unless left at its unset value (0, "", or `unset`); then the file; then the default (run) */
  | 'override'
  /** booleans: on when the CLI, the environment or the file says so; the file cannot be switched off (run) */
  | 'or'
  /** on with --stdout, DRACHTIO_CONSOLE_LOGGING=1, --noconfig, <console/>, or no <file>/<syslog> (initializeLogging) */
  | 'console'
  /** a CLI/env address replaces the whole file element the setting belongs to (its id's parent): capture-server, prometheus, blacklist (run) */
  | 'group'
  /** request routes: the first inserted route wins (env, then CLI); file routes load only when none exists (installConfig, RequestRouter::addRoute) */
  | 'routes'
  /** any --contact replaces every file contact; a legacy <sip><contact> hides <contacts> (run, Impl::Impl) */
  | 'contacts'
  /** a CLI/env value >= 1.0 wins; otherwise the file value, only when > 1.0 (run) */
  | 'min-tls'
  /** no command-line or environment form */
  | 'file-only'
  /** no file form: command line and/or environment only */
  | 'no-file';

/** What the server does with the setting. */
export type Effect =
  /** read and used */
  | 'used'
  /** read, then never used */
  | 'unused'
  /** read, but has had no effect since `noEffectSince` */
  | 'no-effect';

export type SettingValue = string | number | boolean;

/** A name for the setting that drachtio's own docs or samples use but the parser never reads. */
export interface IgnoredSpelling {
  /** element or attribute name, at the place the setting's own name goes */
  name: string;
  /** where the spelling comes from */
  seenIn: string;
  /** `validate --fix` may rename it to the real name (false where the real setting would not help either) */
  rename: boolean;
}

export interface Setting {
  /** dotted XML path under <drachtio>, attribute last; `runtime.*` for settings with no XML form */
  id: string;
  summary: string;
  /** what the server does with it, including how bad values are treated */
  behaviour: string;
  type: ValueType;
  default?: SettingValue;
  xml: XmlForm | null;
  cli: readonly CliForm[];
  env: EnvForm | null;
  /** masked in every output unless --show-secrets */
  secret?: boolean;
  effect?: Effect;
  noEffectSince?: string;
  /** first drachtio-server release that reads it (XML form unless noted) */
  since?: string;
  /** first release that reads the command-line flag, when it differs from `since` */
  cliSince?: string;
  /** first release that reads the environment variable, when it differs from `since` */
  envSince?: string;
  /** server source: file and function */
  source: readonly string[];
  /** true when the real server refuses to start on a bad value */
  fatal?: boolean;
  /** spellings from drachtio's docs that the parser ignores, so they can be reported as such */
  ignoredSpellings?: readonly IgnoredSpelling[];
  /** list fields only: the element may repeat and every occurrence counts (spammer <value>) */
  repeated?: boolean;
  precedence: Precedence;
  /** run()'s "not given" value of the CLI/env variable when it is not 0/"" (keepalive 65535, sofia -1) */
  unset?: number;
  /** group members: the value the server gives it when the group's address comes from the command line or environment and this member does not */
  groupFill?: SettingValue;
}

/** A repeated element whose items carry several fields (contacts, request handlers, spammer headers). */
export interface ListSetting {
  id: string;
  summary: string;
  behaviour: string;
  /** element path of the container below <drachtio> */
  container: readonly string[];
  /** element name of each item */
  item: string;
  fields: readonly Setting[];
  precedence: Precedence;
  cli: readonly CliForm[];
  env: EnvForm | null;
  since?: string;
  cliSince?: string;
  envSince?: string;
  source: readonly string[];
}

export type RegistryEntry = Setting | ListSetting;

export function isList(e: RegistryEntry): e is ListSetting {
  return (e as ListSetting).fields !== undefined;
}
