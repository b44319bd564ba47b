import { UserError } from '../errors.js';
import { imageEntrypoint, isDrachtioImage, runCommand } from './entrypoint.js';
import { envLookup, hostPath, type ReadOptions } from './env.js';
import { Locator, plain, wordAtPlace, type SourceWord } from './place.js';
import { shellWords, type ShellWord } from './shell.js';
import type { DeployedService, EnvSource, Mount, Unknown } from './types.js';

/**
 * `docker run [OPTIONS] IMAGE [ARGS...]` (also `docker container run`, `podman run`, after `sudo`),
 * split as sh does (src/deploy/shell.ts). Options (docker run --help): `-e/--env K=V` (`K` alone copies
 * the variable from the invoking shell: unknown), `--env-file` (docker dialect), `-v/--volume SRC:TARGET[:OPTS]`,
 * `--mount type=bind,source=…,target=…[,readonly]`, `--entrypoint PROGRAM` (replaces the image's
 * ENTRYPOINT and drops its CMD); every other option takes a value unless it is one of the switches below.
 * Options are read until the first word that is not an option: the image; the words after it are the command.
 */
const SWITCHES = new Set(['detach', 'interactive', 'tty', 'rm', 'privileged', 'init', 'publish-all', 'read-only', 'no-healthcheck', 'oom-kill-disable', 'sig-proxy', 'disable-content-trust', 'help', 'quiet', 'use-api-socket']);
const SHORT_SWITCHES = new Set(['d', 'i', 't', 'P', 'q']);
/** docker's global options that take a value (before `run`) */
const GLOBAL_VALUES = new Set(['-H', '--host', '-c', '--context', '--config', '-l', '--log-level', '--tlscacert', '--tlscert', '--tlskey']);

/** Where `docker run` commands start in a text: one per line that begins with one. */
const START = /^[ \t]*(?:\$[ \t]+)?(?:sudo[ \t]+(?:-\S+[ \t]+)*)?(?:docker|podman)[ \t]/gm;

/** Whether a line starts `docker run`; a line that cannot be split (an open quote) counts, so that reading it reports the error. */
export function hasDockerRun(text: string): boolean {
  try {
    return findRuns(new Locator(text, '')).length > 0;
  } catch (e) {
    if (e instanceof UserError) return true;
    throw e;
  }
}

function findRuns(loc: Locator): { words: ShellWord[]; unknowns: Unknown[] }[] {
  const runs: { words: ShellWord[]; unknowns: Unknown[] }[] = [];
  for (const m of loc.text.matchAll(START)) {
    const { words, unknowns } = shellWords(loc, m.index);
    const at = runIndex(words);
    if (at !== undefined) runs.push({ words: words.slice(at + 1), unknowns });
  }
  return runs;
}

/** Index of `run` in `[sudo …] docker [global options] [container] run`. */
function runIndex(words: SourceWord[]): number | undefined {
  let i = words.findIndex((w) => w.text === 'docker' || w.text === 'podman' || /\/(docker|podman)$/.test(w.text));
  if (i === -1) return undefined;
  for (i++; i < words.length; i++) {
    const t = words[i]!.text;
    if (t === 'run') return i;
    if (t === 'container') continue;
    if (GLOBAL_VALUES.has(t)) i++;
    else if (!t.startsWith('-')) return undefined;
  }
  return undefined;
}

export function readDockerRun(text: string, file: string, options: ReadOptions = {}): DeployedService[] {
  const loc = new Locator(text, file);
  const out: DeployedService[] = [];
  for (const { words, unknowns } of findRuns(loc)) {
    const s = dockerRunService(words, file, unknowns, options);
    if (s) out.push(s);
  }
  return out;
}

