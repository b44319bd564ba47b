import type { DoctorReport } from './index.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** One line per check (status, id, message, where the setting was written), then the counts. */
export function formatDoctor(r: DoctorReport): string {
  const idWidth = Math.max(0, ...r.checks.map((c) => c.id.length));
  const lines = r.checks.map((c) => `${c.status.padEnd(4)}  ${c.id.padEnd(idWidth)}  ${c.message}${c.origin ? `  [${c.origin}]` : ''}`);
  const { ok, warn, fail } = r.summary;
  return `${[...lines, `${ok} ok, ${plural(warn, 'warning')}, ${plural(fail, 'failure')}`].join('\n')}\n`;
}
