import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { execa } from 'execa';
import { BIN, cli, doc, skipUnless, tempDir, writeFiles } from './helpers.js';

const SECRET = 'a-long-and-random-secret-9f2c';
const XML = doc('  <sip><contacts><contact>sip:*:5060;transport=udp</contact></contacts></sip>');
/** untrimmed loglevel: --fix has something to do */
const FIXABLE = doc('  <sip><contacts><contact>sip:*:5060;transport=udp</contact></contacts></sip>\n  <logging><loglevel> info </loglevel></logging>');
const isRoot = process.getuid?.() === 0;
/** one line on stderr, no stack, no bundle source */
const oneLine = (stderr: string) => assert.match(stderr, /^drachtioctl: [^\n]+\n$/, stderr.slice(0, 500));
const leftovers = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.tmp') || f.endsWith('.old'));

const mounted: string[] = [];
// before the temporary root is removed at exit
after(() => {
  for (const dir of mounted) execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
});

/** A tmpfs of a few KB, for full-disk cases; undefined where mounting is not allowed. */
function smallTmpfs(kb: number): string | undefined {
  const dir = tempDir();
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${kb}k`, 'tmpfs', dir], { stdio: 'ignore' });
    mounted.push(dir);
    return dir;
  } catch {
    return undefined;
  }
}
const canMount = (() => {
  const d = isRoot ? smallTmpfs(4) : undefined;
  return d !== undefined;
})();

describe('writes on a full disk (a tmpfs of a few KB)', { skip: skipUnless(canMount, 'needs mount -t tmpfs (root, outside a restricted container)') }, () => {
  it('convert -o: exit 2, one line, the old file intact, no temporary file left', async () => {
    const disk = smallTmpfs(8)!;
    // a config that takes ~20 KB as YAML: it does not fit
    const big = doc(`  <sip><contacts><contact>sip:*:5060</contact></contacts><spammers action="reject">${Array.from({ length: 400 }, (_, i) => `<header name="X-Spam-${i}"><value>v${i}</value></header>`).join('')}</spammers></sip>`);
    const src = join(writeFiles({ 'big.xml': big }), 'big.xml');
    const out = join(disk, 'out.yaml');
    writeFileSync(out, 'old: true\n');
    const r = await cli(['convert', src, '--to', 'yaml', '-o', out, '--force']);
    assert.equal(r.exitCode, 2, r.stderr);
    oneLine(r.stderr);
    assert.match(r.stderr, /out\.yaml: cannot write: no space left on device; the file is unchanged\n$/);
    assert.equal(readFileSync(out, 'utf8'), 'old: true\n');
    assert.deepEqual(leftovers(disk), []);
  });

  it('validate --fix: the file stays as it was when its fixed text cannot be written', async () => {
    const disk = smallTmpfs(4)!;
    const file = join(disk, 'd.xml');
    writeFileSync(file, FIXABLE + `<!-- ${'x'.repeat(2500)} -->\n`);
    const before = readFileSync(file, 'utf8');
    const r = await cli(['validate', '--fix', file]);
    assert.equal(r.exitCode, 2, r.stderr);
    oneLine(r.stderr);
    assert.equal(readFileSync(file, 'utf8'), before);
    assert.deepEqual(leftovers(disk), []);
  });
});

describe('targets that are not regular files are refused, even with --force', () => {
  it('a device node: /dev/null, or one made with mknod', async () => {
    const devices = ['/dev/null'];
    if (isRoot) {
      const made = join(tempDir(), 'null');
      execFileSync('mknod', [made, 'c', '1', '3']);
      devices.push(made);
    }
    const src = join(writeFiles({ 'd.xml': XML }), 'd.xml');
    for (const dev of devices) {
      const r = await cli(['convert', src, '--to', 'yaml', '-o', dev, '--force']);
      assert.equal(r.exitCode, 2, r.stderr);
      assert.equal(r.stderr, `drachtioctl: ${dev}: cannot write: not a regular file (a character device); refusing to replace it, even with --force\n`);
      assert.ok(statSync(dev).isCharacterDevice());
    }
  });

  it('a FIFO and a socket', async () => {
    const dir = writeFiles({ 'd.xml': XML });
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    const server = createServer().listen(join(dir, 'sock'));
    await new Promise((r) => server.once('listening', r));
    try {
      for (const [name, kind] of [['fifo', 'a FIFO'], ['sock', 'a socket']]) {
        const r = await cli(['env-export', join(dir, 'd.xml'), '-o', join(dir, name!), '--force']);
        assert.equal(r.exitCode, 2, r.stderr);
        assert.match(r.stderr, new RegExp(`cannot write: not a regular file \\(${kind}\\)`));
      }
      assert.ok(lstatSync(join(dir, 'fifo')).isFIFO());
      assert.ok(lstatSync(join(dir, 'sock')).isSocket());
    } finally {
      server.close();
    }
  });
});

describe('symbolic and hard links', () => {
  it('--fix through a symbolic link fixes the file it points to and keeps its mode, owner and group', async () => {
    const dir = writeFiles({ 'real.xml': FIXABLE });
    const real = join(dir, 'real.xml');
    chmodSync(real, 0o664);
    if (isRoot) chownSync(real, 4321, 4322);
    symlinkSync('real.xml', join(dir, 'link.xml'));
    const r = await cli(['validate', '--fix', join(dir, 'link.xml')]);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.ok(lstatSync(join(dir, 'link.xml')).isSymbolicLink());
    assert.match(readFileSync(real, 'utf8'), /<loglevel>info<\/loglevel>/);
    const st = statSync(real);
    assert.equal(st.mode & 0o777, 0o664);
    if (isRoot) assert.deepEqual([st.uid, st.gid], [4321, 4322]);
    assert.deepEqual(leftovers(dir), []);
  });

  it('-o onto a symbolic link: refused without --force; with it the target is written, the link kept; a dangling link is refused', async () => {
    const dir = writeFiles({ 'd.xml': XML, 'target.yaml': 'old\n' });
    symlinkSync('target.yaml', join(dir, 'out.yaml'));
    symlinkSync('missing.yaml', join(dir, 'dangling.yaml'));
    const refused = await cli(['convert', join(dir, 'd.xml'), '--to', 'yaml', '-o', join(dir, 'out.yaml')]);
    assert.equal(refused.exitCode, 2);
    assert.match(refused.stderr, /out\.yaml: already exists as a symbolic link \(use --force to write to the file it points to\)\n$/);
    const forced = await cli(['convert', join(dir, 'd.xml'), '--to', 'yaml', '-o', join(dir, 'out.yaml'), '--force']);
    assert.equal(forced.exitCode, 0, forced.stderr);
    assert.ok(lstatSync(join(dir, 'out.yaml')).isSymbolicLink());
    assert.match(readFileSync(join(dir, 'target.yaml'), 'utf8'), /^admin:/);
    const dangling = await cli(['convert', join(dir, 'd.xml'), '--to', 'yaml', '-o', join(dir, 'dangling.yaml'), '--force']);
    assert.equal(dangling.exitCode, 2);
    assert.match(dangling.stderr, /dangling\.yaml: cannot write: a symbolic link to a file that does not exist\n$/);
    assert.equal(existsSync(join(dir, 'missing.yaml')), false);
  });

  it('a file with other hard links is refused with one clear line and left as it was', async () => {
    const dir = writeFiles({ 'd.xml': FIXABLE });
    linkSync(join(dir, 'd.xml'), join(dir, 'other-name.xml'));
    const r = await cli(['validate', '--fix', join(dir, 'd.xml')]);
    assert.equal(r.exitCode, 2);
    assert.match(r.stderr, /d\.xml: cannot write: the file has 2 hard links, and replacing it would leave the other names with the old text; write to a copy, or remove the other links\n/);
    assert.equal(readFileSync(join(dir, 'other-name.xml'), 'utf8'), FIXABLE);
    assert.equal(statSync(join(dir, 'd.xml')).nlink, 2);
  });
});

describe('modes under any umask', () => {
  const underUmask = (umask: string, args: string[]) => execa('sh', ['-c', `umask ${umask} && exec "$@"`, 'sh', BIN, ...args], { reject: false });

  for (const [umask, fresh] of [['077', 0o600], ['002', 0o644]] as const) {
    it(`umask ${umask}: a new file is ${fresh.toString(8)}, a secret's 0600, and --fix keeps a 0664 file 0664`, async () => {
      const dir = writeFiles({ 'd.xml': XML, 'f.xml': FIXABLE });
      // --to args of a config with a secret still holds it; drachtio.conf.xml → xml has it too
      const plain = join(dir, 'plain.json');
      writeFileSync(join(dir, 'nosecret.env'), 'DRACHTIO_LOGLEVEL=info\n');
      assert.equal((await underUmask(umask, ['convert', join(dir, 'nosecret.env'), '--to', 'json', '-o', plain])).exitCode, 0);
      assert.equal(statSync(plain).mode & 0o777, fresh);
      assert.equal((await underUmask(umask, ['env-export', join(dir, 'd.xml'), '-o', join(dir, 'd.env')])).exitCode, 0);
      assert.equal(statSync(join(dir, 'd.env')).mode & 0o777, 0o600);
      chmodSync(join(dir, 'f.xml'), 0o664);
      assert.equal((await underUmask(umask, ['validate', '--fix', join(dir, 'f.xml')])).exitCode, 0);
      assert.equal(statSync(join(dir, 'f.xml')).mode & 0o777, 0o664);
    });
  }
});

