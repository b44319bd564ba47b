import type { DrachtioConfig } from './config.js';
import { settingOrField } from '../registry/index.js';
import { quote } from '../validate/quote.js';

/** What every output shows instead of a secret value. */
export const MASK = '********';

/** Whether a setting (or list field) id holds a secret, per the registry. */
export function isSecret(id: string): boolean {
  return settingOrField(id)?.secret === true;
}

/** The value as it may be shown: secrets masked unless the user asked to see them. */
export function displayValue<T>(id: string, value: T, showSecrets: boolean): T | string {
  return !showSecrets && isSecret(id) && value !== '' && value !== undefined ? MASK : value;
}

/** A copy of a configuration with every secret value replaced by the mask, for display. */
export function maskedConfig(config: DrachtioConfig): DrachtioConfig {
  const values = new Map(config.values);
  for (const [id, v] of values) if (isSecret(id) && v.raw !== '') values.set(id, { raw: MASK, pos: v.pos });
  return { ...config, values };
}

/**
 * Mask the secret values of a configuration where a message quotes them. Messages show values
 * only through `quote()` (JSON-quoted), so only a whole quoted value is replaced, never a
 * substring of the message: a secret equal to an ordinary word ("admin") leaves the words alone.
 */
export function redactSecrets(config: DrachtioConfig, text: string): string {
  // no quotation mark, no quoted value
  if (!text.includes('"')) return text;
  let out = text;
  for (const [id, v] of config.values) {
    if (!isSecret(id) || v.raw === '') continue;
    for (const form of new Set([v.raw, v.raw.trim()])) if (form !== '') out = out.split(quote(form)).join(quote(MASK));
  }
  return out;
}

/**
 * The text of an XML config with each secret value (found by the position the reader recorded,
 * not by searching for it) replaced by the mask; whitespace around a value is kept, so a diff
 * still shows it being trimmed. For showing a file, e.g. in a --fix --dry-run diff.
 */
export function maskSecretText(text: string, config: DrachtioConfig): string {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const spans: [number, number][] = [];
  for (const [id, v] of config.values) {
    if (!isSecret(id) || v.raw.trim() === '') continue;
    const at = lineStarts[v.pos.line - 1]! + v.pos.column - 1;
    // an attribute's position is its name: the value is inside the quotes after "="; an element's is its tag: the text after ">"
    const isElement = text[at] === '<';
    const eq = text.indexOf(isElement ? '>' : '=', at);
    if (eq === -1) continue;
    let start = eq + 1;
    if (!isElement) {
      while (/\s/.test(text[start] ?? '')) start++;
      start++;
    }
    const quote = isElement ? '<' : text[start - 1]!;
    const end = text.indexOf(quote, start);
    if (end === -1) continue;
    const value = text.slice(start, end);
    const lead = value.length - value.trimStart().length;
    const trail = value.length - value.trimEnd().length;
    if (value.trim() !== '') spans.push([start + lead, end - trail]);
  }
  let out = '';
  let from = 0;
  for (const [s, e] of spans.sort((a, b) => a[0] - b[0])) {
    if (s < from) continue;
    out += text.slice(from, s) + MASK;
    from = e;
  }
  return out + text.slice(from);
}
