import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { diffConfigs } from '../src/diff/diff.js';
import { deployedConfigs } from '../src/io/deployment.js';
import { parseXml } from '../src/model/parse.js';
import { effectiveConfig } from '../src/resolve/effective.js';
import { cli, doc, writeFiles } from './helpers.js';

/**
 * Deployments are validated by their effective configuration (issue: the whole deployment, not
 * just the file): each finding stands at the line of the compose file, unit, manifest or env file
 * where its value is written. Precedence cited from src/controller.cpp: getEnv() assigns first,
 * parseCmdArgs() overwrites, run() falls back to the file (DrachtioController::DrachtioController, run).
 */

const CONFIG = doc('<sip><contacts><contact>sip:*:5060;transport=udp,tcp</contact></contacts></sip>');

interface Finding {
  rule: string;
  severity: string;
  line: number;
  column: number;
  message: string;
}
interface ValidateJson {
  files: { path: string; diagnostics: Finding[] }[];
  summary: { errors: number; warnings: number };
}

async function validateJson(dir: string, file: string) {
  const r = await cli(['validate', '--json', file], { cwd: dir });
  return { exitCode: r.exitCode, json: JSON.parse(r.stdout) as ValidateJson, stderr: r.stderr };
}

/** The findings of one file of a validate run, as rule@line:column. */
const at = (json: ValidateJson, path: string) => json.files.find((f) => f.path === path)?.diagnostics.map((d) => `${d.rule}@${d.line}:${d.column}`) ?? [];

const COMPOSE = `services:
  redis:
    image: redis:7
  drachtio:
    image: drachtio/drachtio-server:0.9.10
    command: ["drachtio", "--loglevel", "verbose"]
    environment:
      - DRACHTIO_ADMIN_TCP_PORT=19O22
      - DRACHTIO_SECRET=admin
    volumes:
      - ./drachtio.conf.xml:/etc/drachtio.conf.xml:ro
`;

const UNIT = `[Unit]
Description=drachtio SIP server

[Service]
Environment=DRACHTIO_ADMIN_TCP_PORT=19O22
Environment="DRACHTIO_SECRET=cymru"
ExecStart=/usr/local/bin/drachtio -f CONFIG \\
    --loglevel verbose
Restart=always
`;

const MANIFEST = `apiVersion: v1
kind: ConfigMap
metadata:
  name: drachtio-config
data:
  drachtio.conf.xml: |
    <drachtio>
      <admin port="9022" secret="a-long-and-random-secret-9f2c">localhost</admin>
    </drachtio>
---
apiVersion: v1
kind: Secret
metadata:
  name: drachtio-secret
stringData:
  DRACHTIO_SECRET: drachtio
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: drachtio
spec:
  template:
    spec:
      hostNetwork: true
      containers:
        - name: drachtio
          image: drachtio/drachtio-server:0.9.10
          args: ["drachtio", "--loglevel", "verbose"]
          env:
            - name: DRACHTIO_ADMIN_TCP_PORT
              value: "19O22"
            - name: DRACHTIO_SECRET
              valueFrom:
                secretKeyRef: { name: drachtio-secret, key: DRACHTIO_SECRET }
          volumeMounts:
            - name: config
              mountPath: /etc/drachtio.conf.xml
              subPath: drachtio.conf.xml
      volumes:
        - name: config
          configMap:
            name: drachtio-config
`;

