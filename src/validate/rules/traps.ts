import { isTrueWord } from '../../model/coerce.js';
import { elementPos, type ListItem, type RawValue } from '../../model/config.js';
import { isTlsContact } from '../../model/contacts.js';
import { isTemplated } from '../../schema/patterns.js';
import { editDistance } from '../../registry/suggest.js';
import { elementWithTextAt, trimAttribute, trimText, wrapElement } from '../edits.js';
import { eachPresentValue, selectSettings, settingLabel } from '../names.js';
import { quote } from '../quote.js';
import type { Fix, Rule } from '../types.js';

/** Values and structures the server accepts without complaint but reads differently from how they look. */

export const legacyContact: Rule = {
  meta: {
    id: 'legacy-contact',
    severity: 'warning',
    fixable: true,
    summary: 'A legacy <sip><contact> element instead of <sip><contacts><contact>.',
    why: 'When <sip><contact> is present the server uses only its URI and ignores <contacts> entirely, attributes such as external-ip included. `--fix` wraps a lone legacy contact in <contacts> (when there is no <contacts> yet and it has no attributes to bring to life).',
    bad: '<drachtio><admin>127.0.0.1</admin><sip><contact>sip:10.0.0.1:5060;transport=udp</contact></sip></drachtio>',
    good: '<drachtio><admin>127.0.0.1</admin><sip><contacts><contact>sip:10.0.0.1:5060;transport=udp</contact></contacts></sip></drachtio>',
  },
  check({ config, xml, report }) {
    const v = config.values.get('sip.contact');
    if (!v) return;
    const contacts = elementPos(config, 'sip/contacts');
    if (contacts) {
      report({
        message: `the legacy <sip><contact> makes drachtio-server ignore <contacts> (line ${contacts.line}) entirely: only this URI is used; move it into <contacts>`,
        pos: v.pos,
        setting: 'sip.contact',
      });
      return;
    }
    const el = elementWithTextAt(xml, v.pos, 'contact');
    const alone = !config.ignored.some((n) => n.parent.join('/') === 'sip/contact' || (n.parent.join('/') === 'sip' && n.name === 'contact'));
    const fix: Fix | undefined = el && alone && el.attrs.length === 0 ? { description: 'wrap <contact> in <contacts>', edits: wrapElement(xml, el, 'contacts') } : undefined;
    report({
      message: 'legacy <sip><contact>: drachtio-server takes only its URI (no external-ip, local-net or dns-names) and would ignore any <contacts>; write it as <contacts><contact>',
      pos: v.pos,
      setting: 'sip.contact',
      ...(fix && { fix }),
    });
  },
};

const method = (item: ListItem) => (item.fields['sip-method']?.raw ?? '*').toUpperCase();

export const duplicateRequestHandler: Rule = {
  meta: {
    id: 'duplicate-request-handler',
    severity: 'warning',
    summary: 'Two request handlers for the same SIP method.',
    why: 'Routes are kept per SIP method (upper-cased) and the first one wins; later handlers for the same method are silently ignored.',
    bad: '<drachtio><admin>127.0.0.1</admin><request-handlers><request-handler sip-method="INVITE">https://a.example.com/</request-handler><request-handler sip-method="invite">https://b.example.com/</request-handler></request-handlers></drachtio>',
    good: '<drachtio><admin>127.0.0.1</admin><request-handlers><request-handler sip-method="INVITE">https://a.example.com/</request-handler><request-handler sip-method="*">https://b.example.com/</request-handler></request-handlers></drachtio>',
  },
  check({ config, report }) {
    const items = config.lists.get('request-handlers');
    if (!items) return;
    const first = new Map<string, ListItem>();
    for (const item of items) {
      const m = method(item);
      const earlier = first.get(m);
      if (!earlier) {
        first.set(m, item);
        continue;
      }
      report({
        message: `a second request handler for ${m === '*' ? 'every method (*)' : m}: drachtio-server keeps the first one (line ${earlier.pos.line}) and ignores this one`,
        pos: item.fields['sip-method']?.pos ?? item.pos,
        setting: 'request-handlers.sip-method',
      });
    }
  },
};

