/** Where a value was written: a file (an XML config, an env file, a compose file, a unit, a manifest) and a 1-based line and column. */
export interface Place {
  file: string;
  line: number;
  column: number;
}

/** file:line:column, as compilers write it. */
export const placeText = (p: Place) => `${p.file}:${p.line}:${p.column}`;
