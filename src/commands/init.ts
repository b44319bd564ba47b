import { resolve } from 'node:path';
import { Flags } from '@oclif/core';
import { UserError } from '../errors.js';
import { settingsJson, type SettingsJson } from '../init/build.js';
import { PRESETS, PRESET_NAMES, type PresetName } from '../init/presets.js';
import { QUESTIONS, type Question } from '../init/questions.js';
import { MissingAnswers, resolveAnswers } from '../init/resolve.js';
import { EXTRA_OUTPUTS, SERVICE_USER, buildResult, checkExtras, envFilePath, extraFiles, nextSteps, secretFileMode } from '../init/result.js';
import { planWrites } from '../io/write.js';
import { readableBy } from '../render/systemd.js';
import { shareWithGroup, writeFileSet } from '../render/write.js';
import { BaseCommand } from './base.js';
import { writeStderr, writeStdout } from '../io/stdout.js';

export interface InitJson {
  path: string;
  written: boolean;
  preset: PresetName | null;
  settings: SettingsJson;
  nextSteps: string[];
  /** --dry-run only: the file's text (secret masked unless --show-secrets) */
  xml?: string;
}

function questionFlag(q: Question) {
  const common = { description: q.message.replace(/\?$/, ''), helpGroup: 'ANSWER' };
  if (q.kind === 'confirm') return Flags.boolean({ ...common, allowNo: true });
  if (q.kind === 'select') return Flags.string({ ...common, options: q.choices!.map((c) => c.value) });
  return Flags.string({ ...common, helpValue: `<${q.hint}>` });
}

export default class Init extends BaseCommand {
  static override summary = 'Write a correct, secure drachtio.conf.xml by answering a few questions.';
  static override description = [
    'On a terminal init asks its questions; with --yes it takes the answers from flags, the preset and safe defaults, and fails (exit 2) listing the flags still needed.',
    'The admin secret is generated from a cryptographic random source, applications connect on 127.0.0.1 unless told otherwise (and then only over TLS), and the file is written atomically with mode 0600.',
    `Presets: ${PRESET_NAMES.map((p) => `${p} (${PRESETS[p].summary})`).join('; ')}.`,
  ].join('\n\n');
  static override examples = [
    '<%= config.bin %> init',
    '<%= config.bin %> init --yes --preset inbound -o /etc/drachtio.conf.xml',
    '<%= config.bin %> init --yes --preset webrtc --tls-key /etc/drachtio/key.pem --tls-cert /etc/drachtio/cert.pem --tls-dh-param /etc/drachtio/dh.pem',
    '<%= config.bin %> init --yes --preset outbound --request-handler https://router.example.com/route --dry-run',
  ];
  static override flags = {
    output: Flags.string({ char: 'o', description: 'file to write', default: 'drachtio.conf.xml' }),
    preset: Flags.string({ description: 'start from a known-good shape', options: PRESET_NAMES }),
    yes: Flags.boolean({ char: 'y', description: 'ask nothing: answer from flags, the preset and defaults' }),
    force: Flags.boolean({ description: 'replace an existing file' }),
    'dry-run': Flags.boolean({ description: 'print the file instead of writing it (secret masked unless --show-secrets)' }),
    'show-secrets': Flags.boolean({ description: 'show the secret in --dry-run and --json output' }),
    with: Flags.string({ description: `also write these files beside the config (${EXTRA_OUTPUTS.join(', ')})`, multiple: true, delimiter: ',' }),
    ...Object.fromEntries(QUESTIONS.map((q) => [q.flag, questionFlag(q)])),
  };

  async run(): Promise<InitJson> {
    const { flags } = await this.parse(Init);
    const f = flags as Record<string, unknown>;
    const path = resolve(flags.output);
    const dryRun = flags['dry-run'];
    // everything that can fail without asking fails before the first question
    const extras = checkExtras(flags.with ?? []);
    // refuse an unusable target before asking anything (the write checks again, atomically)
    if (!dryRun) planWrites([{ path, text: '' }], { force: flags.force });
    const given = Object.fromEntries(QUESTIONS.map((q) => [q.flag, f[q.flag] === undefined ? undefined : String(f[q.flag])]));
    const preset = flags.preset as PresetName | undefined;

    const interactive = !flags.yes && process.stdin.isTTY === true;
    if (!interactive && !flags.yes) await refuseWithoutTerminal(given, preset);
    const ask = interactive ? await (await import('../init/prompt.js')).terminalAsker() : undefined;
    const answers = await resolveAnswers(given, preset, ask);

    const result = buildResult(answers, path);
    const mode = secretFileMode(extras);
    // the unit runs the server as SERVICE_USER: the files with the secret go to root and its group
    const secretFiles = [path, ...(extras.includes('env') ? [envFilePath(extras, path)!] : [])];
    let setup: string[] = [];
    if (!dryRun) {
      const files = (await extraFiles(extras, result.config, path)).map((f) => ({ path: f.path, content: f.text, mode: f.mode }));
      writeFileSet([{ path, content: result.xml, mode }, ...files], flags.force);
      if (extras.includes('systemd')) setup = shareWithGroup(secretFiles, SERVICE_USER, readableBy(SERVICE_USER, secretFiles));
    }
    const out: InitJson = {
      path,
      written: !dryRun,
      preset: preset ?? null,
      settings: settingsJson(result.config, flags['show-secrets']),
      nextSteps: nextSteps(answers, path, setup),
      ...(dryRun && { xml: flags['show-secrets'] ? result.xml : result.maskedXml }),
    };
    if (this.jsonEnabled()) return out;
    if (dryRun) {
      writeStdout(out.xml!);
      writeStderr(`drachtioctl: dry run: nothing was written to ${path}\n`);
    } else {
      const who = mode === 0o640 ? `0640, readable by ${SERVICE_USER}'s group` : '0600';
      this.log(`wrote ${path} (mode ${who}: it holds the admin secret)\n\nNext steps:`);
      out.nextSteps.forEach((s, i) => this.log(`  ${i + 1}. ${s}`));
    }
    return out;
  }
}

/** Without a terminal nothing can be asked: say which flags are still needed, never wait for input. */
async function refuseWithoutTerminal(given: Record<string, string | undefined>, preset: PresetName | undefined): Promise<never> {
  const why = 'stdin is not a terminal, so init cannot ask its questions: pass --yes';
  try {
    await resolveAnswers(given, preset);
  } catch (e) {
    if (e instanceof MissingAnswers) throw new UserError(`${why} and ${e.flags.join(' ')}`);
    throw e;
  }
  throw new UserError(`${why} to take the remaining answers from the preset and defaults`);
}
