import { UserError } from '../errors.js';
import { summarise } from '../format/summary.js';
import { LineIndex } from '../xml/positions.js';
import { eachComment, scanComments, type XmlComment } from '../xml/tree.js';
import type { FileResult } from './engine.js';
import { closest } from '../registry/suggest.js';
import { RULES, rule } from './rules/index.js';
import type { Diagnostic, Severity } from './types.js';

/**
 * A team's or a run's decisions about findings, applied after the rules have run: rules turned
 * off or re-graded, inline suppressions, and when warnings fail the run. Pure: no fs, no process.
 */

export type RuleSetting = Severity | 'off';
const RULE_SETTINGS: readonly string[] = ['off', 'warning', 'error'] satisfies RuleSetting[];

/** Absent fields mean "not decided here", so a command-line policy can override a file's field by field. */
export interface Policy {
  rules: Readonly<Record<string, RuleSetting>>;
  maxWarnings?: number;
  strict?: boolean;
}

/** The rule a mistyped id most likely meant: a near spelling, or one whose words include all of the id's (weak-secret -> weak-admin-secret). */
export function suggestRule(id: string): string | undefined {
  const ids = RULES.map((r) => r.meta.id);
  const words = id.toLowerCase().split('-').filter(Boolean);
  return closest(id, ids) ?? (words.length > 0 ? ids.find((c) => words.every((w) => c.split('-').includes(w))) : undefined);
}

/** Why `id: setting` is not acceptable, or undefined when it is. */
export function ruleSettingProblem(id: string, setting: unknown): string | undefined {
  if (!rule(id)) {
    const guess = suggestRule(id);
    return `unknown rule "${id}"${guess ? `; did you mean ${guess}?` : ''} (drachtioctl rules lists them)`;
  }
  if (typeof setting !== 'string' || !RULE_SETTINGS.includes(setting)) {
    return `rule "${id}": expected off, warning or error, not ${JSON.stringify(setting)}`;
  }
  return undefined;
}

/** `--rule id=setting` values (repeatable); any bad one is a usage error. */
export function parseRuleFlags(values: readonly string[]): Record<string, RuleSetting> {
  const rules: Record<string, RuleSetting> = {};
  for (const value of values) {
    const eq = value.indexOf('=');
    if (eq < 0) throw new UserError(`--rule ${value}: expected ID=off|warning|error`);
    const [id, setting] = [value.slice(0, eq).trim(), value.slice(eq + 1).trim()];
    const problem = ruleSettingProblem(id, setting);
    if (problem) throw new UserError(`--rule ${value}: ${problem}`);
    rules[id] = setting as RuleSetting;
  }
  return rules;
}

/** `over` (the command line) wins over `base` (a project file), field by field and rule by rule. */
export function overridePolicy(base: Policy | undefined, over: Policy): Policy {
  const maxWarnings = over.maxWarnings ?? base?.maxWarnings;
  const strict = over.strict ?? base?.strict;
  return {
    rules: { ...base?.rules, ...over.rules },
    ...(maxWarnings !== undefined && { maxWarnings }),
    ...(strict !== undefined && { strict }),
  };
}

const DIRECTIVE = /^\s*drachtioctl-(disable-next-line|disable)(?:\s+([\s\S]*?))?\s*$/;
/** stands for every rule in a directive that names none */
const ALL = '*';

/**
 * The findings a file's own comments silence: `<!-- drachtioctl-disable-next-line a, b -->` the
 * line after the comment, `<!-- drachtioctl-disable a -->` the whole file, wherever it stands;
 * no ids means every rule. Unknown ids are ignored, so a file annotated for a newer drachtioctl
 * still checks with an older one.
 */
export function suppressionsOf(comments: readonly XmlComment[]): (d: Pick<Diagnostic, 'rule' | 'line'>) => boolean {
  const file = new Set<string>();
  const byLine = new Map<number, Set<string>>();
  for (const c of comments) {
    const m = DIRECTIVE.exec(c.text);
    if (!m) continue;
    let target = file;
    if (m[1] === 'disable-next-line') {
      target = byLine.get(c.endLine + 1) ?? new Set();
      byLine.set(c.endLine + 1, target);
    }
    const ids = (m[2] ?? '').split(/[\s,]+/).filter(Boolean);
    for (const id of ids.length > 0 ? ids : [ALL]) target.add(id);
  }
  const covers = (ids: Set<string> | undefined, id: string) => !!ids && (ids.has(ALL) || ids.has(id));
  return (d) => covers(file, d.rule) || covers(byLine.get(d.line), d.rule);
}

/**
 * A file's findings after its policy: rules set to off and findings its comments suppress are
 * dropped, re-graded rules re-graded. `text` is the file's text (Markdown too: comments anywhere count).
 */
export function applyPolicy(result: FileResult, text: string, rules: Policy['rules']): FileResult {
  // most files have no findings, or no directive to read: their comments need no second scan
  if (result.diagnostics.length === 0) return result;
  const directives = hasDirective(text);
  // ...and most runs set no severities: then a file without directives keeps its findings as they are
  if (!directives && result.diagnostics.every((d) => rules[d.rule] === undefined)) return result;
  const suppressed = directives ? suppressionsOf(scanComments(text, new LineIndex(text))) : () => false;
  const diagnostics: Diagnostic[] = [];
  for (const d of result.diagnostics) {
    const setting = rules[d.rule];
    if (setting === 'off' || suppressed(d)) continue;
    diagnostics.push(setting && setting !== d.severity ? { ...d, severity: setting } : d);
  }
  return { ...result, diagnostics };
}

/** Whether a comment of the text names drachtioctl (only comments are read for directives; the whole text would be a slower search). */
function hasDirective(text: string): boolean {
  let found = false;
  eachComment(text, (start, end) => (found = text.slice(start + 4, end).includes('drachtioctl-')));
  return found;
}

/** The files one project config governs (source undefined: files under none). */
export interface PolicyGroup {
  source?: string;
  policy?: Policy;
  files: readonly FileResult[];
}

/**
 * Why the run fails because of its warnings (empty: it does not). A command-line --strict or
 * --max-warnings judges every file's warnings together; otherwise each project config judges
 * the warnings of the files it governs.
 */
export function warningFailures(groups: readonly PolicyGroup[], flags: Policy): string[] {
  const warnings = (files: readonly FileResult[]) => summarise(files).warnings;
  const total = warnings(groups.flatMap((g) => g.files));
  const plural = (n: number) => `${n} warning${n === 1 ? '' : 's'}`;
  const out: string[] = [];
  if (flags.strict !== undefined) {
    if (flags.strict && total > 0) out.push(`${plural(total)}, and --strict makes warnings fail`);
  } else {
    for (const g of groups) {
      const n = warnings(g.files);
      if (g.policy?.strict && n > 0) out.push(`${plural(n)} under ${g.source}, which sets "strict": true`);
    }
  }
  if (flags.maxWarnings !== undefined) {
    if (total > flags.maxWarnings) out.push(`${plural(total)}, more than --max-warnings ${flags.maxWarnings}`);
  } else {
    for (const g of groups) {
      const n = warnings(g.files);
      const max = g.policy?.maxWarnings;
      if (max !== undefined && n > max) out.push(`${plural(n)} under ${g.source}, more than its "maxWarnings": ${max}`);
    }
  }
  return out;
}
