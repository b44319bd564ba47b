import { wordAtPlace, type SourceWord } from './place.js';
import type { Place, Unknown } from './types.js';

/**
 * The official image (drachtio-server's Dockerfile: FROM debian:bookworm-slim, no WORKDIR so the
 * working directory is /, ENTRYPOINT ["/entrypoint.sh"], CMD ["drachtio"]) and its entrypoint.sh:
 * - cloud metadata: CLOUD=gcp|aws|digitalocean|scaleway|exoscale|azure sets LOCAL_IP and PUBLIC_IP
 *   from the provider's metadata service; any other CLOUD leaves them as the container's environment has them;
 * - when $1 is exactly `drachtio`: each later word is appended as `MYARGS+=($1)`, unquoted, so bash
 *   splits it on IFS (space, tab, newline) and expands pathname patterns; `--cloud-deployment` becomes
 *   `--contact sip:LOCAL_IP:${DRACHTIO_SIP_PORT:-5060};transport=udp,tcp` (plus `--external-ip PUBLIC_IP`,
 *   or a second contact on digitalocean, when PUBLIC_IP is set); `--` is dropped with every word after it;
 *   then WSS_PORT and TLS_PORT, each with PUBLIC_IP set, add a contact and `--external-ip` the same way;
 *   and it runs `exec drachtio "${MYARGS[@]}"`;
 * - otherwise `exec "$@"` runs the words unchanged.
 */

/** the image's CMD, and the word that makes /entrypoint.sh process its arguments */
export const IMAGE_CMD = 'drachtio';

/** What the environment of the container says about a variable. */
export type EnvValue = { value: string } | 'unset' | 'unknown';
export type EnvLookup = (name: string) => EnvValue;

export interface CommandResult {
  /** the program that finally runs is drachtio */
  runsDrachtio: boolean;
  /** the words drachtio receives after its program name */
  args: SourceWord[];
  unknowns: Unknown[];
  /** the words /entrypoint.sh received, when it ran */
  entrypointWords?: SourceWord[];
}

