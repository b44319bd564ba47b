import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type fc from 'fast-check';
import { diffConfigs } from '../../src/diff/diff.js';
import { convert, detectInput, loadModel, OUTPUT_FORMATS } from '../../src/emit/convert.js';
import { UserError } from '../../src/errors.js';
import { decodeText } from '../../src/io/files.js';
import { parseXml, parseXmlOrThrow } from '../../src/model/parse.js';
import { resolve } from '../../src/resolve/index.js';
import { readArgs } from '../../src/sources/cli.js';
import { readEnv, type EnvVar } from '../../src/sources/env.js';
import { parseEnvFile } from '../../src/sources/envfile.js';
import { decodeUtf8 } from '../../src/sources/text.js';
import { validateText } from '../../src/validate/engine.js';
import { RULES } from '../../src/validate/rules/index.js';
import { TEMPLATE } from '../helpers.js';
import { envInputs, xmlInputs, type FuzzInput } from './inputs.js';

/** A command whose input is fuzzed. Fuzz a new command, or another of its inputs, with one entry. */
export interface FuzzTarget {
  /** names the target in test titles and failures */
  name: string;
  command: string;
  /** what the command reads */
  inputs: fc.Arbitrary<FuzzInput>;
  /** in-process cases per seed */
  runs: number;
  /** name of the file an input is written to: its extension picks the reader */
  file: string;
  /** do in-process what the command does with the file's bytes; throw when a property breaks */
  inProcess(bytes: Uint8Array, file: string): Promise<void>;
  /** command line for the CLI on the file */
  argv(path: string): string[];
  /** arguments and values to shuffle into argument vectors (some with their values missing) */
  flags: readonly string[];
}

const RULE_IDS = new Set(RULES.map((r) => r.meta.id));
const TEMPLATE_CONFIG = parseXml(readFileSync(TEMPLATE, 'utf8'), TEMPLATE).config;

/** Run `fn`; bad input may only end as a UserError, whose message is one line. */
async function userErrorsOnly(fn: () => unknown): Promise<void> {
  try {
    await fn();
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    assert.doesNotMatch(e.toString(), /\n/, 'a UserError message is one line');
  }
}

async function convertAll(bytes: Uint8Array, file: string): Promise<void> {
  await userErrorsOnly(async () => {
    const text = decodeUtf8(bytes, file);
    const { config } = await loadModel(text, file, detectInput(file, text));
    for (const to of OUTPUT_FORMATS) assert.equal(typeof (await convert(config, { to, showSecrets: false })).output, 'string');
  });
}

export const TARGETS: readonly FuzzTarget[] = [
  {
    name: 'validate',
    command: 'validate',
    inputs: xmlInputs,
    runs: 600,
    file: 'fuzz.xml',
    async inProcess(bytes, file) {
      await userErrorsOnly(() => {
        for (const d of validateText(decodeText(bytes, file), file).diagnostics) {
          assert.ok(RULE_IDS.has(d.rule), `known rule: ${d.rule}`);
          assert.doesNotMatch(d.message, /\n/, 'one-line message');
          assert.ok(Number.isInteger(d.line) && d.line >= 1 && Number.isInteger(d.column) && d.column >= 1, `position ${d.line}:${d.column}`);
        }
      });
    },
    argv: (path) => ['validate', path],
    flags: ['validate', '--json', '--format', 'json', 'sarif', 'yaml', '--format=', '--rule', 'nope=error', '--max-warnings', '-1', '--', '-', '', '/nonexistent', '/dev/null', '/dev/zero', '.', '*.nothing'],
  },
  {
    name: 'convert (XML)',
    command: 'convert',
    inputs: xmlInputs,
    runs: 200,
    file: 'fuzz.xml',
    inProcess: convertAll,
    argv: (path) => ['convert', path, '--to', 'json'],
    flags: ['convert', '--to', 'xml', 'json', 'yaml', 'env', 'args', 'toml', '--from', '--env-format', '-o', '--json', '/dev/zero'],
  },
  {
    name: 'convert (env file)',
    command: 'convert',
    inputs: envInputs,
    runs: 200,
    file: 'fuzz.env',
    inProcess: convertAll,
    argv: (path) => ['convert', path, '--to', 'xml'],
    flags: ['convert', '--to', 'xml', '--from', 'env', 'args', '--env-format', 'systemd', 'docker', 'k8s', '--json'],
  },
  {
    name: 'resolve (env file)',
    command: 'resolve',
    inputs: envInputs,
    runs: 200,
    file: 'fuzz.env',
    async inProcess(bytes, file) {
      await userErrorsOnly(() => {
        const vars = new Map<string, EnvVar>(parseEnvFile(decodeUtf8(bytes, file), file, 'dotenv').map((e) => [e.name, { value: e.value, origin: `${file}:${e.line}` }]));
        resolve({ env: readEnv(vars), cli: readArgs([]), file: { config: TEMPLATE_CONFIG, xml: parseXml('', TEMPLATE).xml } });
      });
    },
    argv: (path) => ['resolve', '--file', TEMPLATE, '--env-file', path],
    flags: ['resolve', '--file', '--env-file', '--env-format', 'shell', '--command', 'drachtio -p', '--explain', 'admin.port', '--', '-p', '--contact', '--json'],
  },
  {
    name: 'diff',
    command: 'diff',
    inputs: xmlInputs,
    runs: 200,
    file: 'fuzz.xml',
    async inProcess(bytes, file) {
      await userErrorsOnly(() => {
        const config = parseXmlOrThrow(decodeText(bytes, file), file).config;
        diffConfigs(config, TEMPLATE_CONFIG);
        diffConfigs(TEMPLATE_CONFIG, config, { raw: true });
      });
    },
    argv: (path) => ['diff', path, TEMPLATE],
    flags: ['diff', '--raw', '--show-secrets', '--json'],
  },
];
