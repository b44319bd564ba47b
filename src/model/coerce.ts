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
 * What drachtio-server's XML reader ends up with for a setting: the typed value of `raw`,
 * or the default where the text is absent or does not parse (numbers), or the text itself.
 */
export function serverFileValue(s: Setting, raw: string | undefined): SettingValue | string[] | undefined {
  if (raw === undefined) return s.default;
  switch (s.type.kind) {
    case 'uint': {
      const n = serverUint(raw);
      return n ?? s.default;
    }
    case 'float': {
      const v = typedValue(s, raw);
      return typeof v === 'number' ? v : (s.default ?? 0);
    }
    default:
      return typedValue(s, raw);
  }
}
