import { CompletionItemKind, MarkupKind, type CompletionItem, type Range } from 'vscode-languageserver';
import { settingSection } from '../docs/settings-md.js';
import type { Setting } from '../registry/index.js';
import { knownAttributes, knownChildren } from '../validate/names.js';
import type { Cursor } from './cursor.js';
import { placeOf, settingAt } from './settings-at.js';

/** What may be typed at the cursor, from the registry: element and attribute names the server reads there, and the values a setting takes. */
export interface Completion {
  label: string;
  kind: 'element' | 'attribute' | 'value';
  /** the text inserted; the label unless the cursor needs more (a '<' before an element name typed in text) */
  insert?: string;
  detail?: string;
  documentation?: string;
}

export function completionsAt(cursor: Cursor, text: string): Completion[] {
  const { kind, open } = cursor;
  if (kind === 'closing') return open.length > 0 ? [{ label: open[open.length - 1]!, kind: 'element' }] : [];
  if (kind === 'element') {
    if (open.length === 0) return [{ label: 'drachtio', kind: 'element', detail: 'the document element drachtio-server reads' }];
    return open[0] === 'drachtio' ? knownChildren(open.slice(1)).map((c) => element(open.slice(1), c)) : [];
  }
  if (kind === 'attribute') {
    const place = placeOf(cursor);
    if (!place) return [];
    return knownAttributes(place.path)
      .filter((a) => !cursor.attrs.includes(a))
      .map((a) => ({ label: a, kind: 'attribute' as const, ...documented(settingAt({ path: place.path, attr: a })) }));
  }
  const place = placeOf(cursor);
  if (!place) return [];
  const values = valuesOf(settingAt(place)?.setting).map((v) => ({ label: v, kind: 'value' as const }));
  // blank text in an element that holds others: offer them, with the '<' still to type
  if (kind === 'text' && text.slice(cursor.start, cursor.end).trim() === '') {
    return [...values, ...knownChildren(place.path).map((c) => ({ ...element(place.path, c), insert: `<${c}` }))];
  }
  return values;
}

function element(parent: readonly string[], name: string): Completion {
  return { label: name, kind: 'element', ...documented(settingAt({ path: [...parent, name] })) };
}

function documented(here: ReturnType<typeof settingAt>): Pick<Completion, 'detail' | 'documentation'> {
  return here ? { detail: here.description.summary, documentation: settingSection(here.description) } : {};
}

/** The values a setting's reader distinguishes: an enum's, the words meaning true (and false), a boolean's. */
export function valuesOf(s: Setting | undefined): readonly string[] {
  if (!s) return [];
  const t = s.type;
  if (t.kind === 'enum') return t.values ?? [];
  if (t.kind !== 'bool' || s.xml?.reader === 'presence') return [];
  return t.trueWords ? [...t.trueWords, 'false'] : ['true', 'false'];
}

const KINDS = { element: CompletionItemKind.Property, attribute: CompletionItemKind.Field, value: CompletionItemKind.EnumMember } as const;

/** A completion as the protocol carries it, replacing `range` (the part of the name or value already typed). */
export function toCompletionItem(c: Completion, range: Range): CompletionItem {
  return {
    label: c.label,
    kind: KINDS[c.kind],
    textEdit: { range, newText: c.insert ?? c.label },
    ...(c.insert && { filterText: c.insert }),
    ...(c.detail && { detail: c.detail }),
    ...(c.documentation && { documentation: { kind: MarkupKind.Markdown, value: c.documentation } }),
  };
}
