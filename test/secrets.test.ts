import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { execa } from 'execa';
import { BIN, cli, doc, tempDir, writeFiles } from './helpers.js';

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const withSecret = (secret: string, inner = '  <sip><contacts><contact>sip:*:5060;transport=udp</contact></contacts></sip>') =>
  doc(inner, `<admin port="9022" secret="${xmlEscape(secret)}">127.0.0.1</admin>`);
const DIALECTS = ['dotenv', 'shell', 'systemd', 'docker'] as const;

describe('a planted secret never reaches any output channel without --show-secrets', () => {
  // random per run, and shapes that once slipped through: words, quotes, shell and XML metacharacters
  const secrets = [`Pl4nted-${Math.random().toString(36).slice(2)}-${Date.now()}`, `q'uo"te\`s$HOME;#x-sécret-日本語-🔑-${Date.now()}`];
  for (const secret of secrets) {
    it(`${JSON.stringify(secret)}: stdout, stderr and --json of every command`, async () => {
      const dir = writeFiles({ 'd.xml': withSecret(secret, '  <sip><contact>sip:*:5060</contact></sip>\n  <logging><loglevel> info </loglevel></logging>\n  <bogus/>') });
      const file = join(dir, 'd.xml');
      const env = join(dir, 'prod.env');
      writeFileSync(env, `DRACHTIO_SECRET='${secret.replace(/'/g, `'\\''`)}'\n`);
      writeFileSync(join(dir, 'bad.env'), `${secret}\n`);
      writeFileSync(join(dir, 'cr.env'), `DRACHTIO_LOGLEVEL=info\rDRACHTIO_SECRET=${secret}\r`);
      writeFileSync(join(dir, 'other.xml'), withSecret('another-long-and-random-secret-77'));
      const runs: string[][] = [
        ['validate', file], ['validate', file, '--json'], ['validate', file, '--format', 'sarif'], ['validate', file, '--format', 'github'], ['validate', file, '--format', 'junit'],
        ['validate', file, '--fix', '--dry-run'], ['validate', file, '--fix', '--dry-run', '--json'],
        ...['xml', 'json', 'yaml', 'env', 'args'].flatMap((to) => [['convert', file, '--to', to], ['convert', file, '--to', to, '--json']]),
        ...[...DIALECTS, 'k8s'].flatMap((f) => [['env-export', file, '--format', f], ['env-export', file, '--format', f, '--json']]),
        ...['systemd', 'compose', 'k8s'].flatMap((t) => [['render', t, file], ['render', t, file, '--json']]),
        ['diff', file, join(dir, 'other.xml')], ['diff', file, join(dir, 'other.xml'), '--json'], ['diff', env, file],
        ['resolve', '--file', file], ['resolve', '--file', file, '--json'], ['resolve', '--file', file, '--env-file', env, '--json'],
        ['resolve', '--file', file, '--env-file', join(dir, 'bad.env')], ['resolve', '--file', file, '--env-file', join(dir, 'cr.env')],
        ['resolve', '--file', file, '--', '--secret', secret], ['resolve', '--file', file, '--', '--secert', secret], ['resolve', '--file', file, '--', '-s', secret],
        ['resolve', '--file', file, '--', '--daemon', secret], ['resolve', '--file', file, '--json', '--command', `drachtio --secert ${secret}`],
        // mistyped options and stray words: the word after them is the secret
        ['validate', file, '--secert', secret], ['validate', file, '-s', secret], ['validate', file, '--daemon', secret], ['validate', secret],
        ['convert', file, '--to', secret], ['convert', file, '--to', 'yaml', secret], ['convert', file, '--to', 'yaml', `--secert=${secret}`], ['render', secret, file],
        ['diff', file, secret], ['env-export', secret], ['validate', file, '--json', '--secert', secret],
        ['init', '--yes', '--secret', secret, '--dry-run'], ['init', '--yes', '--secret', secret, '--dry-run', '--json'],
      ];
      for (let i = 0; i < runs.length; i += 4) {
        const batch = runs.slice(i, i + 4);
        const results = await Promise.all(batch.map((args) => cli(args)));
        results.forEach((r, k) => {
          const args = batch[k]!.join(' ');
          assert.ok(!(r.stdout + r.stderr).includes(secret), `${args} printed the secret:\n${(r.stdout + r.stderr).slice(0, 2000)}`);
          assert.doesNotMatch(r.stderr, /\n\s+at /, `${args}: a stack trace`);
        });
      }
      // piped, on stdin
      for (const cmd of ['validate', 'validate --json', 'convert --to env', 'diff "$1"']) {
        const r = await execa('sh', ['-c', `cat "$1" | "$BIN" ${cmd}`, 'sh', file], { reject: false, env: { BIN } });
        assert.ok(!(r.stdout + r.stderr).includes(secret), `piped ${cmd} printed the secret`);
      }
      const junk = await execa('sh', ['-c', 'printf %s "$1" | "$BIN" validate', 'sh', secret], { reject: false, env: { BIN } });
      assert.ok(!(junk.stdout + junk.stderr).includes(secret), 'piped junk was echoed');
    });
  }

  it('a secret equal to an ordinary word ("admin") masks the value, not the word', async () => {
    const file = join(writeFiles({ 'd.xml': withSecret('admin') }), 'd.xml');
    const r = await cli(['validate', file]);
    assert.match(r.stdout, /the admin secret \(\*{8}\) is a well-known secret .* reaches the admin port/);
    assert.doesNotMatch(r.stdout, /\*{8} (port|secret)/);
  });
});

describe('env-export quoting holds every byte a secret may have', () => {
  const printable = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).join('');
  // every printable character at once; the same without ` and without ' (what dotenv can quote); UTF-8
  const values = [`x${printable}x`, `x${printable.replace('`', '')}x`, `x${printable.replace("'", '')}x`, 'sécret-日本語-🔑-Ünïcødé-€-padding-0123456789'];

  /** Export the secret in a dialect to a file and read it back as the server's environment. */
  async function roundTrip(secret: string, dialect: string): Promise<{ value?: unknown; warnings: string[] }> {
    const dir = writeFiles({ 'd.xml': withSecret(secret) });
    const out = join(dir, 'd.env');
    const exported = await cli(['env-export', join(dir, 'd.xml'), '--format', dialect, '-o', out, '--json']);
    assert.equal(exported.exitCode, 0, exported.stdout);
    const warnings = (JSON.parse(exported.stdout) as { warnings: { setting: string; message: string }[] }).warnings.filter((w) => w.setting === 'admin.secret').map((w) => w.message);
    const resolved = await cli(['resolve', '--file', join(writeFiles({ 'e.xml': withSecret('file-secret-that-is-long-enough-0') }), 'e.xml'), '--env-file', out, '--env-format', dialect, '--show-secrets', '--json']);
    assert.notEqual(resolved.exitCode, 2, `${dialect} ${JSON.stringify(secret)}: ${resolved.stdout}\n${readFileSync(out, 'utf8')}`);
    const setting = (JSON.parse(resolved.stdout) as { settings: Record<string, { value: unknown; source: string }> }).settings['admin.secret']!;
    return { value: setting.source === 'env' ? setting.value : undefined, warnings };
  }

  for (const dialect of DIALECTS) {
    it(`${dialect}: every printable ASCII character, all of them at once, and UTF-8 read back unchanged (or are refused with the true reason)`, async () => {
      for (const secret of values) {
        const { value, warnings } = await roundTrip(secret, dialect);
        if (value === undefined) {
          // only dotenv has values it cannot spell, and only those holding every quote character it has
          assert.equal(dialect, 'dotenv', `${dialect} dropped ${JSON.stringify(secret)}`);
          assert.ok(secret.includes("'") && secret.includes('`'), JSON.stringify(secret));
          assert.match(warnings[0] ?? '', /no dotenv spelling reads the value back unchanged/);
        } else assert.equal(value, secret, `${dialect} ${JSON.stringify(secret)}`);
      }
    });
  }
});

describe('input that could hold a secret is named by position, never quoted', () => {
  it('a CR-only env file is refused at its first CR, not read as one value', async () => {
    const dir = writeFiles({ 'd.xml': withSecret('file-secret-that-is-long-enough-0') });
    writeFileSync(join(dir, 'mac.env'), 'DRACHTIO_LOGLEVEL=info\rDRACHTIO_SECRET=hunter2-hunter2-hunter2\r');
    for (const dialect of DIALECTS) {
      const r = await cli(['resolve', '--file', join(dir, 'd.xml'), '--env-file', join(dir, 'mac.env'), '--env-format', dialect]);
      assert.equal(r.exitCode, 2);
      assert.equal(r.stderr, `drachtioctl: ${join(dir, 'mac.env')}:1: a carriage return without a line feed (old Mac line endings?): no env-file reader breaks lines there; convert it with tr '\\r' '\\n'\n`);
    }
    const converted = await cli(['convert', join(dir, 'mac.env'), '--to', 'xml']);
    assert.equal(converted.exitCode, 2);
    assert.doesNotMatch(converted.stdout + converted.stderr, /hunter2/);
  });
});

describe('JSON and YAML inputs of pathological shape', () => {
  const convertOf = async (name: string, text: string) => {
    const dir = tempDir();
    writeFileSync(join(dir, name), text);
    return cli(['convert', join(dir, name), '--to', 'xml']);
  };

  it('a YAML alias bomb is not expanded: the first key that is no setting is named by file:line:col', async () => {
    const bomb = 'a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n';
    const r = await convertOf('bomb.yaml', bomb);
    assert.equal(r.exitCode, 2);
    assert.match(r.stderr, /^drachtioctl: .*bomb\.yaml:1:1: "a" is not a drachtio setting\n$/);
    const inside = await convertOf('inside.yaml', `x: &a [1,2,3,4,5,6,7,8,9]\n`.replace('x:', 'admin:\n  port:'));
    assert.match(inside.stderr, /inside\.yaml:2:12: admin\.port must be a single value\n$/);
    const cyclic = await convertOf('cyclic.yaml', 'sip: &m\n  x: *m\n');
    assert.match(cyclic.stderr, /cyclic\.yaml:2:3: "sip\.x" is an alias to an object that holds it\n$/);
  });

  it('bad YAML, duplicate keys and unknown keys among 40,000 are named by file:line:col', async () => {
    assert.match((await convertOf('bad.yaml', 'admin:\n  port: [1, 2\n  x: }\n')).stderr, /^drachtioctl: .*bad\.yaml:3:3: [^\n]+\n$/);
    assert.match((await convertOf('dup.json', '{"admin": {"port": 1,\n "port": 2}}')).stderr, /dup\.json:2:2: "port" appears twice in one object\n$/);
    const many = `{"admin": {"port": 9022},\n${Array.from({ length: 40000 }, (_, i) => `"admin.k${i}": ${i}`).join(',\n')}}`;
    assert.match((await convertOf('many.json', many)).stderr, /many\.json:2:1: "admin\.k0" is not a drachtio setting\n$/);
    const keys = `admin:\n  port: 9022\n${Array.from({ length: 40000 }, (_, i) => `  k${i}: ${i}`).join('\n')}\n`;
    assert.match((await convertOf('many.yaml', keys)).stderr, /many\.yaml:3:3: "admin\.k0" is not a drachtio setting\n$/);
  });

  it('--json output holding a string of over 10 MB is printed whole, as plain JSON', async () => {
    const dir = tempDir();
    const contact = `sip:${'a'.repeat(10.5 * 2 ** 20)}:5060`;
    writeFileSync(join(dir, 'big.xml'), withSecret('a-long-and-random-secret-9f2c', `  <sip><contacts><contact>${contact}</contact></contacts></sip>`));
    const r = await cli(['convert', join(dir, 'big.xml'), '--to', 'yaml', '--json'], { maxBuffer: 64 * 2 ** 20 });
    assert.equal(r.exitCode, 0, r.stderr.slice(0, 500));
    assert.ok((JSON.parse(r.stdout) as { output: string }).output.includes(contact));
    assert.doesNotMatch(r.stdout, /\u001b\[/);
  });
});

describe('env-export quoting, character by character (in-process)', () => {
  it('each printable ASCII character, alone and doubled, in every dialect reads back unchanged', async () => {
    const { emitEnv } = await import('../src/emit/env.js');
    const { parseEnvFile } = await import('../src/sources/envfile.js');
    const { parseXml } = await import('../src/model/parse.js');
    for (let code = 0x20; code < 0x7f; code++) {
      const c = String.fromCharCode(code);
      // (a secret of spaces only is no secret to export)
      for (const secret of [`${c}`, `a${c}${c}b`, `${c} ${c}`].filter((x) => x.trim() !== '')) {
        const { config } = parseXml(withSecret(secret), 'd.xml');
        for (const format of DIALECTS) {
          const { output } = await emitEnv(config, { format });
          const entry = parseEnvFile(output, 'd.env', format).find((e) => e.name === 'DRACHTIO_SECRET');
          assert.equal(entry?.value, secret, `${format} ${JSON.stringify(secret)}: ${output}`);
        }
      }
    }
  });
});
