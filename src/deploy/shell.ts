import { UserError } from '../errors.js';
import { Locator, wordAt, type SourceWord } from './place.js';
import type { Unknown } from './types.js';

/**
 * Word splitting of one command line, two ways:
 * - `sh`: POSIX sh, as an interactive shell reads `docker run …` (XCU 2.2 Quoting, 2.6 Word Expansions):
 *   '…' is literal; "…" keeps $, `, \ special and \ escapes only $ ` " \ and newline; an unquoted \
 *   escapes the next character; \<newline> joins lines; a newline or a # starting a word ends the command.
 *   Expansions the shell makes from the user's environment ($VAR, ${…}, $(…), `…`, a leading ~) cannot
 *   be known here: the word is kept as written and an Unknown names it.
 * - `compose`: mattn/go-shellwords' Parse, which compose-go applies to a string `command`/`entrypoint`
 *   (loader transformShellCommand): newlines are blanks, \ escapes any character outside '…', no expansion.
 * Both stop at an unquoted ; & | < > (go-shellwords drops the rest of the string).
 */
export type SplitMode = 'sh' | 'compose';

/** A word the shell expands from its environment: its text is as written. */
export type ShellWord = SourceWord & { expands?: true };

export interface ShellWords {
  words: ShellWord[];
  /** for each word, the source offset of each of its characters */
  offsets: number[][];
  unknowns: Unknown[];
}

export function shellWords(loc: Locator, start = 0, end = loc.text.length, mode: SplitMode = 'sh'): ShellWords {
  const sh = mode === 'sh';
  const text = loc.text;
  const words: SourceWord[] = [];
  const wordOffsets: number[][] = [];
  const unknowns: Unknown[] = [];
  let chars: string[] | undefined;
  let offsets: number[] = [];
  let wordStart = 0;
  let expands = false;
  const add = (c: string, at: number) => {
    if (!chars) {
      chars = [];
      offsets = [];
    }
    chars.push(c);
    offsets.push(at);
  };
  const begin = (at: number) => {
    if (!chars) {
      chars = [];
      offsets = [];
      wordStart = at;
    }
  };
  const finish = () => {
    if (!chars) return;
    const w = wordAt(chars.join(''), offsets, loc, wordStart);
    words.push(w);
    wordOffsets.push(offsets);
    if (expands) (w as ShellWord).expands = true;
    if (expands) unknowns.push({ what: w.text, place: w.place, why: "the shell expands it from the environment of whoever runs the command" });
    chars = undefined;
    expands = false;
  };
  let i = start;
  for (; i < end; i++) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\r') {
      finish();
    } else if (c === '\n') {
      finish();
      if (sh) break;
    } else if (sh && !chars && c === '#') {
      break;
    } else if (';&|<>'.includes(c)) {
      finish();
      break;
    } else if (c === '\\') {
      if (sh && text[i + 1] === '\n') {
        i++; // a line continuation joins the lines; it starts no word
        continue;
      }
      begin(i);
      if (i + 1 < end) {
        add(text[i + 1]!, i + 1);
        i++;
      } else if (!sh) {
        const p = loc.place(i);
        throw new UserError('a backslash ends the command', p.file, p.line, p.column);
      }
    } else if (c === "'") {
      begin(i);
      const close = text.indexOf("'", i + 1);
      if (close === -1 || close >= end) throw quoteError(loc, i, "'");
      for (let j = i + 1; j < close; j++) add(text[j]!, j);
      i = close;
    } else if (c === '"') {
      begin(i);
      let j = i + 1;
      for (; j < end && text[j] !== '"'; j++) {
        if (text[j] === '\\' && (!sh || '$`"\\\n'.includes(text[j + 1] ?? '')) && j + 1 < end) {
          j++;
          if (sh && text[j] === '\n') continue;
        } else if (sh && (text[j] === '$' || text[j] === '`')) expands = true;
        add(text[j]!, j);
      }
      if (j >= end) throw quoteError(loc, i, '"');
      i = j;
    } else {
      begin(i);
      if (sh && (c === '`' || (c === '$' && /[A-Za-z_{(0-9@*#?$!-]/.test(text[i + 1] ?? '')))) expands = true;
      if (sh && c === '~' && chars!.length === 0) expands = true;
      add(c, i);
    }
  }
  finish();
  return { words, offsets: wordOffsets, unknowns };
}

function quoteError(loc: Locator, at: number, q: string): UserError {
  const p = loc.place(at);
  return new UserError(`unterminated ${q} quote`, p.file, p.line, p.column);
}
