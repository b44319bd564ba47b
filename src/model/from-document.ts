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
  const { parseDocument, LineCounter, isMap, isSeq, isScalar } = await import('yaml');
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  const at = (offset: unknown): Position => {
    const p = lines.linePos(typeof offset === 'number' ? offset : 0);
    return { line: p.line, column: p.col };
  };
  const err = doc.errors[0];
  if (err) throw new UserError(err.message.split('\n')[0]!, source, at(err.pos[0]).line, at(err.pos[0]).column);
  // YAML reads JSON leniently (a trailing comma passes): JSON input must be JSON
  if (json) strictJson(text, source, at);
  if (!isMap(doc.contents)) throw new UserError('expected an object nested by setting id', source, 1, 1);
  const config = emptyConfig(source);
  config.root = { name: 'drachtio', pos: at(doc.contents.range[0]) };
  const known = new Set<string>();
  for (const s of SCALARS) {
    const node = doc.getIn(s.id.split('.'), true);
    if (node === undefined) continue;
    known.add(s.id);
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
  const unknown = unknownKeys(doc.toJS() as Record<string, unknown>, '', known);
  if (unknown) {
    const node = doc.getIn(unknown.split('.'), true) as { range?: number[] } | undefined;
    const guess = closest(unknown, [...SCALARS, ...LISTS].map((e) => e.id));
    throw new UserError(`"${unknown}" is not a drachtio setting${guess ? ` (did you mean ${guess}?)` : ''}`, source, ...lineCol(at(node?.range?.[0])));
  }
  return config;
}

const lineCol = (p: Position): [number, number] => [p.line, p.column];

/** The elements a value's XML form sits in, as the XML reader records them, so element-level rules see them. */
function addElements(config: DrachtioConfig, element: readonly string[], pos: Position): void {
  for (let i = 1; i <= element.length; i++) {
    const key = element.slice(0, i).join('/');
    if (!config.elements.has(key)) config.elements.set(key, pos);
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

function unknownKeys(obj: Record<string, unknown>, prefix: string, known: ReadonlySet<string>): string | undefined {
  for (const [k, v] of Object.entries(obj)) {
    const id = prefix ? `${prefix}.${k}` : k;
    if (known.has(id)) continue;
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const inner = unknownKeys(v as Record<string, unknown>, id, known);
      if (inner) return inner;
    } else return id;
  }
  return undefined;
}
