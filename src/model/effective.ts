import { SCALARS, type Setting } from '../registry/index.js';
import type { Layer } from '../sources/layer.js';
import type { Resolution } from '../resolve/types.js';
import type { Position } from '../xml/positions.js';
import { emptyConfig, type DrachtioConfig, type ListItem, type RawValue } from './config.js';
import type { ParsedConfig } from './parse.js';
import type { Place } from './place.js';

/**
 * The configuration the server runs with, as one model: the file's values, with each value the
 * environment or command line gives in its place, and file values the server does not use
 * (a group replaced by a command-line address, a min-tls-version at 1.0) left out. Each value
 * keeps the position where it was written, in whichever file that is, so a rule reports it there.
 */
export interface EffectiveConfig {
  /** the XML file as written, when one was read: XML-only rules check it */
  file?: ParsedConfig;
  env: Layer;
  cli: Layer;
  resolution: Resolution;
  /** the file model's shape with the values in force */
  model: DrachtioConfig;
}

/** The XML text the server reads as this value (true as the setting's own word, presence as an empty element). */
export function xmlTextOf(s: Setting, value: unknown): string {
  if (value === true) return s.xml?.reader === 'presence' ? '' : s.xml?.reader === 'words' ? (s.type.trueWords?.[0] ?? 'true') : 'true';
  return Array.isArray(value) ? value.join(',') : String(value);
}

/** A position in the file a value was written in; a command-line word without a file is placed by its origin. */
function positionOf(place: Place | undefined, origin: string): Position {
  return place ? { line: place.line, column: place.column, file: place.file } : { line: 1, column: 1, file: origin };
}

/** Without a file, the model holds what the environment and command line set, named `source`. */
export function effectiveModel(file: DrachtioConfig | undefined, res: Pick<Resolution, 'settings'>, env: Layer, cli: Layer, source = '<no file>'): DrachtioConfig {
  const base = file ?? { ...emptyConfig(source), root: { name: 'drachtio', pos: { line: 1, column: 1 } } };
  const model: DrachtioConfig = { ...base, values: new Map(base.values), lists: new Map(base.lists) };
  let changed = false;
  for (const s of SCALARS) {
    const r = res.settings[s.id];
    const written = base.values.get(s.id);
    if (r && (r.source === 'cli' || r.source === 'env')) {
      model.values.set(s.id, { raw: xmlTextOf(s, r.value), pos: positionOf(r.place, r.origin) });
      changed = true;
    } else if (written && s.precedence === 'group' && r?.source !== 'file') {
      // a command-line/environment address replaced the file's whole element
      model.values.delete(s.id);
      changed = true;
    }
  }
  const contacts = res.settings['sip.contacts'];
  if (contacts?.source === 'cli') {
    model.values.delete('sip.contact');
    model.lists.set('sip.contacts', cli.contacts.map((c): ListItem => {
      const pos = positionOf(c.place, c.origin);
      const fields: Record<string, RawValue> = { uri: { raw: c.uri, pos } };
      if (c.externalIp) fields['external-ip'] = { raw: c.externalIp, pos };
      if (c.localNet) fields['local-net'] = { raw: c.localNet, pos };
      if (c.dnsNames.length) fields['dns-names'] = { raw: c.dnsNames.join(','), pos };
      return { pos, fields, repeated: {} };
    }));
    changed = true;
  }
  const routes = res.settings['request-handlers'];
  if (routes && (routes.source === 'cli' || routes.source === 'env')) {
    const winner = [...env.routes, ...cli.routes][0]!;
    const pos = positionOf(winner.place, winner.origin);
    const fields = { 'sip-method': { raw: '*', pos }, 'http-method': { raw: winner.method, pos }, url: { raw: winner.url, pos } };
    model.lists.set('request-handlers', [{ pos, fields, repeated: {} }]);
    changed = true;
  }
  // a file alone is its own effective configuration: rules then see the very same model
  return changed || !file ? model : file;
}
