import type { Document, Node } from 'yaml';
import { UserError } from '../errors.js';
import { imageEntrypoint, isDrachtioImage, isDrachtioProgram, runCommand, type EnvLookup } from './entrypoint.js';
import { envLookup, hostPath, type ReadOptions } from './env.js';
import { Locator, plain, wordAtPlace, type SourceWord } from './place.js';
import { shellWords } from './shell.js';
import type { DeployedService, EnvSource, Mount, Unknown } from './types.js';
import { YamlFile } from './yaml.js';

/**
 * docker compose files (the Compose Specification, services.*):
 * - every string is interpolated first: `$$` is a literal `$`; `$VAR`, `${VAR}`, `${VAR:-default}`…
 *   come from the shell or the project's .env, so the value is unknown;
 * - `command` / `entrypoint`: a list is taken as is; a string is split like a shell would (compose-go
 *   uses go-shellwords: quotes and backslashes, no expansion); `entrypoint` replaces the image's
 *   ENTRYPOINT and drops its CMD;
 * - `environment`: a map, or a list of `KEY=VAL`; `KEY` alone (or a null map value) takes the value
 *   from the host: unknown; it wins over every `env_file`;
 * - `env_file`: a string, a list of strings or `{path, required (default true), format}`; later files
 *   win; `format: raw` reads values literally (the docker dialect), otherwise dotenv-style quoting;
 * - `volumes`: short `SRC:TARGET[:MODE]` (SRC starting with `.`, `/` or `~` is a host path) or long
 *   `{type, source, target, read_only}`; `configs` with a top-level `file:` or `content:`.
 * A service runs drachtio when its image is drachtio/drachtio-server or its program is drachtio.
 */
export function readCompose(text: string, file: string, options: ReadOptions = {}): DeployedService[] {
  const y = new YamlFile(text, file);
  const out: DeployedService[] = [];
  for (const doc of y.docs) {
    const top = y.entries(doc.contents, doc);
    if (!top) continue;
    const services = top.get('services');
    if (!services) continue;
    const map = y.entries(services.value, doc);
    if (!map) {
      if (services.value && y.text(services.value, doc) !== undefined) y.fail('services must be a map of service names', services.value, doc);
      continue;
    }
    const configs = y.entries(top.get('configs')?.value, doc);
    for (const [name, svc] of map) {
      const s = readService(y, doc, name, svc.value, svc.key, configs, options);
      if (s) out.push(s);
    }
  }
  return out;
}

type Entries = NonNullable<ReturnType<YamlFile['entries']>>;

function readService(y: YamlFile, doc: Document.Parsed, name: string, node: Node | undefined, keyNode: Node, configs: Entries | undefined, options: ReadOptions): DeployedService | undefined {
  const fields = y.entries(node, doc);
  if (!fields) return undefined;
  const unknowns: Unknown[] = [];
  const str = (n: Node | undefined) => (n ? interpolated(y.word(n, doc), unknowns) : undefined);
  const image = str(fields.get('image')?.value)?.text;
  const entrypoint = commandWords(y, doc, fields.get('entrypoint')?.value, unknowns);
  const command = commandWords(y, doc, fields.get('command')?.value, unknowns);
  const program = (entrypoint ?? command)?.[0]?.text;
  if (!isDrachtioImage(image) && !isDrachtioProgram(program)) return undefined;

  const base = fields.get('extends');
  if (base) unknowns.push({ what: 'extends', place: y.place(base.key, doc), why: 'the service inherits settings from another service or file, which is not read here' });
  const env = readEnvironment(y, doc, fields, unknowns);
  const lookup: EnvLookup = envLookup(env, options.envFiles);
  const place = y.place(keyNode, doc);
  const official = isDrachtioImage(image);
  let result;
  if (entrypoint) result = runCommand([...entrypoint, ...(command ?? [])], lookup, place);
  else if (official) result = imageEntrypoint(command ?? [wordAtPlace('drachtio', place)], lookup, place);
  else {
    unknowns.push({ what: `entrypoint of image ${image ?? '(built here)'}`, place, why: 'the image is not drachtio/drachtio-server: its ENTRYPOINT is not known, the command is read as if run directly' });
    result = runCommand(command ?? [], lookup, place);
  }
  if (!result.runsDrachtio) unknowns.push({ what: 'server arguments', place, why: `the container runs ${(entrypoint ?? command)?.[0]?.text ?? '?'}, not drachtio directly: its arguments cannot be followed` });
  return {
    kind: 'compose',
    name,
    file: y.file,
    ...(image !== undefined ? { image } : {}),
    args: result.args.map(plain),
    ...(result.entrypointWords ? { entrypointWords: result.entrypointWords.map(plain) } : {}),
    env,
    mounts: [...readVolumes(y, doc, fields.get('volumes')?.value, unknowns), ...readConfigs(y, doc, fields.get('configs')?.value, configs)],
    unknowns: [...unknowns, ...result.unknowns],
  };
}

