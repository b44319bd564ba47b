import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { execa } from 'execa';
import { parse } from 'yaml';
import { BIN, ROOT, doc, tempDir } from './helpers.js';

interface Step {
  uses?: string;
  id?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
  if?: string;
}

const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, { default: string }>; runs: { using: string; steps: Step[] } };

/** A stand-in for npx that runs this checkout's CLI and records the package spec it was asked for. */
function fakeNpx(dir: string): string {
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'npx'), `#!/bin/sh\n[ "$1" = --yes ] && shift\necho "$1" > "${dir}/spec"\nshift\nexec "${BIN}" "$@"\n`);
  chmodSync(join(bin, 'npx'), 0o755);
  return bin;
}

describe('the GitHub Action (action.yml)', () => {
  it('is a composite action: setup-node, drachtioctl validate to SARIF, upload-sarif to code scanning', () => {
    assert.equal(action.runs.using, 'composite');
    const [setup, validate, upload] = action.runs.steps;
    assert.match(setup!.uses!, /^actions\/setup-node@v\d+$/);
    assert.match(validate!.run!, /npx --yes "drachtioctl@\$DRACHTIOCTL_VERSION" validate "\$\{paths\[@\]\}" --format sarif --output-file "\$DRACHTIOCTL_SARIF"/);
    assert.match(upload!.uses!, /^github\/codeql-action\/upload-sarif@v\d+$/);
    assert.equal(upload!.with!.sarif_file, '${{ inputs.sarif-file }}');
    assert.equal(action.inputs['node-version']!.default, '20');
  });

  it('its validate step checks the given paths and globs, writes the SARIF report and records the exit code', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'good.xml'), doc(''));
    writeFileSync(join(dir, 'sub/bad.xml'), doc('<logging><loglevel>verbose</loglevel></logging>', '<admin port="x" secret="a-long-and-random-secret-9f2c">127.0.0.1</admin>'));
    const output = join(dir, 'github-output');
    writeFileSync(output, '');
    const step = action.runs.steps.find((s) => s.id === 'validate')!;
    const r = await execa('bash', ['-e', '-c', step.run!], {
      cwd: dir,
      reject: false,
      env: {
        PATH: `${fakeNpx(dir)}:${process.env.PATH}`,
        GITHUB_OUTPUT: output,
        DRACHTIOCTL_VERSION: '0.1.0',
        DRACHTIOCTL_PATHS: 'good.xml sub/*.xml',
        DRACHTIOCTL_ARGS: '--rule invalid-value=off',
        DRACHTIOCTL_SARIF: 'out.sarif',
      },
    });
    assert.equal(r.exitCode, 0, String(r.stderr));
    assert.equal(readFileSync(join(dir, 'spec'), 'utf8'), 'drachtioctl@0.1.0\n');
    assert.equal(readFileSync(output, 'utf8'), 'exit-code=1\n');
    const results = JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8')).runs[0].results as { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
    assert.deepEqual(results.map((x) => [x.ruleId, x.locations[0]!.physicalLocation.artifactLocation.uri]), [['invalid-number', 'sub/bad.xml']]);
  });
});

describe('the pre-commit hook (.pre-commit-hooks.yaml)', () => {
  const [hook] = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; language: string; files: string }[];
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };

  it('drachtioctl-validate runs the package\'s own command on drachtio XML files', async () => {
    assert.equal(hook!.id, 'drachtioctl-validate');
    assert.equal(hook!.language, 'node');
    const [command, ...args] = hook!.entry.split(' ');
    assert.ok(pkg.bin[command!], `${command} is a bin of the package`);
    const files = new RegExp(hook!.files);
    for (const f of ['drachtio.conf.xml', 'deploy/drachtio.conf.xml', 'k8s/drachtio-sbc.xml']) assert.ok(files.test(f), f);
    for (const f of ['pom.xml', 'drachtio.conf.json', 'drachtio/other.xml']) assert.ok(!files.test(f), f);
    // pre-commit appends the staged file names to the entry
    const r = await execa(BIN, [...args, 'templates/drachtio.conf.xml'], { cwd: ROOT, reject: false });
    assert.equal(r.exitCode, 0, String(r.stderr));
  });
});
