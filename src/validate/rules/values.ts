import { serverUint } from '../../model/coerce.js';
import { settingOrField, type Setting } from '../../registry/index.js';
import type { SchemaError } from '../../schema/check.js';
import { clause, quote } from '../quote.js';
import type { Rule, RuleContext, RuleMeta, Severity } from '../types.js';

/** Rules on single values, driven by the JSON Schema derived from the registry. */

/** The message, or the message with its own severity where one rule covers findings of different weight. */
type Explain = (s: Setting, raw: string, e: SchemaError) => string | { message: string; severity: Severity } | undefined;

/** `rejects`: which settings' findings make the server reject the file, where meta.rejectsFile holds only for some. */
function schemaRule(meta: RuleMeta, keywords: readonly string[], explain: Explain, fatalOnly = false, rejects?: (s: Setting) => boolean): Rule {
  return {
    meta,
    check(ctx: RuleContext) {
      const errors = ctx.schemaErrors();
      // most files have none: no iterator to make for each of these rules
      if (errors.length === 0) return;
      for (const e of errors) {
        if (!keywords.includes(e.keyword)) continue;
        const s = settingOrField(e.origin.setting);
        if (!s) continue;
        const explained = explain(s, e.origin.value.raw, e);
        if (explained === undefined) continue;
        const { message, severity } = typeof explained === 'string' ? { message: explained, severity: undefined } : explained;
        ctx.report({
          message,
          pos: e.origin.value.pos,
          setting: e.origin.setting,
          ...(fatalOnly && !s.fatal && { severity: 'warning' as const }),
          ...(severity && { severity }),
          ...(rejects && { rejectsFile: rejects(s) }),
        });
      }
    },
  };
}

const label = (s: Setting, id: string) => (s.xml?.attr ? `${id} (attribute ${s.xml.attr})` : id);

function fallback(s: Setting): string {
  if (s.xml?.reader === 'uint-required') return 'drachtio-server rejects the whole file (exit 255)';
  if (s.default !== undefined) return `drachtio-server silently uses the default, ${String(s.default)}`;
  return s.xml?.reader === 'float-or-default' ? 'drachtio-server silently reads it as 0' : 'drachtio-server ignores it';
}

export const invalidNumber = schemaRule(
  {
    id: 'invalid-number',
    rejectsFile: true,
    severity: 'error',
    summary: 'A numeric setting holds text that is not a number.',
    why: 'Most numbers that do not parse are silently replaced by the default (a port of "19O22" listens on 9022); a few, such as the prometheus port, make the whole file invalid.',
    bad: '<drachtio><admin port="19O22">127.0.0.1</admin></drachtio>',
    good: '<drachtio><admin port="9022">127.0.0.1</admin></drachtio>',
  },
  ['type'],
  (s, raw, e) => {
    if (e.params.type !== 'integer' && e.params.type !== 'number') return undefined;
    const what = s.type.kind === 'uint' ? 'a whole number' : 'a number';
    const big = s.type.kind === 'uint' && /^\s*\d+\s*$/.test(raw) && serverUint(raw) === undefined;
    return `${quote(raw)} is not ${what}${big ? ' that fits in 32 bits' : ''}: ${fallback(s)}`;
  },
  false,
  // only numbers read without a default (the prometheus port) make the file invalid
  (s) => s.xml?.reader === 'uint-required',
);

export const negativeNumber = schemaRule(
  {
    id: 'negative-number',
    severity: 'error',
    summary: 'A negative number where the server reads an unsigned one.',
    why: 'The server\'s reader wraps negative numbers: tcp-keepalive="-1" becomes 4294967295 seconds, which the kernel then refuses.',
    bad: '<drachtio><admin tcp-keepalive="-1">127.0.0.1</admin></drachtio>',
    good: '<drachtio><admin tcp-keepalive="0">127.0.0.1</admin></drachtio>',
  },
  ['minimum'],
  (s, raw) => {
    const wrapped = serverUint(raw);
    if (s.type.kind !== 'uint' || !/^\s*-/.test(raw) || wrapped === undefined) return undefined;
    return `${raw.trim()} is negative: drachtio-server reads it as the unsigned number ${wrapped}`;
  },
);

/** Out-of-range values with which the server runs on with the feature off: a warning, like an incomplete block. */
const DISABLES: Readonly<Record<string, string>> = {
  'monitoring.prometheus.port': 'drachtio-server runs with Prometheus off (src/controller.cpp DrachtioController::run)',
  'sip.capture-server.hep-version': 'drachtio-server logs "invalid hep-version" and runs with capture off (src/controller.cpp DrachtioController::run)',
  'sip.capture-server.id': 'drachtio-server runs with capture off (src/drachtio-config.cpp DrachtioConfig::Impl::Impl)',
};

