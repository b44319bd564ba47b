import { UserError } from '../errors.js';

/**
 * The env-file dialects drachtio deployments use. They quote differently:
 * docker --env-file takes everything after "=" literally; systemd EnvironmentFile strips
 * quotes and handles backslash escapes; dotenv (the npm package) strips quotes, turns \n into a
 * newline inside double quotes and drops inline " #" comments; shell is POSIX sh assignments.
 */
export const ENV_DIALECTS = ['dotenv', 'shell', 'systemd', 'docker'] as const;
export type EnvDialect = (typeof ENV_DIALECTS)[number];

export interface EnvEntry {
  name: string;
  value: string;
  /** 1-based line of the assignment */
  line: number;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Read an env file; malformed lines are a UserError naming file and line. Later assignments win, as in every dialect. */
export function parseEnvFile(text: string, file: string, dialect: EnvDialect): EnvEntry[] {
  refuseBareCarriageReturns(text, file);
  return dialect === 'docker' ? parseDocker(text, file) : new Scanner(text, file, dialect).entries();
}

/**
 * A carriage return without a line feed (old Mac line endings, a pasted value): no dialect
 * breaks lines there, so the whole file would be one value. Refused, naming the line.
 */
function refuseBareCarriageReturns(text: string, file: string): void {
  const bare = /\r(?!\n)/.exec(text);
  if (!bare) return;
  const line = text.slice(0, bare.index).split('\n').length;
  throw new UserError("a carriage return without a line feed (old Mac line endings?): no env-file reader breaks lines there; convert it with tr '\\r' '\\n'", file, line);
}

function parseDocker(text: string, file: string): EnvEntry[] {
  const out: EnvEntry[] = [];
  text.split('\n').forEach((rawLine, i) => {
    const line = rawLine.replace(/\r$/, '').trimStart();
    if (line === '' || line.startsWith('#')) return;
    const eq = line.indexOf('=');
    // "NAME" alone copies the variable from the host running docker: nothing to read here
    if (eq === -1) return;
    const name = line.slice(0, eq);
    if (/\s/.test(name) || name === '') throw new UserError('invalid variable name before "=" (not shown: the line may hold a secret)', file, i + 1);
    out.push({ name, value: line.slice(eq + 1), line: i + 1 });
  });
  return out;
}

class Scanner {
  private i = 0;
  private line = 1;
  constructor(
    private readonly text: string,
    private readonly file: string,
    private readonly dialect: Exclude<EnvDialect, 'docker'>,
  ) {}

  entries(): EnvEntry[] {
    const out: EnvEntry[] = [];
    for (;;) {
      this.skipBlank();
      if (this.i >= this.text.length) return out;
      const c = this.text[this.i]!;
      if (c === '#' || (c === ';' && this.dialect === 'systemd')) {
        this.skipToEol();
        continue;
      }
      const line = this.line;
      let lhs = this.readUntil(/[=\n]/);
      // the line is not quoted: it may be a secret on a line of its own
      if (this.text[this.i] !== '=') throw this.error('expected NAME=VALUE (the line is not shown: it may hold a secret)', line);
      this.i++;
      lhs = lhs.trim();
      if (this.dialect !== 'systemd' && /^export\s+/.test(lhs)) lhs = lhs.replace(/^export\s+/, '');
      if (!NAME.test(lhs)) throw this.error('invalid variable name before "=" (not shown: the line may hold a secret)', line);
      if (this.dialect === 'shell' && /^[ \t]/.test(this.text.slice(this.i))) {
        throw this.error('a space after "=" ends the assignment in sh: quote the value', line);
      }
      out.push({ name: lhs, value: this.value(line), line });
    }
  }

