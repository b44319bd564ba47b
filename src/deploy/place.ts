import type { DeployedWord, Place } from './types.js';

/** Maps offsets in a text to 1-based line/column places. */
export class Locator {
  private readonly starts: number[] = [0];
  constructor(
    readonly text: string,
    readonly file: string,
  ) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  /** The offset of a 1-based line and column. */
  offset(line: number, column: number): number {
    return (this.starts[line - 1] ?? this.text.length) + column - 1;
  }

  place(offset: number): Place {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { file: this.file, line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }
}

/**
 * A word as read from its source, able to place each of its characters: when a later step
 * (the image entrypoint's re-splitting) cuts it into pieces, each piece is placed exactly.
 */
export interface SourceWord extends DeployedWord {
  /** place of character i of text (the word's place when characters cannot be mapped one to one) */
  at(i: number): Place;
}

/** A word whose characters stand at the given source offsets (one per character). */
export function wordAt(text: string, offsets: readonly number[], loc: Locator, fallback: number): SourceWord {
  const start = offsets[0] ?? fallback;
  return { text, place: loc.place(start), at: (i) => loc.place(offsets[i] ?? start) };
}

/** A word whose characters cannot be mapped one by one: every piece is placed at the word. */
export function wordAtPlace(text: string, place: Place): SourceWord {
  return { text, place, at: () => place };
}

/** The public shape: text and place only. */
export const plain = (w: DeployedWord): DeployedWord => ({ text: w.text, place: w.place });