describe('no-clobber is atomic', () => {
  it('of writers racing for one new path without --force, exactly one wins and the file is complete', async () => {
    const dir = writeFiles({ 'd.xml': XML });
    const out = join(dir, 'new.yaml');
    const runs = await Promise.all(Array.from({ length: 8 }, () => cli(['convert', join(dir, 'd.xml'), '--to', 'yaml', '-o', out])));
    assert.equal(runs.filter((r) => r.exitCode === 0).length, 1, runs.map((r) => r.stderr).join(''));
    for (const r of runs.filter((x) => x.exitCode !== 0)) assert.equal(r.stderr, `drachtioctl: ${out}: already exists (use --force to replace it)\n`);
    const expected = await cli(['convert', join(dir, 'd.xml'), '--to', 'yaml', '--show-secrets']);
    assert.equal(readFileSync(out, 'utf8'), expected.stdout);
    assert.deepEqual(leftovers(dir), []);
  });
});

describe('a set of files is written all or nothing', () => {
  it('init --with: one existing target and nothing is written; with --force all are', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'docker-compose.yml'), 'mine\n');
    const args = ['init', '--yes', '-o', join(dir, 'drachtio.conf.xml'), '--with', 'env,systemd,compose'];
    const r = await cli(args);
    assert.equal(r.exitCode, 2);
    assert.match(r.stderr, /docker-compose\.yml: already exists \(use --force to replace it\)\n$/);
    assert.deepEqual(readdirSync(dir), ['docker-compose.yml']);
    assert.equal(readFileSync(join(dir, 'docker-compose.yml'), 'utf8'), 'mine\n');
    const forced = await cli([...args, '--force']);
    assert.equal(forced.exitCode, 0, forced.stderr);
    assert.deepEqual(readdirSync(dir).sort(), ['docker-compose.yml', 'drachtio.conf.xml', 'drachtio.env', 'drachtio.service']);
  });

  it('init --with: a target that cannot be written (a directory in its place) leaves none written', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'drachtio.service'));
    const r = await cli(['init', '--yes', '--force', '-o', join(dir, 'drachtio.conf.xml'), '--with', 'env,systemd']);
    assert.equal(r.exitCode, 2);
    assert.match(r.stderr, /drachtio\.service: cannot write: is a directory\n$/);
    assert.deepEqual(readdirSync(dir), ['drachtio.service']);
  });
});

