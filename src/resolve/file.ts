import type { DrachtioConfig } from '../model/config.js';
import { isTrueWord, serverUint } from '../model/coerce.js';
import type { Setting, SettingValue } from '../registry/index.js';
import type { Position } from '../xml/positions.js';

const FLOAT = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/**
 * The value drachtio-server's XML reader makes of a setting's text (src/drachtio-config.cpp
 * DrachtioConfig::Impl::Impl); undefined where a required number does not parse (the file is then invalid).
 */
export function fileValue(s: Setting, raw: string): SettingValue | undefined {
  switch (s.xml?.reader) {
    case 'uint-or-default':
      return serverUint(raw) ?? s.default;
    case 'uint-required':
      return serverUint(raw);
    case 'float-or-default':
      return FLOAT.test(raw) ? Number(raw) : 0;
    case 'words':
      return isTrueWord(s, raw);
    case 'boost-bool':
      return raw === 'true' || raw === '1' ? true : raw === 'false' || raw === '0' ? false : s.default;
    case 'presence':
      return true;
    case undefined:
      // a command-line/environment-only setting carried in a model built from env or args
      return s.type.kind === 'bool' ? raw === 'true' : s.type.kind === 'uint' || s.type.kind === 'float' ? Number(raw) : raw;
    default: {
      if (!s.type.values) return raw;
      const v = s.type.caseInsensitive ? raw.toLowerCase() : raw;
      return s.type.values.includes(v) ? v : (s.default ?? v);
    }
  }
}

/** file:line:column of a value, as compilers write it. */
export const fileOrigin = (config: DrachtioConfig, pos: Position) => `${config.source}:${pos.line}:${pos.column}`;
