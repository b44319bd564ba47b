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
  for (const [id, v] of values) if (isSecret(id) && v.raw !== '') values.set(id, { ...v, raw: MASK });
  return { ...config, values };
}

/**
 * Mask the secret values of a configuration where a message quotes them. Messages show values
 * only through `quote()` (JSON-quoted), so only a whole quoted value is replaced, never a
 * substring of the message: a secret equal to an ordinary word ("admin") leaves the words alone.
 */
export function redactSecrets(config: DrachtioConfig, text: string): string {
  let out = text;
  for (const [id, v] of config.values) {
    if (!isSecret(id) || v.raw === '') continue;
    for (const form of new Set([v.raw, v.raw.trim()])) if (form !== '') out = out.split(quote(form)).join(quote(MASK));
  }
  return out;
}
