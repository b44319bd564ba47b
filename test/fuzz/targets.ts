import assert from 'node:assert/strict';
import type fc from 'fast-check';
import { UserError } from '../../src/errors.js';
import { decodeText } from '../../src/io/files.js';
import { validateText } from '../../src/validate/engine.js';
import { RULES } from '../../src/validate/rules/index.js';
import { xmlInputs, type FuzzInput } from './inputs.js';

/**
 * A command whose input is fuzzed. Add a command here (one entry) when it lands, e.g. convert
 * with the XML inputs, resolve with env-file inputs, diff with two files.
 */
export interface FuzzTarget {
  command: string;
  /** what the command reads */
  inputs: fc.Arbitrary<FuzzInput>;
  /** name of the file an input is written to: its extension picks the reader */
  file: string;
  /** do in-process what the command does with the file's bytes; throw when a property breaks */
  inProcess(bytes: Uint8Array, file: string): void;
  /** command line for the CLI on the file */
  argv(path: string): string[];
  /** arguments and values to shuffle into argument vectors (some with their values missing) */
  flags: readonly string[];
}

const RULE_IDS = new Set(RULES.map((r) => r.meta.id));

/** Bad input may only end as a UserError, whose message is one line. */
export function expectUserError(e: unknown): void {
  if (!(e instanceof UserError)) throw e;
  assert.doesNotMatch(e.toString(), /\n/, 'a UserError message is one line');
}

export const TARGETS: readonly FuzzTarget[] = [
  {
    command: 'validate',
    inputs: xmlInputs,
    file: 'fuzz.xml',
    inProcess(bytes, file) {
      let result;
      try {
        result = validateText(decodeText(bytes, file), file);
      } catch (e) {
        expectUserError(e);
        return;
      }
      for (const d of result.diagnostics) {
        assert.ok(RULE_IDS.has(d.rule), `known rule: ${d.rule}`);
        assert.doesNotMatch(d.message, /\n/, 'one-line message');
        assert.ok(Number.isInteger(d.line) && d.line >= 1 && Number.isInteger(d.column) && d.column >= 1, `position ${d.line}:${d.column}`);
      }
    },
    argv: (path) => ['validate', path],
    flags: ['validate', '--json', '--format', 'json', 'stylish', 'yaml', '--format=', '--', '-', '', '/nonexistent', '/dev/null', '/dev/zero', '.', '*.nothing'],
  },
];