describe('validate on deployment files: findings at the line where each value is written (subprocess)', () => {
  it('a compose file: garbage number and well-known secret in environment, invalid flag in command', async () => {
    const dir = writeFiles({ 'docker-compose.yml': COMPOSE, 'drachtio.conf.xml': CONFIG });
    const { exitCode, json } = await validateJson(dir, 'docker-compose.yml');
    assert.equal(exitCode, 1);
    assert.deepEqual(at(json, 'docker-compose.yml'), ['invalid-value@6:42', 'invalid-number@8:33', 'weak-admin-secret@9:25']);
    const number = json.files[0]!.diagnostics.find((d) => d.rule === 'invalid-number')!;
    assert.match(number.message, /DRACHTIO_ADMIN_TCP_PORT "19O22" is not a whole number: drachtio-server reads it with atoi as 19/);
    // the secret is reported, never printed
    assert.doesNotMatch(JSON.stringify(json), /SECRET=admin|"admin"/);
  });

  it('a systemd unit: Environment= lines and a continued ExecStart=, the -f file read from the host', async () => {
    const dir = writeFiles({ 'drachtio.conf.xml': CONFIG });
    const unit = UNIT.replace('CONFIG', join(dir, 'drachtio.conf.xml'));
    const files = writeFiles({ 'drachtio.service': unit });
    const { exitCode, json } = await validateJson(files, 'drachtio.service');
    assert.equal(exitCode, 1);
    assert.deepEqual(at(json, 'drachtio.service'), ['invalid-number@5:37', 'weak-admin-secret@6:30', 'invalid-value@8:16']);
  });

  it('a Kubernetes manifest: the ConfigMap XML at manifest lines, env values and a Secret of the same file', async () => {
    const dir = writeFiles({ 'drachtio.k8s.yaml': MANIFEST });
    const { exitCode, json } = await validateJson(dir, 'drachtio.k8s.yaml');
    assert.equal(exitCode, 1);
    // localhost stands at line 8 of the manifest; the Secret's well-known value is reported where it is written
    assert.deepEqual(at(json, 'drachtio.k8s.yaml'), ['admin-address-invalid@8:65', 'weak-admin-secret@16:20', 'invalid-value@29:45', 'invalid-number@32:23']);
  });

  it("an env_file's values are reported in the env file, the XML's own suppressions hold", async () => {
    const compose = `services:\n  drachtio:\n    image: drachtio/drachtio-server\n    env_file: prod.env\n    volumes: ["./drachtio.conf.xml:/etc/drachtio.conf.xml"]\n`;
    const xml = doc('<!-- drachtioctl-disable admin-exposed -->', '<admin port="9022" secret="a-long-and-random-secret-9f2c">0.0.0.0</admin>');
    const dir = writeFiles({ 'docker-compose.yml': compose, 'prod.env': '# production\nDRACHTIO_ADMIN_TCP_PORT=19O22\n', 'drachtio.conf.xml': xml });
    const { exitCode, json } = await validateJson(dir, 'docker-compose.yml');
    assert.equal(exitCode, 1);
    assert.deepEqual(at(json, 'prod.env'), ['invalid-number@2:1']);
    assert.deepEqual(at(json, 'drachtio.conf.xml'), []);
    writeFileSync(join(dir, 'drachtio.conf.xml'), xml.replace('<!-- drachtioctl-disable admin-exposed -->', ''));
    const unsuppressed = await validateJson(dir, 'docker-compose.yml');
    assert.deepEqual(at(unsuppressed.json, 'drachtio.conf.xml'), ['admin-exposed@3:61'], 'without the comment it is reported');
  });

  it('a directory holding deployments checks each, and skips YAML that is none', async () => {
    const dir = writeFiles({ 'docker-compose.yml': COMPOSE, 'drachtio.conf.xml': CONFIG, 'ci.yml': 'on: push\njobs: {}\n' });
    const r = await cli(['validate', '--json', '.'], { cwd: dir });
    assert.equal(r.exitCode, 1);
    const json = JSON.parse(r.stdout) as ValidateJson;
    assert.deepEqual(json.files.map((f) => f.path).sort(), ['./docker-compose.yml', './drachtio.conf.xml']);
    assert.equal(json.summary.errors, 2);
  });

  it('a value that cannot be known statically is a note, never a guess', async () => {
    const compose = COMPOSE.replace('DRACHTIO_ADMIN_TCP_PORT=19O22', 'DRACHTIO_ADMIN_TCP_PORT=${ADMIN_PORT}');
    const dir = writeFiles({ 'docker-compose.yml': compose, 'drachtio.conf.xml': CONFIG });
    const r = await cli(['validate', 'docker-compose.yml'], { cwd: dir });
    assert.doesNotMatch(r.stdout, /invalid-number/);
    assert.match(r.stderr, /note: docker-compose\.yml:8:\d+: .*cannot be known/);
  });
});

