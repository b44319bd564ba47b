import type { DrachtioConfig, RawValue } from '../model/config.js';

/** The server attaches TLS files to a SIP contact only when its text contains "sips" or "tls". */
export const isTlsContact = (uri: string): boolean => uri.includes('sips') || uri.includes('tls');

/** Every SIP contact URI in force: the legacy <sip><contact> replaces <contacts> when present. */
export function contactUris(config: DrachtioConfig): RawValue[] {
  const legacy = config.values.get('sip.contact');
  if (legacy) return [legacy];
  const out: RawValue[] = [];
  for (const item of config.lists.get('sip.contacts') ?? []) if (item.fields.uri) out.push(item.fields.uri);
  return out;
}
