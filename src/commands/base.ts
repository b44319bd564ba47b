import { Command, Errors } from '@oclif/core';
import { EXIT, UserError } from '../errors.js';
import { safeParseMessage } from '../io/parse-errors.js';

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
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  }

  protected override async catch(err: Error): Promise<unknown> {
    if (err instanceof Errors.ExitError || process.env.DRACHTIOCTL_DEBUG === '1') throw err;
    // findings never arrive here: whatever does is a usage, input or I/O problem
    const exit = EXIT.USAGE;
    // oclif's parse errors span lines ("Missing 1 required arg:" then the argument): keep them, on one line
    const text = err instanceof UserError ? err.toString() : safeParseMessage(err.message.split('\n').map((l) => l.trim().replace(/\s{2,}/g, ' ')).filter(Boolean).join(' ')) || 'error';
    if (this.jsonEnabled()) this.logJson({ error: { message: text, exitCode: exit } });
    else process.stderr.write(`drachtioctl: ${text}\n`);
    process.exitCode = exit;
    return undefined;
  }
}