export const emptyHandlerUrl: Rule = {
  meta: {
    id: 'empty-handler-url',
    effective: true,
    severity: 'warning',
    summary: 'A request handler without a URL.',
    why: 'The route is stored with an empty URL; requests for that method then take a code path meant for connected applications, with undefined results.',
    bad: '<drachtio><admin>127.0.0.1</admin><request-handlers><request-handler sip-method="INVITE"/></request-handlers></drachtio>',
    good: '<drachtio><admin>127.0.0.1</admin><request-handlers><request-handler sip-method="INVITE">https://routing.example.com/invite</request-handler></request-handlers></drachtio>',
  },
  check({ config, report }) {
    const items = config.lists.get('request-handlers');
    if (!items) return;
    for (const item of items) {
      if ((item.fields.url?.raw ?? '').trim() !== '') continue;
      report({
        message: `this request handler for ${method(item)} has no URL: drachtio-server still installs the route, and requests for it are not routed over HTTP`,
        pos: item.pos,
        setting: 'request-handlers.url',
      });
    }
  },
};

export const spammerHeaderIgnored: Rule = {
  meta: {
    id: 'spammer-header-ignored',
    severity: 'warning',
    summary: 'A spammer <header> without a name attribute, or a second <header> for the same name.',
    why: 'A header without a name is skipped; headers are kept by lower-cased name and the first one wins, so the values of a repeated header are ignored.',
    bad: '<drachtio><admin>127.0.0.1</admin><sip><spammers><header><value>sipvicious</value></header></spammers></sip></drachtio>',
    good: '<drachtio><admin>127.0.0.1</admin><sip><spammers><header name="User-Agent"><value>sipvicious</value></header></spammers></sip></drachtio>',
  },
  check({ config, report }) {
    const items = config.lists.get('sip.spammers.headers');
    if (!items) return;
    const seen = new Map<string, ListItem>();
    for (const item of items) {
      const name = item.fields.name;
      if (!name) {
        report({ message: '<header> has no name attribute: drachtio-server skips it and its values are never checked', pos: item.pos, setting: 'sip.spammers.headers.name' });
        continue;
      }
      const key = name.raw.toLowerCase();
      const earlier = seen.get(key);
      if (!earlier) {
        seen.set(key, item);
        continue;
      }
      report({
        message: `a second <header name=${quote(name.raw)}>: drachtio-server keeps the first one (line ${earlier.pos.line}) and ignores these values; put all values in one <header>`,
        pos: name.pos,
        setting: 'sip.spammers.headers.name',
      });
    }
  },
};

/** Words that clearly mean "true" to a reader, whatever the setting's own list says. */
const TRUTHY = /^(true|yes|on|1|enabled?)$/i;
const TRUE_SPELLINGS = ['true', 'yes', 'enable', 'enabled'];
const letters = (w: string) => [...w].sort().join('');

/** A word meant as "true": a known truthy word, or a misspelling of one (ture, treu, yse, tru). */
function meantTrue(word: string): boolean {
  const w = word.trim().toLowerCase();
  if (TRUTHY.test(w)) return true;
  return w.length >= 3 && TRUE_SPELLINGS.some((t) => letters(t) === letters(w) || editDistance(t, w) === 1);
}
const BOOST_BOOL = ['true', 'false', '1', '0'];
const SWITCHES = selectSettings((s) => s.type.kind === 'bool' && s.effect !== 'unused');

export const unrecognisedBoolean: Rule = {
  meta: {
    id: 'unrecognised-boolean',
    severity: 'warning',
    summary: 'A yes/no setting written in a form the server does not recognise.',
    why: 'Each switch has its own word list (a misspelling such as "ture" or "yse" is reported too): aggressive-nat-detection takes yes/YES/true/TRUE/on/ON (not "Yes"), reject-register-with-no-realm only lower-case true/yes/1, cdrs true/yes in any case, auto-flush only true/false/1/0 (anything else means true). Anything else is silently read as false (or as true, for auto-flush).',
    bad: '<drachtio><admin>127.0.0.1</admin><sip><aggressive-nat-detection>Yes</aggressive-nat-detection></sip></drachtio>',
    good: '<drachtio><admin>127.0.0.1</admin><sip><aggressive-nat-detection>yes</aggressive-nat-detection></sip></drachtio>',
  },
  check({ config, report }) {
    eachPresentValue(config, SWITCHES, (p) => {
      const s = p.setting;
      const raw = p.value.raw;
      if (isTemplated(raw)) return;
      if (s.xml?.reader === 'boost-bool' && !BOOST_BOOL.includes(raw)) {
        report({ message: `${settingLabel(s, p.itemPath)} accepts only true, false, 1 or 0: drachtio-server silently reads ${quote(raw)} as ${String(s.default)}`, pos: p.value.pos, setting: p.id });
      } else if (s.xml?.reader === 'words' && meantTrue(raw) && !isTrueWord(s, raw)) {
        const words = s.type.trueWords!.join(', ');
        report({
          message: `${settingLabel(s, p.itemPath)} is true only for ${words}${s.type.caseInsensitive ? ' (any case)' : ''}: drachtio-server silently reads ${quote(raw)} as false`,
          pos: p.value.pos,
          setting: p.id,
        });
      }
    });
  },
};

