import type { DrachtioConfig } from './config.js';
import { settingOrField } from '../registry/index.js';

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
 * Replace every secret value of a configuration that appears in `text` (as written, trimmed, or
 * JSON-quoted) with the mask: the last line of defence for messages that quote values.
 */
export function redactSecrets(config: DrachtioConfig, text: string): string {
  let out = text;
  for (const [id, v] of config.values) {
    if (!isSecret(id)) continue;
    for (const form of new Set([v.raw, v.raw.trim(), JSON.stringify(v.raw).slice(1, -1)])) {
      // a very short secret would match inside ordinary words; those are reported as weak anyway
      if (form.length >= 3) out = out.split(form).join(MASK);
    }
  }
  return out;
}
