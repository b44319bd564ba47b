import { writeFileAtomic } from './write.js';

export interface OutputTarget {
  /** a file path; stdout when absent */
  path?: string;
  force?: boolean;
  /** the text holds the admin secret or the redis password: the file is made 0600 */
  secret?: boolean;
}

/** Write converted configuration to a file (atomic; 0600 when it holds a secret) or to stdout. */
export function writeOutput(text: string, target: OutputTarget): void {
  if (target.path) writeFileAtomic(target.path, text, { force: target.force, mode: target.secret ? 0o600 : 0o644, secret: target.secret });
  else process.stdout.write(text);
}

/**
 * Converted configuration written with -o holds the real secret (mode 0600); on stdout it is masked
 * unless --show-secrets, since stdout so often ends up in a terminal scrollback or a CI log.
 */
export const revealSecrets = (toFile: boolean, showSecrets: boolean) => showSecrets || toFile;
