/**
 * `npm run bench`: start-up and throughput of the built CLI against the budget of issue #6.
 * Whole-process medians are compared with `node -e 0` measured in the same run (and the 5 MB
 * config with `xmllint --noout`), once without NODE_EXTRA_CA_CERTS (as users run it) and once
 * with it when this machine sets it. Inputs are generated into .bench/ at run time.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateText } from '../src/validate/engine.js';
import { bigConfig, writeInputs } from './inputs.js';
import { median, peakRssMb, timeAll, type Case } from './measure.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = join(ROOT, 'bin/run.js');
const SCRATCH = join(ROOT, '.bench');
const PROBE = join(ROOT, 'dist/bench/rss-probe.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 15);

const inputs = writeInputs(SCRATCH, join(ROOT, 'templates/drachtio.conf.xml'));
const hasXmllint = spawnSync('xmllint', ['--version'], { stdio: 'ignore' }).status === 0;
const node = (name: string, args: string[], runs = RUNS): Case => ({ name, cmd: process.execPath, args, runs });
const heavy = Math.max(3, Math.ceil(RUNS / 3));
const cases: Case[] = [
  node('node -e 0', ['-e', '0']),
  node('drachtioctl --version', [BIN, '--version']),
  node('drachtioctl --help', [BIN, '--help']),
  node('validate template', [BIN, 'validate', inputs.template]),
  node('validate 1 MB config', [BIN, 'validate', inputs.oneMb], heavy),
  node('validate 1,000 configs (dir)', [BIN, 'validate', inputs.many], heavy),
  node('validate 5 MB config', [BIN, 'validate', inputs.fiveMb], heavy),
  ...(hasXmllint ? [{ name: 'xmllint --noout 5 MB', cmd: 'xmllint', args: ['--noout', inputs.fiveMb], runs: heavy }] : []),
];

/** name -> [limit, what the ratio is taken against] */
const BUDGET: Record<string, [number, string]> = {
  'drachtioctl --version': [3, 'node -e 0'],
  'drachtioctl --help': [3, 'node -e 0'],
  'validate template': [3, 'node -e 0'],
  'validate 1,000 configs (dir)': [25, 'node -e 0'],
  'validate 5 MB config': [8, 'xmllint --noout 5 MB'],
};

const pad = (s: string | number, n: number) => String(s).padStart(n);
let failures = 0;

function report(label: string, env: NodeJS.ProcessEnv): void {
  const t = timeAll(cases, env);
  const base = t.get('node -e 0')!;
  console.log(`\n## whole process, ${label} (median ms; ratio to node -e 0 of this run)\n`);
  console.log(`${'case'.padEnd(30)} ${pad('ms', 8)} ${pad('× node', 8)}  budget`);
  for (const c of cases) {
    const ms = t.get(c.name)!;
    const budget = BUDGET[c.name];
    let verdict = '';
    if (budget && t.has(budget[1])) {
      const ratio = ms / t.get(budget[1])!;
      const ok = ratio <= budget[0];
      if (!ok && label.startsWith('without')) failures++;
      verdict = `${ratio.toFixed(2)}× ${budget[1]} (limit ${budget[0]}×) ${ok ? 'ok' : 'OVER'}`;
    }
    console.log(`${c.name.padEnd(30)} ${pad(ms.toFixed(1), 8)} ${pad((ms / base).toFixed(2), 8)}  ${verdict}`);
  }
}

const withCerts = process.env.NODE_EXTRA_CA_CERTS;
const without = { ...process.env };
delete without.NODE_EXTRA_CA_CERTS;
report('without NODE_EXTRA_CA_CERTS (as on users\' machines; the budget)', without);
if (withCerts) report(`with NODE_EXTRA_CA_CERTS=${withCerts}`, process.env);
else console.log('\n(NODE_EXTRA_CA_CERTS is not set here: one environment only)');

console.log('\n## peak RSS (MB)\n');
for (const [name, args] of [
  ['validate template', ['validate', inputs.template]],
  ['validate 1,000 configs (dir)', ['validate', inputs.many]],
  ['validate 5 MB config', ['validate', inputs.fiveMb]],
] as const) {
  const mb = peakRssMb(PROBE, [BIN, ...args], without, SCRATCH);
  if (mb >= 150) failures++;
  console.log(`${name.padEnd(30)} ${pad(mb.toFixed(0), 8)}  (limit 150) ${mb < 150 ? 'ok' : 'OVER'}`);
}

/** Median ms of `fn` over `runs` calls after one warm-up call. */
function timeFn(fn: () => void, runs: number): number {
  fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    fn();
    t.push(performance.now() - s);
  }
  return median(t);
}

console.log('\n## in-process parse + validate\n');
const template = readFileSync(inputs.template, 'utf8');
const oneMb = readFileSync(inputs.oneMb, 'utf8');
const tTemplate = timeFn(() => validateText(template, 'template.xml'), 200);
const tOneMb = timeFn(() => validateText(oneMb, '1mb.xml'), 5);
console.log(`template (${template.length} B)      ${pad((1000 / tTemplate).toFixed(0), 8)} files/s  (${(tTemplate * 1000).toFixed(0)} µs each)`);
console.log(`1 MB config                ${pad(((oneMb.length / 2 ** 20) / (tOneMb / 1000)).toFixed(1), 8)} MB/s     (${tOneMb.toFixed(0)} ms)`);

console.log('\n## scaling with config size (in-process; linear growth keeps µs/element flat and ×time near ×10)\n');
console.log(`${pad('elements', 9)} ${pad('bytes', 10)} ${pad('ms', 9)} ${pad('µs/elem', 8)} ${pad('×time', 7)}`);
let previous: number | undefined;
for (const n of [100, 1_000, 10_000, 100_000]) {
  const text = bigConfig(n);
  const ms = timeFn(() => validateText(text, 'scale.xml'), n >= 100_000 ? 3 : 7);
  console.log(`${pad(n, 9)} ${pad(text.length, 10)} ${pad(ms.toFixed(2), 9)} ${pad(((ms * 1000) / n).toFixed(2), 8)} ${pad(previous ? (ms / previous).toFixed(1) : '', 7)}`);
  previous = ms;
}

console.log(failures ? `\n${failures} budget(s) missed` : '\nevery budget met');
process.exitCode = failures ? 1 : 0;
