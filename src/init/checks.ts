import { isIP } from 'node:net';
import { setting, type Setting } from '../registry/index.js';
import { emptyConfig, type DrachtioConfig } from '../model/config.js';
import { validateText } from '../validate/engine.js';
import { renderXml } from '../xml/render.js';

/**
 * Checks of single answers, as they are typed. Wherever `validate` has a rule the answer goes
 * through that rule (a one-setting config is rendered and validated), so init never holds a
 * second copy of it; init only adds stricter input hygiene on top (digits only, IP literals).
 */

const NOWHERE = { line: 0, column: 0 };

/** The first error `validate` reports for this value of a setting or list field (e.g. sip.contacts.uri). */
export function settingProblem(id: string, raw: string): string | undefined {
  const config: DrachtioConfig = emptyConfig('<answer>');
  config.values.set('admin.address', { raw: '127.0.0.1', pos: NOWHERE });
  const [list, field] = splitListField(id);
  if (field) config.lists.set(list, [{ pos: NOWHERE, fields: { [field]: { raw, pos: NOWHERE } }, repeated: {} }]);
  else config.values.set(id, { raw, pos: NOWHERE });
  // warnings judge combinations of settings; the whole file is checked for them once it is complete
  return validateText(renderXml(config), '<answer>').diagnostics.find((d) => d.setting === id && d.severity === 'error')?.message;
}

function splitListField(id: string): [string, string | undefined] {
  for (const list of ['sip.contacts', 'request-handlers']) if (id.startsWith(`${list}.`)) return [list, id.slice(list.length + 1)];
  return [id, undefined];
}

/** A whole number in the range the registry gives the setting. */
export function numberProblem(text: string, id: string): string | undefined {
  return rangeProblem(text, setting(id).type);
}

export function rangeProblem(text: string, type: Pick<Setting['type'], 'min' | 'max'>): string | undefined {
  const min = type.min ?? 0;
  const max = type.max ?? 4294967295;
  if (!/^\d+$/.test(text)) return `${JSON.stringify(text)} is not a whole number`;
  const n = Number(text);
  return n < min || n > max ? `${n} is out of range: allowed is ${min} to ${max}` : undefined;
}

/** TCP and UDP ports a contact may listen on (sofia refuses 0). */
export const CONTACT_PORT = { min: 1, max: 65535 } as const;

export function ipProblem(text: string, what: string, family?: 4): string | undefined {
  const v = isIP(text);
  if (family === 4 ? v === 4 : v !== 0) return undefined;
  return `${JSON.stringify(text)} is not an ${family === 4 ? 'IPv4' : 'IP'} address literal (${what})`;
}

export function httpsUrlProblem(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `${JSON.stringify(text)} is not a URL`;
  }
  if (url.protocol !== 'https:') return 'use an https:// URL: otherwise every routing request and its answer travel unencrypted';
  return settingProblem('request-handlers.url', text);
}

export function absolutePathProblem(text: string): string | undefined {
  // the server resolves relative paths against its working directory, which is / or /tmp when daemonised
  return text.startsWith('/') && !/\s/.test(text) ? undefined : 'give an absolute path without spaces (e.g. /etc/drachtio/tls/key.pem)';
}

/** A host name or IP literal, for the capture and syslog servers. */
export function hostProblem(text: string): string | undefined {
  if (isIP(text) !== 0 || /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/.test(text)) return undefined;
  return `${JSON.stringify(text)} is not a host name or IP address`;
}

/** The secret's minimum length; generated secrets are 32 characters. */
export const SECRET_MIN = 32;

export function secretProblem(text: string): string | undefined {
  if (text.length < SECRET_MIN || /\s/.test(text)) return `use at least ${SECRET_MIN} characters without spaces (leave it out to have one generated)`;
  return settingProblem('admin.secret', text);
}