describe('resolve --from: the values the server runs with (subprocess)', () => {
  const resolveJson = async (dir: string, args: string[]) => {
    const r = await cli(['resolve', '--json', '--show-secrets', ...args], { cwd: dir });
    return { exitCode: r.exitCode, json: JSON.parse(r.stdout) as { settings: Record<string, { value: unknown; source: string; origin: string }>; startup: { ok: boolean; exitCode: number } } };
  };

  it('environment over file, command line over environment (getEnv, then parseCmdArgs; run() falls back to the file)', async () => {
    const compose = `services:
  sbc:
    image: drachtio/drachtio-server:latest
    command: drachtio --port 9033
    environment:
      DRACHTIO_ADMIN_TCP_PORT: "9044"
      DRACHTIO_LOGLEVEL: debug
    volumes: ["./drachtio.conf.xml:/etc/drachtio.conf.xml"]
`;
    const dir = writeFiles({ 'docker-compose.yml': compose, 'drachtio.conf.xml': CONFIG });
    const { exitCode, json } = await resolveJson(dir, ['--from', 'docker-compose.yml']);
    assert.equal(exitCode, 0);
    assert.deepEqual([json.settings['admin.port']!.value, json.settings['admin.port']!.source, json.settings['admin.port']!.origin], [9033, 'cli', '--port']);
    assert.deepEqual([json.settings['logging.loglevel']!.value, json.settings['logging.loglevel']!.origin], ['debug', 'docker-compose.yml:7:26']);
    assert.equal(json.settings['admin.secret']!.value, 'a-long-and-random-secret-9f2c');
  });

  it("the official image's entrypoint splits words and drops everything after -- (entrypoint.sh)", async () => {
    const compose = `services:
  drachtio:
    image: drachtio/drachtio-server
    command: ["drachtio", "--secret", "two words", "--", "--port", "9999"]
    volumes: ["./drachtio.conf.xml:/etc/drachtio.conf.xml"]
`;
    const dir = writeFiles({ 'docker-compose.yml': compose, 'drachtio.conf.xml': CONFIG });
    const { json } = await resolveJson(dir, ['--from', 'docker-compose.yml']);
    assert.equal(json.settings['admin.secret']!.value, 'two');
    assert.equal(json.settings['admin.port']!.value, 9022);
  });

  it('an invalid flag value in a unit: the server exits 255 (parseCmdArgs prints its usage)', async () => {
    const dir = writeFiles({ 'drachtio.conf.xml': CONFIG });
    const files = writeFiles({ 'drachtio.service': UNIT.replace('CONFIG', join(dir, 'drachtio.conf.xml')) });
    const { exitCode, json } = await resolveJson(files, ['--from', 'drachtio.service']);
    assert.equal(exitCode, 1);
    assert.deepEqual([json.startup.ok, json.startup.exitCode], [false, 255]);
  });

  it('several drachtio services need --service; an unknown one is one line, exit 2', async () => {
    const two = `services:\n  a:\n    image: drachtio/drachtio-server\n  b:\n    image: drachtio/drachtio-server\n`;
    const dir = writeFiles({ 'docker-compose.yml': two });
    const r = await cli(['resolve', '--from', 'docker-compose.yml'], { cwd: dir });
    assert.equal(r.exitCode, 2);
    assert.equal(r.stderr, 'drachtioctl: docker-compose.yml: 2 drachtio services (a, b): pick one with --service\n');
    const named = await cli(['resolve', '--from', 'docker-compose.yml', '--service', 'c'], { cwd: dir });
    assert.equal(named.exitCode, 2);
    assert.match(named.stderr, /no drachtio service named "c"; there are: a, b/);
  });
});

describe('diff compares deployments by effective configuration (subprocess)', () => {
  it('staging and production compose files', async () => {
    const dir = writeFiles({ 'staging.yml': COMPOSE, 'production.yml': COMPOSE.replace('19O22', '9023'), 'drachtio.conf.xml': CONFIG });
    const r = await cli(['diff', '--json', 'staging.yml', 'production.yml'], { cwd: dir });
    assert.equal(r.exitCode, 1);
    assert.deepEqual(JSON.parse(r.stdout).changes, [{ setting: 'admin.port', kind: 'changed', from: 19, to: 9023 }]);
  });
});

describe('render, then read back: the same effective configuration', () => {
  const ports = fc.integer({ min: 1025, max: 65535 });
  const arbitraryConfig = fc.record({
    adminPort: ports,
    sipPort: ports,
    host: fc.constantFrom('*', '10.0.0.5', '192.168.1.20'),
    loglevel: fc.constantFrom('info', 'notice', 'debug', 'warning'),
    transports: fc.constantFrom('udp', 'tcp', 'udp,tcp'),
  });

  it('systemd, compose and k8s output read back by the deployment readers equals the file the server would read', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryConfig, async (c) => {
        fc.pre(c.adminPort !== c.sipPort);
        const xml = doc(
          `<sip><contacts><contact>sip:${c.host}:${c.sipPort};transport=${c.transports}</contact></contacts></sip>\n<logging><loglevel>${c.loglevel}</loglevel></logging>`,
          `<admin port="${c.adminPort}" secret="a-long-and-random-secret-9f2c">127.0.0.1</admin>`,
        );
        const dir = writeFiles({ 'drachtio.conf.xml': xml });
        const original = effectiveConfig({ file: parseXml(xml, 'drachtio.conf.xml') }).model;
        const rendered = { systemd: 'drachtio.service', compose: 'docker-compose.yml', k8s: 'drachtio.k8s.yaml' };
        for (const [target, name] of Object.entries(rendered)) {
          // a unit reads its file on the host: point it at the one written here; k8s carries its Secret along
          const extra = target === 'systemd' ? ['--config-path', join(dir, 'drachtio.conf.xml')] : target === 'k8s' ? ['--with-secret'] : [];
          const r = await cli(['render', target, 'drachtio.conf.xml', '-o', dir, '--force', ...extra], { cwd: dir });
          assert.equal(r.exitCode, 0, r.stderr);
          const path = join(dir, name);
          const [service, ...more] = deployedConfigs(readFileSync(path, 'utf8'), path);
          assert.equal(more.length, 0);
          assert.deepEqual(service!.unknowns, [], `${target}: nothing unknown`);
          // where the file lives is the deployment's choice (render passes -f)
          const changes = diffConfigs(original, service!.effective.model).filter((d) => d.setting !== 'runtime.config-file');
          assert.deepEqual(changes, [], `${target} reads back as the file`);
        }
      }),
      { numRuns: 4 },
    );
  });
});
