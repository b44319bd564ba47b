/**
 * Hostile input never crashes, hangs or leaks: every fuzz target's inputs run in-process
 * (thousands of cases, in a worker so a hang can be stopped) and a sample runs through the real
 * CLI. Two seeds per run: a fixed one, and one that changes daily (FUZZ_SEED overrides it);
 * a failure names its seed and case so it can be replayed.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import { TEMPLATE, cli, tempDir } from './helpers.js';
import { TARGETS } from './fuzz/targets.js';
import type { FuzzJob, FuzzReport } from './fuzz/worker.js';

const FIXED_SEED = 6_2026;
const ROTATING_SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Date.now() / 86_400_000));
/** FUZZ_RUNS overrides each target's in-process cases per seed */
const RUNS = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : undefined;
/** CLI inputs and argument vectors per target from the rotating seed (each run is a node process: ~100 ms) */
const CLI_INPUTS = 8;
const CLI_VECTORS = 3;
/** a case still running after this long is a hang, whatever the machine's load */
const HANG_MS = 20_000;

/** How to run a failing seed's cases again. */
const replay = (seed: number) => `seed ${seed}: replay with FUZZ_SEED=${seed} npm test`;

function runInWorker(job: FuzzJob): Promise<number> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./fuzz/worker.js', import.meta.url), { workerData: job });
    let last = 'no case started';
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        void worker.terminate();
        reject(new Error(`hang: a case ran over ${HANG_MS / 1000} s (seed ${job.seed}): ${last}`));
      }, HANG_MS);
    };
    arm();
    worker.on('message', (r: FuzzReport) => {
      if (r.type === 'case') {
        last = `case ${r.index}: ${r.what}`;
        arm();
      } else {
        clearTimeout(timer);
        void worker.terminate();
        if (r.type === 'done') resolve(r.runs);
        else reject(new Error(r.message));
      }
    });
    worker.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`worker crashed (seed ${job.seed}) at ${last}: ${e.message}`));
    });
  });
}

/** What every CLI run must look like, whatever it was given. */
function assertCleanExit(r: { exitCode: number; stdout: string; stderr: string }, what: string): void {
  assert.ok([0, 1, 2].includes(r.exitCode), `${what}: exit ${r.exitCode}\n${r.stderr.slice(0, 2000)}`);
  for (const out of [r.stdout, r.stderr]) assert.doesNotMatch(out, /^\s+at .*:\d+:\d+\)?$/m, `${what}: stack trace\n${out.slice(0, 2000)}`);
  for (const line of r.stderr.split('\n').filter(Boolean)) assert.match(line, /^(drachtioctl|warning): \S/, `${what}: stderr lines are one-line errors or warnings`);
}

describe('fuzz: hostile input ends in exit 0/1/2 with one-line messages', () => {
  for (const target of TARGETS) {
    const runs = RUNS ?? target.runs;
    for (const seed of [FIXED_SEED, ROTATING_SEED]) {
      it(`${target.name}: ${runs} in-process cases, seed ${seed}`, async (t) => {
        t.diagnostic(`replay with FUZZ_SEED=${seed}`);
        const done = await runInWorker({ target: target.name, seed, runs }).catch((e: Error) => {
          throw new Error(`${e.message}\n(${replay(seed)})`);
        });
        assert.equal(done, runs);
      });
    }

    it(`${target.name}: ${CLI_INPUTS} inputs and ${CLI_VECTORS} argument vectors through the CLI, seed ${ROTATING_SEED}`, { timeout: 300_000 }, async () => {
      const dir = tempDir();
      const inputs = fc.sample(target.inputs, { seed: ROTATING_SEED, numRuns: CLI_INPUTS });
      for (const [i, input] of inputs.entries()) {
        const path = join(dir, `${i}-${target.file}`);
        writeFileSync(path, input.bytes);
        assertCleanExit(await cli(target.argv(path), { timeout: HANG_MS }), `${input.what} (${replay(ROTATING_SEED)})`);
      }
      const vectors = fc.sample(fc.array(fc.constantFrom(...target.flags, TEMPLATE), { minLength: 1, maxLength: 5 }), { seed: ROTATING_SEED, numRuns: CLI_VECTORS });
      for (const argv of vectors) {
        // standard input ends at once, as in a CI job: an operand `-` reads it (an open pipe would be waited on, as cat waits)
        assertCleanExit(await cli([target.command, ...argv.slice(1)], { timeout: HANG_MS, input: '' }), `argv ${JSON.stringify(argv)} (${replay(ROTATING_SEED)})`);
      }
    });
  }
});
