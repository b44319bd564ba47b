/** A value as it appears in a one-line message: quoted, with newlines and tabs escaped. */
export function quote(raw: string): string {
  return JSON.stringify(raw);
}
