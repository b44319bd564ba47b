import { InterruptedError } from '../errors.js';
import type { Ask } from './resolve.js';
import { answerProblem } from './questions.js';

/**
 * Asks questions on the terminal with @inquirer/prompts, loaded only here so other commands never
 * pay for it. Prompts go to stderr, keeping stdout for --json and --dry-run output.
 */
export async function terminalAsker(): Promise<Ask> {
  const { checkbox, confirm, input, select } = await import('@inquirer/prompts');
  const context = { output: process.stderr };
  const ask: Ask = async (q, def, answers) => {
    const validate = (text: string) => answerProblem(q, text, answers) ?? true;
    switch (q.kind) {
      case 'select':
        return select({ message: q.message, choices: q.choices!, ...(def !== undefined && { default: def }) }, context);
      case 'confirm':
        return String(await confirm({ message: q.message, default: def === 'true' }, context));
      case 'checkbox': {
        const chosen = new Set(def?.split(',') ?? []);
        const choices = q.choices!.map((c) => ({ ...c, checked: chosen.has(c.value) }));
        const picked = await checkbox({ message: q.message, choices, required: true, validate: (cs) => validate(cs.map((c) => c.value).join(',')) }, context);
        return picked.join(',');
      }
      default:
        return input({ message: q.message, ...(def !== undefined && { default: def }), validate }, context);
    }
  };
  return async (q, def, answers) => {
    try {
      return await ask(q, def, answers);
    } catch (e) {
      if ((e as Error).name === 'ExitPromptError') throw new InterruptedError('cancelled: nothing was written');
      throw e;
    }
  };
}
