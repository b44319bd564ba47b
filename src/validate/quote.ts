/** A value as it appears in a one-line message: quoted, with newlines and tabs escaped. */
export function quote(raw: string): string {
  return JSON.stringify(raw);
}

/** A registry sentence continued after a colon: first letter lower-cased (unless an acronym), final full stop dropped. */
export function clause(sentence: string): string {
  const s = sentence.replace(/\.$/, '');
  return /^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s;
}
