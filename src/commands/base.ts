import { format } from 'node:util';
import { Command, Errors } from '@oclif/core';
import { EXIT, InterruptedError, UserError } from '../errors.js';
import { optionName, safeParseMessage } from '../io/parse-errors.js';
import { closest } from '../registry/suggest.js';
import { writeStderr, writeStdout } from '../io/stdout.js';

/**
 * Every command's base: --json comes from oclif, and any error ends as one line on stderr
 * (or a JSON error object) with exit code 2, never a stack trace; DRACHTIOCTL_DEBUG=1 shows one.
 */
export abstract class BaseCommand extends Command {
  static override enableJsonFlag = true;

  /**
   * --json output as plain JSON.stringify, written directly: oclif colours JSON with a recursive
   * tokenizer that overflows the stack on a string of a few MB, and colour has no place in a pipe.
   */
  override logJson(json: unknown): void {
    writeStdout(`${JSON.stringify(json, null, 2)}\n`);
  }

  /** oclif's log, through descriptor 1 as every report goes (src/io/stdout.ts) */
  override log(message = '', ...args: unknown[]): void {
    if (!this.jsonEnabled()) writeStdout(`${format(message, ...args)}\n`);
  }

  protected override async catch(err: Error): Promise<unknown> {
    if (err instanceof Errors.ExitError || process.env.DRACHTIOCTL_DEBUG === '1') throw err;
    // findings never arrive here: whatever does is a usage, input or I/O problem
    const exit = err instanceof InterruptedError ? EXIT.INTERRUPTED : EXIT.USAGE;
    // oclif's parse errors span lines ("Missing 1 required arg:" then the argument): keep them, on one line
    const oneLine = err.message.split('\n').map((l) => l.trim().replace(/\s{2,}/g, ' ')).filter(Boolean).join(' ');
    const text = err instanceof UserError ? err.toString() : (this.unknownFlagHint(err.message) ?? safeParseMessage(oneLine)) || 'error';
    if (this.jsonEnabled()) this.logJson({ error: { message: text, exitCode: exit } });
    else writeStderr(`drachtioctl: ${text}\n`);
    process.exitCode = exit;
    return undefined;
  }

  /** oclif's "Nonexistent flag: --formt", with the flag most likely meant. */
  private unknownFlagHint(message: string): string | undefined {
    const m = /^Nonexistent flags?: (.+)$/m.exec(message);
    if (!m) return undefined;
    const ctor = this.constructor as typeof BaseCommand;
    const known = [...Object.keys(ctor.flags ?? {}), 'help', ...(ctor.enableJsonFlag ? ['json'] : [])];
    const hints = m[1]!.split(/,\s*/).map((flag) => {
      // named without a value: `--secert=S` may carry a secret
      const name = optionName(flag);
      const guess = closest(name.replace(/^-+/, ''), known);
      return `${name}${guess ? ` (did you mean --${guess}?)` : ''}`;
    });
    return `unknown flag${hints.length > 1 ? 's' : ''} ${hints.join(', ')}; see drachtioctl ${this.id} --help`;
  }
}