describe('signals', () => {
  it('SIGTERM or SIGINT at any moment of a write leaves no temporary file', async () => {
    const big = doc(`  <sip><contacts><contact>sip:*:5060</contact></contacts><spammers action="reject">${Array.from({ length: 3000 }, (_, i) => `<header name="X-Spam-${i}"><value>v${i}</value></header>`).join('')}</spammers></sip>`);
    const dir = writeFiles({ 'big.xml': big });
    const codes = new Set<number | null>();
    for (let i = 0; i < 12; i++) {
      const child = spawn(BIN, ['convert', join(dir, 'big.xml'), '--to', 'yaml', '-o', join(dir, `out${i}.yaml`)], { stdio: 'ignore' });
      // spread the signals over start-up, reading, converting and writing
      setTimeout(() => child.kill(i % 2 ? 'SIGTERM' : 'SIGINT'), 40 * i);
      const [code, signal] = (await new Promise((r) => child.once('exit', (c, s) => r([c, s])))) as [number | null, string | null];
      codes.add(code ?? (signal ? -1 : null));
      assert.deepEqual(leftovers(dir), [], `run ${i}`);
      // a file that exists is complete
      if (existsSync(join(dir, `out${i}.yaml`))) assert.match(readFileSync(join(dir, `out${i}.yaml`), 'utf8'), /x-spam-2999/i);
    }
    assert.ok([...codes].every((c) => c === 0 || c === 130 || c === 143 || c === -1), [...codes].join(','));
  });
});

