import type { DrachtioConfig } from '../model/config.js';
import { displayValue } from '../model/secrets.js';
import { LISTS, SCALARS, type CliForm, type EnvForm, type Setting } from '../registry/index.js';
import { resolve, isUnset } from '../resolve/index.js';
import { readArg } from '../sources/layer.js';
import type { Assignment, Lost } from './types.js';

export type Target = 'env' | 'args';

/**
 * The environment variables or flags that give the server the same effective values as a
 * configuration model, driven by the registry's env and cli forms. Each value is checked by
 * reading it back with the server's own reader; what does not survive is listed as lost.
 */
export function assignmentsOf(config: DrachtioConfig, target: Target, showSecrets = true): { assignments: Assignment[]; lost: Lost[] } {
  const res = resolve({ file: { config } });
  const out: Assignment[] = [];
  const lost: Lost[] = [];
  const formOf = (s: Setting): CliForm | EnvForm | undefined => (target === 'env' ? (s.env ?? undefined) : s.cli[0]);
  const nameOf = (f: CliForm | EnvForm) => ('long' in f ? f.long : f.name);
  const cannot = (id: string, why: string) => lost.push({ setting: id, message: `${id}: ${why}` });
  const where = target === 'env' ? 'the environment' : 'the command line';

  const groupsDone = new Set<string>();
  for (const s of SCALARS) {
    if (!config.values.has(s.id)) continue;
    const r = res.settings[s.id];
    const form = formOf(s);
    if (s.precedence === 'contacts') continue;
    if (s.precedence === 'group') {
      const group = s.id.slice(0, s.id.lastIndexOf('.'));
      if (!groupsDone.has(group)) group_(group);
      groupsDone.add(group);
      continue;
    }
    if (!form) {
      cannot(s.id, `has no form in ${where}`);
      continue;
    }
    if (!r || r.source === 'default') continue;
    const text = formatValue(r.value);
    if (s.cli[0]?.long === 'user-agent-options-auto-respond' && target === 'args') {
      cannot(s.id, '--user-agent-options-auto-respond takes no argument and crashes the server: use the environment or the file');
      continue;
    }
    const back = readArg(s, form, text);
    if ('fatal' in back || back.ignored || isUnset(s, back.value) || back.value !== r.value) {
      if (r.value === false) continue;
      cannot(s.id, `${String(displayValue(s.id, r.value, showSecrets))} cannot be expressed in ${where}: ${nameOf(form)} ${'fatal' in back ? 'rejects it' : back.ignored ?? "treats it as 'not given', so the default applies"}`);
      continue;
    }
    out.push({ setting: s.id, name: nameOf(form), ...(form.reader !== 'flag' && { text: form.reader === 'atoi-one' ? '1' : text }) });
  }
  lists();
  return { assignments: out, lost };

  function group_(group: string): void {
    const members = SCALARS.filter((m) => m.id.startsWith(`${group}.`));
    const value = (name: string) => res.settings[`${group}.${name}`]?.value;
    if (!members.some((m) => res.settings[m.id] && res.settings[m.id]!.source !== 'default')) {
      cannot(group, `the file's element is incomplete, so the server ignores it; in ${where} it would not be ignored`);
      return;
    }
    // a "host:port" form carries the address and port together
    const combined = members.some((m) => formOf(m)?.syntax);
    for (const m of members) {
      const r = res.settings[m.id];
      if (!r || r.value === '') continue;
      const form = formOf(m);
      if (form?.syntax === 'host[:port]') {
        out.push({ setting: m.id, name: nameOf(form), text: `${String(r.value)}:${String(value('port'))}` });
      } else if (form?.syntax === '[host:]port') {
        const host = value('address');
        if (String(host ?? '').includes(':')) cannot(m.id, `the address "${String(host)}" contains ':', which the server cannot split from the port`);
        else out.push({ setting: m.id, name: nameOf(form), text: host === undefined ? String(r.value) : `${String(host)}:${String(r.value)}` });
      } else if (form) {
        out.push({ setting: m.id, name: nameOf(form), text: formatValue(r.value) });
      } else if (!(combined && (m.id.endsWith('.address') || m.id.endsWith('.port'))) && r.value !== m.default) {
        cannot(m.id, `${String(r.value)} cannot be expressed in ${where}`);
      }
    }
  }

  function lists(): void {
    for (const l of LISTS) {
      const r = res.settings[l.id];
      if (!r || r.source === 'default') continue;
      const items = r.value as Record<string, unknown>[];
      if (l.id === 'request-handlers') {
        const only = items[0]!;
        if (items.length !== 1 || only['sip-method'] !== '*') {
          cannot(l.id, `per-method request handlers cannot be expressed in ${where}: it holds one handler for every method`);
        } else if (target === 'env' && only['http-method'] === 'POST') {
          cannot(l.id, 'DRACHTIO_HTTP_HANDLER_URI always uses GET: the POST handler cannot be expressed in the environment');
        } else {
          const url = l.fields.find((f) => f.id === 'url')!;
          out.push({ setting: l.id, name: target === 'env' ? url.env!.name : url.cli[0]!.long, text: String(only.url) });
          const method = l.fields.find((f) => f.id === 'http-method')!;
          if (target === 'args' && only['http-method'] === 'POST') out.push({ setting: l.id, name: method.cli[0]!.long, text: 'POST' });
        }
        continue;
      }
      if (l.cli.length === 0 || target === 'env') {
        cannot(l.id, `has no form in ${where}`);
        continue;
      }
      items.forEach((item, i) => {
        for (const f of l.fields) {
          const v = item[f.id];
          if (v === undefined || v === '') continue;
          if (Array.isArray(v)) {
            if (i !== items.length - 1) cannot(`${l.id}.${f.id}`, `--${f.cli[0]!.long} always attaches to the last --contact, so item ${i + 1}'s cannot be expressed`);
            else for (const n of v) out.push({ setting: l.id, name: f.cli[0]!.long, text: String(n) });
          } else {
            out.push({ setting: l.id, name: f.cli[0]!.long, text: String(v) });
          }
        }
      });
    }
  }
}

export function formatValue(v: unknown): string {
  return typeof v === 'boolean' ? (v ? '1' : '0') : String(v);
}
