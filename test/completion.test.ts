import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { execa } from 'execa';
import { REGISTRY } from '../src/registry/index.js';
import { RULES } from '../src/validate/rules/index.js';
import { cli, needsTool, tempDir } from './helpers.js';

/** Write the script `drachtioctl completion SHELL` prints into a temporary file. */
async function script(shell: string): Promise<string> {
  const r = await cli(['completion', shell]);
  assert.equal(r.exitCode, 0, r.stderr);
  const path = join(tempDir(), `completion.${shell}`);
  writeFileSync(path, r.stdout);
  return path;
}

/** What bash's completion function offers for a command line whose last word is being typed. */
async function bashComplete(path: string, line: string[]): Promise<string[]> {
  const words = line.map((w) => `'${w}'`).join(' ');
  const r = await execa('bash', ['-c', `source '${path}'; COMP_WORDS=(${words}); COMP_CWORD=${line.length - 1}; _drachtioctl; printf '%s\\n' "\${COMPREPLY[@]}"`]);
  return String(r.stdout).split('\n').filter(Boolean);
}

describe('drachtioctl completion', () => {
  it('bash: completes commands, flags, flag values, setting ids for explain and rule ids for --rule', async () => {
    const path = await script('bash');
    assert.deepEqual(await bashComplete(path, ['drachtioctl', 'va']), ['validate']);
    assert.ok((await bashComplete(path, ['drachtioctl', ''])).includes('completion'));
    assert.deepEqual(await bashComplete(path, ['drachtioctl', 'validate', '--for']), ['--format']);
    assert.deepEqual(await bashComplete(path, ['drachtioctl', 'validate', '--format', 's']), ['stylish', 'sarif']);
    assert.deepEqual(await bashComplete(path, ['drachtioctl', 'validate', '--rule', 'weak-a']), ['weak-admin-secret=off', 'weak-admin-secret=warning', 'weak-admin-secret=error']);
    assert.deepEqual(await bashComplete(path, ['drachtioctl', 'explain', 'admin.tl']), ['admin.tls-port', 'admin.tls']);
    assert.deepEqual(await bashComplete(path, ['drachtioctl', 'render', 'k']), ['k8s']);
    assert.deepEqual(await bashComplete(path, ['drachtioctl', 'schema', '--format', '']), ['json', 'xsd']);
    // every setting id and every rule id is offered
    assert.equal((await bashComplete(path, ['drachtioctl', 'explain', ''])).length, REGISTRY.length);
    assert.equal((await bashComplete(path, ['drachtioctl', 'validate', '--rule', ''])).length, RULES.length * 3);
  });

  it('zsh: the script is valid zsh and defines the completion function', { skip: needsTool('zsh', 'zsh') }, async () => {
    const path = await script('zsh');
    assert.equal((await execa('zsh', ['-n', path], { reject: false })).exitCode, 0);
    const r = await execa('zsh', ['-c', `autoload -U compinit && compinit -u -D; source '${path}'; whence -w _drachtioctl; print -r -- \${_comps[drachtioctl]}`]);
    assert.match(String(r.stdout), /_drachtioctl: function\n_drachtioctl/);
  });

  it('fish: completes commands, rule ids and setting ids', { skip: needsTool('fish', 'fish') }, async () => {
    const path = await script('fish');
    const complete = async (line: string) =>
      String((await execa('fish', ['--no-config', '-c', `source '${path}'; complete -C '${line}'`])).stdout)
        .split('\n')
        .map((l) => l.split('\t')[0]);
    assert.ok((await complete('drachtioctl va')).includes('validate'));
    assert.deepEqual(await complete('drachtioctl validate --rule weak-a'), ['weak-admin-secret=error', 'weak-admin-secret=off', 'weak-admin-secret=warning']);
    assert.deepEqual(await complete('drachtioctl explain admin.tcp'), ['admin.tcp-keepalive']);
  });

  it('refuses an unknown shell with exit 2 and one line', async () => {
    const r = await cli(['completion', 'tcsh']);
    assert.equal(r.exitCode, 2);
    assert.match(r.stderr, /^drachtioctl: .*bash, zsh, fish.*\n$/);
  });
});
