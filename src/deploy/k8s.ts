import type { Document, Node } from 'yaml';
import { imageEntrypoint, isDrachtioImage, isDrachtioProgram, runCommand, type EnvLookup } from './entrypoint.js';
import { envLookup } from './env.js';
import { plain, wordAtPlace, type SourceWord } from './place.js';
import type { DeployedService, EnvSource, Mount, Place, Unknown } from './types.js';
import { YamlFile } from './yaml.js';

/**
 * Kubernetes manifests (one or more YAML documents, `kind: List` included):
 * - workloads: Pod (`spec`), Deployment, DaemonSet, StatefulSet, ReplicaSet, Job (`spec.template.spec`),
 *   CronJob (`spec.jobTemplate.spec.template.spec`); each container whose image is drachtio or whose command runs it;
 * - `command` replaces the image's ENTRYPOINT, `args` its CMD; when only `args` are given, /entrypoint.sh processes them;
 * - `$(VAR)` in command, args and env values expands from the container's variables (envFrom, then env entries
 *   defined earlier); `$$` is `$`; a reference to a variable the container does not define stays as written;
 * - `env`: `value`, or `valueFrom` `configMapKeyRef` / `secretKeyRef` (Secret `data` is base64, `stringData`
 *   plain and wins); `fieldRef` / `resourceFieldRef` are known only at run time; `envFrom` `configMapRef` /
 *   `secretRef` with `prefix`; later sources win, env over envFrom;
 * - configMap volumes (`items`, `subPath`) mounted by `volumeMounts` give the file's text; secret volumes are
 *   mounts without text. ConfigMaps and Secrets must be defined in the same set of documents, else unknown.
 */
export function readManifests(text: string, file: string): DeployedService[] {
  const y = new YamlFile(text, file);
  const objects: K8sObject[] = [];
  for (const doc of y.docs) collect(y, doc, doc.contents as Node | undefined, objects);
  const store = new Store(y, objects);
  const out: DeployedService[] = [];
  for (const o of objects) {
    const pod = podSpec(y, o);
    if (!pod) continue;
    for (const c of y.items(pod.get('containers')?.value, o.doc) ?? []) {
      const s = readContainer(y, o, pod, c, store);
      if (s) out.push(s);
    }
  }
  return out;
}

interface K8sObject {
  kind: string;
  name: string;
  namespace?: string;
  fields: Entries;
  doc: Document.Parsed;
}
type Entries = NonNullable<ReturnType<YamlFile['entries']>>;

function collect(y: YamlFile, doc: Document.Parsed, node: Node | undefined, out: K8sObject[]): void {
  const fields = y.entries(node, doc);
  if (!fields) return;
  const kind = y.text(fields.get('kind')?.value, doc);
  if (kind === undefined) return;
  if (kind === 'List' || kind.endsWith('List')) {
    for (const item of y.items(fields.get('items')?.value, doc) ?? []) collect(y, doc, item, out);
    return;
  }
  const meta = y.entries(fields.get('metadata')?.value, doc);
  const namespace = y.text(meta?.get('namespace')?.value, doc);
  out.push({ kind, name: y.text(meta?.get('name')?.value, doc) ?? '', ...(namespace !== undefined ? { namespace } : {}), fields, doc });
}

function podSpec(y: YamlFile, o: K8sObject): Entries | undefined {
  const path: Record<string, string[]> = {
    Pod: ['spec'],
    Deployment: ['spec', 'template', 'spec'],
    DaemonSet: ['spec', 'template', 'spec'],
    StatefulSet: ['spec', 'template', 'spec'],
    ReplicaSet: ['spec', 'template', 'spec'],
    Job: ['spec', 'template', 'spec'],
    CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
  };
  const steps = path[o.kind];
  if (!steps) return undefined;
  let at: Entries | undefined = o.fields;
  for (const step of steps) at = y.entries(at?.get(step)?.value, o.doc);
  return at;
}

/** One key of a ConfigMap or Secret: its value and where it is written. */
interface DataValue {
  key: string;
  value: string;
  place: Place;
  keyPlace: Place;
  node: Node;
  doc: Document.Parsed;
}

/** The ConfigMaps and Secrets of the document set. */
class Store {
  constructor(
    private readonly y: YamlFile,
    private readonly objects: K8sObject[],
  ) {}

  /** undefined: not defined in these documents */
  data(kind: 'ConfigMap' | 'Secret', name: string, namespace: string | undefined): Map<string, DataValue> | undefined {
    const o = this.objects.find((x) => x.kind === kind && x.name === name && (x.namespace === undefined || namespace === undefined || x.namespace === namespace));
    if (!o) return undefined;
    const out = new Map<string, DataValue>();
    const add = (field: string, decode: boolean) => {
      for (const [key, { value, key: keyNode }] of this.y.entries(o.fields.get(field)?.value, o.doc) ?? []) {
        const text = this.y.text(value, o.doc) ?? '';
        const w = this.y.word(value, o.doc);
        out.set(key, { key, value: decode ? Buffer.from(text, 'base64').toString('utf8') : text, place: w?.place ?? this.y.place(keyNode, o.doc), keyPlace: this.y.place(keyNode, o.doc), node: value ?? keyNode, doc: o.doc });
      }
    };
    if (kind === 'ConfigMap') add('data', false);
    else {
      add('data', true);
      add('stringData', false);
    }
    return out;
  }
}

