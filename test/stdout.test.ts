/**
 * Reports go out through descriptor 1 with synchronous writes (src/io/stdout.ts). A standard output
 * that is non-blocking (its open file shared with a process that set O_NONBLOCK) refuses a write
 * once the pipe is full: the rest must still arrive, in order, however slowly it is read.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { BIN, doc, needsTool, writeFiles } from './helpers.js';

/** a report far bigger than a pipe or socket buffer holds: a file with 20,000 unknown elements, each a finding */
function manyFindings(): string {
  return join(writeFiles({ 'many.xml': doc(`<sip>${'<unknown-thing/>'.repeat(20_000)}</sip>`) }), 'many.xml');
}

// Node makes a child's standard descriptors blocking when it spawns one, so a small Python
// program sets O_NONBLOCK on the pipe and then becomes the CLI
const NONBLOCKING = 'import os, sys; os.set_blocking(1, False); os.execv(sys.argv[1], sys.argv[1:])';

describe('standard output', () => {
  it('delivers a whole report through a non-blocking pipe read slowly', { skip: needsTool('python3', 'python3') }, async () => {
    const child = spawn('python3', ['-c', NONBLOCKING, process.execPath, BIN, 'validate', '--json', manyFindings()], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const closed = new Promise<number | null>((done) => child.on('close', done));
    const chunks: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => chunks.push(d));
    // nothing is read for a second: the pipe fills and a write is refused
    child.stdout.pause();
    await sleep(1000);
    child.stdout.resume();
    assert.equal(await closed, 0, stderr);
    const report = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    assert.equal(report.files[0].diagnostics.length, 20_000);
    assert.equal(report.summary.warnings, 20_000);
  });
});
