import type { Place } from '../model/place.js';
import { settingOrField } from '../registry/index.js';
import { CIDR, IPV4_DIGITS, SIP_URI } from '../schema/patterns.js';
import { getopt, settingOfFlag, type ArgEvent } from './argv.js';
import { sibling } from './env.js';
import { ABORT, emptyLayer, readArg, splitColons, type Fatal, type GivenContact, type Layer } from './layer.js';
import { lexicalUint } from './text.js';

/**
 * The command line as parseCmdArgs applies it (src/controller.cpp DrachtioController::parseCmdArgs):
 * options in order, each overwriting what getEnv set, stopping where the server stops.
 */
export function readArgs(args: readonly string[], places: readonly (Place | undefined)[] = []): Layer {
  const layer = emptyLayer('cli');
  const state: CliState = { layer, dnsNames: [], method: 'GET', place: undefined };
  for (const ev of getopt(args)) {
    // an option's finding belongs to the word holding its value, others to their own word
    const place = places[ev.valueAt ?? ev.at];
    state.place = place;
    const before = layer.given.length;
    const fatal = apply(state, ev);
    if (fatal) {
      layer.fatal = place ? { ...fatal, place } : fatal;
      return layer;
    }
    // every assignment this event made was written at its place
    if (place) for (const g of layer.given.slice(before)) g.place = place;
  }
  const last = state.contact;
  if (last) {
    last.dnsNames.push(...state.dnsNames);
    const bad = contactError(last);
    // built after the --homer-id check: resolve orders the two
    if (bad) layer.fatal = { exitCode: 0, message: bad, origin: last.origin, afterLoop: true, ...(last.place && { place: last.place }) };
    else layer.contacts.push(last);
  }
  if (state.url !== undefined && state.url.value !== '') layer.routes.push({ url: state.url.value, method: state.method, origin: state.url.origin, ...(state.url.place && { place: state.url.place }) });
  return layer;
}

interface CliState {
  layer: Layer;
  contact?: GivenContact;
  dnsNames: string[];
  url?: { value: string; origin: string; place?: Place };
  method: 'GET' | 'POST';
  /** where the current event's word was written */
  place: Place | undefined;
}

const usage = (message: string, origin: string): Fatal => ({ exitCode: 255, message: `${message}: the server prints its usage and exits`, origin });

function apply(state: CliState, ev: ArgEvent): Fatal | undefined {
  const { layer } = state;
  const place = state.place ? { place: state.place } : {};
  if (ev.kind === 'operand') {
    layer.warnings.push(`"${ev.text}" is not an option: the server prints it and ignores it`);
    layer.strays.push({ message: 'a word that is not an option: the server prints it and ignores it', ...place });
    return undefined;
  }
  if (ev.kind === 'error') {
    layer.warnings.push(`${ev.message}: getopt reports it and the server skips it`);
    layer.strays.push({ message: `${ev.message}: getopt reports it and the server skips it`, ...place });
    return undefined;
  }
  if (ev.kind === 'abort') return { exitCode: ABORT, abort: true, message: ev.message, origin: ev.origin };
  const { form, origin } = ev;
  const text = ev.value ?? '';
  if (form.long === 'help' || form.long === 'version') return { exitCode: 0, message: `${origin} prints ${form.long === 'help' ? 'the usage' : 'the version'} and exits`, origin };
  if (form.long === 'user-agent-options-auto-respond') {
    return { exitCode: ABORT, abort: true, message: 'the flag is declared without an argument, so the server copies a null pointer into a string and crashes', origin };
  }
  const id = settingOfFlag(form)!;
  switch (id) {
    case 'sip.contacts.uri': {
      const prev = state.contact;
      if (prev) {
        const bad = contactError(prev);
        if (bad) return { exitCode: 0, message: bad, origin: prev.origin };
        layer.contacts.push(prev);
      }
      state.contact = { uri: text, externalIp: '', localNet: '', dnsNames: [], origin, ...place };
      return undefined;
    }
    case 'sip.contacts.external-ip':
    case 'sip.contacts.local-net': {
      const key = id === 'sip.contacts.external-ip' ? 'externalIp' : 'localNet';
      if (!state.contact) return usage(`${origin} must follow a --contact`, origin);
      if (state.contact[key] !== '') return usage(`${origin} given twice for one contact`, origin);
      state.contact[key] = text;
      return undefined;
    }
    case 'sip.contacts.dns-names':
      // every --dns-name goes to the last contact (added after the loop)
      state.dnsNames.push(text);
      return undefined;
    case 'request-handlers.url':
      state.url = { value: text, origin, ...place };
      return undefined;
    case 'request-handlers.http-method':
      if (text.toUpperCase() === 'POST') state.method = 'POST';
      return undefined;
  }
  const s = settingOrField(id)!;
  if (form.syntax === 'host[:port]') {
    const parts = splitColons(text);
    if (parts.length > 2) return usage(`invalid homer address "${text}"`, origin);
    const port = parts.length === 2 ? lexicalUint(parts[1]!) : Number(settingOrField(sibling(s, 'port'))!.default);
    if (port === undefined) return { exitCode: ABORT, abort: true, message: `the port of "${text}" is not an unsigned number: boost::lexical_cast throws and the server aborts`, origin };
    layer.given.push({ id, value: parts[0]!, text, origin }, { id: sibling(s, 'port'), value: port, text, origin });
    return undefined;
  }
  if (form.syntax === '[host:]port') {
    const parts = splitColons(text);
    const port = lexicalUint(parts.length === 2 ? parts[1]! : text);
    if (port === undefined) return { exitCode: ABORT, abort: true, message: `"${text}": the port is not an unsigned number, boost::lexical_cast throws and the server aborts`, origin };
    if (parts.length === 2) layer.given.push({ id: sibling(s, 'address'), value: parts[0]!, text, origin });
    layer.given.push({ id, value: port, text, origin });
    return undefined;
  }
  const r = readArg(s, form, text);
  if ('fatal' in r) return { ...r.fatal, origin };
  layer.given.push({ id, value: r.value, text, origin, ...(r.ignored && { ignored: r.ignored }) });
  return undefined;
}

/** SipTransport's checks (src/sip-transports.cpp SipTransport::init): from the command line they throw, and main exits 0. */
export function contactError(c: Pick<GivenContact, 'uri' | 'externalIp' | 'localNet'>): string | undefined {
  if (!new RegExp(SIP_URI).test(c.uri)) return `invalid contact "${c.uri}": "Uncaught exception", the server stops with exit status 0`;
  if (c.externalIp !== '' && !new RegExp(IPV4_DIGITS).test(c.externalIp)) return `external-ip "${c.externalIp}" is not dotted IPv4: the server stops with exit status 0`;
  if (c.localNet !== '' && !new RegExp(CIDR).test(c.localNet)) return `local-net "${c.localNet}" is not a CIDR: the server stops with exit status 0`;
  return undefined;
}
