import { emptyConfig, type DrachtioConfig, type ListItem } from '../model/config.js';
import { LISTS, SCALARS } from '../registry/index.js';
import type { Resolution } from '../resolve/index.js';
import type { Position } from '../xml/positions.js';

/** "prod.env:4" → line 4; anything else → line 1. */
const posOf = (origin: string): Position => ({ line: Number(/:(\d+)/.exec(origin)?.[1] ?? 1), column: 1 });

/**
 * A model holding what the environment and command line set (defaults and file values left
 * out), with values written as XML text the server reads the same way, so it can be written
 * as XML, JSON or YAML.
 */
export function modelFromResolution(res: Resolution, source: string): DrachtioConfig {
  const config = emptyConfig(source);
  config.root = { name: 'drachtio', pos: { line: 1, column: 1 } };
  for (const s of SCALARS) {
    const r = res.settings[s.id];
    if (!r || (r.source !== 'cli' && r.source !== 'env') || r.value === false) continue;
    let raw = String(r.value);
    if (r.value === true) raw = s.xml?.reader === 'presence' ? '' : s.xml?.reader === 'words' ? (s.type.trueWords?.[0] ?? 'true') : 'true';
    config.values.set(s.id, { raw, pos: posOf(r.origin) });
  }
  for (const l of LISTS) {
    const r = res.settings[l.id];
    if (!r || (r.source !== 'cli' && r.source !== 'env')) continue;
    const items = (r.value as Record<string, unknown>[]).map((v): ListItem => {
      const pos = posOf(r.origin);
      const fields: ListItem['fields'] = {};
      for (const f of l.fields) {
        const x = v[f.id];
        // a field the server reads but never uses (verify-peer) is not configuration to write back
        if (x !== undefined && f.effect !== 'unused') fields[f.id] = { raw: Array.isArray(x) ? x.join(',') : String(x), pos };
      }
      return { pos, fields, repeated: {} };
    });
    config.lists.set(l.id, items);
  }
  return config;
}