  private value(line: number): string {
    if (this.dialect !== 'shell') this.skipSpaces();
    const q = this.text[this.i];
    if (this.dialect === 'dotenv' && (q === '"' || q === "'" || q === '`')) {
      const end = this.text.indexOf(q, this.i + 1);
      if (end === -1) throw this.error(`unterminated ${q} quote`, line);
      let v = this.text.slice(this.i + 1, end);
      this.advanceTo(end + 1);
      this.expectEol(line);
      if (q === '"') v = v.replace(/\\n/g, '\n').replace(/\\r/g, '\r');
      return v;
    }
    if (this.dialect === 'dotenv') {
      const rest = this.readUntil(/\n/);
      return rest.replace(/\s+#.*$/, '').trim();
    }
    return this.words(line);
  }

  /** shell and systemd values: concatenated unquoted, '…' and "…" parts up to an unquoted line end. */
  private words(line: number): string {
    let v = '';
    for (;;) {
      const c = this.text[this.i];
      if (c === undefined || c === '\n' || c === '\r') break;
      if ((c === ' ' || c === '\t') && this.dialect === 'shell') {
        this.skipSpaces();
        if (this.text[this.i] === '#' || this.atEol()) break;
        throw this.error('unquoted space in value: sh would run the rest as a command', line);
      }
      if (c === "'") {
        const end = this.text.indexOf("'", this.i + 1);
        if (end === -1) throw this.error("unterminated ' quote", line);
        v += this.text.slice(this.i + 1, end);
        this.advanceTo(end + 1);
      } else if (c === '"') {
        this.advanceTo(this.i + 1);
        for (;;) {
          const d = this.text[this.i];
          if (d === undefined) throw this.error('unterminated " quote', line);
          if (d === '"') break;
          if (d === '\\' && this.text[this.i + 1] !== undefined && /["\\$`\n]/.test(this.text[this.i + 1]!)) {
            if (this.text[this.i + 1] !== '\n') v += this.text[this.i + 1];
            this.advanceTo(this.i + 2);
            continue;
          }
          if (d === '$' && this.dialect === 'shell' && /[A-Za-z_{(]/.test(this.text[this.i + 1] ?? '')) {
            throw this.error('variable expansion is not supported: write the value itself', line);
          }
          v += d;
          this.advanceTo(this.i + 1);
        }
        this.advanceTo(this.i + 1);
      } else if (c === '\\') {
        const n = this.text[this.i + 1];
        if (n !== '\n' && n !== undefined) v += n;
        this.advanceTo(this.i + 2);
      } else {
        if (c === '$' && this.dialect === 'shell' && /[A-Za-z_{(]/.test(this.text[this.i + 1] ?? '')) {
          throw this.error('variable expansion is not supported: write the value itself', line);
        }
        v += c;
        this.advanceTo(this.i + 1);
      }
    }
    this.skipToEol();
    // systemd drops trailing whitespace of unquoted values
    return this.dialect === 'systemd' ? v.replace(/[ \t]+$/, '') : v;
  }

  private atEol(): boolean {
    const c = this.text[this.i];
    return c === undefined || c === '\n' || c === '\r';
  }
  private expectEol(line: number): void {
    this.skipSpaces();
    if (this.text[this.i] === '#' || this.atEol()) return this.skipToEol();
    throw this.error('unexpected text after the closing quote', line);
  }
  private advanceTo(j: number): void {
    for (; this.i < j && this.i < this.text.length; this.i++) if (this.text[this.i] === '\n') this.line++;
  }
  private readUntil(stop: RegExp): string {
    const start = this.i;
    while (this.i < this.text.length && !stop.test(this.text[this.i]!)) this.i++;
    return this.text.slice(start, this.i);
  }
  private skipSpaces(): void {
    while (this.text[this.i] === ' ' || this.text[this.i] === '\t') this.i++;
  }
  private skipBlank(): void {
    while (this.i < this.text.length && /\s/.test(this.text[this.i]!)) this.advanceTo(this.i + 1);
  }
  private skipToEol(): void {
    this.readUntil(/\n/);
  }
  private error(message: string, line: number): UserError {
    return new UserError(message, this.file, line);
  }
}
