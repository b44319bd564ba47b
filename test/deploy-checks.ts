/**
 * Checks that rendered deployment files would work once applied, shared by the render and init
 * tests: the compose-spec JSON schema, the Kubernetes models, TLS mounts, probes and secrets.
 */
import assert from 'node:assert/strict';
import { posix } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { MASK } from '../src/model/secrets.js';
import { composeSchemaErrors, k8sErrors } from './validators.js';

/** Validate a compose file against the compose-spec JSON schema (test/validators.ts). */
export function assertComposeSpec(doc: unknown): void {
  assert.equal(composeSchemaErrors(doc), undefined, 'compose-spec');
}

/** Parse a multi-document manifest and validate every object with kubernetes-models (test/validators.ts). */
export function k8sObjects(text: string): Record<string, any>[] {
  const docs = parseAllDocuments(text).map((d) => d.toJS());
  assert.deepEqual(k8sErrors(docs), [], 'every object is valid by the Kubernetes API schema');
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