/** Kinds the server reads as numbers (which skip whitespace) or whose own rules already explain it. */
const WHITESPACE_COVERED = new Set(['sip-uri', 'ipv4-digits', 'cidr', 'uint', 'float']);
const TEXT_VALUES = selectSettings((s) => !WHITESPACE_COVERED.has(s.type.kind) && s.id !== 'admin.address' && s.xml?.reader !== 'presence' && s.xml?.reader !== 'boost-bool');

export const untrimmedValue: Rule = {
  meta: {
    id: 'untrimmed-value',
    severity: 'warning',
    fixable: true,
    summary: 'Whitespace around a text value, which the server does not trim.',
    why: 'Text is used exactly as written: <loglevel> debug </loglevel> is not a known level (so info is used), and a <key-file> on its own indented line names a file that does not exist. `--fix` trims it.',
    bad: '<drachtio><admin>127.0.0.1</admin><logging><loglevel> debug </loglevel></logging></drachtio>',
    good: '<drachtio><admin>127.0.0.1</admin><logging><loglevel>debug</loglevel></logging></drachtio>',
  },
  check({ config, xml, report }) {
    eachPresentValue(config, TEXT_VALUES, (p) => {
      const raw = p.value.raw;
      if (raw === raw.trim() || raw.trim() === '') return;
      // asked only now: a position is a search of the file for its line, and nearly every value is trimmed
      const pos = p.value.pos;
      const s = p.setting;
      const label = settingLabel(s, p.itemPath);
      const edits = s.xml?.attr
        ? trimAttribute(xml, pos)
        : (() => {
            const name = p.itemPath.length > 0 && s.xml!.element.length === 0 ? p.itemPath[p.itemPath.length - 1]! : s.xml!.element[s.xml!.element.length - 1]!;
            const el = elementWithTextAt(xml, pos, name);
            return el && trimText(xml, el);
          })();
      report({
        message: s.secret
          ? `${label} has whitespace around it, which drachtio-server does not trim: the spaces are part of the secret`
          : `${label} is ${quote(raw)}, with whitespace drachtio-server does not trim: it uses ${quote(raw)}, not ${quote(raw.trim())}`,
        pos,
        setting: p.id,
        ...(edits && { fix: { description: `trim ${label}`, edits } }),
      });
    });
  },
};

/** A module constant, not a literal in the loop: each evaluation of a literal makes a RegExp object, one per contact */
const ASKS_FOR_WSS = /transport=[^;]*\bwss\b/i;

export const wssWithoutSips: Rule = {
  meta: {
    id: 'wss-without-sips',
    effective: true,
    severity: 'warning',
    summary: 'A wss or tls contact whose text contains neither "sips" nor "tls".',
    why: 'The server attaches the TLS key and certificate only to contacts whose text contains "sips" or "tls"; sip:…;transport=wss gets none, and the secure WebSocket transport cannot start. Write sips:…;transport=wss.',
    bad: '<drachtio><admin>127.0.0.1</admin><sip><contacts><contact>sip:10.0.0.1:8443;transport=wss</contact></contacts></sip></drachtio>',
    good: '<drachtio><admin>127.0.0.1</admin><sip><contacts><contact>sips:10.0.0.1:8443;transport=wss</contact></contacts></sip></drachtio>',
  },
  check({ config, report }) {
    const check = (v: RawValue | undefined) => {
      if (!v || isTemplated(v.raw) || !ASKS_FOR_WSS.test(v.raw) || isTlsContact(v.raw)) return;
      report({
        message: `${quote(v.raw)} asks for wss, but drachtio-server attaches the TLS key and certificate only to contacts containing "sips" or "tls": write it as sips:…;transport=wss`,
        pos: v.pos,
        setting: 'sip.contacts.uri',
      });
    };
    const items = config.lists.get('sip.contacts') ?? [];
    for (let i = 0; i < items.length; i++) check(items[i]!.fields.uri);
    check(config.values.get('sip.contact'));
  },
};
