import { UserError } from '../errors.js';
import { displayValue } from '../model/secrets.js';
import type { InitAnswers, PartialAnswers } from './answers.js';
import { PRESETS, type PresetName } from './presets.js';
import { QUESTIONS, answerProblem, type Question } from './questions.js';

/** Asks one question on a terminal and returns the answer as text; absent in non-interactive mode. */
export type Ask = (q: Question, defaultText: string | undefined, answers: PartialAnswers) => Promise<string>;

/** Required answers nobody gave; `flags` are what to pass instead. */
export class MissingAnswers extends UserError {
  constructor(readonly flags: string[]) {
    super(`missing answers: pass ${flags.join(' ')}`);
  }
}

const flagUse = (q: Question) => `--${q.flag} <${q.hint}>`;

/**
 * Answer every question that applies, in order: a flag wins, then a prompt (when `ask` is given),
 * then the preset, then the question's default. Every answer passes the same check however it came.
 */
export async function resolveAnswers(given: Readonly<Record<string, string | undefined>>, preset: PresetName | undefined, ask?: Ask): Promise<InitAnswers> {
  const answers: PartialAnswers = {};
  const asked = new Set<string>();
  const missing: Question[] = [];
  const presetAnswers: Partial<Record<keyof InitAnswers, string>> = preset ? PRESETS[preset].answers : {};
  for (const q of QUESTIONS) {
    if (q.when && !q.when(answers)) continue;
    asked.add(q.flag);
    const fromFlag = given[q.flag];
    const fallback = presetAnswers[q.key] ?? q.default?.(answers);
    const prompted = fromFlag === undefined && ask !== undefined && !q.noPrompt;
    const text = fromFlag ?? (prompted ? await ask(q, fallback, answers) : fallback);
    if (text === undefined) {
      if (!q.optional) missing.push(q);
      continue;
    }
    const problem = answerProblem(q, text, answers);
    if (problem) {
      const shown = displayValue(q.setting ?? '', JSON.stringify(text), false);
      const source = fromFlag !== undefined ? shown : prompted ? `(answer ${shown})` : `(default ${shown})`;
      throw new UserError(`--${q.flag} ${source}: ${problem}`);
    }
    if (text !== '') (answers as Record<string, unknown>)[q.key] = q.parse(text);
  }
  if (missing.length > 0) throw new MissingAnswers(missing.map(flagUse));
  const unused = QUESTIONS.filter((q) => given[q.flag] !== undefined && !asked.has(q.flag));
  if (unused.length > 0) {
    throw new UserError(`${unused.map((q) => `--${q.flag}`).join(', ')} ${unused.length > 1 ? 'do' : 'does'} not apply to the configuration the other answers describe`);
  }
  return answers as InitAnswers;
}
