import { unifiedDiff } from '../format/diff.js';
import type { ValidateOptions } from '../validate/engine.js';
import { fixParsedText } from '../validate/fix.js';
import { UserError } from '../errors.js';
import { STDIN } from './stdin.js';
import { writeFileAtomic } from './write.js';
import { maskSecretText } from '../model/secrets.js';
import { parseXml, type ParsedConfig } from '../model/parse.js';
import { isMarkdownPath } from '../xml/markdown.js';

export interface FileFix {
  /** the file's text after fixing (unchanged on a dry run's disk, but this is what would be written) */
  text: string;
  /** `line:col description` of each fix */
  applied: string[];
  /** unified diff, on a dry run */
  diff?: string;
  /** the diff shows a secret as the mask */
  masked?: boolean;
  /** the file's text as it was, parsed (not for Markdown) */
  parsed?: ParsedConfig;
}

/**
 * `validate --fix`: apply the rules' fixes to one file and write it back atomically, keeping its
 * mode, owner and group; with `dryRun`, write nothing and return the diff instead.
 */
export function fixFile(path: string, text: string, options: ValidateOptions, dryRun: boolean): FileFix {
  // parsed once for the fixes, the masked diff and the report (a Markdown file's blocks are parsed each alone)
  const parsed = isMarkdownPath(path) ? undefined : parseXml(text, path);
  const { text: fixed, applied } = fixParsedText(text, path, options, parsed);
  if (fixed === text) return { text, applied, ...(parsed && { parsed }) };
  // the diff is shown, so it masks the secret wherever it stands (validate has no --show-secrets)
  if (dryRun) {
    const before = maskSecretText(text, (parsed ?? parseXml(text, path)).config);
    return { text: fixed, applied, diff: unifiedDiff(before, masked(fixed, path), path), masked: before !== text, ...(parsed && { parsed }) };
  }
  if (path === STDIN) throw new UserError('--fix cannot rewrite standard input: use --fix --dry-run for a diff, or name the file', path);
  // through a symbolic link to the real file, keeping its mode, owner and group
  writeFileAtomic(path, fixed, { force: true });
  return { text: fixed, applied };
}

const masked = (text: string, path: string) => maskSecretText(text, parseXml(text, path).config);
