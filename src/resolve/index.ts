import type { DrachtioConfig } from '../model/config.js';
import type { XmlDocument } from '../xml/tree.js';
import { SCALARS, setting, type Setting, type SettingValue } from '../registry/index.js';
import { emptyLayer, type Fatal, type Given, type Layer } from '../sources/layer.js';
import { fileOrigin, fileValue } from './file.js';
import { resolveGroups } from './groups.js';
import { resolveLists } from './lists.js';
import { startupOf } from './startup.js';
import { effectiveModel } from '../model/effective.js';
import type { Overridden, Resolution, Resolved } from './types.js';

export type { Resolution, Resolved, Overridden, Startup } from './types.js';

export interface ResolveInput {
  /** the XML file, when it could be read; without its XML document (a model from JSON) file rules are not checked */
  file?: { config: DrachtioConfig; xml?: XmlDocument };
  /** why the file could not be read (the server exits 255) */
  fileError?: Fatal;
  env?: Layer;
  cli?: Layer;
}

/** What the server's variable holds after getEnv then parseCmdArgs: the last assignment the server takes. */
export type Tagged = Given & { source: 'cli' | 'env' };
export interface Member {
  given?: Tagged;
  /** assignments overwritten, or read but not taken */
  lost: Tagged[];
}

export interface Context {
  input: Required<Pick<ResolveInput, 'env' | 'cli'>> & ResolveInput;
  settings: Record<string, Resolved>;
  warnings: string[];
  member(id: string): Member;
  file(id: string): { value: SettingValue | undefined; origin: string } | undefined;
}

const WHY: Record<Setting['precedence'], string> = {
  override: 'run() uses the command-line/environment value unless it is left at its unset value, then the file, then the default (src/controller.cpp DrachtioController::run)',
  or: 'on when the command line, the environment or the file says so: a file value of true cannot be switched off (src/controller.cpp DrachtioController::run)',
  console: 'on with --stdout, DRACHTIO_CONSOLE_LOGGING=1, --noconfig, <console/>, or when the file configures neither <file> nor <syslog> (src/controller.cpp DrachtioController::initializeLogging)',
  group: 'a command-line/environment address replaces the whole file element (src/controller.cpp DrachtioController::run)',
  routes: 'the first route inserted for a method wins: environment, then command line; file handlers load only when no route exists (src/controller.cpp DrachtioController::installConfig)',
  contacts: 'any --contact replaces every file contact; a legacy <sip><contact> hides <contacts> (src/controller.cpp DrachtioController::run)',
  'min-tls': 'a command-line/environment value >= 1.0 wins; otherwise the file value, only when above 1.0 (src/controller.cpp DrachtioController::run)',
  'file-only': 'file only: there is no command-line or environment form',
  'no-file': 'command line and environment only; the command line is applied after the environment (src/controller.cpp DrachtioController::DrachtioController)',
};
export const why = (s: Pick<Setting, 'precedence'>) => WHY[s.precedence];

/** The configuration the server would run with, each value with where it came from, and whether it starts at all. */
export function resolve(input: ResolveInput): Resolution {
  return resolveWithModel(input).resolution;
}

/** resolve(), and the effective model it judged start-up on (effectiveConfig() hands it on rather than build it again). */
export function resolveWithModel(input: ResolveInput): { resolution: Resolution; model: DrachtioConfig } {
  const ctx = contextOf(input);
  const { env, cli } = ctx.input;
  for (const s of SCALARS) {
    if (s.precedence === 'group' || s.precedence === 'contacts') continue;
    const r = resolveScalar(ctx, s);
    if (r) ctx.settings[s.id] = r;
  }
  resolveGroups(ctx);
  resolveLists(ctx);
  // run() fails on the configuration in force: the file's values with the environment's and command line's in their place
  const model = effectiveModel(input.file?.config, { settings: ctx.settings }, env, cli);
  const startup = startupOf(ctx, model);
  const settings = Object.fromEntries(Object.entries(ctx.settings).sort(([a], [b]) => order(a) - order(b)));
  return { resolution: { settings, startup, warnings: ctx.warnings }, model };
}

/** The file the server reads: -f/--file, else DRACHTIO_CONFIG_FILE_PATH, else the default (src/controller.cpp DrachtioController ctor); known before any file is. */
export function configFileOf(input: Pick<ResolveInput, 'env' | 'cli'>): string {
  return String(resolveScalar(contextOf(input), setting('runtime.config-file'))?.value);
}