describe('a standard output that cannot be written', () => {
  it('> /dev/full: one line on stderr, exit 2, for plain and --json output', async () => {
    const file = join(writeFiles({ 'd.xml': XML }), 'd.xml');
    for (const args of [['validate', file], ['validate', file, '--json'], ['explain'], ['convert', file, '--to', 'yaml', '--show-secrets'], ['--version']]) {
      const r = await execa('sh', ['-c', '"$@" > /dev/full', 'sh', BIN, ...args], { reject: false });
      assert.equal(r.exitCode, 2, args.join(' '));
      assert.equal(r.stderr, 'drachtioctl: cannot write to standard output: no space left on device');
    }
  });

  it('a reader that closes the pipe (EPIPE): one line on stderr, exit 2', async () => {
    // a few hundred KB: more than a pipe holds, so the reader is gone before the writer is done
    const big = doc(`  <sip><contacts><contact>sip:*:5060</contact></contacts><spammers action="reject">${Array.from({ length: 4000 }, (_, i) => `<header name="X-Spam-${i}"><value>v${i}</value></header>`).join('\n')}</spammers></sip>`);
    const file = join(writeFiles({ 'big.xml': big }), 'big.xml');
    const r = await execa('bash', ['-c', '"$@" | head -c 1 > /dev/null; exit "${PIPESTATUS[0]}"', 'sh', BIN, 'convert', file, '--to', 'yaml', '--show-secrets'], { reject: false });
    assert.equal(r.exitCode, 2);
    assert.equal(r.stderr, 'drachtioctl: cannot write to standard output: the reader closed the pipe');
  });
});

describe('standard input', () => {
  const piped = (cmd: string, file: string) => execa('sh', ['-c', `cat "$1" | ${cmd}`, 'sh', file], { reject: false, env: { BIN } });

  it('- and a piped stdin are the config for validate, convert, env-export, render and diff', async () => {
    const file = join(writeFiles({ 'd.xml': XML }), 'd.xml');
    const viaDash = await cli(['validate', '-', '--json'], { inputFile: file });
    assert.equal(viaDash.exitCode, 0, viaDash.stderr);
    assert.equal(JSON.parse(viaDash.stdout).files[0].path, '-');
    // (configuration on a pipe holds the real secret only when asked: --show-secrets)
    for (const cmd of ['"$BIN" validate', '"$BIN" convert --to yaml --show-secrets', '"$BIN" env-export --show-secrets', '"$BIN" render systemd --show-secrets', `"$BIN" diff "${file}"`]) {
      const r = await piped(cmd, file);
      assert.equal(r.exitCode, 0, `${cmd}: ${r.stderr}`);
    }
    assert.match((await piped('"$BIN" convert --to yaml --show-secrets', file)).stdout, /^admin:/);
  });

  it('piped text that is not a config is never taken as a file name and echoed', async () => {
    const file = join(writeFiles({ 'junk.txt': `${SECRET}\n` }), 'junk.txt');
    const r = await piped('"$BIN" validate', file);
    assert.equal(r.exitCode, 1);
    assert.doesNotMatch(r.stdout + r.stderr, new RegExp(SECRET));
  });

  it('--fix cannot rewrite standard input', async () => {
    const file = join(writeFiles({ 'd.xml': FIXABLE }), 'd.xml');
    const r = await cli(['validate', '--fix', '-'], { inputFile: file });
    assert.equal(r.exitCode, 2);
    assert.equal(r.stderr, 'drachtioctl: -: --fix cannot rewrite standard input: use --fix --dry-run for a diff, or name the file\n');
  });
});