export const outOfRange = schemaRule(
  {
    id: 'out-of-range',
    severity: 'error',
    summary: 'A number outside the range the setting allows.',
    why: 'Ports above 65535 are truncated and log levels outside 0..9 are meaningless to sofia: errors. A value that only switches a feature off — Prometheus port 0, a HEP version outside 1..3, a capture id of 0 — lets the server run without it: a warning.',
    bad: '<drachtio><admin port="90220">127.0.0.1</admin></drachtio>',
    good: '<drachtio><admin port="9022">127.0.0.1</admin></drachtio>',
  },
  ['minimum', 'maximum'],
  (s, raw, e) => {
    if (/^\s*-/.test(raw) && s.type.kind === 'uint') return undefined;
    const min = s.type.min ?? 0;
    const range = s.type.max === undefined ? `at least ${min}` : `${min} to ${s.type.max}`;
    const message = `${raw.trim()} is out of range for ${label(s, s.id)}: allowed is ${range}`;
    const off = DISABLES[e.origin.setting];
    return off ? { message: `${message}; ${off}`, severity: 'warning' } : message;
  },
);

export const invalidValue = schemaRule(
  {
    id: 'invalid-value',
    severity: 'warning',
    summary: 'A value that is not one of the words the setting accepts.',
    why: 'The server silently falls back: an unknown log level means info, an unknown refresher means none, http-method "post" or "PUT" means GET.',
    bad: '<drachtio><admin>127.0.0.1</admin><logging><loglevel>verbose</loglevel></logging></drachtio>',
    good: '<drachtio><admin>127.0.0.1</admin><logging><loglevel>info</loglevel></logging></drachtio>',
  },
  ['enum'],
  (s, raw) => {
    const trimmed = s.type.caseInsensitive ? raw.trim().toLowerCase() : raw.trim();
    // whitespace around a valid word is untrimmed-value's finding
    if (trimmed !== raw && s.type.values!.includes(trimmed)) return undefined;
    const allowed = s.type.values!.join(', ');
    const outcome = s.default !== undefined ? `drachtio-server uses ${String(s.default)}` : clause(s.behaviour.split('. ')[0]!);
    const cased = !s.type.caseInsensitive && s.type.values!.find((v) => v.toLowerCase() === trimmed.toLowerCase());
    const hint = cased ? ` (the server compares case-sensitively: write ${cased})` : '';
    return `${quote(raw)} is not one of ${allowed}${s.type.caseInsensitive ? ' (any case)' : ''}${hint}: ${outcome}`;
  },
);

const whitespace = (raw: string) => (raw !== raw.trim() ? ' (the server does not trim whitespace)' : '');

export const invalidSipUri = schemaRule(
  {
    id: 'invalid-sip-uri',
    rejectsFile: true,
    severity: 'error',
    summary: 'A contact or outbound proxy that is not a sip: or sips: URI with a host.',
    why: 'An invalid contact makes the server reject the whole file (exit 255).',
    bad: '<drachtio><admin>127.0.0.1</admin><sip><contacts><contact>udp:10.0.0.1:5060</contact></contacts></sip></drachtio>',
    good: '<drachtio><admin>127.0.0.1</admin><sip><contacts><contact>sip:10.0.0.1:5060;transport=udp</contact></contacts></sip></drachtio>',
  },
  ['pattern'],
  (s, raw) =>
    s.type.kind !== 'sip-uri'
      ? undefined
      : `${quote(raw)} is not a SIP URI (sip: or sips:, an optional user@, a host, an optional :port and ;params)${whitespace(raw)}: ${s.fatal ? 'drachtio-server refuses the file (exit 255)' : 'the server cannot use it'}`,
  true,
);

export const invalidExternalIp = schemaRule(
  {
    id: 'invalid-external-ip',
    rejectsFile: true,
    severity: 'error',
    summary: 'A contact external-ip that is not an IPv4 address.',
    why: 'The server accepts only digits and dots here; a hostname or IPv6 address makes it reject the whole file (exit 255).',
    bad: '<drachtio><admin>127.0.0.1</admin><sip><contacts><contact external-ip="sip.example.com">sip:10.0.0.1</contact></contacts></sip></drachtio>',
    good: '<drachtio><admin>127.0.0.1</admin><sip><contacts><contact external-ip="203.0.113.7">sip:10.0.0.1</contact></contacts></sip></drachtio>',
  },
  ['pattern'],
  (s, raw) =>
    s.type.kind !== 'ipv4-digits'
      ? undefined
      : `external-ip ${quote(raw)} is not a dotted IPv4 address${whitespace(raw)}: drachtio-server refuses the file (exit 255)`,
);

export const invalidLocalNet = schemaRule(
  {
    id: 'invalid-local-net',
    rejectsFile: true,
    severity: 'error',
    summary: 'A contact local-net that is not an IPv4 CIDR.',
    why: 'The server requires digits-and-dots, a slash and a prefix length; anything else makes it reject the whole file (exit 255).',
    bad: '<drachtio><admin>127.0.0.1</admin><sip><contacts><contact local-net="10.0.0.0">sip:10.0.0.1</contact></contacts></sip></drachtio>',
    good: '<drachtio><admin>127.0.0.1</admin><sip><contacts><contact local-net="10.0.0.0/8">sip:10.0.0.1</contact></contacts></sip></drachtio>',
  },
  ['pattern'],
  (s, raw) =>
    s.type.kind !== 'cidr'
      ? undefined
      : `local-net ${quote(raw)} is not an IPv4 CIDR such as 10.0.0.0/8${whitespace(raw)}: drachtio-server refuses the file (exit 255)`,
);