function readContainer(y: YamlFile, o: K8sObject, pod: Entries, node: Node, store: Store): DeployedService | undefined {
  const c = y.entries(node, o.doc);
  if (!c) return undefined;
  const doc = o.doc;
  const image = y.text(c.get('image')?.value, doc);
  const words = (n: Node | undefined) => {
    if (!n) return undefined;
    const w = y.wordsOf(n, doc);
    if (!w || !('list' in w)) return y.fail('expected a list of strings', n, doc);
    return w.list;
  };
  // an empty list is the same as none (the API drops empty fields)
  const command = nonEmpty(words(c.get('command')?.value));
  const args = nonEmpty(words(c.get('args')?.value));
  if (!isDrachtioImage(image) && !isDrachtioProgram(command?.[0]?.text)) return undefined;
  const unknowns: Unknown[] = [];
  const env = readEnv(y, o, c, store, unknowns);
  const lookup = envLookup(env);
  const expand = (ws: SourceWord[] | undefined) => ws?.map((w) => expandRefs(w, lookup, unknowns));
  const place = y.place(node, doc);
  const cmd = expand(command);
  const cmdArgs = expand(args);
  let result;
  if (cmd) result = runCommand([...cmd, ...(cmdArgs ?? [])], lookup, place);
  else if (isDrachtioImage(image)) result = imageEntrypoint(cmdArgs ?? [wordAtPlace('drachtio', place)], lookup, place);
  else result = runCommand(cmdArgs ?? [], lookup, place);
  const containerName = y.text(c.get('name')?.value, doc) ?? '';
  if (!result.runsDrachtio) unknowns.push({ what: 'server arguments', place, why: `the container runs ${(cmd ?? cmdArgs)?.[0]?.text ?? '?'}, not drachtio directly: its arguments cannot be followed` });
  return {
    kind: 'k8s',
    name: `${o.kind}/${o.name}/${containerName}`,
    file: y.file,
    ...(image !== undefined ? { image } : {}),
    args: result.args.map(plain),
    ...(result.entrypointWords ? { entrypointWords: result.entrypointWords.map(plain) } : {}),
    env,
    mounts: readMounts(y, o, pod, c, store, unknowns),
    unknowns: [...unknowns, ...result.unknowns],
  };
}

const nonEmpty = <T>(list: T[] | undefined) => (list?.length ? list : undefined);

/** Kubernetes' $(VAR) expansion (third_party/forked/golang/expansion): `$$` → `$`, undefined references kept. */
function expandRefs(w: SourceWord, lookup: EnvLookup, unknowns: Unknown[]): SourceWord {
  if (!w.text.includes('$')) return w;
  let unknown = false;
  const text = w.text.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (all, name: string | undefined) => {
    if (all === '$$') return '$';
    const v = lookup(name!);
    if (v === 'unknown') unknown = true;
    return v === 'unset' || v === 'unknown' ? all : v.value;
  });
  if (unknown) {
    unknowns.push({ what: w.text, place: w.place, why: 'it refers to a variable whose value is not known here' });
    return w;
  }
  return text === w.text ? w : wordAtPlace(text, w.place);
}

