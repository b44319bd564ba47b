import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export interface Case {
  name: string;
  cmd: string;
  args: string[];
  runs: number;
}

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Wall time of one whole process, in ms. Output is discarded; a failure to start is an error. */
function timeOnce(c: Case, env: NodeJS.ProcessEnv): number {
  const start = process.hrtime.bigint();
  const r = spawnSync(c.cmd, c.args, { env, stdio: 'ignore' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.error || r.status === null || r.status > 1) throw new Error(`${c.name}: exit ${r.status} ${r.error?.message ?? ''}`);
  return ms;
}

/**
 * Median wall time of each case. Runs are interleaved round by round, so a burst of load from
 * other processes on the machine hits every case alike and the ratios stay fair.
 */
export function timeAll(cases: readonly Case[], env: NodeJS.ProcessEnv): Map<string, number> {
  const times = new Map(cases.map((c) => [c.name, [] as number[]]));
  for (const c of cases) timeOnce(c, env); // warm the page cache
  const rounds = Math.max(...cases.map((c) => c.runs));
  for (let i = 0; i < rounds; i++) {
    for (const c of cases) if (i < c.runs) times.get(c.name)!.push(timeOnce(c, env));
  }
  return new Map([...times].map(([name, t]) => [name, median(t)]));
}

/** Peak resident set size of a node process (MB), reported by a preloaded probe as it exits. */
export function peakRssMb(probe: string, args: string[], env: NodeJS.ProcessEnv, scratch: string): number {
  const out = join(scratch, 'rss.txt');
  rmSync(out, { force: true });
  spawnSync(process.execPath, ['--import', probe, ...args], { env: { ...env, BENCH_RSS_FILE: out }, stdio: 'ignore' });
  return Number(readFileSync(out, 'utf8')) / 1024;
}
