import { UserError } from '../errors.js';
import { writeFileAtomic } from './write.js';
import { writeStdout } from './stdout.js';

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
  else writeStdout(text);
}

/** How machine output that needs a secret goes out: the real value, the mask (for a person reading), or not at all. */
export type SecretOutput = 'real' | 'masked' | 'refuse';

export interface SecretOutputContext {
  /** written with -o: the file holds the real value, mode 0600 */
  toFile: boolean;
  showSecrets: boolean;
  /** --json: a report, which masks like every report */
  json: boolean;
  /** stdout is a terminal: someone reads it, nothing deploys it */
  tty: boolean;
}

/**
 * Configuration output holds the real secret in a -o file or with --show-secrets. On a terminal it
 * is masked for reading; into a pipe or file a mask would be deployed as the secret, so it is refused.
 */
export function secretOutput(c: SecretOutputContext): SecretOutput {
  if (c.toFile || c.showSecrets) return 'real';
  return c.json || c.tty ? 'masked' : 'refuse';
}

/** The one line for a refused output; `alternative` names a form that needs no secret, when the command has one. */
export function refuseSecretOutput(what: string, alternative?: string): never {
  throw new UserError(
    `${what} holds the admin secret (or redis password) and stdout is not a terminal, so a mask would be deployed: write it with -o FILE (mode 0600) or pass --show-secrets${alternative ? `, or ${alternative}` : ''}`,
  );
}
