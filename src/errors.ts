/** Exit codes shared by every command. */
/** INTERRUPTED: Ctrl-C, 128 + SIGINT as shells report a process the signal ended. */
export const EXIT = { OK: 0, FINDINGS: 1, USAGE: 2, INTERRUPTED: 130 } as const;

/**
 * An error the user can act on: one line, naming the file and, where known, line and column.
 * Commands print its message and exit 2; they never print a stack trace for it.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
    this.name = 'UserError';
  }

  /** `file:line:column: message`, the form compilers and editors understand */
  override toString(): string {
    const where = [this.file, this.line, this.column].filter((p) => p !== undefined).join(':');
    return where ? `${where}: ${this.message}` : this.message;
  }
}

/** The user pressed Ctrl-C (at a prompt, or a SIGINT): exit 130, nothing written. */
export class InterruptedError extends UserError {}