function readEnv(y: YamlFile, o: K8sObject, c: Entries, store: Store, unknowns: Unknown[]): EnvSource[] {
  const doc = o.doc;
  const env: EnvSource[] = [];
  const unknown = (name: string | undefined, place: Place, why: string) => {
    unknowns.push({ what: name ?? 'variables', place, why });
    env.push({ kind: 'unknown', ...(name !== undefined ? { name } : {}), place, why });
  };
  for (const item of y.items(c.get('envFrom')?.value, doc) ?? []) {
    const f = y.entries(item, doc);
    if (!f) continue;
    const prefix = y.text(f.get('prefix')?.value, doc) ?? '';
    for (const kind of ['ConfigMap', 'Secret'] as const) {
      const ref = y.entries(f.get(kind === 'ConfigMap' ? 'configMapRef' : 'secretRef')?.value, doc);
      if (!ref) continue;
      const name = y.text(ref.get('name')?.value, doc) ?? '';
      const data = store.data(kind, name, o.namespace);
      const place = y.place(item, doc);
      if (!data) {
        if (y.text(ref.get('optional')?.value, doc) !== 'true') unknown(undefined, place, `${kind} ${name} is not defined in these documents`);
        continue;
      }
      for (const d of data.values()) {
        // keys that are not valid variable names are skipped by the kubelet
        if (/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(prefix + d.key)) env.push({ kind: 'var', name: prefix + d.key, value: d.value, place: d.place, namePlace: d.keyPlace });
      }
    }
  }
  for (const item of y.items(c.get('env')?.value, doc) ?? []) {
    const e = y.entries(item, doc);
    if (!e) continue;
    const name = y.text(e.get('name')?.value, doc) ?? y.fail('env: name is required', item, doc);
    const namePlace = y.place(e.get('name')!.value, doc);
    const valueNode = e.get('value')?.value;
    const from = y.entries(e.get('valueFrom')?.value, doc);
    if (!from) {
      const w = y.word(valueNode, doc) ?? wordAtPlace('', namePlace);
      const before = unknowns.length;
      const expanded = expandRefs(w, envLookup(env), unknowns);
      if (unknowns.length > before) env.push({ kind: 'unknown', name, place: w.place, why: unknowns[before]!.why });
      else env.push({ kind: 'var', name, value: expanded.text, place: w.place, namePlace });
      continue;
    }
    const place = y.place(e.get('valueFrom')!.value, doc);
    let done = false;
    for (const kind of ['ConfigMap', 'Secret'] as const) {
      const ref = y.entries(from.get(kind === 'ConfigMap' ? 'configMapKeyRef' : 'secretKeyRef')?.value, doc);
      if (!ref) continue;
      done = true;
      const refName = y.text(ref.get('name')?.value, doc) ?? '';
      const key = y.text(ref.get('key')?.value, doc) ?? '';
      const d = store.data(kind, refName, o.namespace);
      const v = d?.get(key);
      if (v) env.push({ kind: 'var', name, value: v.value, place: v.place, namePlace });
      else if (!d) unknown(name, place, `${kind} ${refName} is not defined in these documents`);
      else if (y.text(ref.get('optional')?.value, doc) !== 'true') unknown(name, place, `${kind} ${refName} has no key ${key}: the pod does not start`);
    }
    if (!done) unknown(name, place, 'fieldRef / resourceFieldRef values are known only when the pod runs');
  }
  return env;
}

function readMounts(y: YamlFile, o: K8sObject, pod: Entries, c: Entries, store: Store, unknowns: Unknown[]): Mount[] {
  const doc = o.doc;
  const volumes = new Map<string, Entries>();
  for (const v of y.items(pod.get('volumes')?.value, doc) ?? []) {
    const f = y.entries(v, doc);
    const name = f && y.text(f.get('name')?.value, doc);
    if (f && name !== undefined) volumes.set(name, f);
  }
  const mounts: Mount[] = [];
  for (const m of y.items(c.get('volumeMounts')?.value, doc) ?? []) {
    const f = y.entries(m, doc);
    if (!f) continue;
    const place = y.place(m, doc);
    const mountPath = y.text(f.get('mountPath')?.value, doc) ?? y.fail('volumeMounts: mountPath is required', m, doc);
    const subPath = y.text(f.get('subPath')?.value, doc);
    const readOnly = y.text(f.get('readOnly')?.value, doc) === 'true';
    const volume = volumes.get(y.text(f.get('name')?.value, doc) ?? '');
    const configMap = y.entries(volume?.get('configMap')?.value, doc);
    const secret = y.entries(volume?.get('secret')?.value, doc);
    const hostPathVol = y.entries(volume?.get('hostPath')?.value, doc);
    const base: Mount = { target: mountPath, readOnly, place };
    if (hostPathVol) {
      mounts.push({ ...base, hostPath: y.text(hostPathVol.get('path')?.value, doc) ?? '' });
      continue;
    }
    const source = configMap ?? secret;
    if (!source) {
      mounts.push(base);
      continue;
    }
    const kind = configMap ? 'ConfigMap' : 'Secret';
    const refName = y.text(source.get(configMap ? 'name' : 'secretName')?.value, doc) ?? '';
    const from = `${configMap ? 'configMap' : 'secret'}/${refName}`;
    const data = store.data(kind, refName, o.namespace);
    // the files of the volume: items (key -> path), or every key under its own name
    const items = y.items(source.get('items')?.value, doc);
    const files: { key: string; path: string }[] = items
      ? items.flatMap((it) => {
          const e = y.entries(it, doc);
          const key = e && y.text(e.get('key')?.value, doc);
          return key === undefined || !e ? [] : [{ key, path: y.text(e.get('path')?.value, doc) ?? key }];
        })
      : [...(data?.keys() ?? [])].map((key) => ({ key, path: key }));
    if (!data && !items) {
      unknowns.push({ what: `files of ${from}`, place, why: `${kind} ${refName} is not defined in these documents` });
      mounts.push({ ...base, from });
      continue;
    }
    const chosen = subPath !== undefined ? files.filter((f2) => f2.path === subPath) : files;
    for (const file of chosen) {
      const target = subPath !== undefined ? mountPath : `${mountPath.replace(/\/$/, '')}/${file.path}`;
      const d = data?.get(file.key);
      const text = configMap && d ? y.blockText(d.node, d.doc) : undefined;
      if (!d) unknowns.push({ what: `${from} key ${file.key}`, place, why: data ? `${kind} ${refName} has no key ${file.key}` : `${kind} ${refName} is not defined in these documents` });
      mounts.push({ ...base, target, key: file.key, from, ...(text ?? {}) });
    }
  }
  return mounts;
}
