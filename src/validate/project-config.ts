import { evaluate, parse, type AnyNode, type MemberNode, type ObjectNode } from '@humanwhocodes/momoa';
import { UserError } from '../errors.js';
import { ruleSettingProblem, type Policy, type RuleSetting } from './policy.js';

/** The file a team commits next to its configs to set its policy. */
export const PROJECT_CONFIG = '.drachtioctl.json';

/**
 * Read the text of a project config, e.g. {"rules": {"invalid-value": "error"}, "maxWarnings": 0, "strict": true}.
 * Any problem, malformed JSON included, is a UserError at the line and column concerned.
 */
export function parseProjectConfig(text: string, path: string): Policy {
  let body;
  try {
    body = parse(text, { mode: 'json' }).body;
  } catch (e) {
    const { line, column, message } = e as Error & { line?: number; column?: number };
    throw new UserError(`not valid JSON: ${message.replace(/\s*\(\d+:\d+\)$/, '')}`, path, line, column);
  }
  const at = (node: AnyNode, message: string) => new UserError(message, path, node.loc.start.line, node.loc.start.column);
  if (body.type !== 'Object') throw at(body, 'expected a JSON object such as {"rules": {"invalid-value": "error"}}');

  let policy: Policy = { rules: {} };
  for (const [key, member] of uniqueMembers(body, at)) {
    const { value } = member;
    if (key === 'rules') {
      if (value.type !== 'Object') throw at(value, '"rules" must be an object of rule id to off, warning or error');
      const rules: Record<string, RuleSetting> = {};
      for (const [id, m] of uniqueMembers(value, at)) {
        const setting = evaluate(m.value);
        const problem = ruleSettingProblem(id, setting);
        if (problem) throw at(problem.startsWith('unknown') ? m.name : m.value, problem);
        rules[id] = setting as RuleSetting;
      }
      policy = { ...policy, rules };
    } else if (key === 'maxWarnings') {
      if (value.type !== 'Number' || !Number.isInteger(value.value) || value.value < 0) {
        throw at(value, '"maxWarnings" must be a whole number, 0 or more');
      }
      policy = { ...policy, maxWarnings: value.value };
    } else if (key === 'strict') {
      if (value.type !== 'Boolean') throw at(value, '"strict" must be true or false');
      policy = { ...policy, strict: value.value };
    } else {
      throw at(member.name, `unknown key "${key}" (expected "rules", "maxWarnings" or "strict")`);
    }
  }
  return policy;
}

/** An object's members by key; a key given twice is an error (JSON.parse would silently keep the last). */
function uniqueMembers(node: ObjectNode, at: (node: AnyNode, message: string) => UserError): [string, MemberNode][] {
  const seen = new Set<string>();
  return node.members.map((m) => {
    const key = m.name.type === 'String' ? m.name.value : m.name.name;
    if (seen.has(key)) throw at(m.name, `"${key}" is given twice`);
    seen.add(key);
    return [key, m];
  });
}
