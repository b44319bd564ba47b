import { isIP } from 'node:net';
import { dirname, join } from 'node:path';
import { emptyConfig, type DrachtioConfig, type ListItem, type RawValue } from '../model/config.js';
import { listenerClashes } from '../model/facts.js';
import { maskedConfig } from '../model/secrets.js';
import type { InitAnswers, PartialAnswers, Transport } from './answers.js';
import { needsTls } from './answers.js';

const NOWHERE = { line: 0, column: 0 };
const raw = (text: string | number | boolean): RawValue => ({ raw: String(text), pos: NOWHERE });

/** TLS versions below 1.2 are broken or deprecated; init never allows them. */
export const MIN_TLS_VERSION = '1.2';

/** The contact URI of one transport; the TLS ones use sips: or name tls, which is what makes the server attach the key. */
export function contactUri(host: string, transport: Transport | 'udp,tcp', port: number): string {
  const h = isIP(host) === 6 ? `[${host}]` : host;
  const scheme = transport === 'wss' ? 'sips' : 'sip';
  return `${scheme}:${h}:${port};transport=${transport}`;
}

/** One contact per port: udp and tcp share sipPort. */
export function contacts(a: PartialAnswers): string[] {
  const t = new Set(a.transports ?? []);
  const host = a.sipAddress ?? '*';
  const out: string[] = [];
  const plain = [...t].filter((x) => x === 'udp' || x === 'tcp').join(',') as 'udp' | 'tcp' | 'udp,tcp';
  if (plain && a.sipPort) out.push(contactUri(host, plain, a.sipPort));
  if (t.has('tls') && a.sipTlsPort) out.push(contactUri(host, 'tls', a.sipTlsPort));
  if (t.has('ws') && a.wsPort) out.push(contactUri(host, 'ws', a.wsPort));
  if (t.has('wss') && a.wssPort) out.push(contactUri(host, 'wss', a.wssPort));
  return out;
}

/** A message naming the first two listeners that would share a socket, if any (src/model/facts.ts decides, as for validate). */
export function portClash(a: PartialAnswers): string | undefined {
  const { transports, sipAddress, sipPort, sipTlsPort, wsPort, wssPort, adminAddress, adminPort, adminTlsPort, prometheusPort, prometheusAddress } = a;
  const ports = { transports, sipAddress, sipPort, sipTlsPort, wsPort, wssPort, adminAddress: adminAddress ?? '', adminPort, adminTlsPort, prometheusPort, prometheusAddress };
  const clash = listenerClashes(buildConfig(ports as InitAnswers, 'init'))[0];
  if (!clash) return undefined;
  return `port ${clash.listener.port} is used twice (${clash.first.label} and ${clash.listener.label}): each listener needs its own port`;
}

/** The configuration the answers describe, in the model every other command reads and writes. */
export function buildConfig(a: InitAnswers, source: string): DrachtioConfig {
  const c: DrachtioConfig = { ...emptyConfig(source), root: { name: 'drachtio', pos: NOWHERE } };
  const set = (id: string, v: string | number | boolean | undefined) => {
    if (v !== undefined && v !== '') c.values.set(id, raw(v));
  };
  set('admin.address', a.adminAddress);
  set('admin.port', a.adminPort);
  if (a.adminTlsPort) set('admin.tls-port', a.adminTlsPort);
  set('admin.secret', a.secret);

  c.lists.set(
    'sip.contacts',
    contacts(a).map((uri): ListItem => {
      const fields: ListItem['fields'] = { uri: raw(uri) };
      if (a.behindNat && a.externalIp) fields['external-ip'] = raw(a.externalIp);
      if (a.behindNat && a.localNet) fields['local-net'] = raw(a.localNet);
      return { pos: NOWHERE, fields, repeated: {} };
    }),
  );
  if (a.shape === 'proxy' && a.rejectRegisterWithNoRealm) set('sip.reject-register-with-no-realm', 'true');
  if (needsTls(a)) {
    set('sip.tls.key-file', a.tlsKey);
    set('sip.tls.cert-file', a.tlsCert);
    set('sip.tls.chain-file', a.tlsChain);
    set('sip.tls.dh-param', a.tlsDhParam);
    set('sip.tls.min-tls-version', MIN_TLS_VERSION);
  }
  if (a.homerAddress) {
    set('sip.capture-server.address', a.homerAddress);
    set('sip.capture-server.port', a.homerPort);
    set('sip.capture-server.id', a.homerId);
    set('sip.capture-server.hep-version', 3);
  }
  if (a.shape === 'outbound' && a.requestHandler) {
    const fields = { 'sip-method': raw('*'), 'http-method': raw(a.requestHandlerMethod ?? 'GET'), url: raw(a.requestHandler) };
    c.lists.set('request-handlers', [{ pos: NOWHERE, fields, repeated: {} }]);
  }
  if (a.cdrs) set('cdrs', 'true');
  if (a.prometheusPort) {
    set('monitoring.prometheus.port', a.prometheusPort);
    set('monitoring.prometheus.address', a.prometheusAddress);
  }
  if (a.log === 'console') c.values.set('logging.console', raw(''));
  if (a.log === 'file') {
    set('logging.file.name', a.logFile);
    set('logging.file.archive', join(dirname(a.logFile!), 'archive'));
  }
  if (a.log === 'syslog') {
    set('logging.syslog.address', a.syslogAddress);
    set('logging.syslog.port', a.syslogPort);
    set('logging.syslog.facility', a.syslogFacility);
  }
  set('logging.loglevel', a.loglevel);
  set('logging.sofia-loglevel', a.sofiaLoglevel);
  return c;
}

export type SettingsJson = Record<string, string | Record<string, string>[]>;

/** Every setting written, by registry id, as the text in the file (secrets masked unless asked). */
export function settingsJson(c: DrachtioConfig, showSecrets: boolean): SettingsJson {
  const shown = showSecrets ? c : maskedConfig(c);
  const out: SettingsJson = {};
  for (const [id, v] of shown.values) out[id] = v.raw;
  for (const [id, items] of shown.lists) out[id] = items.map((i) => Object.fromEntries(Object.entries(i.fields).map(([k, v]) => [k, v.raw])));
  return out;
}
