import { LISTS, REGISTRY, isList, type CliForm } from '../registry/index.js';

/**
 * drachtio-server's command line as glibc getopt_long reads it (src/controller.cpp
 * DrachtioController::parseCmdArgs): long options with "=value" or the next word as argument,
 * unambiguous prefixes of long names, clustered short options from the optstring, "--" ends
 * options, and other words are collected (the server prints and ignores them).
 */

/** Options that are actions, not settings: -h/--help and -v/--version exit 0; -i is in the optstring with no case, so abort(). */
const ACTIONS: readonly CliForm[] = [
  { long: 'help', short: 'h', takesArg: false, reader: 'flag' },
  { long: 'version', short: 'v', takesArg: false, reader: 'flag' },
];
const ABORT_SHORT = 'i';

export interface OptionTable {
  long: ReadonlyMap<string, CliForm>;
  short: ReadonlyMap<string, CliForm>;
}

/** Every flag the server declares, from the registry (list forms included), plus the action flags. */
export const OPTIONS: OptionTable = (() => {
  const forms: CliForm[] = [...ACTIONS];
  for (const e of REGISTRY) forms.push(...e.cli);
  for (const l of LISTS) for (const f of l.fields) forms.push(...f.cli);
  const long = new Map<string, CliForm>();
  const short = new Map<string, CliForm>();
  for (const f of forms) {
    if (!long.has(f.long)) long.set(f.long, f);
    if (f.short) short.set(f.short, f);
  }
  return { long, short };
})();

/** Each event names the index of its word in argv (`at`) and, for an option's value, the word that holds it. */
export type ArgEvent = (
  | { kind: 'option'; form: CliForm; value?: string; origin: string }
  | { kind: 'error'; message: string; origin: string }
  | { kind: 'abort'; message: string; origin: string }
  | { kind: 'operand'; text: string }
) & { at: number; valueAt?: number };

type Next = () => string | undefined;
type Untagged = ArgEvent extends infer E ? (E extends ArgEvent ? Omit<E, 'at' | 'valueAt'> : never) : never;

/** Walk argv (the words after the program name) the way getopt_long does. */
export function getopt(args: readonly string[], table: OptionTable = OPTIONS): ArgEvent[] {
  const events: ArgEvent[] = [];
  let i = 0;
  let valueAt: number | undefined;
  const next: Next = () => {
    if (i >= args.length) return undefined;
    valueAt = i;
    return args[i++];
  };
  while (i < args.length) {
    const at = i;
    const word = args[i++]!;
    valueAt = undefined;
    const tag = (e: Untagged): ArgEvent => ({ ...e, at, ...(valueAt !== undefined && { valueAt }) }) as ArgEvent;
    if (word === '--') {
      args.slice(i).forEach((rest, k) => events.push({ kind: 'operand', text: rest, at: i + k }));
      break;
    }
    if (word.startsWith('--')) {
      events.push(tag(longOption(word, table, next)));
    } else if (word.startsWith('-') && word !== '-') {
      events.push(...shortCluster(word, table, next).map(tag));
    } else {
      events.push(tag({ kind: 'operand', text: word }));
    }
  }
  return events;
}

function longOption(word: string, table: OptionTable, next: Next): Untagged {
  const eq = word.indexOf('=');
  const name = word.slice(2, eq === -1 ? undefined : eq);
  const inline = eq === -1 ? undefined : word.slice(eq + 1);
  let form = table.long.get(name);
  if (!form) {
    const candidates = [...table.long.values()].filter((f) => f.long.startsWith(name));
    if (candidates.length > 1) {
      return { kind: 'error', message: `option '--${name}' is ambiguous; possibilities: ${candidates.map((c) => `'--${c.long}'`).join(' ')}`, origin: word };
    }
    form = candidates[0];
  }
  if (!form) return { kind: 'error', message: `unrecognized option '--${name}'`, origin: word };
  const origin = form.long === name ? `--${name}` : `--${name} (--${form.long})`;
  if (!form.takesArg) {
    if (inline !== undefined) return { kind: 'error', message: `option '--${form.long}' doesn't allow an argument`, origin: word };
    return { kind: 'option', form, origin };
  }
  const value = inline ?? next();
  if (value === undefined) return { kind: 'error', message: `option '--${form.long}' requires an argument`, origin: word };
  return { kind: 'option', form, value, origin };
}

function shortCluster(word: string, table: OptionTable, next: Next): Untagged[] {
  const events: Untagged[] = [];
  for (let j = 1; j < word.length; j++) {
    const letter = word[j]!;
    const origin = `-${letter}`;
    if (letter === ABORT_SHORT) {
      // "i:" takes its argument first, then the switch has no case for it
      const value = j + 1 < word.length ? word.slice(j + 1) : next();
      if (value === undefined) events.push({ kind: 'error', message: "option requires an argument -- 'i'", origin });
      else events.push({ kind: 'abort', message: "-i is in the server's option string but has no handler: abort()", origin });
      return events;
    }
    const form = table.short.get(letter);
    if (!form) {
      events.push({ kind: 'error', message: `invalid option -- '${letter}'`, origin });
      continue;
    }
    if (!form.takesArg) {
      events.push({ kind: 'option', form, origin });
      continue;
    }
    const value = j + 1 < word.length ? word.slice(j + 1) : next();
    if (value === undefined) events.push({ kind: 'error', message: `option requires an argument -- '${letter}'`, origin });
    else events.push({ kind: 'option', form, value, origin });
    return events;
  }
  return events;
}

/** The registry entry whose flag this is: a scalar setting, or a list field as "<list id>.<field id>". */
export function settingOfFlag(form: CliForm): string | undefined {
  for (const e of REGISTRY) {
    if (!isList(e) && e.cli.some((f) => f.long === form.long)) return e.id;
  }
  for (const l of LISTS) {
    const field = l.fields.find((f) => f.cli.some((c) => c.long === form.long));
    if (field) return `${l.id}.${field.id}`;
  }
  return undefined;
}
