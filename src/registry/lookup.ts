import { LISTS, REGISTRY, SCALARS, isList, type RegistryEntry, type Setting } from './index.js';
import { closest } from './suggest.js';

export interface LookupResult {
  entry: RegistryEntry;
  /** set when the query named a field of a list (sip.contacts.uri, --external-ip) */
  field?: Setting;
}

/** Every way a user may name a setting, mapped to it. */
function names(): Map<string, LookupResult> {
  const map = new Map<string, LookupResult>();
  const add = (key: string, r: LookupResult) => {
    if (!map.has(key)) map.set(key, r);
  };
  for (const s of SCALARS) {
    const r = { entry: s };
    add(s.id, r);
    for (const c of s.cli) add(`--${c.long}`, r);
    if (s.env) add(s.env.name, r);
    if (s.xml) add(`<${s.xml.element.join('><')}>${s.xml.attr ? `@${s.xml.attr}` : ''}`, r);
    // names from drachtio's docs and samples that the parser never reads still find the real setting
    for (const spelling of s.ignoredSpellings ?? []) add(spelling.name, r);
  }
  for (const l of LISTS) {
    add(l.id, { entry: l });
    add(`<${l.item}>`, { entry: l });
    for (const f of l.fields) {
      const r = { entry: l, field: f };
      add(`${l.id}.${f.id}`, r);
      for (const c of f.cli) add(`--${c.long}`, r);
      if (f.env) add(f.env.name, r);
      if (f.xml?.attr) add(`<${l.item}>@${f.xml.attr}`, r);
    }
  }
  return map;
}

/** Normalise the forms people type: `admin@port`, `port`, `-p`, `<udp-mtu>`, `udp-mtu`. */
function candidatesFor(query: string): string[] {
  const q = query.trim();
  const out = [q];
  if (/^-[a-zA-Z]$/.test(q)) {
    for (const e of REGISTRY) {
      const forms = [...e.cli, ...(isList(e) ? e.fields.flatMap((f) => f.cli) : [])];
      const hit = forms.find((c) => c.short === q.slice(1));
      if (hit) out.push(`--${hit.long}`);
    }
  }
  if (!q.startsWith('-') && !q.startsWith('<') && !q.includes('.') && !/^DRACHTIO_/.test(q)) out.push(`--${q}`);
  const at = /^<?([\w-]+)>?@([\w-]+)$/.exec(q);
  if (at) out.push(...[...names().keys()].filter((k) => k.endsWith(`<${at[1]}>@${at[2]}`)));
  const el = /^<?([\w-]+)\/?>?$/.exec(q);
  if (el) out.push(...[...names().keys()].filter((k) => k.endsWith(`<${el[1]}>`)));
  return out;
}

/** Find the setting a user means, by id, XML path, flag or environment variable. */
export function lookup(query: string): LookupResult | undefined {
  const all = names();
  for (const c of candidatesFor(query)) {
    const hit = all.get(c);
    if (hit) return hit;
  }
  return undefined;
}

/** The nearest name the registry knows, for "did you mean". */
export function suggestName(query: string): string | undefined {
  const bare = query.replace(/^[-<]+|[>/]+$/g, '');
  const all = [...names().keys()];
  const hit = closest(bare, all.map((k) => k.replace(/^[-<]+|>$/g, '')));
  return hit === undefined ? undefined : all.find((k) => k.replace(/^[-<]+|>$/g, '') === hit);
}

/** The one-line message for a name the registry does not know, with the nearest one it does. */
export function unknownSettingMessage(query: string): string {
  const guess = suggestName(query);
  return `no setting named ${query}${guess ? `; did you mean ${guess}?` : ''}`;
}
