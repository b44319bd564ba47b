import { RULES } from './rules/index.js';
import { validateText as runRulesOnText, type FileResult, type ValidateOptions } from './engine.js';
import { applyPolicy, overridePolicy, warningFailures, type Policy } from './policy.js';
import { PROJECT_CONFIG } from './project-config.js';

/** The rules a policy leaves on (a rule turned off neither reports nor is fixed). */
export const rulesOn = (policy: Policy, rules: ValidateOptions['rules'] = RULES) => rules.filter((r) => policy.rules[r.meta.id] !== 'off');

export interface LibraryValidateOptions extends ValidateOptions {
  /** a project config (.drachtioctl.json) as `parseProjectConfig` reads it, or written as an object */
  projectConfig?: Policy;
  /** what the command line's --rule, --strict and --max-warnings say: overrides the project config */
  policy?: Partial<Policy>;
}

export interface LibraryFileResult extends FileResult {
  /** why the warnings fail the check (strict, maxWarnings), as `validate` prints them; empty when they do not */
  failures: string[];
}

/**
 * Check one file's text exactly as `drachtioctl validate` does: the project config's and the
 * overrides' rule settings, the file's own suppression comments, then strict and maxWarnings.
 */
export function validateText(text: string, path: string, options: LibraryValidateOptions = {}): LibraryFileResult {
  const { projectConfig, policy: over, ...ruleOptions } = options;
  const policy = overridePolicy(projectConfig, { rules: {}, ...over });
  const result = applyPolicy(runRulesOnText(text, path, { ...ruleOptions, rules: rulesOn(policy, ruleOptions.rules) }), text, policy.rules);
  const flags = { rules: {}, ...over };
  return { ...result, failures: warningFailures([{ source: PROJECT_CONFIG, ...(projectConfig && { policy: projectConfig }), files: [result] }], flags) };
}
