import { dirname } from 'node:path';
import { UserError } from '../errors.js';
import { summarise, type Summary } from '../format/summary.js';
import { validateParsed, validateText, type FileResult, type ValidateOptions } from '../validate/engine.js';
import { applyPolicy, overridePolicy, warningFailures, type Policy, type PolicyGroup } from '../validate/policy.js';
import { rulesOn } from '../validate/library.js';
import { deploymentKind } from '../deploy/kind.js';
import type { DeploymentResult } from '../validate/deployment.js';
import { expandOperands, fileProblem, isXmlPath, readText } from './files.js';
import { fixFile } from './fix.js';
import { prepareForFiles, prepareForText } from './heap.js';
import { ProjectConfigs } from './project-config.js';

/** A file's result; with --fix, what was fixed (and on --dry-run the diff that was not written). */
export interface ValidateFileJson extends FileResult {
  fixed?: string[];
  diff?: string;
}

export interface ValidateRunOptions {
  /** the command line's policy; it overrides each file's project config */
  policy: Policy;
  targetVersion?: string;
  /** the section every file holds on purpose (--fragment) */
  fragment?: string;
  checkFiles?: boolean;
  fix?: boolean;
  dryRun?: boolean;
}

export interface ValidateRun {
  files: ValidateFileJson[];
  summary: Summary;
  /** why warnings fail the run (empty: they do not) */
  failures: string[];
  /** unified diffs of a --fix --dry-run */
  diffs: string;
  /** a diff shows a secret as the mask */
  maskedDiffs: boolean;
  /** files that could not be read, already reported */
  unreadable: UserError[];
  /** deployment values that cannot be known from the files */
  unknowns: DeploymentResult['unknowns'];
}

/**
 * `validate` over command-line operands: expand them, find each file's project policy, check
 * (and with `fix`, fix) each file. Rules a policy turns off neither report nor fix.
 */
export async function validatePaths(operands: readonly string[], o: ValidateRunOptions): Promise<ValidateRun> {
  const { paths, missing } = await expandOperands(operands);
  prepareForFiles(paths.length);
  const named = new Set(operands);
  // every project config is read before any file, so a broken one stops the run cleanly
  const configs = new ProjectConfigs();
  const governing = paths.map((path) => configs.for(path));
  const files: ValidateFileJson[] = [];
  const groups = new Map<string | undefined, PolicyGroup & { files: FileResult[] }>();
  // an operand that names nothing is reported as a file that cannot be read: every input is in files[]
  const unreadable: UserError[] = [...missing];
  const unknowns: DeploymentResult['unknowns'] = [];
  let diffs = '';
  let maskedDiffs = false;
  // one policy and rule list per project config: a directory of a thousand configs has one
  const policies = new Map<string | undefined, { policy: Policy; options: ValidateOptions }>();
  for (let i = 0; i < paths.length; i++) {
    const path = paths[i]!;
    const config = governing[i];
    let governed = policies.get(config?.path);
    if (!governed) {
      const policy = overridePolicy(config?.policy, o.policy);
      const options: ValidateOptions = { rules: rulesOn(policy), ...(o.targetVersion && { targetVersion: o.targetVersion }), ...(o.fragment && { fragment: o.fragment }) };
      policies.set(config?.path, (governed = { policy, options }));
    }
    const { policy } = governed;
    // --check-files resolves the paths a config names against its own directory
    const options: ValidateOptions = o.checkFiles ? { ...governed.options, fileProblem: fileProblem(dirname(path)) } : governed.options;
    let text: string;
    try {
      text = readText(path);
      prepareForText(text.length, paths.length);
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      unreadable.push(e);
      continue;
    }
    let result: ValidateFileJson;
    if (!isXmlPath(path) && deploymentKind(text, path)) {
      // a compose file, unit, manifest or docker run line: its services' effective configurations
      let deployed: DeploymentResult;
      // the deployment readers (and their YAML parser) load only for deployment files
      const [{ deployedConfigs }, { validateDeployment }] = await Promise.all([import('./deployment.js'), import('../validate/deployment.js')]);
      try {
        deployed = validateDeployment(path, deployedConfigs(text, path), options);
      } catch (e) {
        if (!(e instanceof UserError)) throw e;
        unreadable.push(e);
        continue;
      }
      // each file's own comments may suppress its findings (an XML config's drachtioctl-disable)
      const textOf = (file: string) => (file === path ? text : isXmlPath(file) ? readTextOr(file) : '');
      const [own, ...others] = deployed.files.map((f) => applyPolicy(f, textOf(f.path), policy.rules));
      files.push(own!, ...others.filter((f) => !files.some((g) => g.path === f.path)));
      unknowns.push(...deployed.unknowns);
      const group = groups.get(config?.path) ?? { ...(config && { source: config.path, policy: config.policy }), files: [] };
      groups.set(config?.path, group);
      group.files.push(own!, ...others);
      continue;
    }
    // directory scans pick up YAML and units; those that are no deployment are not configs either
    if (!named.has(path) && !isXmlPath(path)) continue;
    if (o.fix) {
      const fixed = fixFile(path, text, options, o.dryRun ?? false);
      diffs += fixed.diff ?? '';
      maskedDiffs ||= (fixed.masked ?? false) && fixed.diff !== undefined;
      // a dry run reports the file as it is; a real fix reports what is left
      const after = o.dryRun ? text : fixed.text;
      const report = after === text && fixed.parsed ? validateParsed(fixed.parsed, path, options) : validateText(after, path, options);
      result = { ...applyPolicy(report, after, policy.rules), fixed: fixed.applied, ...(fixed.diff && { diff: fixed.diff }) };
    } else {
      result = applyPolicy(validateText(text, path, options), text, policy.rules);
    }
    files.push(result);
    const group = groups.get(config?.path) ?? { ...(config && { source: config.path, policy: config.policy }), files: [] };
    groups.set(config?.path, group);
    group.files.push(result);
  }
  return { files, summary: summarise(files), failures: warningFailures([...groups.values()], o.policy), diffs, maskedDiffs, unreadable, unknowns };
}

/** A file's text, or '' when it cannot be read (it was read a moment ago to check it). */
function readTextOr(path: string): string {
  try {
    return readText(path);
  } catch {
    return '';
  }
}
