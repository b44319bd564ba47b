import { isList, type ListSetting, type RegistryEntry, type Setting, type ValueType } from '../registry/index.js';

/** A registry entry as plain text fields: the one description explain, docs and man pages share. */
export interface SettingDescription {
  id: string;
  summary: string;
  xml: string;
  cli: string;
  env: string;
  type: string;
  default: string;
  since: string;
  behaviour: string;
  effect: string;
  source: string[];
}

/** `<admin port="…">`, `<sip><timers><t1>…</t1>`, or `none`. */
export function xmlForm(s: Setting, itemPath?: readonly string[]): string {
  if (!s.xml) return 'none';
  const path = [...(itemPath ?? []), ...s.xml.element];
  const open = path.map((p) => `<${p}>`).join('');
  if (s.xml.attr) return `${path.slice(0, -1).map((p) => `<${p}>`).join('')}<${path[path.length - 1]} ${s.xml.attr}="…">`;
  if (s.xml.reader === 'presence') return `${path.slice(0, -1).map((p) => `<${p}>`).join('')}<${path[path.length - 1]}/>`;
  return `${open}…`;
}

export function typeText(t: ValueType): string {
  const range = t.min !== undefined || t.max !== undefined ? ` ${t.min ?? 0}..${t.max ?? '4294967295'}` : '';
  switch (t.kind) {
    case 'uint':
      return `unsigned integer${range}`;
    case 'float':
      return `number${range}`;
    case 'enum':
      return `one of ${t.values!.join(', ')}${t.caseInsensitive ? ' (any case)' : ''}`;
    case 'bool':
      return t.trueWords ? `boolean (true: ${t.trueWords.join(', ')}${t.caseInsensitive ? ', any case' : ''})` : 'boolean';
    case 'ip':
      return 'IP address literal';
    case 'ipv4-digits':
      return 'IPv4 address';
    case 'cidr':
      return 'IPv4 CIDR';
    case 'sip-uri':
      return 'SIP URI';
    case 'url':
      return 'http(s) URL';
    case 'host-list':
      return 'comma-separated host:port list';
    case 'name-list':
      return 'list of names';
    default:
      return 'string';
  }
}

function sinceText(s: Setting | ListSetting): string {
  const parts = [s.since && `file ${s.since}`, s.cliSince && `flag ${s.cliSince}`, s.envSince && `env ${s.envSince}`].filter(Boolean);
  return parts.length ? parts.join(', ') : 'unknown';
}

function effectText(s: Setting): string {
  if (s.effect === 'unused') return 'read by the server but never used';
  if (s.effect === 'no-effect') return `no effect since ${s.noEffectSince}`;
  return 'used';
}

export function describeSetting(s: Setting, list?: ListSetting): SettingDescription {
  const id = list ? `${list.id}.${s.id}` : s.id;
  return {
    id,
    summary: s.summary,
    xml: xmlForm(s, list ? [...list.container, list.item] : undefined),
    cli: s.cli.map((c) => `--${c.long}${c.short ? `, -${c.short}` : ''}${c.takesArg ? ` ${c.syntax ?? 'VALUE'}` : ''}`).join('; ') || 'none',
    env: s.env ? `${s.env.name}${s.env.syntax ? `=${s.env.syntax}` : ''}` : 'none',
    type: typeText(s.type),
    default: s.default === undefined ? 'none' : String(s.default),
    since: sinceText(s),
    behaviour: s.behaviour,
    effect: effectText(s),
    source: [...s.source],
  };
}

/** Descriptions of an entry: one for a setting, the list itself then each field for a list. */
export function describeEntry(e: RegistryEntry): SettingDescription[] {
  if (!isList(e)) return [describeSetting(e)];
  const head: SettingDescription = {
    id: e.id,
    summary: e.summary,
    xml: `${e.container.map((p) => `<${p}>`).join('')}<${e.item}>…`,
    cli: e.cli.map((c) => `--${c.long}${c.short ? `, -${c.short}` : ''} VALUE (repeatable)`).join('; ') || 'none',
    env: e.env?.name ?? 'none',
    type: `list of <${e.item}> items`,
    default: 'none',
    since: sinceText(e),
    behaviour: e.behaviour,
    effect: 'used',
    source: [...e.source],
  };
  return [head, ...e.fields.map((f) => describeSetting(f, e))];
}
