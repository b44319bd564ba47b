import { basename } from 'node:path';
import { UserError } from '../errors.js';
import { isDrachtioProgram } from './entrypoint.js';
import type { EnvLookup } from './entrypoint.js';
import { envLookup, hostPath, type ReadOptions } from './env.js';
import { Locator, plain, wordAt, wordAtPlace, type SourceWord } from './place.js';
import type { DeployedService, EnvSource, Place, Unknown } from './types.js';

/**
 * systemd units (man systemd.syntax, systemd.service "Command lines", systemd.exec "Environment"):
 * - a line ending in `\` continues on the next, the backslash read as a space; comment lines (# ;) inside are skipped;
 * - `ExecStart=`: prefixes `-@:+!` (`@`: the second word is argv[0]; `:`: no variable expansion); words
 *   split on whitespace, "…" and '…' quote, C escapes (\n \t \s \xNN \NNN \uNNNN…, others kept as written);
 *   a lone `;` separates commands and `\;` is a literal `;`; an empty assignment resets the list;
 * - at exec time, a word that is `$NAME` becomes the variable's value split on whitespace (none if unset),
 *   `${NAME}` inside a word becomes its exact value (empty if unset), `$$` is `$`;
 * - specifiers: `%%` is `%`; the others (%n, %i, %h…) depend on the unit instance: unknown;
 * - `Environment=` holds several quoted `NAME=value` assignments; `EnvironmentFile=` (`-`: missing file
 *   ignored) overrides Environment=; later assignments win; an empty assignment resets.
 * Variables no Environment= sets are unset when the unit has no EnvironmentFile= (systemd passes only
 * the configured environment plus its own PATH, INVOCATION_ID…, which are unknown here).
 */
/** `section`: the section the text starts in (`Service` for a lone `ExecStart=` line). */
export function readUnit(text: string, file: string, options: ReadOptions = {}, section = ''): DeployedService[] {
  const loc = new Locator(text, file);
  const unknowns: Unknown[] = [];
  const assignments: SourceWord[] = [];
  const envFiles: EnvSource[] = [];
  let execStarts: Logical[] = [];
  for (const entry of serviceEntries(loc, section)) {
    const { key, value } = entry;
    if (key === 'Environment') {
      const words = unitWords(value, loc);
      if (words.length === 0) assignments.length = 0;
      assignments.push(...words);
    } else if (key === 'EnvironmentFile') {
      if (value.text.trim() === '') {
        envFiles.length = 0;
        continue;
      }
      const optional = value.text.startsWith('-');
      const skip = optional ? 1 : 0;
      const path = specifiers(wordAt(value.text.slice(skip), value.offsets.slice(skip), loc, value.start), unknowns);
      envFiles.push({ kind: 'file', path: hostPath(file, path.text), place: path.place, required: !optional, dialect: 'systemd' });
    } else if (key === 'ExecStart') {
      if (value.text.trim() === '') execStarts = [];
      else execStarts.push(value);
    }
  }
  const env: EnvSource[] = [];
  for (const w of assignments) {
    const eq = w.text.indexOf('=');
    const name = w.text.slice(0, eq);
    if (eq <= 0 || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) continue; // systemd logs "Invalid environment assignment, ignoring"
    const value = specifiers({ text: w.text.slice(eq + 1), place: w.at(eq + 1), at: (i) => w.at(eq + 1 + i) }, unknowns);
    if (hasSpecifier(value.text)) env.push({ kind: 'unknown', name, place: value.place, why: SPECIFIER });
    else env.push({ kind: 'var', name, value: value.text, place: value.place, namePlace: w.place });
  }
  env.push(...envFiles);

  const services: DeployedService[] = [];
  for (const exec of execStarts) {
    for (const command of commands(exec, loc)) {
      if (!isDrachtioProgram(command.words[0]?.text)) continue;
      const args = command.words.slice(command.argv0 ? 2 : 1).map((w) => specifiers(w, unknowns));
      const expanded = command.expand ? expandVariables(args, envLookup(env, options.envFiles), unknowns) : args;
      services.push({
        kind: 'systemd',
        name: basename(file),
        file,
        args: expanded.map(plain),
        env,
        mounts: [],
        unknowns,
      });
    }
  }
  return services;
}

