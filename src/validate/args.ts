import { settingOrField, type ArgReader, type Setting } from '../registry/index.js';
import type { Place } from '../model/place.js';
import type { Given, Layer } from '../sources/layer.js';
import { atoi } from '../sources/text.js';
import type { Severity } from './types.js';

/**
 * Findings on values given as DRACHTIO_* variables or command-line flags, judged by the server's
 * own readers (src/controller.cpp DrachtioController::getEnv, parseCmdArgs): a value the server
 * reads as something other than what is written is an error, exactly as in the file. Each is
 * reported under the rule that reports the same problem in the file.
 */
export interface ArgFinding {
  rule: 'invalid-number' | 'out-of-range' | 'invalid-value' | 'unrecognised-boolean' | 'unknown-attribute';
  severity: Severity;
  message: string;
  place?: Place;
  setting?: string;
}

const CLEAN_INT = /^[+-]?\d+$/;
const CLEAN_FLOAT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const ATOI: readonly ArgReader[] = ['atoi', 'atoi-positive', 'atoi-non-negative'];

/** The name a value was given under: the variable, or the flag. */
function nameOf(s: Setting, layer: Layer): string {
  return layer.source === 'env' ? (s.env?.name ?? s.id) : `--${s.cli[0]?.long ?? s.id}`;
}

function readerOf(s: Setting, layer: Layer): ArgReader | undefined {
  return layer.source === 'env' ? s.env?.reader : s.cli[0]?.reader;
}

function judge(g: Given, layer: Layer): ArgFinding | undefined {
  const s = settingOrField(g.id);
  if (!s || s.secret) return undefined;
  const name = nameOf(s, layer);
  const reader = readerOf(s, layer);
  const at = { setting: g.id, ...(g.place && { place: g.place }) };
  const text = g.text;
  // host[:port] forms are split before reading; their parts are checked where they are read
  if (s.env?.syntax || s.cli.some((c) => c.syntax)) return undefined;
  if (reader && ATOI.includes(reader) && !CLEAN_INT.test(text)) {
    const n = atoi(text);
    const read = n === 0 ? 'as 0, which means "not set"' : `as ${n}`;
    return { rule: 'invalid-number', severity: 'error', message: `${name} "${text}" is not a whole number: drachtio-server reads it with atoi ${read}`, ...at };
  }
  if (reader === 'atof' && !CLEAN_FLOAT.test(text)) {
    return { rule: 'invalid-number', severity: 'error', message: `${name} "${text}" is not a number: drachtio-server reads it with atof as ${String(g.value)}`, ...at };
  }
  if (reader === 'atoi-one' && text !== '0' && text !== '1') {
    return { rule: 'unrecognised-boolean', severity: 'error', message: `${name} "${text}" is not 1: drachtio-server turns it on only for exactly 1, so it stays off`, ...at };
  }
  if (!g.ignored || (text === '0' && g.ignored.includes('> 0'))) return undefined;
  const rule = s.type.values ? 'invalid-value' : 'out-of-range';
  return { rule, severity: 'error', message: `${name} "${text}": ${g.ignored}, so drachtio-server does not use it`, ...at };
}

export function argFindings(layers: readonly Layer[]): ArgFinding[] {
  const out: ArgFinding[] = [];
  for (const layer of layers) {
    for (const g of layer.given) {
      const f = judge(g, layer);
      if (f) out.push(f);
    }
    for (const stray of layer.strays) {
      out.push({ rule: 'unknown-attribute', severity: 'warning', message: stray.message, ...(stray.place && { place: stray.place }) });
    }
    const fatal = layer.fatal;
    if (fatal) {
      const rule = /number|lexical_cast/.test(fatal.message) ? 'invalid-number' : 'invalid-value';
      out.push({ rule, severity: 'error', message: fatal.message, ...(fatal.place && { place: fatal.place }) });
    }
  }
  return out;
}