/** Compose interpolation of one string: `$$` → `$`; a substitution makes it unknown (kept as written). */
function interpolated(w: SourceWord | undefined, unknowns: Unknown[]): SourceWord | undefined {
  if (!w) return undefined;
  if (/\$(?!\$)[{A-Za-z_]/.test(w.text.replace(/\$\$/g, ''))) {
    unknowns.push({ what: w.text, place: w.place, why: 'compose substitutes it from the shell environment or the project .env file' });
    return w;
  }
  if (!w.text.includes('$$')) return w;
  // keep each character's place: the i-th character of the result comes from source index from[i]
  const from: number[] = [];
  for (let i = 0; i < w.text.length; i++) {
    from.push(i);
    if (w.text[i] === '$' && w.text[i + 1] === '$') i++;
  }
  return { text: w.text.replace(/\$\$/g, '$'), place: w.place, at: (i) => w.at(from[i] ?? i) };
}

function commandWords(y: YamlFile, doc: Document.Parsed, node: Node | undefined, unknowns: Unknown[]): SourceWord[] | undefined {
  // absent or null: not given
  if (!node || (y.text(node, doc) === undefined && !y.items(node, doc) && !y.entries(node, doc))) return undefined;
  const words = y.wordsOf(node, doc) ?? y.fail('expected a string or a list of strings', node, doc);
  if ('list' in words) return words.list.map((w) => interpolated(w, unknowns)!);
  const w = interpolated(words.string, unknowns)!;
  // split the string as written: positions follow the characters of the scalar
  const local = new Locator(w.text, y.file);
  let split;
  try {
    split = shellWords(local, 0, w.text.length, 'compose');
  } catch (e) {
    // place the error in the compose file, not in the string
    if (!(e instanceof UserError) || e.line === undefined) throw e;
    const p = w.at(local.offset(e.line, e.column ?? 1));
    throw new UserError(e.message, p.file, p.line, p.column);
  }
  return split.words.map((piece, k) => {
    const offsets = split.offsets[k]!;
    return { text: piece.text, place: w.at(offsets[0] ?? 0), at: (i: number) => w.at(offsets[i] ?? offsets[0] ?? 0) };
  });
}

function readEnvironment(y: YamlFile, doc: Document.Parsed, fields: Entries, unknowns: Unknown[]): EnvSource[] {
  const env: EnvSource[] = [];
  const files = fields.get('env_file')?.value;
  for (const item of files ? (y.items(files, doc) ?? [files]) : []) {
    const long = y.entries(item, doc);
    const pathNode = long ? long.get('path')?.value : item;
    const path = y.text(pathNode, doc) ?? y.fail('env_file: expected a path', item, doc);
    const required = long ? y.text(long.get('required')?.value, doc) !== 'false' : true;
    const raw = long ? y.text(long.get('format')?.value, doc) === 'raw' : false;
    env.push({ kind: 'file', path: hostPath(y.file, path), place: y.place(pathNode!, doc), required, dialect: raw ? 'docker' : 'dotenv' });
  }
  const environment = fields.get('environment')?.value;
  const list = environment ? y.items(environment, doc) : undefined;
  const assign = (name: string, namePlace: ReturnType<YamlFile['place']>, value: SourceWord | undefined, valuePlace = namePlace) => {
    if (value === undefined) {
      const why = 'taken from the environment of the host running docker compose';
      unknowns.push({ what: name, place: namePlace, why });
      env.push({ kind: 'unknown', name, place: namePlace, why });
      return;
    }
    const before = unknowns.length;
    const v = interpolated(value, unknowns)!;
    if (unknowns.length > before) env.push({ kind: 'unknown', name, place: v.place, why: unknowns[unknowns.length - 1]!.why });
    else env.push({ kind: 'var', name, value: v.text, place: valuePlace, namePlace });
  };
  if (list) {
    for (const item of list) {
      const w = y.word(item, doc) ?? y.fail('environment: expected KEY=VALUE', item, doc);
      const eq = w.text.indexOf('=');
      if (eq === -1) assign(w.text, w.place, undefined);
      else {
        const rest = w.text.slice(eq + 1);
        assign(w.text.slice(0, eq), w.place, { text: rest, place: w.at(eq + 1), at: (i) => w.at(eq + 1 + i) }, w.at(eq + 1));
      }
    }
  } else if (environment) {
    const map = y.entries(environment, doc) ?? y.fail('environment must be a map or a list', environment, doc);
    for (const [name, { key, value }] of map) {
      const w = value ? y.word(value, doc) : undefined;
      assign(name, y.place(key, doc), w, w?.place);
    }
  }
  return env;
}

function readVolumes(y: YamlFile, doc: Document.Parsed, node: Node | undefined, unknowns: Unknown[]): Mount[] {
  const mounts: Mount[] = [];
  for (const item of node ? (y.items(node, doc) ?? y.fail('volumes must be a list', node, doc)) : []) {
    const place = y.place(item, doc);
    const long = y.entries(item, doc);
    if (long) {
      const target = y.text(long.get('target')?.value, doc) ?? y.fail('volume: target is required', item, doc);
      const type = y.text(long.get('type')?.value, doc);
      const source = y.text(long.get('source')?.value, doc);
      const readOnly = y.text(long.get('read_only')?.value, doc) === 'true';
      mounts.push({ target, ...(type === 'bind' && source !== undefined ? { hostPath: hostPath(y.file, source) } : {}), readOnly, place });
      continue;
    }
    const spec = interpolated(y.word(item, doc), unknowns)?.text ?? y.fail('volume: expected SRC:TARGET[:MODE]', item, doc);
    const [first, second, mode] = spec.split(':');
    if (second === undefined) {
      mounts.push({ target: first!, place });
      continue;
    }
    const isHost = /^[./~]/.test(first!);
    mounts.push({ target: second, ...(isHost ? { hostPath: hostPath(y.file, first!) } : {}), readOnly: (mode ?? '').split(',').includes('ro'), place });
  }
  return mounts;
}

/** Service `configs`: short (`NAME`, mounted at /NAME) or long (`{source, target}`), from top-level `configs` with `file` or `content`. */
function readConfigs(y: YamlFile, doc: Document.Parsed, node: Node | undefined, top: Entries | undefined): Mount[] {
  const mounts: Mount[] = [];
  for (const item of node ? (y.items(node, doc) ?? []) : []) {
    const long = y.entries(item, doc);
    const source = long ? y.text(long.get('source')?.value, doc) : y.text(item, doc);
    if (source === undefined) continue;
    const target = (long ? y.text(long.get('target')?.value, doc) : undefined) ?? `/${source}`;
    const def = y.entries(top?.get(source)?.value, doc);
    const fileNode = def?.get('file')?.value;
    const content = def?.get('content')?.value ? y.blockText(def.get('content')!.value, doc) : undefined;
    const place = y.place(item, doc);
    const filePath = y.text(fileNode, doc);
    mounts.push({ target, ...(filePath !== undefined ? { hostPath: hostPath(y.file, filePath) } : {}), ...(content ?? {}), readOnly: true, place });
  }
  return mounts;
}
