import { MASK, isSecret } from '../model/secrets.js';
import type { Resolution, Resolved } from '../resolve/index.js';

/** A resolution with secret values masked (in values and in what they overrode) unless asked not to. */
export function maskResolution(res: Resolution, showSecrets: boolean): Resolution {
  if (showSecrets) return res;
  const hide = (id: string, v: unknown) => (isSecret(id) && v !== '' && v !== undefined ? MASK : v);
  const settings: Record<string, Resolved> = {};
  for (const [id, r] of Object.entries(res.settings)) {
    settings[id] = { ...r, value: hide(id, r.value), overridden: r.overridden.map((o) => ({ ...o, value: hide(id, o.value) })) };
  }
  return { ...res, settings };
}

const show = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v));

/** One line per setting, like `git config --show-origin`: source, origin, id = value. */
export function formatResolution(res: Resolution): string {
  const lines = Object.entries(res.settings).map(([id, r]) => {
    const over = r.overridden.length ? `  (over ${r.overridden.map((o) => `${o.source} ${o.origin}`).join(', ')})` : '';
    return `${r.source.padEnd(7)} ${r.origin.padEnd(28)} ${id} = ${show(r.value)}${over}`;
  });
  lines.push('', startupLine(res));
  for (const w of res.warnings) lines.push(`warning: ${w}`);
  return lines.join('\n') + '\n';
}

export function startupLine(res: Resolution): string {
  const s = res.startup;
  if (s.ok) return 'startup: ok';
  const how = s.abort ? 'aborts (SIGABRT, status 134)' : `exits with status ${s.exitCode}`;
  return `startup: the server ${how}: ${s.errors.map((e) => `${e.origin}: ${e.message}`).join('; ')}`;
}

/** The chain for one setting: every layer that set it, which one won and the server rule that decided. */
export function formatExplain(id: string, r: Resolved | undefined): string {
  if (!r) return `${id}: not set anywhere and without a default: the server does not use it\n`;
  const lines = [`${id} = ${show(r.value)}`, `  wins:  ${r.source} ${r.origin}`];
  for (const o of r.overridden) lines.push(`  lost:  ${o.source} ${o.origin} = ${show(o.value)}${o.why ? ` (${o.why})` : ''}`);
  if (Array.isArray(r.value)) {
    r.value.forEach((item: { derived?: Record<string, unknown> }, i) => {
      for (const [field, v] of Object.entries(item.derived ?? {})) lines.push(`  derived: item ${i + 1} ${field} = ${show(v)} (set by the server itself, not configured)`);
    });
  }
  lines.push(`  rule:  ${r.why}`);
  return lines.join('\n') + '\n';
}
