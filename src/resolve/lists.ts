import type { ListItem } from '../model/config.js';
import { DEFAULT_CONTACT, deriveLocalNet } from '../model/contacts.js';
import { LISTS, entry, type ListSetting } from '../registry/index.js';
import { fileOrigin, fileValue } from './file.js';
import { why, type Context } from './index.js';
import type { Overridden } from './types.js';


export function resolveLists(ctx: Context): void {
  contacts(ctx);
  routes(ctx);
  const spammers = LISTS.find((l) => l.id === 'sip.spammers.headers')!;
  const items = ctx.input.file?.config.lists.get(spammers.id);
  if (items?.length) {
    ctx.settings[spammers.id] = { value: items.map((i) => itemValue(spammers, i)), source: 'file', origin: itemOrigin(ctx, items[0]!), overridden: [], why: why(spammers) };
  }
}

/** A list item as the server reads it, keyed by field id. */
function itemValue(list: ListSetting, item: ListItem): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of list.fields) {
    if (f.repeated) {
      const vs = item.repeated[f.id];
      if (vs) out[f.id] = vs.map((v) => v.raw).filter((v) => v !== '');
    } else if (item.fields[f.id]) {
      const raw = item.fields[f.id]!.raw;
      out[f.id] = f.type.kind === 'name-list' ? raw.split(/[,; ]/).filter((n) => n !== '') : fileValue(f, raw);
    }
  }
  return out;
}

const itemOrigin = (ctx: Context, item: ListItem) => fileOrigin(ctx.input.file!.config, item.pos);

function contacts(ctx: Context): void {
  const list = LISTS.find((l) => l.id === 'sip.contacts')!;
  const config = ctx.input.file?.config;
  const legacy = config?.values.get('sip.contact');
  const fileItems = config?.lists.get(list.id) ?? [];
  const fileOver: Overridden[] = [];
  if (legacy && config) fileOver.push(...fileItems.map((i) => ({ source: 'file' as const, origin: itemOrigin(ctx, i), value: itemValue(list, i), why: 'a legacy <sip><contact> hides <contacts>' })));
  const cli = ctx.input.cli.contacts;
  if (cli.length > 0) {
    const value = cli.map((c) => ({ uri: c.uri, ...(c.externalIp && { 'external-ip': c.externalIp }), ...(c.localNet && { 'local-net': c.localNet }), ...(c.dnsNames.length && { 'dns-names': c.dnsNames }) }));
    const over: Overridden[] = legacy && config
      ? [{ source: 'file', origin: fileOrigin(config, legacy.pos), value: [{ uri: legacy.raw }], why: 'replaced by --contact' }]
      : fileItems.map((i) => ({ source: 'file' as const, origin: itemOrigin(ctx, i), value: itemValue(list, i), why: 'every file contact is replaced by --contact' }));
    ctx.settings[list.id] = { value, source: 'cli', origin: cli[0]!.origin, overridden: over, why: why(list), ...(cli[0]!.place && { place: cli[0]!.place }) };
  } else if (legacy && config) {
    ctx.settings[list.id] = { value: [{ uri: legacy.raw }], source: 'file', origin: fileOrigin(config, legacy.pos), overridden: fileOver, why: why(list) };
  } else if (fileItems.length > 0) {
    ctx.settings[list.id] = { value: fileItems.map((i) => itemValue(list, i)), source: 'file', origin: itemOrigin(ctx, fileItems[0]!), overridden: [], why: why(list) };
  } else {
    ctx.settings[list.id] = { value: [{ uri: DEFAULT_CONTACT }], source: 'default', origin: 'default', overridden: [], why: why(list) };
  }
  const r = ctx.settings[list.id]!;
  r.value = (r.value as Record<string, unknown>[]).map(withDerivedLocalNet);
  r.why += '; a contact without local-net gets one derived from its external-ip, else its host: 127.0.0.1/32, 192.168.0.0/24, 172.16.0.0/16 or 10.0.0.0/8 by prefix, none for any other address (src/sip-transports.cpp SipTransport::addTransports)';
}

/** A contact with the local network the server derives for it, kept apart from what was configured under `derived`. */
function withDerivedLocalNet(contact: Record<string, unknown>): Record<string, unknown> {
  if (contact['local-net']) return contact;
  const d = deriveLocalNet(String(contact.uri), String(contact['external-ip'] ?? ''));
  return d?.localNet ? { ...contact, derived: { 'local-net': d.localNet } } : contact;
}

function routes(ctx: Context): void {
  const list = entry('request-handlers') as ListSetting;
  const given = [...ctx.input.env.routes.map((r) => ({ ...r, source: 'env' as const })), ...ctx.input.cli.routes.map((r) => ({ ...r, source: 'cli' as const }))];
  const fileItems = ctx.input.file?.config.lists.get(list.id) ?? [];
  const fileRoutes = fileItems.map((i) => ({ item: i, value: itemValue(list, i) }));
  for (const r of fileRoutes) r.value['sip-method'] = String(r.value['sip-method'] ?? '*').toUpperCase();
  const [winner, ...lost] = given;
  if (winner) {
    const over: Overridden[] = [
      ...lost.map((r) => ({ source: r.source, origin: r.origin, value: [{ 'sip-method': '*', 'http-method': r.method, url: r.url }], why: 'a route for * already exists: the first inserted wins' })),
      ...fileRoutes.map((r) => ({ source: 'file' as const, origin: itemOrigin(ctx, r.item), value: [r.value], why: 'file handlers are loaded only when no route exists' })),
    ];
    ctx.settings[list.id] = { value: [served({ 'sip-method': '*', 'http-method': winner.method, url: winner.url })], source: winner.source, origin: winner.origin, overridden: over, why: routesWhy(list), ...(winner.place && { place: winner.place }) };
    return;
  }
  if (fileRoutes.length === 0) return;
  const seen = new Set<string>();
  const kept = [];
  const over: Overridden[] = [];
  for (const r of fileRoutes) {
    const method = String(r.value['sip-method']);
    if (seen.has(method)) over.push({ source: 'file', origin: itemOrigin(ctx, r.item), value: [r.value], why: `a handler for ${method} comes earlier: the first one wins` });
    else kept.push(served(r.value));
    seen.add(method);
  }
  ctx.settings[list.id] = { value: kept, source: 'file', origin: itemOrigin(ctx, fileItems[0]!), overridden: over, why: routesWhy(list) };
}

/**
 * A route as the server uses it: POST only for exactly "POST", anything else is GET
 * (src/request-handler.cpp RequestHandler::startRequest), and the peer always verified, because
 * processNewRequest calls makeRequestForRoute without the route's verify-peer (default true).
 */
const served = (route: Record<string, unknown>): Record<string, unknown> => ({ ...route, 'http-method': route['http-method'] === 'POST' ? 'POST' : 'GET', 'verify-peer': true });

const routesWhy = (list: ListSetting) =>
  `${why(list)}; the request is a POST only for http-method exactly "POST" (RequestHandler::startRequest), and https peers are always verified (src/pending-request-controller.cpp PendingRequestController::processNewRequest)`;
