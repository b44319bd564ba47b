/** A SARIF region: where a finding starts and, when the text is at hand, where its token ends (end column exclusive). */
export interface Region {
  startLine: number;
  startColumn: number;
  endLine?: number;
  endColumn?: number;
}

const ATTRIBUTE = /^[\w:.-]+\s*=\s*(["'])[^"']*\1/;

/**
 * The extent of the token a finding points at, on its line: an attribute with its quoted value
 * (`port="19O22"`), a tag (`<mtu-size>`), or a text value up to the next markup (`verbose`).
 * Columns count UTF-16 code units, as the positions do.
 */
export function regionAt(lineText: string | undefined, line: number, column: number): Region {
  const start = { startLine: line, startColumn: column };
  const i = column - 1;
  if (lineText === undefined || i < 0 || i >= lineText.length) return start;
  const rest = lineText.slice(i);
  let length: number;
  if (rest.startsWith('<')) {
    const close = rest.indexOf('>');
    length = close < 0 ? rest.length : close + 1;
  } else {
    const attribute = ATTRIBUTE.exec(rest);
    const markup = /["'<]/.exec(rest);
    length = attribute ? attribute[0].length : markup ? markup.index : rest.length;
  }
  return { ...start, endLine: line, endColumn: column + Math.max(1, length) };
}