const CLOUDS = new Set(['gcp', 'aws', 'digitalocean', 'scaleway', 'exoscale', 'azure']);
/** the names in / of the image (debian:bookworm-slim, /entrypoint.sh, VOLUME /config): a pattern matching one is expanded by bash */
const IMAGE_ROOT = ['bin', 'boot', 'config', 'dev', 'entrypoint.sh', 'etc', 'home', 'lib', 'lib64', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var'];

/** Whether a program word names the drachtio binary (/usr/local/bin/drachtio in the image; any directory). */
export function isDrachtioProgram(word: string | undefined): boolean {
  return word !== undefined && /(^|\/)drachtio(-server)?$/.test(word);
}

/** Whether an image reference names drachtio/drachtio-server, from any registry, with any tag or digest. */
export function isDrachtioImage(image: string | undefined): boolean {
  if (image === undefined) return false;
  // a substitution with the image as its default (${IMAGE:-drachtio/drachtio-server:0.9.4}) still names it
  const written = image.trim().replace(/^\$\{[A-Za-z_][A-Za-z0-9_]*:?-(.*)\}$/, '$1');
  return /(^|\/)drachtio\/drachtio-server(:[^/@]*)?(@.*)?$/.test(written);
}

/**
 * Run a container's full command line: `entrypoint` words (the image's /entrypoint.sh unless replaced)
 * followed by `cmd` words. `place` stands for words the entrypoint adds itself.
 */
export function runCommand(words: readonly SourceWord[], env: EnvLookup, place: Place): CommandResult {
  const [program, ...rest] = words;
  if (program && /(^|\/)entrypoint\.sh$/.test(program.text)) return imageEntrypoint(rest, env, place);
  if (isDrachtioProgram(program?.text)) return { runsDrachtio: true, args: rest, unknowns: [] };
  return { runsDrachtio: false, args: [], unknowns: [] };
}

/** The words /entrypoint.sh receives ("$@"), processed as the script does. */
export function imageEntrypoint(words: readonly SourceWord[], env: EnvLookup, place: Place): CommandResult {
  if (words[0]?.text !== IMAGE_CMD) {
    // exec "$@"
    const result = runCommand(words, env, place);
    return { ...result, entrypointWords: [...words] };
  }
  const args: SourceWord[] = [];
  const unknowns: Unknown[] = [];
  const ips = cloudAddresses(env);
  for (const word of words.slice(1)) {
    if (word.text === '--') break;
    if (word.text === '--cloud-deployment') {
      const port = withDefault(env('DRACHTIO_SIP_PORT'), '5060');
      addContact(args, unknowns, word.place, ['sip:', ips.local, ':', port, ';transport=udp,tcp'], ips, [
        'sip:', ips.public, ':', port, ';transport=udp,tcp',
      ]);
      continue;
    }
    args.push(...splitUnquoted(word, unknowns));
  }
  for (const [name, transport] of [['WSS_PORT', 'wss'], ['TLS_PORT', 'tls']] as const) {
    const port = env(name);
    if (port === 'unset' || (port !== 'unknown' && port.value === '')) continue;
    const portText = port === 'unknown' ? undefined : port.value;
    if (ips.public === '') continue;
    if (port === 'unknown' || ips.public === undefined) {
      unknowns.push({ what: `contacts added for ${name}`, place, why: `/entrypoint.sh adds a contact when ${name} and PUBLIC_IP are both set, and they are not known here` });
      continue;
    }
    addContact(args, unknowns, place, ['sips:', ips.local, ':', portText, `;transport=${transport}`], ips, [
      'sip:', ips.public, ':', portText, transport === 'wss' ? ';transport=udp,tcp' : ';transport=tls',
    ]);
  }
  return { runsDrachtio: true, args, unknowns, entrypointWords: [...words] };
}

interface Addresses {
  /** undefined: not known statically */
  local: string | undefined;
  public: string | undefined;
  digitalocean: boolean | undefined;
}

function cloudAddresses(env: EnvLookup): Addresses {
  const cloud = env('CLOUD');
  const known = (v: EnvValue) => (v === 'unknown' ? undefined : v === 'unset' ? '' : v.value);
  if (cloud === 'unknown') return { local: undefined, public: undefined, digitalocean: undefined };
  if (cloud !== 'unset' && CLOUDS.has(cloud.value)) return { local: undefined, public: undefined, digitalocean: cloud.value === 'digitalocean' };
  return { local: known(env('LOCAL_IP')), public: known(env('PUBLIC_IP')), digitalocean: false };
}

function withDefault(v: EnvValue, fallback: string): string | undefined {
  if (v === 'unknown') return undefined;
  return v === 'unset' || v.value === '' ? fallback : v.value;
}

/** `--contact LOCAL` then, when PUBLIC_IP is set: a second contact (digitalocean) or `--external-ip PUBLIC_IP`. */
function addContact(
  args: SourceWord[],
  unknowns: Unknown[],
  place: Place,
  local: (string | undefined)[],
  ips: Addresses,
  publicContact: (string | undefined)[],
): void {
  const push = (parts: (string | undefined)[], what: string) => {
    const text = parts.map((p) => p ?? '?').join('');
    if (parts.includes(undefined)) unknowns.push({ what: `${what} ${text}`, place, why: 'the entrypoint builds it from cloud metadata or environment variables not known here' });
    args.push(wordAtPlace(text, place));
  };
  args.push(wordAtPlace('--contact', place));
  push(local, '--contact');
  if (ips.public === '') return;
  if (ips.public === undefined || ips.digitalocean === undefined) {
    unknowns.push({ what: 'arguments after --contact', place, why: 'the entrypoint adds --external-ip PUBLIC_IP (or a second contact on digitalocean) when the cloud metadata gives a public address' });
    return;
  }
  if (ips.digitalocean) {
    args.push(wordAtPlace('--contact', place));
    push(publicContact, '--contact');
  } else {
    args.push(wordAtPlace('--external-ip', place));
    push([ips.public], '--external-ip');
  }
}

/** `MYARGS+=($1)`: field splitting on the default IFS, then pathname expansion of each field in /. */
function splitUnquoted(word: SourceWord, unknowns: Unknown[]): SourceWord[] {
  const out: SourceWord[] = [];
  for (const m of word.text.matchAll(/[^ \t\n]+/g)) {
    const i = m.index;
    const piece: SourceWord = { text: m[0], place: word.at(i), at: (j) => word.at(i + j) };
    if (mayExpand(piece.text)) {
      unknowns.push({ what: piece.text, place: piece.place, why: 'bash expands this pattern against file names in the container (entrypoint.sh appends arguments unquoted)' });
    }
    out.push(piece);
  }
  return out;
}

/** A pattern with a / depends on the container's tree; one without is matched against the names in / (the working directory). */
function mayExpand(field: string): boolean {
  if (!/[*?[]/.test(field)) return false;
  if (field.includes('/')) return true;
  const re = globRegExp(field);
  return re === undefined || IMAGE_ROOT.some((n) => re.test(n));
}

function globRegExp(pattern: string): RegExp | undefined {
  let src = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') src += '[^/]*';
    else if (c === '?') src += '[^/]';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close === -1) src += '\\[';
      else {
        const body = pattern.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
        src += `[${body}]`;
        i = close;
      }
    } else src += c.replace(/[.+^${}()|\\\]]/g, '\\$&');
  }
  try {
    return new RegExp(`^${src}$`);
  } catch {
    return undefined;
  }
}
