import { UserError } from '../errors.js';
import { LISTS, SCALARS, type Setting } from '../registry/index.js';
import type { Position } from '../xml/positions.js';
import { emptyConfig, type DrachtioConfig, type ListItem } from './config.js';

/**
 * The reverse of toDocument: a JSON or YAML document nested by setting id back into the model,
 * each value written as XML text the server reads the same way. Positions come from the
 * YAML parser (JSON is YAML), so errors and origins name line and column.
 */
export async function fromDocumentText(text: string, source: string): Promise<DrachtioConfig> {
  const { parseDocument, LineCounter, isMap, isSeq, isScalar } = await import('yaml');
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  const at = (offset: unknown): Position => {
    const p = lines.linePos(typeof offset === 'number' ? offset : 0);
    return { line: p.line, column: p.col };
  };
  const err = doc.errors[0];
  if (err) throw new UserError(err.message.split('\n')[0]!, source, at(err.pos[0]).line, at(err.pos[0]).column);
  if (!isMap(doc.contents)) throw new UserError('expected an object nested by setting id', source, 1, 1);
  const config = emptyConfig(source);
  config.root = { name: 'drachtio', pos: at(doc.contents.range[0]) };
  const known = new Set<string>();
  for (const s of SCALARS) {
    const node = doc.getIn(s.id.split('.'), true);
    if (node === undefined) continue;
    known.add(s.id);
    if (!isScalar(node)) throw new UserError(`${s.id} must be a single value`, source, at(node && (node as { range?: number[] }).range?.[0]).line);
    const raw = rawOf(s, node.value);
    if (raw !== undefined) config.values.set(s.id, { raw, pos: at(node.range?.[0]) });
  }
  for (const l of LISTS) {
    const node = doc.getIn(l.id.split('.'), true);
    if (node === undefined) continue;
    known.add(l.id);
    if (!isSeq(node)) throw new UserError(`${l.id} must be a list`, source, at((node as { range?: number[] }).range?.[0]).line);
    const items: ListItem[] = [];
    for (const itemNode of node.items) {
      if (!isMap(itemNode)) throw new UserError(`each item of ${l.id} must be an object`, source, at(itemNode && (itemNode as { range?: number[] }).range?.[0]).line);
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
  }
  const unknown = unknownKeys(doc.toJS() as Record<string, unknown>, '', known);
  if (unknown) throw new UserError(`"${unknown}" is not a drachtio setting`, source);
  return config;
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
