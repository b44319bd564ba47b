/** 1-based line and column of an offset in a text, found by binary search over line starts. */
export interface Position {
  line: number;
  column: number;
  /** the file it is in, when that is not the document being read (a value from an env file, a compose file, a unit) */
  file?: string;
}

/** Where a position of a text stands in the file that holds it (XML inline in a manifest: the manifest's lines). */
export type Placement = (p: Position) => Position;

export class LineIndex {
  /**
   * Starts of the lines found so far: the text is searched for line ends only as far as a position
   * is asked for, and most positions of a file never are (of a valid 5 MB file, none).
   */
  private readonly starts: number[] = [0];
  /** the first line end not in `starts` yet (-1: none left) */
  private nextEnd: number;
  /** line of the last lookup: readers ask in (nearly) increasing order, so most lookups start there */
  private last = 0;

  /** `placed`: every position this index gives is placed so (offset() still reads the text's own lines) */
  constructor(
    private readonly text: string,
    private readonly placed?: Placement,
  ) {
    this.nextEnd = text.indexOf('\n');
  }

  /** Record the next line's start. */
  private addLine(): void {
    this.starts.push(this.nextEnd + 1);
    this.nextEnd = this.text.indexOf('\n', this.nextEnd + 1);
  }

  at(offset: number): Position {
    while (this.nextEnd !== -1 && this.nextEnd < offset) this.addLine();
    const s = this.starts;
    let l = this.last;
    if (s[l]! <= offset) {
      while (l + 1 < s.length && s[l + 1]! <= offset && l - this.last < 4) l++;
      if (l + 1 === s.length || s[l + 1]! > offset) return this.found(l, offset);
    }
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return this.found(lo, offset);
  }

  private found(line: number, offset: number): Position {
    this.last = line;
    return this.place({ line: line + 1, column: offset - this.starts[line]! + 1 });
  }

  /** An index of another version of the text (a repaired copy: lines kept), placed as this one is. */
  of(text: string): LineIndex {
    return new LineIndex(text, this.placed);
  }

  /** A position in the text's own lines (as a validator reports it), where this index places it. */
  place(p: Position): Position {
    return this.placed ? this.placed(p) : p;
  }

  /** Offset of a 1-based line and column. */
  offset(line: number, column: number): number {
    while (this.nextEnd !== -1 && this.starts.length < line) this.addLine();
    return (this.starts[Math.max(0, Math.min(line, this.starts.length) - 1)] ?? 0) + column - 1;
  }
}
