import { get } from 'node:http';
import { isIP } from 'node:net';
import { PingError } from './client.js';
import { deadline } from './deadline.js';

/** The counters and gauges a health check looks at first (src/drachtio.h STATS_COUNTER_*, STATS_GAUGE_*). */
export const KEY_METRICS = [
  'drachtio_sip_requests_in_total',
  'drachtio_sip_requests_out_total',
  'drachtio_sip_responses_in_total',
  'drachtio_sip_responses_out_total',
  'drachtio_stable_dialogs',
  'drachtio_app_connections',
  'drachtio_registered_endpoints',
] as const;

export interface MetricsSummary {
  url: string;
  /** each key metric present, summed over its label sets */
  metrics: Record<string, number>;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{[^}]*\})?\s+(\S+)/;

/** Sum the samples of the key metrics in Prometheus' text exposition format. */
export function summariseMetrics(text: string): Record<string, number> {
  const wanted = new Set<string>(KEY_METRICS);
  const out: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const m = SAMPLE.exec(line);
    if (!m || !wanted.has(m[1]!)) continue;
    const v = Number(m[2]);
    if (Number.isFinite(v)) out[m[1]!] = (out[m[1]!] ?? 0) + v;
  }
  return out;
}

const MAX_BYTES = 8 * 1024 * 1024;

/** GET http://host:port/metrics within `timeoutMs`. */
export function scrapeMetrics(host: string, port: number, timeoutMs: number): Promise<MetricsSummary> {
  const url = `http://${isIP(host) === 6 ? `[${host}]` : host}:${port}/metrics`;
  return new Promise((resolve, reject) => {
    const finish = deadline(timeoutMs, () => reject(new PingError('timeout', `no answer from ${url} within ${timeoutMs} ms`)), () => req.destroy());
    const req = get(url, (res) => {
      if (res.statusCode !== 200) {
        finish(() => reject(new PingError('protocol', `${url} answered HTTP ${res.statusCode}`)));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_BYTES) finish(() => reject(new PingError('protocol', `${url} sent more than ${MAX_BYTES} bytes`)));
        else chunks.push(c);
      });
      res.on('end', () => finish(() => resolve({ url, metrics: summariseMetrics(Buffer.concat(chunks).toString('utf8')) })));
      res.on('error', (e) => finish(() => reject(new PingError('network', `${url}: ${e.message}`))));
    });
    req.on('error', (e: NodeJS.ErrnoException) =>
      finish(() => reject(new PingError(e.code === 'ECONNREFUSED' ? 'refused' : 'network', e.code === 'ECONNREFUSED' ? `connection refused by ${url}` : `${url}: ${e.message}`))),
    );
  });
}