function contextOf(input: ResolveInput): Context {
  const env = input.env ?? emptyLayer('env');
  const cli = input.cli ?? emptyLayer('cli');
  return {
    input: { ...input, env, cli },
    settings: {},
    warnings: [...env.warnings, ...cli.warnings],
    member: (id) => {
      const tag = (l: Layer) => l.given.filter((g) => g.id === id).map((g): Tagged => ({ ...g, source: l.source }));
      const all = [...tag(env), ...tag(cli)];
      const taken = all.filter((g) => !g.ignored);
      const given = taken[taken.length - 1];
      return { ...(given && { given }), lost: all.filter((g) => g !== given) };
    },
    file: (id) => {
      const raw = input.file?.config.values.get(id);
      if (!raw || !input.file) return undefined;
      return { value: fileValue(SCALARS.find((s) => s.id === id)!, raw.raw), origin: fileOrigin(input.file.config, raw.pos) };
    },
  };
}

const ORDER = new Map(SCALARS.map((s, i) => [s.id, i]));
const order = (id: string) => ORDER.get(id) ?? -1;

/** Whether run() treats the variable as "not given". */
export function isUnset(s: Setting, v: unknown): boolean {
  if (s.unset !== undefined) return v === s.unset;
  return v === undefined || v === 0 || v === '' || v === false;
}

export const lostAsOverridden = (m: Member, reason: string): Overridden[] =>
  m.lost.map((g) => ({ source: sourceOf(g), origin: g.origin, value: g.value, why: g.ignored ?? reason }));

export const sourceOf = (g: Tagged): 'cli' | 'env' => g.source;

/** The value, source, origin and place of an assignment the server takes. */
export const taken = (g: Tagged) => ({ value: g.value, source: g.source, origin: g.origin, ...(g.place && { place: g.place }) });

function resolveScalar(ctx: Context, s: Setting): Resolved | undefined {
  const m = ctx.member(s.id);
  const f = ctx.file(s.id);
  const base = lostAsOverridden(m, 'overwritten by a later assignment (the command line is applied after the environment)');
  const fromMember = (): Resolved => ({ ...taken(m.given!), overridden: base, why: why(s) });
  const fromFile = (over: Overridden[]): Resolved => ({ value: f!.value, source: 'file', origin: f!.origin, overridden: over, why: why(s) });
  const fromDefault = (over: Overridden[]): Resolved | undefined =>
    s.default === undefined ? undefined : { value: s.default, source: 'default', origin: 'default', overridden: over, why: why(s) };
  const memberSet = m.given !== undefined && !isUnset(s, m.given.value);
  const memberLost = (reason: string): Overridden[] =>
    m.given ? [...base, { source: sourceOf(m.given), origin: m.given.origin, value: m.given.value, why: reason }] : base;

  switch (s.precedence) {
    case 'or':
    case 'console': {
      if (memberSet) return { ...fromMember(), overridden: f ? [...base, { source: 'file', origin: f.origin, value: f.value }] : base };
      if (s.precedence === 'console') {
        const noconfig = ctx.member('runtime.noconfig').given;
        if (noconfig) return { ...taken(noconfig), value: true, overridden: base, why: why(s) };
        if (f?.value === true) return fromFile(base);
        const cfg = ctx.input.file?.config;
        if (cfg && !cfg.values.has('logging.file.name') && !cfg.values.has('logging.syslog.address')) {
          return { value: true, source: 'file', origin: `${cfg.source} (no <file> or <syslog>)`, overridden: base, why: why(s) };
        }
      }
      if (f?.value === true) return fromFile(memberLost('false does not switch off a true file value'));
      return f ? fromFile(memberLost('unset')) : fromDefault(memberLost('unset'));
    }
    case 'min-tls': {
      const v = m.given?.value as number | undefined;
      if (v !== undefined && v >= 1.0) return { ...fromMember(), overridden: f ? [...base, { source: 'file', origin: f.origin, value: f.value }] : base };
      const lost = memberLost('below 1.0, so the file decides');
      if (f && (f.value as number) > 1.0) return fromFile(lost);
      if (f) ctx.warnings.push(`${f.origin}: min-tls-version ${String(f.value)} has no effect: the file value counts only above 1.0`);
      return undefined;
    }
    case 'file-only':
      return f ? fromFile(base) : fromDefault(base);
    default: {
      if (memberSet) return { ...fromMember(), overridden: f ? [...base, { source: 'file', origin: f.origin, value: f.value }] : base };
      const reason = s.unset !== undefined ? `${s.unset} is the server's "unset" value` : 'empty or 0 counts as unset';
      if (f && f.value !== undefined) return fromFile(memberLost(reason));
      return fromDefault(memberLost(reason));
    }
  }
}
