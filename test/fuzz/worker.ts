/**
 * Runs one target's in-process fuzz cases in a worker thread, so that the test can stop a case
 * that hangs (a synchronous loop cannot be interrupted from its own thread).
 */
import fc from 'fast-check';
import { parentPort, workerData } from 'node:worker_threads';
import { TARGETS } from './targets.js';

export interface FuzzJob {
  /** target name */
  target: string;
  seed: number;
  runs: number;
}

export type FuzzReport = { type: 'case'; index: number; what: string } | { type: 'done'; runs: number } | { type: 'fail'; message: string };

// `node --test dist/test/` also loads this file on its own: it then has no job and does nothing
if (parentPort) void run(workerData as FuzzJob);

async function run({ target: name, seed, runs }: FuzzJob): Promise<void> {
  const target = TARGETS.find((t) => t.name === name)!;
  const post = (r: FuzzReport) => parentPort!.postMessage(r);
  let index = 0;
  const result = await fc.check(
    fc.asyncProperty(target.inputs, fc.boolean(), async (input, markdown) => {
      post({ type: 'case', index: index++, what: `${input.what} (${input.bytes.length} bytes)` });
      // the same bytes as a Markdown file's xml block exercise the Markdown reader too
      const file = markdown && target.file.endsWith('.xml') ? target.file.replace(/\.xml$/, '.md') : target.file;
      const bytes = file.endsWith('.md') ? Buffer.concat([Buffer.from('# doc\n```xml\n'), input.bytes, Buffer.from('\n```\n')]) : input.bytes;
      await target.inProcess(bytes, file);
    }),
    { seed, numRuns: runs, endOnFailure: true },
  );
  if (result.failed) {
    const [input, markdown] = result.counterexample ?? [];
    const error = result.errorInstance instanceof Error ? (result.errorInstance.stack ?? result.errorInstance.message) : String(result.errorInstance);
    post({ type: 'fail', message: `seed ${seed}, path ${result.counterexamplePath}: ${input?.what}${markdown ? ' (as Markdown)' : ''}\n${error}` });
  } else post({ type: 'done', runs: result.numRuns });
}
