/**
 * `npm run bench`: start-up and throughput of the built CLI against its budget (issue 15).
 * Whole-process wall times; each ratio is the median of per-round ratios to its yardstick
 * measured in the same round (`node -e 0`, `xmllint --noout` on the same file). The budget is
 * judged without NODE_EXTRA_CA_CERTS (as on users' machines); when this machine sets it, a second
 * table shows the figures with it. Exits 1 naming every budget missed. Inputs go to .bench/.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { binNodeOptions } from '../src/io/node-options.js';
import { validateText } from '../src/validate/engine.js';
import { bigConfig, writeInputs } from './inputs.js';
import { median, pairedRatio, peakRssMb, timeRounds, type Case } from './measure.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** the CLI as its shebang starts it: with the node options bin/run.js names (its code cache is built under them) */
const BIN = [...binNodeOptions(ROOT), join(ROOT, 'bin/run.js')];
const SCRATCH = join(ROOT, '.bench');
const PROBE = join(ROOT, 'dist/bench/rss-probe.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 21);
const HEAVY = Math.max(3, Math.ceil(RUNS / 3));

const inputs = writeInputs(SCRATCH, join(ROOT, 'templates/drachtio.conf.xml'));
const T = inputs.template;
const hasXmllint = spawnSync('xmllint', ['--version'], { stdio: 'ignore' }).status === 0;
const NODE = 'node -e 0';
const XMLLINT = 'xmllint --noout 5 MB';
const FIX_5K = 'validate --fix --dry-run 5k lines';

const node = (name: string, args: string[], runs = RUNS): Case => ({ name, cmd: process.execPath, args, runs });
const cli = (name: string, args: string[], runs = RUNS): Case => node(name, [...BIN, ...args], runs);
/** a case and its budget: at most `limit` times the case `against` */
const cases: { c: Case; limit?: number; against?: string }[] = [
  { c: node(NODE, ['-e', '0']) },
  { c: cli('--version', ['--version']), limit: 1.5, against: NODE },
  { c: cli('--help', ['--help']), limit: 1.8, against: NODE },
  { c: cli('validate template', ['validate', T]), limit: 1.8, against: NODE },
  { c: cli('explain admin.port', ['explain', 'admin.port']), limit: 1.8, against: NODE },
  { c: cli('resolve --file template', ['resolve', '--file', T]), limit: 1.8, against: NODE },
  { c: cli('convert --to json', ['convert', T, '--to', 'json', '--show-secrets']), limit: 2.2, against: NODE },
  { c: cli('convert --to xml', ['convert', T, '--to', 'xml', '--show-secrets']), limit: 2.2, against: NODE },
  { c: cli('env-export', ['env-export', T, '--show-secrets']), limit: 2.2, against: NODE },
  { c: cli('diff template template', ['diff', T, T]), limit: 2.2, against: NODE },
  { c: cli('render systemd', ['render', 'systemd', T]), limit: 2.2, against: NODE },
  { c: cli('validate 1,000 configs', ['validate', inputs.many], HEAVY), limit: 6, against: NODE },
  { c: cli('validate 5 MB config', ['validate', inputs.fiveMb], HEAVY), ...(hasXmllint && { limit: 4, against: XMLLINT }) },
  ...(hasXmllint ? [{ c: { name: XMLLINT, cmd: 'xmllint', args: ['--noout', inputs.fiveMb], runs: HEAVY } }] : []),
];
/** --fix --dry-run in the file's size, once per environment that is judged: a quadratic diff takes a minute here */
const fixCases: typeof cases = [
  { c: node(NODE, ['-e', '0'], 3) },
  { c: cli(FIX_5K, ['validate', '--fix', '--dry-run', inputs.fix5k], 3) },
  // 4 times the lines: linear is about 4 times the time, a quadratic diff 16 times
  { c: cli('validate --fix --dry-run 20k lines', ['validate', '--fix', '--dry-run', inputs.fix20k], 3), limit: 6, against: FIX_5K },
];
const RSS_LIMIT_MB = 100;

const missed: string[] = [];
const pad = (s: string | number, n: number) => String(s).padStart(n);

function report(label: string, env: NodeJS.ProcessEnv, judged: boolean): void {
  const all = judged ? [...cases, ...fixCases.slice(1)] : cases;
  const times = new Map([
    ...timeRounds(cases.map((x) => x.c), env),
    ...(judged ? [...timeRounds(fixCases.map((x) => x.c), env)].filter(([name]) => name !== NODE) : []),
  ]);
  console.log(`\n## whole process, ${label}\n`);
  console.log(`| case | median ms | × node -e 0 | budget | |\n|---|---:|---:|---|---|`);
  for (const { c, limit, against } of all) {
    const ms = median(times.get(c.name)!);
    let verdict = '| |';
    if (limit !== undefined && against !== undefined) {
      const ratio = pairedRatio(times, c.name, against);
      const ok = ratio <= limit;
      if (!ok && judged) missed.push(`${c.name}: ${ratio.toFixed(2)}× ${against} (limit ${limit}×)`);
      verdict = `| ${ratio.toFixed(2)}× ${against === NODE ? '' : `${against} `}(≤ ${limit}×) | ${ok ? 'ok' : 'OVER'} |`;
    }
    console.log(`| ${c.name} | ${ms.toFixed(1)} | ${pairedRatio(times, c.name, NODE).toFixed(2)} ${verdict}`);
  }
}

const withCerts = process.env.NODE_EXTRA_CA_CERTS;
const without = { ...process.env };
delete without.NODE_EXTRA_CA_CERTS;
report('NODE_EXTRA_CA_CERTS unset (as on users\' machines; the budget)', without, true);
if (withCerts) report(`NODE_EXTRA_CA_CERTS=${withCerts} (not judged; --fix --dry-run measured above only)`, process.env, false);
else console.log('\n(NODE_EXTRA_CA_CERTS is not set here: one environment only)');

console.log('\n## peak RSS (MB)\n');
console.log('| case | MB | budget | |\n|---|---:|---|---|');
for (const [name, args, limit] of [
  ['validate template', ['validate', T]],
  ['validate 5 MB config', ['validate', inputs.fiveMb]],
  ['validate 10,000 configs', ['validate', inputs.many10k], RSS_LIMIT_MB],
] as const) {
  const mb = peakRssMb(PROBE, [...BIN, ...args], without, SCRATCH);
  const ok = limit === undefined || mb <= limit;
  if (!ok) missed.push(`${name}: ${mb.toFixed(0)} MB peak RSS (limit ${limit} MB)`);
  console.log(`| ${name} | ${mb.toFixed(0)} | ${limit === undefined ? '' : `≤ ${limit}`} | ${limit === undefined ? '' : ok ? 'ok' : 'OVER'} |`);
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

console.log('\n## scaling with config size (in-process parse + validate; linear keeps µs/element flat, ×time near ×10)\n');
console.log(`${pad('elements', 9)} ${pad('bytes', 10)} ${pad('ms', 9)} ${pad('µs/elem', 8)} ${pad('×time', 7)}`);
let previous: number | undefined;
for (const n of [1_000, 10_000, 100_000]) {
  const text = bigConfig(n);
  const ms = timeFn(() => validateText(text, 'scale.xml'), n >= 100_000 ? 3 : 7);
  console.log(`${pad(n, 9)} ${pad(text.length, 10)} ${pad(ms.toFixed(2), 9)} ${pad(((ms * 1000) / n).toFixed(2), 8)} ${pad(previous ? (ms / previous).toFixed(1) : '', 7)}`);
  previous = ms;
}

if (missed.length > 0) {
  console.log(`\n${missed.length} budget(s) missed:\n${missed.map((m) => `  OVER ${m}`).join('\n')}`);
  process.exitCode = 1;
} else console.log('\nevery budget met');
