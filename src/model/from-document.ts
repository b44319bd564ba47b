import { UserError } from '../errors.js';
import { LISTS, SCALARS, type Setting } from '../registry/index.js';
import { closest } from '../registry/suggest.js';
import type { Position } from '../xml/positions.js';
import { emptyConfig, type DrachtioConfig, type ListItem } from './config.js';

/**
 * The reverse of toDocument: a JSON or YAML document nested by setting id back into the model,
 * each value written as XML text the server reads the same way. Positions come from the
 * YAML parser (JSON is YAML), so errors and origins name line and column.
 */
export async function fromDocumentText(text: string, source: string, json = false): Promise<DrachtioConfig> {
  const yaml = await import('yaml');
  const { parseDocument, LineCounter, isMap, isSeq, isScalar } = yaml;
  const lines = new LineCounter();
  // yaml's own duplicate-key check compares every key with every other (40,000 keys: seconds); keysOf does it with a set
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false });
  const at = (offset: unknown): Position => {
    const p = lines.linePos(typeof offset === 'number' ? offset : 0);
    return { line: p.line, column: p.col };
  };
  const err = doc.errors[0];
  // the position is ours; yaml's message repeats it and then quotes the text
  if (err) throw new UserError(err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''), source, at(err.pos[0]).line, at(err.pos[0]).column);
  // YAML reads JSON leniently (a trailing comma passes): JSON input must be JSON
  if (json) strictJson(text, source, at);
  if (!isMap(doc.contents)) throw new UserError('expected an object nested by setting id', source, 1, 1);
  const config = emptyConfig(source);
  config.root = { name: 'drachtio', pos: at(doc.contents.range[0]) };
  const known = new Set<string>();
  for (const s of SCALARS) {
    const given = doc.getIn(s.id.split('.'), true);
    if (given === undefined) continue;
    known.add(s.id);
    // an alias stands for its anchor's value (followed once, never expanded)
    const node = yaml.isAlias(given) ? given.resolve(doc) : given;
    if (!isScalar(node)) throw new UserError(`${s.id} must be a single value`, source, ...lineCol(at(node && (node as { range?: number[] }).range?.[0])));
    const raw = rawOf(s, node.value);
    if (raw !== undefined) {
      config.values.set(s.id, { raw, pos: at(node.range?.[0]) });
      if (s.xml) addElements(config, s.xml.element, at(node.range?.[0]));
    }
  }
  for (const l of LISTS) {
    const node = doc.getIn(l.id.split('.'), true);
    if (node === undefined) continue;
    known.add(l.id);
    if (!isSeq(node)) throw new UserError(`${l.id} must be a list`, source, ...lineCol(at((node as { range?: number[] }).range?.[0])));
    const items: ListItem[] = [];
    for (const itemNode of node.items) {
      if (!isMap(itemNode)) throw new UserError(`each item of ${l.id} must be an object`, source, ...lineCol(at(itemNode && (itemNode as { range?: number[] }).range?.[0])));
      const item: ListItem = { pos: at(itemNode.range?.[0]), fields: {}, repeated: {} };
      for (const f of l.fields) {
        const v = itemNode.get(f.id, true);
        if (v === undefined) continue;
        const pos = at((v as { range?: number[] }).range?.[0]);
        if (f.repeated && isSeq(v)) item.repeated[f.id] = v.items.map((x) => ({ raw: String(isScalar(x) ? x.value : ''), pos }));
        else if (isScalar(v) || isSeq(v)) {
          const raw = rawOf(f, isSeq(v) ? v.toJSON() : v.value);
          if (raw !== undefined) item.fields[f.id] = { raw, pos };
        }
      }
      items.push(item);
    }
    config.lists.set(l.id, items);
    addElements(config, l.container, at((node as { range?: number[] }).range?.[0]));
  }
  checkKeys(yaml, doc, doc.contents, '', known, [], (message, offset) => new UserError(message, source, at(offset).line, at(offset).column));
  return config;
}

const lineCol = (p: Position): [number, number] => [p.line, p.column];

/** The elements a value's XML form sits in, as the XML reader records them, so element-level rules see them. */
function addElements(config: DrachtioConfig, element: readonly string[], pos: Position): void {
  for (let i = 1; i <= element.length; i++) {
    const key = element.slice(0, i).join('/');
    if (!config.elements.has(key)) config.elements.set(key, { pos });
  }
}

/** A one-line UserError at the place JSON.parse stops, for JSON the YAML reader let through. */
function strictJson(text: string, source: string, at: (offset: number) => Position): void {
  try {
    JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const offset = Number(/at position (\d+)/.exec(message)?.[1] ?? 0);
    const p = at(offset);
    throw new UserError(`not valid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}`, source, p.line, p.column);
  }
}

/** XML text for a typed value: booleans as the setting's own "true" word, lists joined. */
function rawOf(s: Setting, v: unknown): string | undefined {
  if (Array.isArray(v)) return v.join(',');
  if (typeof v === 'boolean') {
    if (s.xml?.reader === 'presence') return v ? '' : undefined;
    if (s.xml?.reader === 'boost-bool' || !s.xml) return String(v);
    return v ? (s.type.trueWords?.[0] ?? 'true') : 'false';
  }
  return v === null || v === undefined ? undefined : String(v);
}

type Yaml = typeof import('yaml');
type YamlMap = import('yaml').YAMLMap;

/**
 * Every key of the document, walked once over the parsed nodes (never expanded: an alias bomb
 * stays a few nodes, as the walk stops at the first key that leads to no setting): each map's
 * keys must be unique, and every key a setting id or on the way to one. An alias to an enclosing map is refused.
 */
function checkKeys(yaml: Yaml, doc: import('yaml').Document, map: YamlMap, prefix: string, known: ReadonlySet<string>, enclosing: readonly YamlMap[], fail: (m: string, offset: number | undefined) => UserError): void {
  const keys = new Set<string>();
  for (const pair of map.items) {
    const keyNode = pair.key as { value?: unknown; range?: number[] } | null;
    const offset = keyNode?.range?.[0];
    if (!yaml.isScalar(keyNode)) throw fail('a key that is not plain text', offset);
    const key = String(keyNode.value);
    if (keys.has(key)) throw fail(`${shownKey(key)} appears twice in one object`, offset);
    keys.add(key);
    const id = prefix ? `${prefix}.${key}` : key;
    if (known.has(id)) continue;
    const value = yaml.isAlias(pair.value) ? pair.value.resolve(doc) : pair.value;
    if (!yaml.isMap(value)) {
      const guess = closest(id, [...SCALARS, ...LISTS].map((e) => e.id));
      throw fail(`${shownKey(id)} is not a drachtio setting${guess ? ` (did you mean ${guess}?)` : ''}`, offset);
    }
    if (value === map || enclosing.includes(value)) throw fail(`${shownKey(id)} is an alias to an object that holds it`, offset);
    checkKeys(yaml, doc, value, id, known, [...enclosing, map], fail);
  }
}

/** A key as a message may show it: one that looks like a setting name; anything else might be pasted secret text. */
const shownKey = (key: string) => (/^[\w.-]{1,64}$/.test(key) ? `"${key}"` : 'this key');
