import type { DrachtioConfig } from './config.js';
import type { XmlElement } from '../xml/tree.js';

/** A position-free, order-stable plain object of everything a config says; equal objects mean equal configs. */
export interface ComparableConfig {
  root?: string;
  values: Record<string, string>;
  lists: Record<string, { fields: Record<string, string>; repeated: Record<string, string[]> }[]>;
  ignored: string[];
}

export function toComparable(config: DrachtioConfig): ComparableConfig {
  const values: Record<string, string> = {};
  for (const [id, v] of [...config.values].sort(([a], [b]) => a.localeCompare(b))) values[id] = v.raw;
  const lists: ComparableConfig['lists'] = {};
  for (const [id, items] of config.lists) {
    lists[id] = items.map((item) => ({
      fields: Object.fromEntries(Object.entries(item.fields).map(([k, v]) => [k, v.raw])),
      repeated: Object.fromEntries(Object.entries(item.repeated).map(([k, vs]) => [k, vs.map((v) => v.raw)])),
    }));
  }
  const ignored = config.ignored
    // a repeated attribute cannot be written in well-formed XML, so it does not survive a rewrite
    .filter((n) => !(n.reason === 'duplicate' && n.attrValue !== undefined))
    .map((n) => {
      const where = [...n.parent, n.inList ? `#${n.inList.index}` : ''].join('/');
      const what = n.attrValue !== undefined ? `@${n.name}=${n.attrValue}` : serialise(n.element!);
      return `${n.reason} ${where} ${what}`;
    })
    .sort();
  return { root: config.root?.name, values, lists, ignored };
}

function serialise(el: XmlElement): string {
  const attrs = el.attrs.map((a) => ` ${a.name}=${JSON.stringify(a.value)}`).join('');
  const text = el.children.length === 0 ? el.text.trim() : '';
  return `<${el.name}${attrs}>${text}${el.children.map(serialise).join('')}</${el.name}>`;
}
