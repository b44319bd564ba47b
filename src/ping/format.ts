import type { MetricsSummary } from './prometheus.js';

/** `ping --json`. */
export interface PingJson {
  authenticated: boolean;
  rttMs: number | null;
  version: string | null;
  hostports: string[];
  localHostports: string[];
  /** the one line that says why not, when the ping or the scrape failed */
  error?: string;
  prometheus?: MetricsSummary;
}

/** The answer of an authenticated ping, for people. */
export function formatPing(r: PingJson, at: { host: string; port: number; tls: boolean }): string {
  const lines = [
    `authenticated at ${at.host}:${at.port}${at.tls ? ' (TLS)' : ''} in ${r.rttMs} ms: drachtio ${r.version ?? '(no version)'}`,
    `SIP hostports: ${r.hostports.join(', ') || '(none)'}`,
    `local hostports: ${r.localHostports.join(', ') || '(none)'}`,
  ];
  if (r.prometheus) {
    const m = Object.entries(r.prometheus.metrics);
    lines.push(`${r.prometheus.url}: ${m.length > 0 ? m.map(([k, v]) => `${k.replace(/^drachtio_/, '')} ${v}`).join(', ') : 'no drachtio metrics'}`);
  }
  return `${lines.join('\n')}\n`;
}
