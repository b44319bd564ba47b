import type { Place } from '../model/place.js';
import { REGISTRY, SCALARS, isList, setting, type Setting } from '../registry/index.js';
import { emptyLayer, readArg, splitColons, type Layer, ABORT } from './layer.js';
import { lexicalUint } from './text.js';

export interface EnvVar {
  value: string;
  /** where it was set: the variable name for the process environment, file:line for an env file */
  origin: string;
  place?: Place;
}

const BY_NAME = new Map<string, Setting>(SCALARS.filter((s) => s.env).map((s) => [s.env!.name, s]));
const LIST_ENV = new Set(REGISTRY.filter(isList).flatMap((l) => (l.env ? [l.env.name] : [])));
/** Variables drachtio-server sets or that are not settings: not worth a warning. */
const NOT_SETTINGS = new Set(['TPORT_LOG']);

/**
 * The environment as getEnv() reads it (src/controller.cpp DrachtioController::getEnv), in the
 * order getEnv reads it (registry order), stopping where the server would abort.
 */
export function readEnv(vars: ReadonlyMap<string, EnvVar>): Layer {
  const layer = emptyLayer('env');
  for (const [name, v] of vars) {
    if (name.startsWith('DRACHTIO_') && !BY_NAME.has(name) && !LIST_ENV.has(name) && !NOT_SETTINGS.has(name)) {
      layer.warnings.push(`${v.origin}: ${name} is not read by drachtio-server`);
      layer.strays.push({ message: `${name} is not read by drachtio-server`, ...(v.place && { place: v.place }) });
    }
  }
  for (const e of REGISTRY) {
    if (isList(e)) {
      const v = e.env && vars.get(e.env.name);
      // getEnv clears the routes and adds "*" with GET, even for an empty value
      if (v) layer.routes.push({ url: v.value, method: 'GET', origin: v.origin, ...at(v) });
      continue;
    }
    const v = e.env && vars.get(e.env.name);
    if (!v) continue;
    if (e.env!.syntax === '[host:]port') {
      const parts = splitColons(v.value);
      const port = lexicalUint(parts.length === 2 ? parts[1]! : v.value);
      if (port === undefined) {
        layer.fatal = { exitCode: ABORT, abort: true, message: `${e.env!.name}="${v.value}": the port is not an unsigned number, boost::lexical_cast throws and the server aborts`, origin: v.origin, ...at(v) };
        return layer;
      }
      if (parts.length === 2) layer.given.push({ id: sibling(e, 'address'), value: parts[0]!, text: v.value, origin: v.origin, ...at(v) });
      layer.given.push({ id: e.id, value: port, text: v.value, origin: v.origin, ...at(v) });
      continue;
    }
    const r = readArg(e, e.env!, v.value);
    if ('fatal' in r) {
      layer.fatal = { ...r.fatal, message: `${e.env!.name}: ${r.fatal.message}`, origin: v.origin, ...at(v) };
      return layer;
    }
    layer.given.push({ id: e.id, value: r.value, text: v.value, origin: v.origin, ...(r.ignored && { ignored: r.ignored }), ...at(v) });
  }
  return layer;
}

const at = (v: EnvVar) => (v.place ? { place: v.place } : {});

/** The setting beside `s` in its group (e.g. monitoring.prometheus.address beside .port). */
export function sibling(s: Setting, name: string): string {
  return setting(`${s.id.slice(0, s.id.lastIndexOf('.'))}.${name}`).id;
}
