/**
 * oclif's parse errors quote the words they reject ("Unexpected argument: S", "Expected --to=S to
 * be one of…"), and a rejected word is often a value whose option was mistyped: `--secert S`,
 * `-s S`. These rewrite such messages to name the option or the position, never the word.
 */
const REWRITES: [RegExp, (...groups: string[]) => string][] = [
  [/^Nonexistent flags?: (.*?)(?: See more help.*)?$/s, (flags) => `unknown option${flags.includes(',') ? 's' : ''} ${flags.split(/,\s*/).map(optionName).join(', ')}`],
  [/^Unexpected arguments?: .*$/s, () => 'unexpected argument (not shown: it may be a secret); see --help'],
  [/^Expected --([\w-]+)=.* to be one of: (.*?)(?:\s*See more help.*)?$/s, (flag, choices) => `--${flag} expects one of: ${choices}`],
  [/^Expected .* to be one of: (.*?)(?:\s*See more help.*)?$/s, (choices) => `an argument must be one of: ${choices}`],
  [/^Parsing --([\w-]+)\s+(.*?)(?: but received:.*)?$/s, (flag, what) => `--${flag}: ${what.trim()}`],
];

/** The option as named on the command line, without a value (`--secert=S` → `--secert`; `-sS` → `-s`). */
export function optionName(word: string): string {
  const name = word.startsWith('--') ? word.split('=')[0]! : word.slice(0, 2);
  return /^--?[A-Za-z0-9][\w-]*$/.test(name) ? name : 'an option that is not shown';
}

/** A parse error's message safe to print: no rejected word in it. */
export function safeParseMessage(message: string): string {
  for (const [pattern, rewrite] of REWRITES) {
    const m = pattern.exec(message);
    if (m) return rewrite(...m.slice(1));
  }
  return message;
}