/** A value after joining continuation lines, with the source offset of each character. */
interface Logical {
  text: string;
  offsets: number[];
  start: number;
}

/** The key=value entries of the [Service] section, continuation lines joined. */
function serviceEntries(loc: Locator, initialSection: string): { key: string; value: Logical }[] {
  const text = loc.text;
  const out: { key: string; value: Logical }[] = [];
  let section = initialSection;
  let i = 0;
  while (i < text.length) {
    let end = text.indexOf('\n', i);
    if (end === -1) end = text.length;
    const line = text.slice(i, end).replace(/\r$/, '');
    const trimmed = line.trim();
    if (trimmed.startsWith('[') && trimmed.endsWith(']')) {
      section = trimmed.slice(1, -1);
      i = end + 1;
      continue;
    }
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) {
      i = end + 1;
      continue;
    }
    const eq = line.indexOf('=');
    const key = (eq === -1 ? line : line.slice(0, eq)).trim();
    // the value: from after "=" and its leading whitespace, through continuation lines
    let chars = '';
    const offsets: number[] = [];
    let j = eq === -1 ? end : i + eq + 1;
    while (j < end && (text[j] === ' ' || text[j] === '\t')) j++;
    const start = j;
    for (;;) {
      let lineEnd = end;
      if (text[lineEnd - 1] === '\r') lineEnd--;
      const continued = text[lineEnd - 1] === '\\';
      for (let k = j; k < (continued ? lineEnd - 1 : lineEnd); k++) {
        chars += text[k];
        offsets.push(k);
      }
      if (!continued) break;
      chars += ' ';
      offsets.push(lineEnd - 1);
      // skip comment lines inside a continuation
      let next = end + 1;
      for (;;) {
        if (next >= text.length) break;
        let e = text.indexOf('\n', next);
        if (e === -1) e = text.length;
        const t = text.slice(next, e).trim();
        if (t.startsWith('#') || t.startsWith(';')) next = e + 1;
        else break;
      }
      if (next >= text.length) {
        end = text.length;
        break;
      }
      j = next;
      end = text.indexOf('\n', next);
      if (end === -1) end = text.length;
    }
    if (section === 'Service' && eq !== -1) out.push({ key, value: { text: chars.replace(/\s+$/, ''), offsets, start } });
    i = end + 1;
  }
  return out;
}

interface Command {
  words: SourceWord[];
  argv0: boolean;
  expand: boolean;
}

/** One ExecStart= value: its prefixes, then commands separated by lone `;` words. */
function commands(value: Logical, loc: Locator): Command[] {
  const m = /^[-@:+!]*/.exec(value.text)![0];
  const rest: Logical = { text: value.text.slice(m.length), offsets: value.offsets.slice(m.length), start: value.offsets[m.length] ?? value.start };
  const words = unitWords(rest, loc, true);
  const out: Command[] = [];
  let current: SourceWord[] = [];
  const flush = () => {
    if (current.length) out.push({ words: current, argv0: m.includes('@'), expand: !m.includes(':') });
    current = [];
  };
  for (const w of words) {
    // on the extracted word, quoted or not
    if (w.text === ';') flush();
    else if (w.text === '\\;') current.push({ ...w, text: ';' });
    else current.push(w);
  }
  flush();
  return out;
}

const ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"', "'": "'", s: ' ' };

/**
 * systemd's extract_first_word(EXTRACT_UNQUOTE | EXTRACT_CUNESCAPE) over a whole value; `relax` (command
 * lines, EXTRACT_CUNESCAPE_RELAX) keeps an unknown escape as written, which is how `\;` reaches the
 * command parser as a literal semicolon.
 */