/** The service of the words after `run`, or undefined when the container does not run drachtio. */
function dockerRunService(words: readonly ShellWord[], file: string, unknowns: Unknown[], options: ReadOptions): DeployedService | undefined {
  const env: EnvSource[] = [];
  const mounts: Mount[] = [];
  let entrypoint: SourceWord | undefined;
  let entrypointSet = false; // --entrypoint '' clears the image's ENTRYPOINT
  let i = 0;
  const value = (w: ShellWord, inline: string | undefined, offset: number): ShellWord | undefined => {
    if (inline !== undefined) return { ...w, text: inline, place: w.at(offset), at: (j) => w.at(offset + j) };
    return words[++i];
  };
  for (; i < words.length; i++) {
    const w = words[i]!;
    const t = w.text;
    if (t === '--') {
      i++;
      break;
    }
    if (!t.startsWith('-') || t === '-') break;
    let name: string;
    let inline: string | undefined;
    let offset: number;
    if (t.startsWith('--')) {
      const eq = t.indexOf('=');
      name = eq === -1 ? t.slice(2) : t.slice(2, eq);
      inline = eq === -1 ? undefined : t.slice(eq + 1);
      offset = eq + 1;
      if (SWITCHES.has(name)) continue;
    } else {
      // a cluster of switches, possibly ending with an option that takes a value (-it, -dp 80:80, -eX=1)
      let j = 1;
      while (j < t.length && SHORT_SWITCHES.has(t[j]!)) j++;
      if (j >= t.length) continue;
      name = t[j]!;
      const rest = t.slice(j + 1).replace(/^=/, '');
      inline = rest === '' ? undefined : rest;
      offset = t.length - rest.length;
    }
    const v = value(w, inline, offset);
    if (!v) break;
    if (name === 'e' || name === 'env') addEnv(v, env, unknowns);
    else if (name === 'env-file') env.push({ kind: 'file', path: hostPath(file, v.text), place: v.place, required: true, dialect: 'docker' });
    else if (name === 'v' || name === 'volume') mounts.push(volume(v, file));
    else if (name === 'mount') {
      const m = mount(v, file);
      if (m) mounts.push(m);
    } else if (name === 'entrypoint') entrypoint = v.text === '' ? undefined : v;
    if (name === 'entrypoint') entrypointSet = true;
  }
  const image = words[i];
  if (!image) return undefined;
  const cmd = words.slice(i + 1);
  const lookup = envLookup(byPrecedence(env), options.envFiles);
  let result;
  if (entrypointSet) result = runCommand(entrypoint ? [entrypoint, ...cmd] : cmd, lookup, image.place);
  else if (isDrachtioImage(image.text)) result = imageEntrypoint(cmd.length ? cmd : [wordAtPlace('drachtio', image.place)], lookup, image.place);
  else {
    result = runCommand(cmd, lookup, image.place);
    if (result.runsDrachtio) unknowns.push({ what: `entrypoint of image ${image.text}`, place: image.place, why: 'the image is not drachtio/drachtio-server: its ENTRYPOINT is not known, the command is read as if run directly' });
  }
  if (!result.runsDrachtio && !isDrachtioImage(image.text)) return undefined;
  if (!result.runsDrachtio) unknowns.push({ what: 'server arguments', place: image.place, why: `the container runs ${(entrypoint ?? cmd[0])?.text ?? '?'}, not drachtio directly: its arguments cannot be followed` });
  return {
    kind: 'docker-run',
    name: 'docker run',
    file,
    image: image.text,
    args: result.args.map(plain),
    ...(result.entrypointWords ? { entrypointWords: result.entrypointWords.map(plain) } : {}),
    env: byPrecedence(env),
    mounts,
    unknowns: [...unknowns, ...result.unknowns],
  };
}

/** docker reads every --env-file first, then the -e values over them, wherever they stand on the line. */
function byPrecedence(env: EnvSource[]): EnvSource[] {
  return [...env.filter((e) => e.kind === 'file'), ...env.filter((e) => e.kind !== 'file')];
}

function addEnv(v: ShellWord, env: EnvSource[], unknowns: Unknown[]): void {
  const eq = v.text.indexOf('=');
  if (eq === -1) {
    const why = 'copied from the environment of the shell running docker';
    unknowns.push({ what: v.text, place: v.place, why });
    env.push({ kind: 'unknown', name: v.text, place: v.place, why });
    return;
  }
  const name = v.text.slice(0, eq);
  if (v.expands) env.push({ kind: 'unknown', name, place: v.at(eq + 1), why: 'the shell expands it from the environment of whoever runs the command' });
  else env.push({ kind: 'var', name, value: v.text.slice(eq + 1), place: v.at(eq + 1), namePlace: v.place });
}

function volume(v: SourceWord, file: string): Mount {
  const [src, target, opts] = v.text.split(':');
  if (target === undefined) return { target: src!, place: v.place };
  const isHost = /^[./~]/.test(src!);
  return { target, ...(isHost ? { hostPath: hostPath(file, src!) } : {}), readOnly: (opts ?? '').split(',').includes('ro'), place: v.place };
}

function mount(v: SourceWord, file: string): Mount | undefined {
  const kv = new Map<string, string>();
  for (const part of v.text.split(',')) {
    const eq = part.indexOf('=');
    kv.set(eq === -1 ? part : part.slice(0, eq), eq === -1 ? 'true' : part.slice(eq + 1));
  }
  const target = kv.get('target') ?? kv.get('destination') ?? kv.get('dst');
  if (target === undefined) return undefined;
  const source = kv.get('source') ?? kv.get('src');
  const bind = (kv.get('type') ?? 'volume') === 'bind';
  const ro = kv.get('readonly') ?? kv.get('ro');
  return { target, ...(bind && source !== undefined ? { hostPath: hostPath(file, source) } : {}), readOnly: ro !== undefined && ro !== 'false' && ro !== '0', place: v.place };
}
