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

/** A run slower than this is a hang (a quadratic path, say): it is stopped and counted at this time. */
const TIMEOUT_MS = 60_000;

/** Wall time of one whole process, in ms. Output is read through a pipe, as CI reads it; a failure to start is an error. */
function timeOnce(c: Case, env: NodeJS.ProcessEnv): number {
  const start = process.hrtime.bigint();
  const r = spawnSync(c.cmd, c.args, { env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 2 ** 30, timeout: TIMEOUT_MS });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.error && (r.error as NodeJS.ErrnoException).code !== 'ETIMEDOUT') throw new Error(`${c.name}: ${r.error.message}`);
  if (r.status !== null && r.status > 1) throw new Error(`${c.name}: exit ${r.status}: ${String(r.stderr).trim()}`);
  return ms;
}

/**
 * Each case's wall times, round by round. Runs are interleaved (every case once per round), so
 * a burst of load from other processes hits every case of a round alike: a ratio taken within
 * a round stays fair. A case with fewer runs than there are rounds runs in the first rounds.
 */
export function timeRounds(cases: readonly Case[], env: NodeJS.ProcessEnv): Map<string, number[]> {
  const times = new Map(cases.map((c) => [c.name, [] as number[]]));
  for (const c of cases) timeOnce(c, env); // warm the page cache
  const rounds = Math.max(...cases.map((c) => c.runs));
  for (let i = 0; i < rounds; i++) {
    for (const c of cases) if (i < c.runs) times.get(c.name)!.push(timeOnce(c, env));
  }
  return times;
}

/** Median of the per-round ratios of `a` to `b` (rounds where both ran). */
export function pairedRatio(times: Map<string, number[]>, a: string, b: string): number {
  const ta = times.get(a)!;
  const tb = times.get(b)!;
  return median(ta.slice(0, tb.length).map((t, i) => t / tb[i]!));
}

/** Peak resident set size of a node process (MB), reported by a preloaded probe as it exits. */
export function peakRssMb(probe: string, args: string[], env: NodeJS.ProcessEnv, scratch: string): number {
  const out = join(scratch, 'rss.txt');
  rmSync(out, { force: true });
  spawnSync(process.execPath, ['--import', probe, ...args], { env: { ...env, BENCH_RSS_FILE: out }, stdio: 'ignore' });
  return Number(readFileSync(out, 'utf8')) / 1024;
}