function unitWords(value: Logical, loc: Locator, relax = false): SourceWord[] {
  const { text, offsets } = value;
  const words: SourceWord[] = [];
  let i = 0;
  const fail = (msg: string, at: number): never => {
    const p = loc.place(offsets[at] ?? value.start);
    throw new UserError(msg, p.file, p.line, p.column);
  };
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (i >= text.length) break;
    const start = i;
    let chars = '';
    const at: number[] = [];
    let quote: string | undefined;
    for (; i < text.length; i++) {
      const c = text[i]!;
      if (!quote && /\s/.test(c)) break;
      if (c === '\\') {
        const [decoded, used] = unescape(text, i + 1) ?? (relax && i + 1 < text.length ? [`\\${text[i + 1]}`, 1] : fail(`invalid escape "\\${text[i + 1] ?? ''}"`, i));
        chars += decoded;
        at.push(offsets[i]!);
        i += used;
      } else if (quote ? c === quote : c === '"' || c === "'") {
        quote = quote ? undefined : c;
      } else {
        chars += c;
        at.push(offsets[i]!);
      }
    }
    if (quote) fail(`unterminated ${quote} quote`, start);
    words.push(wordAt(chars, at, loc, offsets[start]!));
  }
  return words;
}

/** One C escape after a backslash: the decoded text and how many characters it used. */
function unescape(text: string, i: number): [string, number] | undefined {
  const c = text[i];
  if (c === undefined) return undefined;
  if (c in ESCAPES) return [ESCAPES[c]!, 1];
  const hex = (n: number) => (new RegExp(`^[0-9a-fA-F]{${n}}$`).test(text.slice(i + 1, i + 1 + n)) ? String.fromCodePoint(parseInt(text.slice(i + 1, i + 1 + n), 16)) : undefined);
  if (c === 'x') return hex(2) !== undefined ? [hex(2)!, 3] : undefined;
  if (c === 'u') return hex(4) !== undefined ? [hex(4)!, 5] : undefined;
  if (c === 'U') return hex(8) !== undefined ? [hex(8)!, 9] : undefined;
  if (/^[0-7]{3}$/.test(text.slice(i, i + 3))) return [String.fromCharCode(parseInt(text.slice(i, i + 3), 8)), 3];
  return undefined;
}

const SPECIFIER = 'a systemd specifier (%n, %i, %h…) depends on the unit instance';
const hasSpecifier = (text: string) => /%[^%]/.test(text.replace(/%%/g, ''));

/** `%%` is `%`; any other specifier depends on the unit instance and makes the word unknown (kept as written). */
function specifiers(w: SourceWord, unknowns: Unknown[]): SourceWord {
  if (!w.text.includes('%')) return w;
  if (hasSpecifier(w.text)) {
    unknowns.push({ what: w.text, place: w.place, why: SPECIFIER });
    return w;
  }
  return wordAtPlace(w.text.replace(/%%/g, '%'), w.place);
}

/** Exec-time expansion of $NAME (split into words) and ${NAME} (one word) from the unit's environment. */
function expandVariables(words: readonly SourceWord[], lookup: EnvLookup, unknowns: Unknown[]): SourceWord[] {
  /** null: not known */
  const value = (name: string, place: Place): string | undefined | null => {
    const v = lookup(name);
    if (v === 'unknown') {
      unknowns.push({ what: `$${name}`, place, why: 'EnvironmentFile= may set it, and its values override Environment=' });
      return null;
    }
    return v === 'unset' ? undefined : v.value;
  };
  const out: SourceWord[] = [];
  for (const w of words) {
    if (w.text.startsWith('$') && w.text[1] !== '{' && w.text[1] !== '$' && w.text.length > 1) {
      const v = value(w.text.slice(1), w.place);
      if (v === null) out.push(w);
      else for (const piece of (v ?? '').split(/\s+/).filter(Boolean)) out.push(wordAtPlace(piece, w.place));
      continue;
    }
    if (!w.text.includes('$')) {
      out.push(w);
      continue;
    }
    let unknown = false;
    const text = w.text.replace(/\$\$|\$\{([^}]*)\}/g, (all, name: string | undefined) => {
      if (all === '$$') return '$';
      const v = value(name!, w.place);
      if (v === null) unknown = true;
      return v ?? '';
    });
    out.push(unknown ? w : wordAtPlace(text, w.place));
  }
  return out;
}
