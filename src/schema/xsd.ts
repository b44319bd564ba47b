import { LISTS, SCALARS, type Setting, type ValueType } from '../registry/index.js';
import { CIDR, IPV4_DIGITS, SIP_URI } from './patterns.js';

/**
 * An XML Schema (XSD 1.0) of drachtio.conf.xml, derived from the registry like the JSON Schema, so
 * XSD-aware editors (VS Code's XML extension, IntelliJ, xmllint --schema) complete element and
 * attribute names and flag wrong types as a config is typed. It declares what the server reads:
 * an unknown or repeated element is an error here, where `validate` warns that the server ignores it.
 */

/** One element of the tree the registry's XML forms describe. */
interface ElementNode {
  name: string;
  children: Map<string, ElementNode>;
  attrs: Map<string, Setting>;
  text?: Setting;
  /** an item of a list, or a repeated field: may occur any number of times */
  repeats?: boolean;
  summary?: string;
}

const node = (name: string): ElementNode => ({ name, children: new Map(), attrs: new Map() });

function descend(root: ElementNode, path: readonly string[]): ElementNode {
  let n = root;
  for (const part of path) {
    let child = n.children.get(part);
    if (!child) n.children.set(part, (child = node(part)));
    n = child;
  }
  return n;
}

function attach(at: ElementNode, s: Setting): void {
  const target = descend(at, s.xml!.element);
  if (s.repeated) target.repeats = true;
  if (s.xml!.attr) {
    target.attrs.set(s.xml!.attr, s);
  } else {
    target.text = s;
    target.summary ??= s.summary;
  }
}

function tree(): ElementNode {
  const root = node('drachtio');
  for (const s of SCALARS) if (s.xml) attach(root, s);
  for (const l of LISTS) {
    const container = descend(root, l.container);
    container.summary ??= l.summary;
    const item = descend(container, [l.item]);
    item.repeats = true;
    item.summary ??= l.summary;
    for (const f of l.fields) if (f.xml) attach(item, f);
  }
  return root;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A JavaScript pattern of src/schema/patterns.ts in XSD's dialect: anchors are implicit, groups are plain. */
export function xsdPattern(js: string): string {
  return js.replace(/^\^/, '').replace(/\$$/, '').replace(/\(\?:/g, '(');
}

/** Each letter matched in either case, for values the server compares without regard to case. */
const anyCase = (word: string) => word.replace(/[a-zA-Z]/g, (c) => `[${c.toLowerCase()}${c.toUpperCase()}]`);

/** The words a yes/no setting read by 'words' is written with: its true words, and the usual false ones. */
function boolWords(type: ValueType): string[] {
  const upper = type.trueWords!.some((w) => /[A-Z]/.test(w));
  const falses = ['false', 'no', '0', 'off', ...(upper ? ['FALSE', 'NO', 'OFF'] : [])];
  return [...new Set([...type.trueWords!, ...falses])];
}

const restriction = (base: string, facets: string[]) =>
  facets.length === 0 ? `<xs:restriction base="${base}"/>` : `<xs:restriction base="${base}">${facets.join('')}</xs:restriction>`;
const enumeration = (values: readonly string[]) => values.map((v) => `<xs:enumeration value="${esc(v)}"/>`);
const pattern = (p: string) => [`<xs:pattern value="${esc(p)}"/>`];

/** The simple type of a setting's value, as an <xs:restriction>. */
function simpleType(s: Setting): string {
  const t = s.type;
  const range = [...(t.min !== undefined ? [`<xs:minInclusive value="${t.min}"/>`] : []), ...(t.max !== undefined ? [`<xs:maxInclusive value="${t.max}"/>`] : [])];
  switch (t.kind) {
    case 'uint':
      return restriction('xs:unsignedInt', range);
    case 'float':
      return restriction('xs:decimal', range);
    case 'bool':
      if (s.xml?.reader === 'boost-bool') return restriction('xs:string', enumeration(['true', 'false', '1', '0']));
      return t.caseInsensitive ? restriction('xs:string', pattern(boolWords(t).map(anyCase).join('|'))) : restriction('xs:string', enumeration(boolWords(t)));
    case 'enum':
      return t.caseInsensitive ? restriction('xs:string', pattern(t.values!.map(anyCase).join('|'))) : restriction('xs:string', enumeration(t.values!));
    case 'sip-uri':
      return restriction('xs:string', pattern(xsdPattern(SIP_URI)));
    case 'ipv4-digits':
      return restriction('xs:string', pattern(xsdPattern(IPV4_DIGITS)));
    case 'cidr':
      return restriction('xs:string', pattern(xsdPattern(CIDR)));
    default:
      return restriction('xs:string', []);
  }
}

const typeName = (s: Setting) => `t-${s.id}`;
const doc = (text: string | undefined, pad: string) => (text ? `\n${pad}  <xs:annotation><xs:documentation>${esc(text)}</xs:documentation></xs:annotation>` : '');

function attributes(n: ElementNode, pad: string): string {
  return [...n.attrs].map(([name, s]) => `\n${pad}<xs:attribute name="${esc(name)}" type="${typeName(s)}">${doc(s.summary, pad)}\n${pad}</xs:attribute>`).join('');
}

function element(n: ElementNode, pad: string): string {
  const occurs = n.repeats ? ' minOccurs="0" maxOccurs="unbounded"' : ' minOccurs="0"';
  const open = `\n${pad}<xs:element name="${esc(n.name)}"${n.name === 'drachtio' ? '' : occurs}`;
  const presence = n.text?.xml?.reader === 'presence';
  // a value in the text only: the simple type itself
  if (n.text && !presence && n.attrs.size === 0 && n.children.size === 0) {
    return `${open} type="${typeName(n.text)}">${doc(n.summary, pad)}\n${pad}</xs:element>`;
  }
  const inner = pad + '    ';
  let body: string;
  if (n.text && !presence) {
    body = `\n${pad}    <xs:simpleContent><xs:extension base="${typeName(n.text)}">${attributes(n, inner + '  ')}\n${pad}    </xs:extension></xs:simpleContent>`;
  } else {
    const kids = [...n.children.values()];
    // xs:all lets children come in any order, as the server reads them, but only once each;
    // with a repeating child, a choice of any of them any number of times
    const group = kids.some((k) => k.repeats) ? ['<xs:choice minOccurs="0" maxOccurs="unbounded">', '</xs:choice>'] : ['<xs:all>', '</xs:all>'];
    const content = kids.length === 0 ? '' : `\n${inner}${group[0]}${kids.map((k) => element(k, inner + '  ')).join('')}\n${inner}${group[1]}`;
    body = content + attributes(n, inner);
  }
  return `${open}>${doc(n.summary, pad)}\n${pad}  <xs:complexType>${body}\n${pad}  </xs:complexType>\n${pad}</xs:element>`;
}

/** schemas/drachtio.conf.xsd. */
export function buildXsd(version: string): string {
  const settings = [...SCALARS, ...LISTS.flatMap((l) => l.fields)].filter((s) => s.xml && s.xml.reader !== 'presence');
  const types = settings.map((s) => `\n  <xs:simpleType name="${typeName(s)}">${simpleType(s)}</xs:simpleType>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- drachtioctl ${version}: generated from the settings registry by tools/gen-schema.ts; do not edit by hand. -->
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" elementFormDefault="unqualified">${element(tree(), '  ')}
${types}
</xs:schema>
`;
}
