import type { LineIndex } from './positions.js';
import type { XmlProblem } from './tree.js';

/**
 * Repairs of XML that drachtio-server's reader accepts although it is not well-formed, made in
 * a scratch copy of the text so that the strict validator can look past them.
 */

const ATTR = /\s*([^\s=/>]+)\s*=\s*(?:"[^"]*"|'[^']*')/y;
const NAME_START = /[^\s!?/<>]/;
const NAME = /[^\s/>]+/y;

/** Offset just past the next `token` from `from`, or the end of the text. */
function after(text: string, token: string, from: number): number {
  const at = text.indexOf(token, from);
  return at < 0 ? text.length : at + token.length;
}

/**
 * Blank every repeated attribute of every start tag (the server keeps the first), in one pass:
 * repairing them one validator run at a time is quadratic in a big file. One problem per tag,
 * at its first repeated attribute, in the validator's words. Newlines stay, so positions hold.
 */
export function blankRepeatedAttributes(text: string, lines: LineIndex): { text: string; problems: XmlProblem[] } {
  const problems: XmlProblem[] = [];
  const parts: string[] = [];
  let copied = 0;
  let i = text.indexOf('<');
  while (i >= 0) {
    let next = i + 1;
    if (text.startsWith('<!--', i)) next = after(text, '-->', i + 4);
    else if (text.startsWith('<![CDATA[', i)) next = after(text, ']]>', i + 9);
    else if (NAME_START.test(text[i + 1] ?? '')) {
      const seen = new Set<string>();
      let reported = false;
      NAME.lastIndex = i + 1;
      NAME.exec(text);
      ATTR.lastIndex = NAME.lastIndex;
      for (let m = ATTR.exec(text); m; m = ATTR.exec(text)) {
        next = ATTR.lastIndex;
        if (!seen.has(m[1]!)) {
          seen.add(m[1]!);
          continue;
        }
        if (!reported) problems.push({ message: `Attribute '${m[1]}' is repeated.`, pos: lines.at(m.index + m[0].indexOf(m[1]!)), lenient: true });
        reported = true;
        parts.push(text.slice(copied, m.index), m[0].replace(/[^\n]/g, ' '));
        copied = next;
      }
    }
    i = text.indexOf('<', next);
  }
  parts.push(text.slice(copied));
  return { text: parts.join(''), problems };
}

/** Make a closing tag match the element it closes, as the server's reader does by ignoring its name. */
export function matchClosingTag(text: string, offset: number, msg: string): string | undefined {
  const mismatch = /^Expected closing tag '([^']+)'/.exec(msg);
  if (!mismatch) return undefined;
  const close = text.indexOf('</', Math.max(0, offset - 2));
  const end = text.indexOf('>', close);
  if (close < 0 || end < 0) return undefined;
  // same length is impossible when names differ, so keep line numbers: no newline is added
  return `${text.slice(0, close)}</${mismatch[1]}>${text.slice(end + 1)}`;
}
