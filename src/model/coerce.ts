import type { Setting, SettingValue } from '../registry/index.js';

const UINT = /^\s*\+?\d+\s*$/;
const SIGNED_INT = /^\s*-\d+\s*$/;
const FLOAT = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/** The word lists of boolean settings, honouring their case rule. */
export function isTrueWord(s: Setting, raw: string): boolean {
  const words = s.type.trueWords ?? [];
  return s.type.caseInsensitive ? words.includes(raw.toLowerCase()) : words.includes(raw);
}

/**
 * The typed value of XML text, where the text is a clean value of the setting's type;
 * otherwise the text itself, so a schema check can say what is wrong with it.
 * Booleans are what the server makes of the text (it never rejects one).
 */
export function typedValue(s: Setting, raw: string): SettingValue | string[] {
  switch (s.type.kind) {
    case 'uint':
      return UINT.test(raw) || SIGNED_INT.test(raw) ? Number(raw) : raw;
    case 'float':
      return FLOAT.test(raw) ? Number(raw) : raw;
    case 'bool':
      if (s.xml?.reader === 'presence') return true;
      if (s.xml?.reader === 'boost-bool') return raw === '0' || raw === 'false' ? false : true;
      return isTrueWord(s, raw);
    case 'enum':
      return s.type.caseInsensitive ? raw.toLowerCase() : raw;
    case 'name-list':
      return raw.split(/[,; ]/).filter((n) => n !== '');
    default:
      return s.type.serverCase === 'upper' ? raw.toUpperCase() : s.type.serverCase === 'lower' ? raw.toLowerCase() : raw;
  }
}

/**
 * What boost's stream reader makes of text read as an unsigned number:
 * undefined where it fails (the server then uses the default or rejects the file).
 */
export function serverUint(raw: string): number | undefined {
  if (UINT.test(raw)) {
    const n = Number(raw);
    return n <= 4294967295 ? n : undefined;
  }
  if (SIGNED_INT.test(raw)) {
    const n = Number(raw);
    // unsigned extraction of a negative number wraps modulo 2^32
    return n >= -4294967295 ? 4294967296 + n : undefined;
  }
  return undefined;
}

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
      if (!s.type.values) return s.type.serverCase === 'upper' ? raw.toUpperCase() : s.type.serverCase === 'lower' ? raw.toLowerCase() : raw;
      const v = s.type.caseInsensitive ? raw.toLowerCase() : raw;
      return s.type.values.includes(v) ? v : (s.default ?? v);
    }
  }
}

/** As fileValue, with the default where the file does not set the value at all. */
export function fileValueOrDefault(s: Setting, raw: string | undefined): SettingValue | undefined {
  return raw === undefined ? s.default : fileValue(s, raw);
}
