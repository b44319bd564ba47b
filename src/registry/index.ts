import { admin } from './sections/admin.js';
import { requestHandlers } from './sections/handlers.js';
import { cdrs, logging, monitoring } from './sections/logging.js';
import { runtime } from './sections/runtime.js';
import { contacts, sip, spammerHeaders } from './sections/sip.js';
import { blacklist, captureServer, tls } from './sections/sip-services.js';
import { isList, type ListSetting, type RegistryEntry, type Setting } from './types.js';

export * from './types.js';

/** Every setting drachtio-server reads, in the order of the canonical XML file. */
export const REGISTRY: readonly RegistryEntry[] = [
  ...admin,
  sip[0]!,
  contacts,
  ...sip.slice(1),
  ...tls,
  ...captureServer,
  ...blacklist,
  spammerHeaders,
  requestHandlers,
  cdrs,
  ...monitoring,
  ...logging,
  ...runtime,
];

export const SCALARS: readonly Setting[] = REGISTRY.filter((e): e is Setting => !isList(e));
export const LISTS: readonly ListSetting[] = REGISTRY.filter(isList);

const byId = new Map<string, RegistryEntry>(REGISTRY.map((e) => [e.id, e]));

export function entry(id: string): RegistryEntry | undefined {
  return byId.get(id);
}

export function setting(id: string): Setting {
  const e = byId.get(id);
  if (!e || isList(e)) throw new Error(`no scalar setting ${id}`);
  return e;
}

/** Key of an XML location: element path joined by '/', attribute after '@'. */
export function xmlKey(element: readonly string[], attr?: string): string {
  return element.join('/') + (attr ? `@${attr}` : '');
}

const byXml = new Map<string, Setting>(
  SCALARS.filter((s) => s.xml).map((s) => [xmlKey(s.xml!.element, s.xml!.attr), s]),
);

export function settingAtXml(element: readonly string[], attr?: string): Setting | undefined {
  return byXml.get(xmlKey(element, attr));
}

const listByContainer = new Map<string, ListSetting>(LISTS.map((l) => [l.container.join('/'), l]));

export function listAt(container: readonly string[]): ListSetting | undefined {
  return listByContainer.get(container.join('/'));
}

/** A scalar setting, or a list field addressed as `<list id>.<field id>` (e.g. sip.contacts.uri). */
export function settingOrField(id: string): Setting | undefined {
  const e = byId.get(id);
  if (e) return isList(e) ? undefined : e;
  const dot = id.lastIndexOf('.');
  const list = byId.get(id.slice(0, dot));
  return list && isList(list) ? list.fields.find((f) => f.id === id.slice(dot + 1)) : undefined;
}
